"""Dates as sources write them, parsed to `datetime`.

Handles ISO 8601 (with or without time and offset), "YYYY-MM-DD HH:MM:SS" (news-please),
RFC 822 (feeds), Reuters' "26-FEB-1987 15:01:01.79", and a few day-month-name forms.
A date that cannot be read is `None`, never an exception: the caller falls back.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

# Wire dates such as "26-FEB-1987 15:01:01.79"; some carry the desk's routing letters after the
# time ("...:59.13RM", "...45.90F"), which say nothing about the date and are ignored.
_REUTERS = re.compile(r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:\s*[A-Za-z][A-Za-z ]*)?\s*$")
_REUTERS_DAY = re.compile(r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\b")
_MONTHS = {name: index for index, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_TEXT_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d", "%d.%m.%Y")


def parse_date(value: object) -> dt.datetime | None:
    """Read a date from a string, a `date`/`datetime`, or a time tuple; `None` when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, tuple) and len(value) >= 6:  # feedparser's *_parsed (UTC struct_time)
        return dt.datetime(*value[:6], tzinfo=dt.timezone.utc)
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    reuters = _REUTERS.match(text)
    if not reuters and (day_only := _REUTERS_DAY.match(text)):
        # The day is there but the time is garbled ("605:12:19.12") or annotated: keep the day.
        day, month, year = day_only.groups()
        month_number = _MONTHS.get(month.lower())
        try:
            return dt.datetime(int(year), month_number, int(day)) if month_number else None
        except ValueError:  # "31-FEB-1987": no such day
            return None
    if reuters:
        day, month, year, hour, minute, second, _fraction = reuters.groups()
        month_number = _MONTHS.get(month.lower())
        if month_number:
            try:
                return dt.datetime(int(year), month_number, int(day), int(hour), int(minute), int(second))
            except ValueError:
                return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
        if parsed is not None:
            return parsed
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _TEXT_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def iso_date(value: dt.datetime) -> str:
    """ISO 8601 for front matter: "YYYY-MM-DD" for a bare day, else date and time (offset kept)."""
    if value.tzinfo is None and (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
        return value.date().isoformat()
    return value.replace(microsecond=0).isoformat()
