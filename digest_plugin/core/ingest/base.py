"""What every reader shares: options, the error type, byte decoding and `build_article`.

Readers turn one input into `Article`s and raise `IngestError` (naming the input and the
reason) for input they cannot read. `build_article` is the one place where a reader's raw
fields become an `Article`: the outlet named (core/outlets.py), the bylines read for people
(core/bylines.py), the lead image kept only as an http(s) URL, the date chosen (the source's,
else --date, else today with a warning), the stable id computed, and every field held to
`core.articles.validate_article` (the same rules the plugin applies to files written by hand).

Messages name inputs and quote them only through `shown`: escaped, one line, short.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from digest_plugin.core.articles import validate_article, web_image_url
from digest_plugin.core.bylines import people_in_byline
from digest_plugin.core.ingest.dates import DateRangeError, parse_date
from digest_plugin.core.ingest.identity import article_id
from digest_plugin.core.ingest.linebreaks import unindented_paragraphs
from digest_plugin.core.ingest.sanitize import (
    clean_line,
    html_to_markdown,
    looks_like_html,
    plain_text_to_markdown,
)
from digest_plugin.core.model import Article
from digest_plugin.core.outlets import ingest_source_name
from digest_plugin.core.shown import shown

# A body shorter than this is not an article (an empty file, a record with only a title).
MIN_BODY_CHARS = 1
# The default bound on an input's size (a file, a download, a decompressed gzip file): the
# 21,578-record Reuters export is 22 MB, and reading 64 MB of JSON stays far below 1 GB.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class IngestError(Exception):
    """An input (file, URL or record) that cannot be ingested; str() names input and reason."""

    def __init__(self, origin: str, reason: str) -> None:
        # A file name may hold a newline or an escape sequence, a reason may quote megabytes
        # of a hostile input: both are shown escaped and short.
        self.origin = shown(origin)
        self.reason = shown(reason, 400)
        super().__init__(f"{self.origin}: {self.reason}")


def _warn_on_stderr(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


@dataclass
class ReadOptions:
    """How readers interpret their input.

    `source` overrides/fills the publication name; `date` is the fallback for undated items
    (None means today, with a warning); `field_map` maps Article fields to record keys for
    JSON exports with other names (from --map field=key); `timeout` is the deadline of a whole
    URL fetch, in seconds; `max_bytes` bounds every input (readers.py).
    """

    source: str = ""
    date: dt.datetime | None = None
    field_map: dict[str, str] = field(default_factory=dict)
    timeout: float = 20.0
    # The largest input read, in bytes: a file, a download, a gzip file once decompressed.
    max_bytes: int = DEFAULT_MAX_BYTES
    warn: Callable[[str], None] = _warn_on_stderr
    # The input being read (set by readers.read_input), so that falling back to today is
    # warned about once per input, not once per record of a 20k-line file.
    current_input: str = ""
    _warned_today: set[str] = field(default_factory=set, repr=False)

    def fallback_date(self, origin: str) -> dt.datetime:
        if self.date is not None:
            return self.date
        today = dt.datetime.combine(dt.date.today(), dt.time())
        name = self.current_input or origin
        if name not in self._warned_today:
            self._warned_today.add(name)
            self.warn(f"{shown(name)}: no date in the source and no --date given; using today "
                      f"({today.date().isoformat()})")
        return today


# Byte order marks of the UTF-16 and UTF-32 encodings, longest first (UTF-32-LE's starts
# with UTF-16-LE's).
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def wide_encoding(data: bytes) -> str | None:
    """The UTF-16/32 encoding a byte order mark at the start of `data` names, if any."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_bytes(data: bytes) -> str:
    """UTF-16/32 with a byte order mark, else UTF-8 (BOM dropped), else Windows-1252, else
    Latin-1 (which decodes any byte)."""
    wide = wide_encoding(data)
    if wide is not None:
        return data[len(next(bom for bom, name in _WIDE_BOMS if name == wide)):].decode(wide, errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 4 KiB: not a text document."""
    head = data[:4096]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return bool(head) and controls / len(head) > 0.1


_INDENTED = re.compile(r"^[ \t]+\S")
_SIGN_OFF = re.compile(r"\s*\breuter\s*\Z", re.IGNORECASE)


def plain_body_to_markdown(text: str) -> str:
    """A plain-text body from a record to safe Markdown, whatever its paragraph convention:
    blank lines between paragraphs; hard-wrapped lines where a paragraph starts indented
    (Reuters); or neither, where the line widths decide (see linebreaks): hard-wrapped lines
    run on into the next, a text laid out one block per line (news-please) keeps its lines
    apart. A trailing wire sign-off is dropped."""
    text = _SIGN_OFF.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip("\n")
    lines = text.split("\n")
    if any(not line.strip() for line in lines):
        return plain_text_to_markdown(text)
    if not any(_INDENTED.match(line) for line in lines[1:]):
        return plain_text_to_markdown("\n\n".join(unindented_paragraphs(lines)))
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if paragraphs[-1] and _INDENTED.match(line):
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return plain_text_to_markdown("\n\n".join(" ".join(paragraph) for paragraph in paragraphs))


def body_to_markdown(text: str) -> str:
    """HTML or plain text from outside to safe Markdown."""
    return html_to_markdown(text) if looks_like_html(text) else plain_body_to_markdown(text)


def read_source_date(value: object, origin: str, options: ReadOptions) -> dt.datetime | None:
    """The source's own date for an item: None when it has none or an unreadable one (warned
    about: the fallback date is used); IngestError for a date no calendar holds (year 10000)."""
    try:
        parsed = parse_date(value)
    except DateRangeError as error:
        raise IngestError(origin, str(error)) from error
    if parsed is None and value not in (None, "", ()):
        options.warn(f"{shown(origin)}: unreadable date {shown(value, 60)!r}; using the fallback date")
    return parsed


def build_article(
    *,
    origin: str,
    options: ReadOptions,
    title: str,
    body_markdown: str,
    source_date: object = None,
    source: str = "",
    url: str = "",
    authors: list[str] | None = None,
    summary: str = "",
    people: list[str] | None = None,
    countries: list[str] | None = None,
    known_id: str = "",
    image: str = "",
) -> Article:
    """An Article from a reader's fields; IngestError when it cannot be one (no title, no body,
    a date outside 1900 to tomorrow: see core.articles).

    `body_markdown` must already be safe Markdown (see sanitize). `source_date` is the source's
    date as written (text, datetime or feedparser's time tuple). `options.source` (--source) is
    the user's explicit choice and wins over the input's.
    """
    clean_title = clean_line(title[:100_000])
    if not clean_title:
        raise IngestError(origin, "no title")
    if len(body_markdown.strip()) < MIN_BODY_CHARS:
        raise IngestError(origin, f"no body text (title {shown(clean_title, 80)!r})")
    date = read_source_date(source_date, origin, options)
    written_source = clean_line(options.source) or clean_line(source)
    # The id as ingestion has always computed it, so re-ingesting finds the same article.
    id_url = url.strip() if url and url.strip().lower().startswith(("http://", "https://")) else ""
    # One name per outlet: a web host ("www.theguardian.com") becomes the outlet's name, and an
    # item without a source takes the name of its URL's host. --source is kept as given.
    clean_source = clean_line(options.source) or ingest_source_name(clean_line(source), id_url)
    # People only: sources put their own name, agencies and page furniture among the authors.
    clean_authors = people_in_byline((clean_line(str(author)) for author in authors or []),
                                     source=clean_line(source) or clean_source, url=id_url)
    article = Article(
        title=clean_title,
        body=body_markdown.strip() + "\n",
        date=date if date is not None else options.fallback_date(origin),
        source=clean_source,
        url=url,
        authors=clean_authors,
        summary=summary,
        # The source as written, so ids made before names were normalised stay the same.
        id=known_id.strip() or article_id(url=id_url, source=written_source, title=clean_title, source_date=date),
        people=people,
        countries=countries,
        undated=date is None and options.date is None,
        image=web_image_url(image) if image else "",
    )
    try:
        article, notes = validate_article(article)
    except ValueError as error:
        raise IngestError(origin, str(error)) from error
    for note in notes:
        options.warn(f"{shown(origin)}: {note}")
    return article
