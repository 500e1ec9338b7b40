"""Addresses people type in become links only when they are http(s) (issue 8, finding 1)."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from kaimolink.core.weblinks import safe_web_url, validate_web_url


def render(value) -> str:
    return Template("{% load weblinks %}{{ value|web_link }}").render(Context({"value": value}))


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "ftp://files.example.lt/a",
        "meet.example.lt",
    ],
)
def test_web_link_of_a_non_web_address_is_plain_text(value):
    html = render(value)
    assert "<a" not in html and "href" not in html
    assert safe_web_url(value) is None
    with pytest.raises(ValidationError):
        validate_web_url(value)


@pytest.mark.parametrize("value", ["https://meet.jit.si/kaimas", "http://www.kaimas.lt/?a=1&b=2"])
def test_web_link_of_a_web_address_is_a_link(value):
    html = render(value)
    assert html.startswith('<a href="http') and 'rel="nofollow noopener"' in html
    validate_web_url(value)


def test_web_link_escapes_the_text():
    html = render('https://example.lt/"><script>alert(1)</script>')
    assert "<script>" not in html
