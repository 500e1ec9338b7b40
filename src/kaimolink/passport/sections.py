"""The registry of the learning record's sections ("passport"): one per kind of thing
kaimolink certifies about a person or an actor.

passport stands on a floor above the apps it reads, yet an app built later (the
certification app's accreditations and marks) must be able to add its part without
passport knowing it in advance. Each section registers entry functions:

    sections.register(
        "marks", order=50, title=_("Certification marks"),
        actor_entries=marks_entries,   # (actor) -> list[Entry]
    )

`person_entries(person)` and `actor_entries(actor)` return what that person or actor earned
as `Entry` rows, newest first. Each must make a fixed number of queries however many
entries there are (the pages' query counts are tested). Nothing is stored: the record is
read afresh from the apps each time, so an erased person or a revoked document is gone
from it (or marked) at once.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext

from kaimolink.core.text import lt_sort_key
from kaimolink.events.selectors import tenths


@dataclass(frozen=True)
class Link:
    """A download or page offered with an entry (a certificate's PDF, its badge…)."""

    label: str
    url: str
    download: bool = False


@dataclass(frozen=True)
class Entry:
    """One thing earned: a training attended, homework accepted, a certificate, a mark…

    `url` is the page of what it is about (the event); `verify_url` and `verify_code` the
    public verification page and the code printed on the paper (the PDF prints both);
    `links` the downloads its holder may take; `credential` the verifiable credential
    (credentials.Credential), whose download the page offers and the bundle carries.
    A `revoked` entry is shown, marked, and counted in no total. `person` names who earned
    it on an actor's record (None on a person's own).
    """

    kind: str
    title: str
    date: datetime.date | None
    hours: Decimal | None = None
    detail: str = ""
    url: str = ""
    credential: object = None
    verify_url: str = ""
    verify_code: str = ""
    links: tuple[Link, ...] = ()
    revoked: bool = False
    person: object = None


EntryFunction = Callable[[object], list[Entry]]


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    title: str
    person_entries: EntryFunction | None
    actor_entries: EntryFunction | None
    sums_hours: bool


@dataclass(frozen=True)
class BuiltSection:
    """A section with the entries of one person or actor."""

    key: str
    title: str
    entries: list[Entry]
    sums_hours: bool

    @property
    def counted(self) -> list[Entry]:
        """The entries that count: every one not revoked."""
        return [entry for entry in self.entries if not entry.revoked]

    @property
    def hours(self) -> Decimal:
        return tenths(sum((entry.hours or Decimal(0) for entry in self.counted), Decimal(0)))


@dataclass(frozen=True)
class Total:
    label: str
    value: object


@dataclass(frozen=True)
class Record:
    """Everything built for one person or actor, section by section, with the totals."""

    sections: list[BuiltSection]

    @property
    def hours(self) -> Decimal:
        """Hours of the sections that sum hours (attendance): a certificate repeats the
        hours of its training, so its section does not add them again."""
        return tenths(sum((s.hours for s in self.sections if s.sums_hours), Decimal(0)))

    @property
    def totals(self) -> list[Total]:
        totals = [Total(label=s.title, value=len(s.counted)) for s in self.sections]
        if any(s.sums_hours for s in self.sections):
            totals.insert(1, Total(label=gettext("Hours attended"), value=self.hours))
        return totals

    @property
    def is_empty(self) -> bool:
        return not any(s.entries for s in self.sections)

    def section(self, key: str) -> BuiltSection | None:
        return next((s for s in self.sections if s.key == key), None)


_sections: dict[str, Section] = {}


def register(
    key: str,
    *,
    order: int,
    title: str,
    person_entries: EntryFunction | None = None,
    actor_entries: EntryFunction | None = None,
    sums_hours: bool = False,
) -> None:
    """Add (or replace, when an app is set up again) the section `key`.

    `title` is lazy text (gettext_lazy); it heads the section and names its total.
    `sums_hours`: the entries' hours add up to the record's hours (attendance only).
    """
    _sections[key] = Section(
        key=key,
        order=order,
        title=title,
        person_entries=person_entries,
        actor_entries=actor_entries,
        sums_hours=sums_hours,
    )


def sections() -> list[Section]:
    """The registered sections in their order (then by key, so the order is stable)."""
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def _build(subject, attribute: str) -> Record:
    built = []
    for section in sections():
        entries_of = getattr(section, attribute)
        if entries_of is None:
            continue
        built.append(
            BuiltSection(
                key=section.key,
                title=str(section.title),
                entries=entries_of(subject),
                sums_hours=section.sums_hours,
            )
        )
    return Record(sections=built)


def person_record(person) -> Record:
    """The learning record of a person: every section that has person entries."""
    return _build(person, "person_entries")


def actor_record(actor) -> Record:
    """The learning record of an actor: every section that has actor entries."""
    return _build(actor, "actor_entries")


@dataclass
class PersonHours:
    """One person on an actor's record: the trainings they attended for it and the hours."""

    person: object
    trainings: int = 0
    hours: Decimal = field(default_factory=lambda: Decimal(0))


def hours_by_person(record: Record) -> list[PersonHours]:
    """The hours of the record's hour-summing sections, per person (actor records), in the
    order of the people's names."""
    people: dict[int, PersonHours] = {}
    for section in record.sections:
        if not section.sums_hours:
            continue
        for entry in section.counted:
            if entry.person is None:
                continue
            row = people.setdefault(entry.person.pk, PersonHours(person=entry.person))
            row.trainings += 1
            row.hours = tenths(row.hours + (entry.hours or Decimal(0)))
    return sorted(people.values(), key=lambda row: (lt_sort_key(str(row.person)), row.person.pk))
