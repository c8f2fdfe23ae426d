"""RSS and Atom feeds, local files, and feeds that cannot be read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from digest_plugin.core.ingest.base import IngestError, ReadOptions
from digest_plugin.core.ingest.feed import read_feed

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def read(name: str) -> list:
    return list(read_feed((FIXTURES / name).read_bytes(), name, ReadOptions(warn=lambda message: None)))


def test_rss_full_content_link_date_author():
    bridge, library = read("small.rss")
    assert bridge.title == "Bridge reopens after repairs"
    assert bridge.source == "Example Daily"
    assert bridge.authors == ["Sam Field"]
    assert bridge.date == dt.datetime(2022, 6, 1, 7, 45, tzinfo=dt.timezone.utc)
    assert bridge.id == "https://daily.example.com/2022/06/bridge"  # tracking parameter dropped
    assert bridge.summary == "The old river bridge is open again."
    assert "[the steel deck](https://daily.example.com/steel)" in bridge.body
    assert library.body.strip() == "The city library will open on Sundays from July."


def test_atom_entry_with_list():
    (museum,) = read("small.atom")
    assert museum.authors == ["Lee Park"]
    assert museum.date == dt.datetime(2023, 2, 9, 15, 20, tzinfo=dt.timezone.utc)
    assert "- six masks\n- six plaques" in museum.body


def test_malformed_feed_is_one_clear_error():
    with pytest.raises(IngestError) as caught:
        read("malformed.rss")
    assert "malformed.rss" in str(caught.value) and "not a readable feed" in str(caught.value)


def test_not_a_feed():
    with pytest.raises(IngestError, match="not an RSS or Atom feed"):
        list(read_feed(b"<note>hello</note>", "note.xml", ReadOptions()))
