"""Web pages through trafilatura, and Markdown files with front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from digest_plugin.core.ingest.base import IngestError, ReadOptions
from digest_plugin.core.ingest.markdownfile import read_markdown
from digest_plugin.core.ingest.webpage import read_html

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def test_html_page_text_and_metadata():
    (article,) = read_html((FIXTURES / "page.html").read_bytes(), "page.html", ReadOptions(warn=lambda message: None))
    assert article.title == "Rail strike ends after deal"
    assert article.source == "Example Times"
    assert article.authors == ["Ruth Miles"]
    assert article.date.date() == dt.date(2019, 10, 4)
    assert article.body.startswith("Train drivers returned to work on Friday")
    assert "window.tracker" not in article.body and "All rights reserved" not in article.body
    assert article.body.count("\n\n") == 3


def test_html_without_article_text():
    with pytest.raises(IngestError, match="no article text"):
        list(read_html(b"<html><head><title>Empty</title></head><body><script>var a = 1;</script></body></html>", "empty.html", ReadOptions()))


def test_markdown_front_matter_normalized():
    (article,) = read_markdown((FIXTURES / "article.md").read_bytes(), "article.md", ReadOptions())
    assert article.title == 'Editors note: "quoted" title'
    assert article.authors == ["Kim Lee"]
    assert article.people == ["Ada Lovelace"] and article.countries == ["GB"]
    assert "[good link](https://example.com)" in article.body
    assert "javascript:" not in article.body
    assert "<script>" not in article.body
