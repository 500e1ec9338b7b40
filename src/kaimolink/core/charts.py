"""Horizontal bar charts as SVG written on the server: readable without JavaScript.

Each chart is an `<svg role="img">` named by its `<title>` and described by its `<desc>`;
the page shows the same numbers in a table beside it (a chart alone is not accessible).
No `style` attributes and no scripts (the Content-Security-Policy has no
`unsafe-inline`): the bars and texts carry classes that core's site.css colours
(`.chart…`). The numbers are written as on the page: `1 200`, `2,5` in Lithuanian.

Each item has a label line and its bar(s) under it, so a long label never squeezes the
bars and the chart stays narrow enough to be read on a phone (its viewBox scales).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from kaimolink.core.templatetags.kaimolink_units import quantity

WIDTH = 400  # the viewBox's width; the CSS scales the whole chart to its box
LABEL_CHARS = 42  # longer labels are cut with "…" (the table beside has them in full)
BAR_HEIGHT = 16
LABEL_Y = 17  # an item's label baseline, from the item's top
BAR_Y = 23  # its first bar's top
VALUE_ROOM = 84  # room right of the longest bar for its number
LEGEND_HEIGHT = 30


@dataclass(frozen=True)
class Bar:
    """One item of a chart: its `value` (None: not known), and for a planned-vs-achieved
    chart the `target`. `unit`: as for `|quantity` (a key of core.units or an indicator)."""

    label: str
    value: Decimal | int | None
    target: Decimal | int | None = None
    unit: object = ""


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _length(value, scale) -> float:
    """The bar's length for `value` on a scale whose largest value is `scale`."""
    if not value or not scale or value <= 0:
        return 0.0
    return round(float(value) / float(scale) * (WIDTH - VALUE_ROOM), 1)


def _bar(y: float, value, scale, css: str, text: str) -> SafeString:
    length = _length(value, scale)
    rect = (
        format_html(
            '<rect class="{}" x="0" y="{}" width="{}" height="{}"></rect>',
            css,
            y,
            length,
            BAR_HEIGHT,
        )
        if length
        else ""
    )
    return format_html(
        '{}<text class="chart-value" x="{}" y="{}">{}</text>',
        rect,
        length + 5,
        y + BAR_HEIGHT - 2,
        text,
    )


def _svg(*, chart_id: str, title: str, desc: str, height: float, body: str) -> SafeString:
    return format_html(
        '<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        id=chart_id,
        width=WIDTH,
        height=height,
        title=title,
        desc=desc,
        body=body,
    )


def count_chart(*, chart_id: str, title: str, desc: str, bars: list[Bar]) -> SafeString:
    """Counts on one scale (events by kind, actors by type): one bar per item."""
    scale = max((bar.value or 0 for bar in bars), default=0)
    step = BAR_Y + BAR_HEIGHT + 10
    parts = []
    for n, bar in enumerate(bars):
        top = n * step
        parts.append(
            format_html(
                '<g class="chart-item"><text class="chart-label" x="0" y="{}">{}</text>{}</g>',
                top + LABEL_Y,
                _short(bar.label),
                _bar(top + BAR_Y, bar.value, scale, "chart-bar", _number(bar.value, bar.unit)),
            )
        )
    return _svg(
        chart_id=chart_id,
        title=title,
        desc=desc,
        height=max(len(bars) * step, step),
        body=mark_safe("".join(parts)),
    )


def target_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    bars: list[Bar],
    planned_label: str,
    achieved_label: str,
) -> SafeString:
    """Planned against achieved, each item on its own scale (the larger of the two), since
    the items count different things: the grey bar is the target, the green one what has
    been reached. A legend at the top names the two."""
    step = BAR_Y + 2 * BAR_HEIGHT + 4 + 12
    legend = format_html(
        '<g class="chart-legend">'
        '<rect class="chart-bar chart-bar--planned" x="0" y="4" width="16" height="16"></rect>'
        '<text class="chart-label" x="22" y="18">{}</text>'
        '<rect class="chart-bar" x="{}" y="4" width="16" height="16"></rect>'
        '<text class="chart-label" x="{}" y="18">{}</text></g>',
        planned_label,
        WIDTH // 2,
        WIDTH // 2 + 22,
        achieved_label,
    )
    parts = [legend]
    for n, bar in enumerate(bars):
        top = LEGEND_HEIGHT + n * step
        scale = max(bar.target or 0, bar.value or 0)
        parts.append(
            format_html(
                '<g class="chart-item"><text class="chart-label" x="0" y="{}">{}</text>{}{}</g>',
                top + LABEL_Y,
                _short(bar.label),
                _bar(
                    top + BAR_Y,
                    bar.target,
                    scale,
                    "chart-bar chart-bar--planned",
                    _number(bar.target, bar.unit),
                ),
                _bar(
                    top + BAR_Y + BAR_HEIGHT + 4,
                    bar.value,
                    scale,
                    "chart-bar",
                    _number(bar.value, bar.unit),
                ),
            )
        )
    return _svg(
        chart_id=chart_id,
        title=title,
        desc=desc,
        height=LEGEND_HEIGHT + max(len(bars), 1) * step,
        body=mark_safe("".join(parts)),
    )


def _number(value, unit) -> str:
    return "—" if value is None else quantity(value, unit)
