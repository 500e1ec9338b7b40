"""iCalendar files (RFC 5545) written by hand: the format is small, and a library would
be one more dependency to keep for the web process. tests/events/test_ical.py parses the
output back with the `icalendar` package.
"""

import datetime

from django.utils import timezone

from kaimolink.events.enums import EventStatus

LINE_OCTETS = 75
PRODID = "-//kaimolink//events//LT"


def escape_text(value: str) -> str:
    """TEXT values: backslash, semicolon, comma and line breaks are escaped (RFC 5545 3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (3.1).

    The split never falls inside a UTF-8 sequence: 'ž' (2 octets) stays whole.
    """
    parts, current, size = [], [], 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 0
            limit = LINE_OCTETS - 1  # the leading space of a continuation line counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def utc_stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event, *, url: str, stamp: str) -> list[str]:
    """One VEVENT per programme day, so a two-day workshop is not shown as one long block."""
    place = ", ".join(x for x in (event.address, event.settlement.name if event.settlement else "")
                      if x)  # fmt: skip
    description = event.description
    if event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    lines = []
    days = list(event.days.all())
    for number, day in enumerate(days, start=1):
        summary = event.title if len(days) == 1 else f"{event.title} ({number}/{len(days)})"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.slug}-{day.date:%Y%m%d}@kaimolink",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc_stamp(day.starts_at)}",
            f"DTEND:{utc_stamp(day.ends_at)}",
            f"SUMMARY:{escape_text(summary)}",
        ]
        if description:
            lines.append(f"DESCRIPTION:{escape_text(description)}")
        if place:
            lines.append(f"LOCATION:{escape_text(place)}")
        if event.lat is not None and event.lon is not None:
            lines.append(f"GEO:{event.lat:.6f};{event.lon:.6f}")
        lines += [
            f"URL:{url}",
            "STATUS:" + ("CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED"),
            "END:VEVENT",
        ]
    return lines


def calendar_file(events, *, name: str, url_for) -> bytes:
    """A whole VCALENDAR; `url_for(event)` gives each event's page address."""
    stamp = utc_stamp(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event_lines(event, url=url_for(event), stamp=stamp)
    lines.append("END:VCALENDAR")
    return ("".join(fold(line) + "\r\n" for line in lines)).encode("utf-8")
