"""The registry of a person's data: what each app contributes to the export and the erasure.

accounts knows no app above it. Each app that holds personal data registers one section in
its `AppConfig.ready()`:

    personal_data.register("events", export=gdpr.personal_data, erase=gdpr.erase)

`export(user) -> dict` gives the app's keys of the JSON export; `erase(user)` does what must
happen before the account row is deleted, beyond the database's CASCADE and SET_NULL.
Sections export in the order the apps are installed (lower floors first) and erase in the
reverse order: an app erases before the apps it builds on (actors last, which may delete
profiles only this person could edit). tests/accounts/test_personal_data.py checks that
every model pointing at a person belongs to a registered section or is listed as exempt.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable[[object], dict]
    erase: Callable[[object], None]


_sections: dict[str, Section] = {}


def register(name: str, *, export: Callable[[object], dict], erase: Callable[[object], None]):
    """Add (or replace, when an app is set up again) the section `name`: the app's label."""
    _sections[name] = Section(name=name, export=export, erase=erase)


def sections() -> list[Section]:
    """The registered sections, in the order the apps registered them."""
    return list(_sections.values())
