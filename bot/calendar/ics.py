"""iCalendar (RFC 5545) export: one all-day VEVENT per item, importable by calendar apps.

Written by hand (a dozen fixed properties) so serving needs no extra package; the tests parse the output with
the `icalendar` library. UIDs come from the item (Entry.uid), so importing again updates instead of duplicating.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from bot.calendar.book import KIND_LABELS, Entry

PRODID = "-//nhiemvu//Lich nam hoc//VI"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r", "")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > (75 if not out else 74):
            out.append(current)
            current, size = "", 0
        current += ch
        size += n
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def _event(entry: Entry, stamp: str) -> list[str]:
    item = entry.item
    # All-day: DTEND is the day after the last day (exclusive), as RFC 5545 defines for DATE values.
    end = entry.last_day + timedelta(days=1)
    description = entry.label()
    if item.who:
        description = f"{item.who}. Nguồn: {description}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{entry.uid()}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{entry.day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end:%Y%m%d}",
        f"SUMMARY:{_escape(item.what)}",
        f"DESCRIPTION:{_escape(description)}",
        f"CATEGORIES:{_escape(KIND_LABELS[item.kind])}",
    ]
    if item.recurring == "yearly":
        lines.append("RRULE:FREQ=YEARLY")
    lines.append("END:VEVENT")
    return lines


def to_ics(entries: Iterable[Entry], name: str = "Lịch năm học", now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for entry in entries:
        lines.extend(_event(entry, stamp))
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
