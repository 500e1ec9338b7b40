"""Mentions of actors: `@actor-slug` in a post links to the actor's public profile.

The syntax is `@` followed by the actor's slug, the last part of its profile address
(`/lt/actors/josvainiu-bendruomenes-centras/` → `@josvainiu-bendruomenes-centras`), in
lower case, not preceded by a letter, digit or dot (so e-mail addresses are not mentions).
Mentions inside code and inside links stay as written; mentions of unknown or unpublished
actors stay plain text.

Both finding mentions (when a post is saved, to notify) and linking them (when a page is
built) work on the sanitised HTML from core.markdown, so they agree on what a mention is.
Links are added to text between tags only; the inserted HTML is built with format_html,
so it cannot carry anything the sanitiser removed.
"""

import re

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from kaimolink.core.markdown import render_markdown

MENTION = re.compile(r"(?<![\w.@/&#-])@([a-z0-9]+(?:-[a-z0-9]+)*)(?![\w-])")
_TAG = re.compile(r"(<[^>]*>)")
_SKIP = {"a", "code", "pre"}
MAX_MENTIONS = 20


def _segments(html: str):
    """(text, inside) for each piece of the HTML: inside says if it is a tag or in a/code/pre."""
    depth = 0
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            name = piece.strip("</>").split()[0].lower() if piece.strip("</>") else ""
            if name in _SKIP:
                depth += -1 if piece.startswith("</") else 1
                depth = max(depth, 0)
            yield piece, True
        else:
            yield piece, depth > 0


def mention_slugs(html: str) -> list[str]:
    """The slugs mentioned in rendered HTML, first mention first, each once."""
    found: dict[str, None] = {}
    for text, inside in _segments(html):
        if not inside:
            for match in MENTION.finditer(text):
                found.setdefault(match.group(1), None)
    return list(found)[:MAX_MENTIONS]


def slugs_in_source(body: str) -> list[str]:
    return mention_slugs(str(render_markdown(body)))


def link_mentions(html: str, actors: dict) -> SafeString:
    """The HTML with each mention of a known actor (slug → Actor) made a link."""
    if "@" not in html:
        return mark_safe(html)  # noqa: S308 (already sanitised)

    def link(match):
        actor = actors.get(match.group(1))
        if actor is None:
            return match.group(0)
        return format_html(
            '<a class="mention" href="{}">@{}</a>',
            reverse("actors:detail", kwargs={"slug": actor.slug}),
            actor.name,
        )

    parts = [text if inside else MENTION.sub(link, text) for text, inside in _segments(html)]
    return mark_safe("".join(parts))  # noqa: S308 (sanitised pieces, escaped inserts)
