"""The reports a LAG attaches to a payment request: a LAG's figures for a period, and a
project's indicators planned against achieved.

Each report is computed once into plain figures, then laid out as `ReportTable`s: the
page, the XLSX and the PDF all write those same tables, so their numbers cannot differ.
A LAG report costs a fixed number of queries however many events, actors or
registrations there are (five for the events, one each for actors, partnership posts,
questions and consultations).
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimolink.actors.enums import ActorStatus, ActorType
from kaimolink.actors.models import Actor
from kaimolink.consultations.models import Booking, Question
from kaimolink.core.charts import Bar, count_chart, target_chart
from kaimolink.core.models import Lag
from kaimolink.core.templatetags.kaimolink_units import quantity
from kaimolink.events.enums import EventKind
from kaimolink.indicators.measures import IndicatorRow, project_indicator_rows
from kaimolink.indicators.selectors import (
    GroupFigures,
    figures_by_kind,
    figures_total,
    lag_events,
    period_bounds,
)
from kaimolink.partnerships.enums import PostKind, PostStatus
from kaimolink.partnerships.models import PartnershipPost

# --- Tables: what the page, the XLSX and the PDF write -------------------------------------


@dataclass(frozen=True)
class Cell:
    """A number (`value`, None when not known: "—") with its `unit` for `|quantity`, or a
    `text`. `url`: on the page only, a link to the records behind the number."""

    value: Decimal | int | None = None
    unit: object = ""
    text: str | None = None
    url: str = ""

    @property
    def is_text(self) -> bool:
        return self.text is not None

    @property
    def display(self) -> str:
        """As the page and the PDF write it: "1 200", "2,5 valandos", "—" for unknown."""
        if self.text is not None:
            return self.text
        return "—" if self.value is None else quantity(self.value, self.unit)


@dataclass(frozen=True)
class ReportTable:
    """A table of a report: `columns` are the headings (the first names the rows),
    `rows` and `total` lists of cells, the first of each a text."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    total: list[Cell] | None = None
    note: str = ""
    empty: str = ""  # said instead of the table when it has no rows
    wide: bool = False  # many columns: the chart goes above it rather than beside it
    name_column: int = 0  # the column that names the rows (the widest in the PDF)

    @property
    def headings(self) -> list[tuple[str, bool]]:
        """Each column's heading and whether it holds numbers (judged by the first row)."""
        kinds = [not cell.is_text for cell in self.rows[0]] if self.rows else []
        return list(zip(self.columns, kinds, strict=False))

    @property
    def labelled_rows(self) -> list[list[tuple[str, Cell]]]:
        """Each row's cells with their column's heading (a folded table shows it)."""
        return [list(zip(self.columns, row, strict=True)) for row in self.rows]

    @property
    def labelled_total(self) -> list[tuple[str, Cell]]:
        return list(zip(self.columns, self.total or [], strict=True))


def _text(value: str) -> Cell:
    return Cell(text=value)


def _numbers(label: str, values, unit="") -> list[Cell]:
    return [_text(label), *(Cell(value=value, unit=unit) for value in values)]


@dataclass(frozen=True)
class Chart:
    """A chart and the table whose numbers it draws (`table_key`)."""

    table_key: str
    svg: str


# --- A LAG's report for a period ----------------------------------------------------------


@dataclass(frozen=True)
class KindFigures:
    kind: str
    label: str
    figures: GroupFigures


@dataclass(frozen=True)
class ActorTypeCount:
    actor_type: str
    label: str
    in_database: int  # published, and published by the end of the period
    new: int  # published during the period


@dataclass(frozen=True)
class Cooperation:
    offers: int  # partnership offers posted in the period (hidden ones not counted)
    requests: int
    questions: int  # questions to consultants asked for the LAG's actors in the period
    answered: int  # of those, answered (by the date the report is made)
    consultations: int  # consultation times booked by the LAG's actors, held in the period


@dataclass(frozen=True)
class LagReport:
    lag: Lag
    start: datetime.date
    end: datetime.date
    made_at: datetime.datetime
    events: list[KindFigures]
    actors: list[ActorTypeCount]
    cooperation: Cooperation
    charts: list[Chart] = field(default_factory=list)

    @property
    def events_total(self) -> GroupFigures:
        return figures_total(row.figures for row in self.events)

    @property
    def period(self) -> str:
        return period_text(self.start, self.end)

    @property
    def title(self) -> str:
        return _("LAG report: %(lag)s") % {"lag": self.lag.name}

    def facts(self) -> list[tuple[str, str]]:
        return [
            (_("LAG"), self.lag.name),
            (_("Period"), self.period),
            (_("Made"), made_text(self.made_at)),
        ]

    def tables(self) -> list[ReportTable]:
        return [self._events_table(), self._actors_table(), self._cooperation_table()]

    def _events_table(self) -> ReportTable:
        def values(f: GroupFigures):
            return [
                f.events,
                f.events_held,
                f.hours_planned,
                f.registered,
                f.attended,
                f.person_hours_attended,
                f.certificates,
            ]

        return ReportTable(
            key="events",
            title=_("Events by kind"),
            columns=[
                _("Kind"),
                _("Events"),
                _("Held"),
                _("Hours planned"),
                _("Registrations"),
                _("Attended"),
                _("Person-hours"),
                _("Certificates"),
            ],
            rows=[_numbers(row.label, values(row.figures)) for row in self.events],
            total=_numbers(_("Total"), values(self.events_total)),
            note=_(
                "Events whose first day falls in the period, whatever their status; a joint "
                "event counts in full for each of its LAGs. Registrations: confirmed and on "
                "the waiting list. Attended: confirmed participants present on at least one "
                "day. Certificates: issued and not revoked."
            ),
            empty=_("The LAG has no events in this period."),
            wide=True,
        )

    def _actors_table(self) -> ReportTable:
        return ReportTable(
            key="actors",
            title=_("Actors in the database by type"),
            columns=[_("Type"), _("At the end of the period"), _("New in the period")],
            rows=[_numbers(row.label, [row.in_database, row.new]) for row in self.actors],
            total=_numbers(
                _("Total"),
                [sum(r.in_database for r in self.actors), sum(r.new for r in self.actors)],
            ),
            note=_(
                "Published profiles of actors of the LAG; profiles withdrawn since are not counted."
            ),
            empty=_("The LAG has no published actors."),
        )

    def _cooperation_table(self) -> ReportTable:
        c = self.cooperation
        return ReportTable(
            key="cooperation",
            title=_("Cooperation and consultations"),
            columns=[_("What was counted"), _("In the period")],
            rows=[
                _numbers(_("Partnership offers posted"), [c.offers]),
                _numbers(_("Partnership requests posted"), [c.requests]),
                _numbers(_("Questions asked to consultants"), [c.questions]),
                _numbers(_("of them answered"), [c.answered]),
                _numbers(_("Consultations held"), [c.consultations]),
            ],
            note=_(
                "By the LAG's actors. Consultations held: booked consultation times that "
                "took place in the period."
            ),
        )


def period_text(start: datetime.date, end: datetime.date) -> str:
    return f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"


def made_text(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def _actor_counts(lag: Lag, first, after) -> list[ActorTypeCount]:
    rows = dict(
        (row["actor_type"], row)
        for row in Actor.objects.filter(lag=lag, status=ActorStatus.PUBLISHED)
        .filter(Q(published_at__lt=after) | Q(published_at__isnull=True))
        .order_by()
        .values("actor_type")
        .annotate(total=Count("pk"), new=Count("pk", filter=Q(published_at__gte=first)))
    )
    labels = _labels(ActorType)
    return [
        ActorTypeCount(kind, labels[kind], rows[kind]["total"], rows[kind]["new"])
        for kind in labels
        if kind in rows
    ]


def _cooperation(lag: Lag, first, after) -> Cooperation:
    posts = dict(
        PartnershipPost.objects.filter(actor__lag=lag, created_at__gte=first, created_at__lt=after)
        .exclude(status=PostStatus.HIDDEN)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    questions = Question.objects.filter(
        actor__lag=lag, created_at__gte=first, created_at__lt=after
    ).aggregate(
        asked=Count("pk", distinct=True),
        answered=Count("pk", distinct=True, filter=Q(answers__isnull=False)),
    )
    held = Booking.objects.filter(
        actor__lag=lag,
        cancelled_at__isnull=True,
        slot__withdrawn_at__isnull=True,
        slot__starts_at__gte=first,
        slot__starts_at__lt=min(after, timezone.now()),
    ).count()
    return Cooperation(
        offers=posts.get(PostKind.OFFER, 0),
        requests=posts.get(PostKind.REQUEST, 0),
        questions=questions["asked"],
        answered=questions["answered"],
        consultations=held,
    )


def lag_report(*, lag: Lag, start: datetime.date, end: datetime.date) -> LagReport:
    """The LAG's figures for [start, end] (Vilnius dates), in nine queries.

    Precondition: start <= end, both within years 1 to 9998 (the form checks it).
    """
    first, after = period_bounds(start, end)
    by_kind = figures_by_kind(lag_events(lag=lag, start=start, end=end))
    kinds = _labels(EventKind)
    report = LagReport(
        lag=lag,
        start=start,
        end=end,
        made_at=timezone.now(),
        events=[KindFigures(k, kinds[k], by_kind[k]) for k in kinds if k in by_kind],
        actors=_actor_counts(lag, first, after),
        cooperation=_cooperation(lag, first, after),
    )
    report.charts.extend(_lag_charts(report))
    return report


def _lag_charts(report: LagReport) -> list[Chart]:
    charts = []
    if report.events:
        charts.append(
            Chart(
                "events",
                count_chart(
                    chart_id="chart-events",
                    title=_("Events by kind"),
                    desc=_("The number of events of each kind; the table gives the figures."),
                    bars=[Bar(row.label, row.figures.events) for row in report.events],
                ),
            )
        )
    if report.actors:
        charts.append(
            Chart(
                "actors",
                count_chart(
                    chart_id="chart-actors",
                    title=_("Actors in the database by type"),
                    desc=_(
                        "The number of actors of each type at the end of the period; the "
                        "table gives the figures."
                    ),
                    bars=[Bar(row.label, row.in_database) for row in report.actors],
                ),
            )
        )
    return charts


# --- A project's report: indicators planned against achieved ------------------------------


@dataclass(frozen=True)
class ProjectReport:
    project: object
    made_at: datetime.datetime
    rows: list[IndicatorRow]
    charts: list[Chart] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("Project report: %(project)s") % {"project": self.project.title}

    def lag_names(self) -> str:
        return ", ".join(p.name for p in self.project.partners.all() if p.lag_id)

    def facts(self) -> list[tuple[str, str]]:
        facts = [(_("Project"), self.project.title)]
        if self.project.number:
            facts.append((_("Project number"), self.project.number))
        if self.lag_names():
            facts.append((_("LAGs"), self.lag_names()))
        if self.project.period_display:
            facts.append((_("Period"), self.project.period_display))
        facts.append((_("Made"), made_text(self.made_at)))
        return facts

    def tables(self) -> list[ReportTable]:
        def row(r: IndicatorRow) -> list[Cell]:
            unit = r.indicator
            return [
                _text(r.indicator.code),
                _text(r.indicator.name),
                Cell(value=r.target, unit=unit),
                Cell(value=r.achieved, unit=unit, url=r.records_url),
                Cell(value=share(r.achieved, r.target), unit="percent"),
                _text(_("From records") if r.computed else _("By hand")),
            ]

        return [
            ReportTable(
                key="indicators",
                title=_("Indicators: planned and achieved"),
                columns=[
                    _("Code"),
                    _("Indicator"),
                    _("Planned"),
                    _("Achieved"),
                    _("Achieved, %"),
                    _("Source"),
                ],
                rows=[row(r) for r in self.rows],
                note=_(
                    "Source: from records, the platform counts the number from its own "
                    "records; by hand, the project's coordinator typed it in."
                ),
                empty=_("The project has no indicators yet."),
                wide=True,
                name_column=1,
            )
        ]


def share(achieved, target) -> Decimal | None:
    """Achieved as a whole percentage of the target (None when either is not known or 0)."""
    if achieved is None or not target:
        return None
    return (Decimal(achieved) * 100 / Decimal(target)).quantize(Decimal(1), ROUND_HALF_UP)


def project_report(*, project) -> ProjectReport:
    """The project's indicators planned against achieved, with a chart of them."""
    rows = project_indicator_rows(project)
    report = ProjectReport(project=project, made_at=timezone.now(), rows=rows)
    if rows:
        report.charts.append(
            Chart(
                "indicators",
                target_chart(
                    chart_id="chart-indicators",
                    title=_("Indicators: planned and achieved"),
                    desc=_(
                        "For each indicator, the planned value (grey) and the value achieved "
                        "(green), each on its own scale; the table gives the figures."
                    ),
                    bars=[
                        Bar(f"{r.indicator.code} {r.indicator.name}", r.achieved, r.target, unit="")
                        for r in rows
                    ],
                    planned_label=_("Planned"),
                    achieved_label=_("Achieved"),
                ),
            )
        )
    return report
