"""Markdown people write is shown as harmless HTML."""

from html.parser import HTMLParser

import pytest

from kaimolink.core.markdown import ALLOWED_TAGS, render_markdown


class _Elements(HTMLParser):
    """Every real element and attribute of the HTML (escaped text is only text)."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list:
    parser = _Elements()
    parser.feed(str(html))
    return parser.elements


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="https://x.lt" onclick="steal()">x</a>',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        '<svg onload="alert(1)"></svg>',
        "<iframe src=https://evil.example></iframe>",
        '<div style="background:url(javascript:alert(1))">x</div>',
        "![x](https://evil.example/track.png)",
        '[x](https://ok.lt "title" onmouseover=alert(1))',
        "<<script>script>alert(1)<</script>/script>",
    ],
)
def test_hostile_markdown_is_rendered_harmless(hostile):
    html = render_markdown(hostile)
    for tag, attributes in elements(html):
        assert tag in ALLOWED_TAGS, html
        assert set(attributes) <= {"href", "title", "rel"}, html
        href = (attributes.get("href") or "https:").strip().lower()
        assert href.startswith(("https:", "http:", "mailto:")), html


def test_the_check_above_catches_a_dangerous_element():
    assert elements('<p><a href="javascript:x" onclick="y">z</a></p>')[1] == (
        "a",
        {"href": "javascript:x", "onclick": "y"},
    )
    assert elements("<p>&lt;script&gt;</p>") == [("p", {})]


def test_markdown_formatting_and_safe_links_survive():
    html = render_markdown("**Medus** ir *vaškas*\n\n- vienas\n- du\n\n[Ūkis](https://ukis.lt)")
    assert "<strong>Medus</strong>" in html and "<em>vaškas</em>" in html
    assert "<li>vienas</li>" in html
    assert '<a href="https://ukis.lt" rel="nofollow noopener ugc">Ūkis</a>' in html


def test_raw_html_is_shown_as_text_not_dropped():
    html = render_markdown("Naudokite <b> žymą")
    assert "&lt;b&gt;" in html


def test_the_template_filter_renders_sanitised_html():
    from django.template import Context, Template

    out = Template("{% load kaimolink_text %}{{ body|markdown }}").render(
        Context({"body": "**a** <script>x</script>"})
    )
    assert "<strong>a</strong>" in out and "<script>" not in out
