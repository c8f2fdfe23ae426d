"""Plain-text articles: the seed's syndication format and "headline, blank line, body".

Seed format (a syndicated wire story):

    Headline
    <blank>
    Teaser sentence. Read Full Article at <Source>.
    <blank>
    Headline (repeated)
    Body paragraph ...
    ...
    <Name> contributed to this report for <Publisher>

The teaser (without "Read Full Article at ...") becomes the summary, <Source> the source and
<Name> the author; the repeated headline and the credit line are not body text.

Headline format (the BBC corpus): first line the headline, a blank line, then the body in
paragraphs separated by blank lines; the summary is the first paragraph (its first sentence
when the paragraph is long).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from digest_plugin.core.ingest.base import (
    IngestError,
    ReadOptions,
    build_article,
    decode_bytes,
    looks_binary,
)
from digest_plugin.core.ingest.sanitize import plain_text_to_markdown
from digest_plugin.core.model import Article

_TEASER = re.compile(r"^(?P<teaser>.*?)\s*Read Full Article at (?P<source>.+?)\.?\s*$", re.IGNORECASE)
_CREDIT = re.compile(r"^(?P<name>.+?) contributed to this report for (?P<publisher>.+?)\.?\s*$", re.IGNORECASE)
_FIRST_SENTENCE = re.compile(r"^.+?[.!?][\"'”’)]?(?=\s+[A-Z\"“‘(])")
SUMMARY_MAX_CHARS = 300


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def _lead_summary(body_text: str) -> str:
    """The first paragraph, or its first sentence when the paragraph is long."""
    for block in body_text.split("\n\n"):
        paragraph = " ".join(block.split())
        if paragraph:
            if len(paragraph) <= SUMMARY_MAX_CHARS:
                return paragraph
            sentence = _FIRST_SENTENCE.match(paragraph)
            return sentence.group(0) if sentence else paragraph
    return ""


def _non_blank_indexes(lines: list[str]) -> list[int]:
    return [index for index, line in enumerate(lines) if line.strip()]


def parse_text(text: str, origin: str, options: ReadOptions) -> Article:
    """One plain-text article (either format, told apart by the teaser line)."""
    lines = _lines(text)
    filled = _non_blank_indexes(lines)
    if not filled:
        raise IngestError(origin, "empty file")
    headline_index = filled[0]
    headline = lines[headline_index].strip()
    rest = lines[headline_index + 1:]
    teaser_match = None
    rest_filled = _non_blank_indexes(rest)
    if rest_filled:
        teaser_match = _TEASER.match(rest[rest_filled[0]].strip())
    authors: list[str] = []
    source = ""
    if teaser_match:
        summary = teaser_match.group("teaser")
        source = teaser_match.group("source")
        body_lines = rest[rest_filled[0] + 1:]
        body_filled = _non_blank_indexes(body_lines)
        # The story repeats its headline before the body.
        if body_filled and " ".join(body_lines[body_filled[0]].split()) == " ".join(headline.split()):
            body_lines = body_lines[body_filled[0] + 1:]
            body_filled = _non_blank_indexes(body_lines)
        if body_filled:
            credit = _CREDIT.match(body_lines[body_filled[-1]].strip())
            if credit:
                authors.append(credit.group("name"))
                body_lines = body_lines[: body_filled[-1]]
        # Syndicated copy puts one paragraph per line, not always with blank lines between.
        body_text = "\n\n".join(line for line in body_lines if line.strip())
    else:
        body_text = "\n".join(rest)
        summary = _lead_summary(body_text)
    return build_article(
        origin=origin,
        options=options,
        title=headline,
        body_markdown=plain_text_to_markdown(body_text),
        source=source,
        authors=authors,
        summary=summary,
    )


def read_text_file(path: Path, options: ReadOptions) -> Iterator[Article]:
    """Read one text file (any encoding we can decode) as one article."""
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(str(path), "empty file")
    if looks_binary(data):
        raise IngestError(str(path), "binary file, not text")
    yield parse_text(decode_bytes(data), str(path), options)
