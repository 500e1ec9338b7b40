"""The client address behind a configured number of trusted proxies (issue 8, finding 4)."""

import pytest
from django.test import RequestFactory

from kaimolink.core.clientip import client_ip


def request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_connecting_address_counts_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_ip(request(forwarded="203.0.113.9")) == "10.0.0.1"


@pytest.mark.parametrize(
    "hops, forwarded, expected",
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),  # the left one is the client's claim
        (2, "198.51.100.7, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_behind_proxies_the_entry_our_outermost_proxy_wrote_counts(
    settings, hops, forwarded, expected
):
    settings.TRUSTED_PROXY_HOPS = hops
    assert client_ip(request(forwarded=forwarded)) == expected


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address", "<script>", "1.2.3.4.5"])
def test_a_missing_or_invalid_header_falls_back_to_the_connecting_address(settings, forwarded):
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_ip(request(forwarded=forwarded)) == "10.0.0.1"


def test_a_header_shorter_than_the_hops_falls_back_to_the_connecting_address(settings):
    settings.TRUSTED_PROXY_HOPS = 2
    assert client_ip(request(forwarded="203.0.113.9")) == "10.0.0.1"
