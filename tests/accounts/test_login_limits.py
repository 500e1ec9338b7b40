"""Login and contact-form limits behind a reverse proxy (issue 8, finding 4).

Behind the proxy every request connects from the proxy's address: keyed on that, ten
failed logins a minute from anyone blocked every login, and five wrong passwords let
anyone lock a chosen account. Limits now key on the client address the trusted proxy
reports (core.clientip), and failed logins on account and address together.
"""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache

from kaimolink import settings as project_settings
from tests.factories import ActorFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "slaptas-Zodis-42"  # tests/factories.py UserFactory's password
PROXY = "10.0.0.1"
CLIENT_A = "203.0.113.10"
CLIENT_B = "198.51.100.20"
LOGIN = "/lt/accounts/login/"


@pytest.fixture(autouse=True)
def _behind_a_proxy(settings):
    """The production limits (tests switch allauth's off) behind one trusted proxy."""
    settings.ACCOUNT_RATE_LIMITS = project_settings.ACCOUNT_RATE_LIMITS
    settings.TRUSTED_PROXY_HOPS = 1
    cache.clear()
    yield
    cache.clear()


def person(email):
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(client, email, password, address):
    return client.post(
        LOGIN,
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and "/me/" in response["Location"]


def test_wrong_passwords_from_one_address_do_not_lock_the_account_for_another(client):
    person("ona@example.lt")
    for _ in range(5):
        assert not logged_in(log_in(client, "ona@example.lt", "neteisingas", CLIENT_A))
    # A is now refused even with the right password: the limit works...
    assert not logged_in(log_in(client, "ona@example.lt", PASSWORD, CLIENT_A))
    # ...but Ona, from her own address, logs in.
    assert logged_in(log_in(client, "ona@example.lt", PASSWORD, CLIENT_B))


def test_failed_logins_from_one_address_do_not_block_another_address(client):
    person("jonas@example.lt")
    # Someone at A tries many accounts until A's own per-address limit stops them.
    for n in range(31):
        log_in(client, f"nera{n}@example.lt", "neteisingas", CLIENT_A)
    assert not logged_in(log_in(client, "jonas@example.lt", PASSWORD, CLIENT_A))
    assert logged_in(log_in(client, "jonas@example.lt", PASSWORD, CLIENT_B))


def test_contact_form_limit_counts_each_client_behind_the_proxy(
    client, django_capture_on_commit_callbacks
):
    actor = ActorFactory(email="info@ukis.lt")
    url = f"{actor.get_absolute_url()}contact/"
    data = {"name": "Ona", "email": "ona@example.lt", "message": "Labas, ar galite padėti?"}

    def send(address):
        # E-mail is queued when the transaction commits (core.mail).
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)

    assert [send(CLIENT_A).status_code for _ in range(6)] == [302] * 5 + [429]
    assert send(CLIENT_B).status_code == 302
    assert len(mail.outbox) == 6
