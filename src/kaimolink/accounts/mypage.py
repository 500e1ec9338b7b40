"""The registry of the person's page ("My page", `accounts:dashboard`): one section per app.

accounts knows no app above it (docs/architecture.md), yet the person's page shows their
registrations, homework, certificates, bookings and actors. Each app that has something
to show registers one section in its `AppConfig.ready()`:

    mypage.register_section(
        "events", order=10, title=_("My events"),
        template="events/_me_section.html", builder=me_section.build,
    )

`builder(user) -> dict` gives the context of the app's template (which lives in the app,
`<app>/templates/<app>/_me_section.html`). A builder makes a fixed number of queries,
whatever the number of items: the page's query count must not grow with a person's
history (tests/accounts/test_mypage.py counts). Sections show in `order`, lowest first.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    title: str
    template: str
    builder: Callable[[object], dict]


@dataclass(frozen=True)
class BuiltSection:
    """A section ready for the page: its template and the context its builder gave."""

    key: str
    title: str
    template: str
    context: dict


_sections: dict[str, Section] = {}


def register_section(
    key: str, *, order: int, title: str, template: str, builder: Callable[[object], dict]
) -> None:
    """Add (or replace, when an app is set up again) the section `key`: the app's label."""
    _sections[key] = Section(key=key, order=order, title=title, template=template, builder=builder)


def sections() -> list[Section]:
    """The registered sections, in their order (then by key, so the order is stable)."""
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def build(user) -> list[BuiltSection]:
    """Every section's context for this person, in page order."""
    return [
        BuiltSection(
            key=section.key,
            title=str(section.title),
            template=section.template,
            context=section.builder(user),
        )
        for section in sections()
    ]
