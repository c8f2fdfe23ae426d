"""The two plain-text formats: the seed's syndication format and "headline, blank line, body"."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from digest_plugin.core.ingest.base import IngestError, ReadOptions
from digest_plugin.core.ingest.text import parse_text, read_text_file

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
# Research data lives beside the repository (../shared); DIGEST_SHARED points elsewhere.
SHARED = Path(os.environ.get("DIGEST_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
SEED = SHARED / "seeds" / "000_538d3bbc696e1adc.txt"


def options(**kwargs) -> ReadOptions:
    return ReadOptions(date=dt.datetime(2024, 9, 15), warn=lambda message: None, **kwargs)


def read_one(path: Path, opts: ReadOptions | None = None):
    (article,) = list(read_text_file(path, opts or options()))
    return article


def test_seed_format_fields():
    article = read_one(FIXTURES / "seed_format.txt")
    assert article.title == "Harbour strike halts grain exports, says union leader"
    assert article.summary == "Dockworkers in Rotterdam walked out on Monday over pay, union officials said."
    assert article.source == "Example Wire"
    assert article.authors == ["Pieter Jansen"]


def test_seed_format_body_excludes_repeated_headline_and_credit():
    body = read_one(FIXTURES / "seed_format.txt").body
    assert "Harbour strike halts" not in body
    assert "contributed to this report" not in body
    assert "Read Full Article" not in body
    assert body.startswith("Grain shipments out of the Dutch port")
    assert body.count("\n\n") == 2  # three paragraphs, blank-line separated


def test_headline_format_summary_and_list():
    article = read_one(FIXTURES / "headline_format.txt")
    assert article.title == "Storm closes mountain passes in the Alps"
    assert article.summary.startswith("Heavy snow shut three mountain passes")
    assert article.source == ""
    assert article.authors == []
    assert "- the Simplon pass\n- the Great St Bernard pass" in article.body
    assert article.body.rstrip().endswith("Forecasters expect more snow at the weekend.")


def test_long_first_paragraph_gives_first_sentence_summary():
    text = "Title here\n\n" + "First sentence is short. " + "Then a very long clause goes on " * 20 + "\n"
    article = parse_text(text, "long.txt", options())
    assert article.summary == "First sentence is short."


def test_source_option_overrides():
    article = read_one(FIXTURES / "seed_format.txt", options(source="Desk Copy"))
    assert article.source == "Desk Copy"


def test_latin1_byte_is_decoded(tmp_path: Path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Fee row\n\nThe club paid \u00a315m for the striker.\n".encode("latin-1"))
    assert "\u00a315m" in read_one(path).body


@pytest.mark.parametrize("content, reason", [(b"", "empty file"), (b"  \n\n ", "empty file"),
                                             (b"\x00\x01\x02PK\x03\x04" * 50, "binary")])
def test_unusable_files_raise_naming_the_file(tmp_path: Path, content: bytes, reason: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError) as caught:
        read_one(path)
    assert str(path) in str(caught.value) and reason in str(caught.value)


def test_headline_without_body_is_an_error():
    with pytest.raises(IngestError, match="no body text"):
        parse_text("Only a headline\n", "x.txt", options())


def test_same_text_same_id_whatever_the_fallback_day():
    first = parse_text((FIXTURES / "headline_format.txt").read_text(), "a", options())
    second = parse_text((FIXTURES / "headline_format.txt").read_text(), "a",
                        ReadOptions(date=None, warn=lambda message: None))
    assert first.id == second.id


def test_missing_date_warns_once_and_uses_today():
    warnings: list[str] = []
    opts = ReadOptions(warn=warnings.append)
    article = read_one(FIXTURES / "headline_format.txt", opts)
    assert article.date.date() == dt.date.today()
    assert len(warnings) == 1 and "using today" in warnings[0]


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seeds (research data, not in the repo)")
def test_real_seed():
    article = read_one(SEED)
    assert article.source == "RT.com"
    assert article.authors == ["Alejandro Jose Martinez"]
    assert article.summary.endswith("to support Kiev.")
    assert not article.body.startswith("France might still deploy")
