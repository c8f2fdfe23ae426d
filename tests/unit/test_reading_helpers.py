"""The reading helpers behind the pages: chart buckets and their sentence, the drop cap's
decision, dates without a time or without a date, and the search lines of entity pages."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from digest_plugin.core.model import Article
from digest_plugin.siteview import charts
from digest_plugin.siteview.datelines import time_known, when
from digest_plugin.siteview.dropcap import opens_with_plain_word
from digest_plugin.siteview.entity_search import article_dateline, entity_body, other_forms, search_boost

D = dt.date


@pytest.mark.parametrize(("first", "last", "bucket", "bars"), [
    (D(2024, 9, 2), D(2024, 11, 27), "week", 13),
    (D(2024, 1, 5), D(2025, 6, 30), "month", 18),
    (D(2021, 3, 16), D(2024, 12, 10), "quarter", 16),
    (D(2013, 11, 27), D(2026, 12, 4), "year", 14),  # the 157 months
])
def test_the_bucket_follows_the_span(first, last, bucket, bars):
    assert charts.choose_bucket(first, last) == bucket
    assert len(charts.series([], first, last, bucket)) == bars


def test_the_summary_is_one_sentence_with_span_total_and_peak():
    days = [D(2024, 9, 3), D(2024, 10, 15), D(2024, 10, 16), D(2024, 11, 27)]
    chart = charts.chart(days, (D(2024, 9, 1), D(2024, 11, 30)), "Articles mentioning France")
    assert chart["bucket"] == "week"
    assert chart["summary"] == ("Articles mentioning France per week, from the week of 26 August 2024 to the week "
                                "of 25 November 2024: 4 in all, most in the week of 14 October 2024 (2).")
    quarters = charts.series([D(2022, 5, 1)], D(2021, 1, 1), D(2024, 12, 31), "quarter")
    assert quarters[5]["label"] == "Q2 22" and quarters[5]["words"] == "the second quarter of 2022"
    assert sum(point["labelled"] for point in charts.chart([], (D(2021, 1, 1), D(2024, 12, 31)), "x")["points"]) <= 6


@pytest.mark.parametrize(("body", "surfaces", "expected"), [
    ("Towns along the Oder filled sandbags.", ["Oder"], True),
    ("(CNN) -- The storm hit on Wednesday.", [], False),
    ("“We are ready,” the minister said.", [], False),
    ("France will send engineers.", ["France", "French"], False),
    ("Frances Ha opened the festival.", ["France"], True),  # a cross-link takes whole words only
    ("[France](x) will send engineers.", [], False),
    ("## A heading\n\nText.", [], False),
    ("\n\n2024 was a year of elections.", [], False),
])
def test_the_drop_cap_only_on_a_plain_first_word(body, surfaces, expected):
    assert opens_with_plain_word(body, surfaces) is expected


def _article(date: dt.datetime, undated: bool = False) -> Article:
    return Article(title="T", body="B", date=date, source="Wire", undated=undated)


def test_no_time_is_printed_when_none_is_known_and_undated_says_so():
    utc = dt.UTC
    assert when(_article(dt.datetime(2024, 9, 2, 9, 5, tzinfo=utc)))["time"] == "09:05"
    bare = when(_article(dt.datetime(2024, 9, 2, tzinfo=utc)))
    assert bare["time"] == "" and bare["datetime"] == "2024-09-02" and bare["date_label"] == "2 Sep 2024"
    assert not time_known(_article(dt.datetime(2017, 12, 30, 0, 0, 0)))
    undated = when(_article(dt.datetime(2026, 12, 4, 10, 0, tzinfo=utc), undated=True))
    assert (undated["date_label"], undated["time"], undated["added_label"]) == ("Undated", "", "4 Dec 2026")
    assert "Undated" in article_dateline(_article(dt.datetime(2026, 12, 4, tzinfo=utc), undated=True))


def test_entity_search_lines_escape_what_came_from_articles():
    forms = other_forms("Vladimir Putin", Counter({"Putin": 9, "putin": 1, "Vladimir Putin": 12, "<b>V</b>": 1}))
    assert forms == ["Putin", "<b>V</b>"]
    body = entity_body("Vladimir Putin", "President of Russia.", "President", forms)
    assert "<b>V</b>" not in body and "&lt;b&gt;V&lt;/b&gt;" in body
    assert body.startswith("President of Russia.") and 'data-pagefind-meta="also"' in body
    assert search_boost(1) < search_boost(10) and search_boost(0) > 1
