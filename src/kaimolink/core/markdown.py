"""Markdown written by people, rendered to HTML that is safe to show to everyone.

Markdown is converted first (raw HTML in the text is escaped, not passed through), then
the result is cleaned by nh3 (the Rust `ammonia` sanitiser) with a short allow-list: no
scripts, no event handlers, no styles, no images (they would load from other sites), and
links only to http, https and mailto, opened with rel="nofollow noopener ugc".
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
MAX_LENGTH = 20_000


class _EscapeHtml(markdown_lib.Extension):
    """Treat raw HTML in the text as text: `<script>` shows as written and does nothing."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def render_markdown(text: str, *, link_class: str = "") -> SafeString:
    html = markdown_lib.markdown(
        (text or "")[:MAX_LENGTH],
        extensions=[_EscapeHtml(), "sane_lists", "nl2br"],
        output_format="html",
    )
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener ugc",
    )
    return mark_safe(clean)  # noqa: S308 (sanitised just above)
