"""JSON, JSON arrays and JSON Lines of article records (news-please keys, variants, --map)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from digest_plugin.core.ingest.base import IngestError, ReadOptions
from digest_plugin.core.ingest.dates import parse_date
from digest_plugin.core.ingest.records import read_json

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def read(data: bytes, **kwargs) -> list:
    return list(read_json(data, "input.json", ReadOptions(warn=lambda message: None, **kwargs)))


def test_news_please_record():
    (article,) = read((FIXTURES / "news_please.json").read_bytes())
    assert article.title == 'Central bank holds rates: "for now" --- analysts split'
    assert article.date == dt.datetime(2021, 3, 18, 9, 30)
    assert article.source == "example.org"  # a host unknown to core/data/outlets.tsv: its registrable domain
    assert article.authors == ["Jane Roe", "John Doe"]
    assert article.summary == "The bank left borrowing costs where they were."
    assert article.id == "https://news.example.org/economy/rates-hold?id=42"
    assert article.body.count("\n\n") == 2


def test_array_and_variant_keys():
    records = [{"title": "One", "body": "First body.", "date": "2020-01-02", "source": "Wire", "summary": "S"},
               {"title": "Two", "text": "Second body.", "url": "https://x.example/2"}]
    first, second = read(json.dumps(records).encode())
    assert (first.title, first.source, first.summary, first.date.date()) == ("One", "Wire", "S", dt.date(2020, 1, 2))
    assert second.url == "https://x.example/2"


def test_json_lines_with_bad_records_go_on():
    results = read((FIXTURES / "records.jsonl").read_bytes(), field_map={"date": "when"})
    articles = [item for item in results if not isinstance(item, IngestError)]
    errors = [str(item) for item in results if isinstance(item, IngestError)]
    assert [article.title for article in articles][:2] == ["COFFEE PRICES RISE ON FROST FEARS", "SUGAR OUTPUT FORECAST CUT"]
    assert any("input.json:3" in error and "no body" in error for error in errors)
    assert any("input.json:4" in error and "invalid JSON" in error for error in errors)
    mapped = articles[-1]
    assert mapped.title == "Mapped export item" and mapped.date == dt.datetime(2020, 5, 1)


def test_reuters_body_paragraphs_and_sign_off():
    (coffee, *_rest) = read((FIXTURES / "records.jsonl").read_bytes())
    assert coffee.date == dt.datetime(1987, 3, 3, 10, 15, 22)
    assert coffee.body == ("Coffee futures climbed on Tuesday as traders worried about frost in growing regions.\n\n"
                           "Dealers said stocks in consuming countries were low after a weak harvest.\n")


def test_reuters_date_format():
    assert parse_date("26-FEB-1987 15:01:01.79") == dt.datetime(1987, 2, 26, 15, 1, 1)
    # Routing letters after the time are not part of the date.
    assert parse_date("27-MAR-1987 00:02:59.13RM") == dt.datetime(1987, 3, 27, 0, 2, 59)
    assert parse_date("27-MAR-1987 00:03:45.90E F") == dt.datetime(1987, 3, 27, 0, 3, 45)
    # A garbled or annotated time keeps the day.
    assert parse_date("31-MAR-1987 605:12:19.12") == dt.datetime(1987, 3, 31)
    assert parse_date("9-APR-1987 00:00:00.00    # a note") == dt.datetime(1987, 4, 9)
    assert parse_date("31-FEB-1987 605:12:19.12") is None  # no such day: unreadable, not a crash


def test_not_an_object_and_invalid_json():
    (error,) = read(b"[1]")
    assert isinstance(error, IngestError) and "not an object" in str(error)
    try:
        read(b"{not json")
    except IngestError as caught:
        assert "invalid JSON" in str(caught)
    else:
        raise AssertionError("invalid JSON was accepted")
