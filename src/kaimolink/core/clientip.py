"""The address of the person making a request, for rate limits (and nothing that grants access).

Without a proxy the connecting address (REMOTE_ADDR) is the client. Behind the reverse
proxy that docs/deploy.md recommends every request connects from the proxy, so keying on
REMOTE_ADDR would count everyone together. With TRUSTED_PROXY_HOPS = N, each of our N
proxies appends the address it saw to X-Forwarded-For, so the N-th entry from the right is
the client as our outermost proxy saw it; entries further left are the client's own claims
and are never used. A header that is missing, too short or not an address falls back to
REMOTE_ADDR (a misconfigured proxy then limits too much, never too little per client).
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hops = settings.TRUSTED_PROXY_HOPS
    if hops <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry.strip() for entry in forwarded.split(",")]
    if len(entries) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-hops]))
    except ValueError:
        return remote
