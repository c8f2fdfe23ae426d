"""The articles-over-time chart of person and country pages: its bucket and its one-sentence summary.

Every entity's chart spans the whole digest (dated articles only), so two charts compare at a
glance. The bucket follows that span: the finest of week, month, quarter and year that needs at
most `MAX_BARS` bars, so a three-month digest shows weeks and one spanning 2013 to 2026 shows
years instead of 157 months of mostly empty bars. Screen readers get one sentence (the span,
the total, the busiest bucket), not every bar's value.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

MAX_BARS = 24
BUCKETS = ("week", "month", "quarter", "year")
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


def bucket_start(day: dt.date, bucket: str) -> dt.date:
    """The first day of the bucket holding `day` (weeks start on Monday, ISO 8601)."""
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    if bucket == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


def _next_start(start: dt.date, bucket: str) -> dt.date:
    if bucket == "week":
        return start + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[bucket]
    month = start.month - 1 + months
    return dt.date(start.year + month // 12, month % 12 + 1, 1)


def _starts(first: dt.date, last: dt.date, bucket: str) -> list[dt.date]:
    starts = [bucket_start(first, bucket)]
    while (following := _next_start(starts[-1], bucket)) <= last:
        starts.append(following)
    return starts


def choose_bucket(first: dt.date, last: dt.date) -> str:
    """The finest bucket that shows the span in at most MAX_BARS bars (years, however many)."""
    for bucket in BUCKETS[:-1]:
        if len(_starts(first, last, bucket)) <= MAX_BARS:
            return bucket
    return "year"


def _labels(start: dt.date, bucket: str) -> tuple[str, str]:
    """(axis label, words for a sentence): ("2 Sep", "the week of 2 September 2024"), ("Q3 24", ...)."""
    if bucket == "week":
        return f"{start.day} {start:%b}", f"the week of {start.day} {start:%B %Y}"
    if bucket == "month":
        return f"{start:%b %y}", f"{start:%B %Y}"
    if bucket == "quarter":
        quarter = (start.month - 1) // 3 + 1
        return f"Q{quarter} {start:%y}", f"the {_ORDINALS[quarter]} quarter of {start.year}"
    return str(start.year), str(start.year)


def series(days: Iterable[dt.date], first: dt.date, last: dt.date, bucket: str) -> list[dict]:
    """One point per bucket from `first` to `last`, empty buckets at zero."""
    counts = Counter(bucket_start(day, bucket) for day in days)
    points = []
    for start in _starts(first, last, bucket):
        label, words = _labels(start, bucket)
        points.append({"key": start.isoformat(), "label": label, "words": words, "count": counts.get(start, 0)})
    return points


def summary(points: list[dict], bucket: str, subject: str) -> str:
    """One sentence: "Articles mentioning France per month, from September 2024 to November
    2024: 34 in all, most in October 2024 (15)." """
    if not points:
        return ""
    total = sum(point["count"] for point in points)
    head = f"{subject} per {bucket}, from {points[0]['words']} to {points[-1]['words']}"
    if len(points) == 1:
        head = f"{subject} in {points[0]['words']}"
    if total == 0:
        return f"{head}: none."
    peak = max(points, key=lambda point: point["count"])  # the earliest of equal peaks
    if len(points) == 1:
        return f"{head}: {total}."
    return f"{head}: {total} in all, most in {peak['words']} ({peak['count']})."


def chart(days: list[dt.date], span: tuple[dt.date, dt.date] | None, subject: str) -> dict | None:
    """The chart's context: bucket, points and summary; None without a span (no dated article)."""
    if span is None:
        return None
    first, last = span
    bucket = choose_bucket(first, last)
    points = series(days, first, last, bucket)
    _mark_labels(points)
    return {"bucket": bucket, "points": points, "summary": summary(points, bucket, subject),
            "caption": f"{subject} per {bucket}"}


AXIS_LABELS = 6
"""Axis labels a chart prints at most: a phone has room for about six under 24 bars."""


def _mark_labels(points: list[dict]) -> None:
    """Each point's bar height (% of the peak), and whether its label and value are printed:
    every k-th label counted back from the last (the latest bucket is always named), so at most
    AXIS_LABELS; every value on charts of up to 16 bars, else the peak's alone."""
    peak = max((point["count"] for point in points), default=0)
    step = -(-len(points) // AXIS_LABELS)  # ceiling division
    peak_index = next((i for i, point in enumerate(points) if peak and point["count"] == peak), None)
    for index, point in enumerate(points):
        point["height"] = round(100 * point["count"] / peak, 1) if peak else 0
        point["labelled"] = (len(points) - 1 - index) % step == 0
        point["show_value"] = point["count"] > 0 and (len(points) <= 16 or index == peak_index)
