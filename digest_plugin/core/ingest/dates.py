"""Dates as sources write them, parsed to `datetime`.

Handles ISO 8601 (with or without time and offset), "YYYY-MM-DD HH:MM:SS" (news-please),
RFC 822 (feeds), Reuters' "26-FEB-1987 15:01:01.79", and a few day-month-name forms.
A date that cannot be read is `None`: the caller falls back. A value that plainly is a date
but one no calendar here can hold (year 0, year 10000: `datetime` stops at 9999) raises
`DateRangeError`, so the caller can refuse that one record rather than date it today.
Whether a readable date is plausible (1900 to tomorrow) is for `core.articles` to say.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

# Wire dates such as "26-FEB-1987 15:01:01.79"; some carry the desk's routing letters after the
# time ("...:59.13RM", "...45.90F"), which say nothing about the date and are ignored.
_REUTERS = re.compile(
    r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:\s*[A-Za-z][A-Za-z ]*)?\s*$"
)
_REUTERS_DAY = re.compile(r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\b")
_MONTHS = {name: index for index, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_TEXT_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d", "%d.%m.%Y")


class DateRangeError(ValueError):
    """A date outside what `datetime` can hold (year 0, year 10000); str() says which."""


# ISO dates whose year no `datetime` holds: "0000-01-01", "10000-01-01", "+12345-...".
_ISO_OUT_OF_RANGE = re.compile(r"^\s*(?:[+-]\d+|\d{5,}|0000)-\d\d-\d\d")
# The day, month and year of an RFC 822 date ("Sat, 01 Jan 0001 00:00:00 GMT").
_RFC822_YEAR = re.compile(r"^\s*(?:[A-Za-z]+,\s*)?\d{1,2}\s+[A-Za-z]+\s+(\d+)\b")


def parse_date(value: object) -> dt.datetime | None:
    """Read a date from a string, a `date`/`datetime`, or a time tuple; `None` when unreadable,
    `DateRangeError` when it is a date no `datetime` can hold."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, tuple) and len(value) >= 6:  # feedparser's *_parsed (UTC struct_time)
        try:
            p = [int(part) for part in value[:6]]
            return dt.datetime(p[0], p[1], p[2], p[3], p[4], p[5], tzinfo=dt.UTC)
        except (ValueError, TypeError, OverflowError) as error:
            raise DateRangeError(f"date {value[:6]!r} is out of range") from error
    if not isinstance(value, str):
        return None
    text = value.strip()[:200]  # no date is longer; a hostile field may be megabytes
    if _ISO_OUT_OF_RANGE.match(text):
        raise DateRangeError(f"date {text!r} is out of range")
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
    parsed = _rfc822(text)
    if parsed is not None:
        return parsed
    for fmt in _TEXT_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _rfc822(text: str) -> dt.datetime | None:
    """An RFC 822 date, with its year as written: the email module reads a year below 100 as a
    two-digit one, so "Sat, 01 Jan 0001" would come back as 2001."""
    written = _RFC822_YEAR.match(text)
    if written and len(written.group(1)) > 4:
        raise DateRangeError(f"date {text!r} is out of range")
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    if written and len(written.group(1)) > 2 and int(written.group(1)) != parsed.year:
        year = int(written.group(1))
        try:
            return parsed.replace(year=year)
        except ValueError as error:  # year 0 or 10000; 29 February of a year without one
            raise DateRangeError(f"date {text!r} is out of range") from error
    return parsed


def iso_date(value: dt.datetime) -> str:
    """ISO 8601 for front matter: "YYYY-MM-DD" for a bare day, else date and time (offset kept)."""
    if value.tzinfo is None and (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
        return value.date().isoformat()
    return value.replace(microsecond=0).isoformat()
