"""The registry of a project's results: planned vs achieved, for the public project page.

projects knows no app above it (docs/architecture.md), yet an indicator's achieved value
may be computed from events, certificates or actors by the `indicators` app. That app
registers its function in its `AppConfig.ready()`:

    results.register(project_indicator_rows)

`rows(project)` then gives what the provider gives, each row with `indicator`, `target`,
`achieved`, `computed` and `records_url`; without a provider, the typed-in values (every
indicator manual). A provider makes a fixed number of queries whatever the number of
records behind the numbers (tests/projects/test_views.py counts the page).

The figures change when the records change, so the project page is cached with the
`SECTION` of the public page cache; the provider's app makes that section stale when the
records it counts change (core.pagecache, "Sections").
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

SECTION = "project_results"


@dataclass(frozen=True)
class ResultRow:
    """An indicator as typed in (the same fields a provider's rows have)."""

    indicator: object
    target: Decimal
    achieved: Decimal | None
    computed: bool = False
    records_url: str = ""


def manual_rows(project) -> list[ResultRow]:
    return [
        ResultRow(indicator, indicator.target, indicator.achieved)
        for indicator in project.indicators.all()
    ]


_provider: Callable[[object], list] = manual_rows


def register(provider: Callable[[object], list]) -> None:
    """Use `provider(project) -> rows` for every project's results (the last one wins)."""
    global _provider
    _provider = provider


def rows(project) -> list:
    """The project's indicators with their achieved values, in the page's order."""
    return _provider(project)
