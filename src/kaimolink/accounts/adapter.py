"""kaimolink's allauth adapter (settings.ACCOUNT_ADAPTER)."""

from allauth.account.adapter import DefaultAccountAdapter

from kaimolink.core.clientip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """allauth's rate limits key on the same client address as ours (core.clientip)."""
        return client_ip(request) or super().get_client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth counts failed logins per account ("key"): five wrong passwords from
        # anywhere would lock the account for everyone. Counting per account *and* address
        # lets nobody lock out someone else; ACCOUNT_RATE_LIMITS keeps a looser limit per
        # address. (A private hook of allauth: tests/accounts/test_login_limits.py guards it.)
        return (
            f"{super()._get_login_attempts_cache_key(request, **credentials)}:{client_ip(request)}"
        )
