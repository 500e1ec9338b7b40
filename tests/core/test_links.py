"""Full addresses for e-mails and PDFs (core.links)."""

from kaimolink.core.links import absolute, page_link


def test_absolute_prefixes_site_paths_and_keeps_full_addresses(settings):
    settings.SITE_URL = "https://vvg.example.lt/"
    assert absolute("/lt/actors/") == "https://vvg.example.lt/lt/actors/"
    assert absolute("https://other.example/x") == "https://other.example/x"


def test_page_link_is_lithuanian_unless_asked(settings):
    settings.SITE_URL = "https://vvg.example.lt"
    assert page_link("events:list") == "https://vvg.example.lt/lt/events/"
    assert page_link("events:list", language="en") == "https://vvg.example.lt/en/events/"
    assert page_link("events:detail", slug="x") == "https://vvg.example.lt/lt/events/x/"
