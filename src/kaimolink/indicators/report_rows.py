"""Each indicator of a project, planned against achieved, for the project report.

A stand-in with the name and shape of `kaimolink.indicators.measures.project_indicator_rows`
(computed indicators, built in parallel): until that is merged, the achieved value is the
one typed by hand on the indicator. The report reads rows only through
`indicators.reports.indicator_rows`, so swapping this for the real function is one import.
"""

from dataclasses import dataclass
from decimal import Decimal

from kaimolink.projects.models import Indicator


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    target: Decimal
    achieved: Decimal | None  # None: nothing recorded yet
    computed: bool  # True when the platform counts it from its records
    records_url: str  # the list of the records behind a computed number ("" for none)


def project_indicator_rows(project) -> list[IndicatorRow]:
    """The project's indicators in their order, with the hand-typed achieved values.

    Reads `project.indicators.all()` (prefetched by the caller, or one query).
    """
    return [
        IndicatorRow(
            indicator=indicator,
            target=indicator.target,
            achieved=indicator.achieved,
            computed=False,
            records_url="",
        )
        for indicator in project.indicators.all()
    ]
