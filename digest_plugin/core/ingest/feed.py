"""RSS 0.9x/1.0/2.0 and Atom feeds, parsed with feedparser.

Each entry becomes an article: its full content when the feed carries one, else its summary,
its link, published (else updated) date, authors and picture (Media RSS or an image
enclosure); the feed's outlet, named from its title and site link (core/outlets.py), is the source. A feed
that feedparser cannot read at all is an error; a feed with recoverable faults (a wrong
encoding declaration) is ingested with a warning that names the fault.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import feedparser

from digest_plugin.core.ingest.base import (
    IngestError,
    ReadOptions,
    body_to_markdown,
    build_article,
)
from digest_plugin.core.ingest.dates import DateRangeError, parse_date
from digest_plugin.core.ingest.sanitize import clean_line, looks_like_html
from digest_plugin.core.model import Article
from digest_plugin.core.outlets import feed_source_name


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((item.get("value", "") for item in contents), key=len, default="")
    return best or entry.get("summary", "") or entry.get("description", "")


def _entry_authors(entry: Any) -> list[str]:
    names = [author.get("name", "") for author in entry.get("authors", []) if isinstance(author, dict)]
    names = [name for name in names if name]
    if not names and entry.get("author"):
        names = [entry["author"]]
    return names


def entry_image(entry: Any) -> str:
    """An entry's picture: Media RSS `media:content` (an image, or of no stated kind), then
    `media:thumbnail`, then an image enclosure. The largest `media:content` image wins."""
    contents = [item for item in entry.get("media_content") or [] if isinstance(item, dict) and item.get("url")
                and (item.get("medium") == "image" or str(item.get("type", "")).startswith("image/")
                     or not (item.get("medium") or item.get("type")))]
    if contents:
        return str(max(contents, key=lambda item: _as_int(item.get("width")))["url"])
    for item in entry.get("media_thumbnail") or []:
        if isinstance(item, dict) and item.get("url"):
            return str(item["url"])
    for link in entry.get("links") or []:
        if isinstance(link, dict) and link.get("rel") == "enclosure" \
                and str(link.get("type", "")).startswith("image/") and link.get("href"):
            return str(link["href"])
    return ""


def _as_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _entry_date(entry: Any) -> object:
    """The entry's date as the feed wrote it, else feedparser's reading of it.

    The text comes first: feedparser reads "10000-01-01T00:00:00Z" as 1 December 2010 and turns
    "9999-12-31T23:59:59-14:00" into year 10000; the time tuple is used only when the text is
    in a form parse_date does not know, and only if its year is the one written.
    """
    for key in ("published", "updated"):
        text = entry.get(key)
        if isinstance(text, str) and text.strip():
            try:
                if parse_date(text) is not None:
                    return text
            except DateRangeError:
                return text  # build_article refuses this entry, naming it
            parsed = entry.get(f"{key}_parsed")
            if parsed is not None and str(parsed[0]) in text:
                return tuple(parsed)
            return text  # unreadable: build_article warns and falls back
    return None


def read_feed(data: bytes, origin: str, options: ReadOptions) -> Iterator[Article | IngestError]:
    """Articles (or per-entry errors) from one feed document."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    version = parsed.get("version") or ""
    if parsed.get("bozo") and not entries:
        raise IngestError(origin, f"not a readable feed: {parsed.get('bozo_exception')}")
    if not entries:
        reason = "feed has no entries" if version else "not an RSS or Atom feed"
        raise IngestError(origin, reason)
    if parsed.get("bozo"):
        options.warn(f"{origin}: feed has faults, read what could be recovered: {parsed.get('bozo_exception')}")
    feed_title = feed_source_name(clean_line(parsed.feed.get("title", "")), parsed.feed.get("link", "") or "")
    for number, entry in enumerate(entries, start=1):
        entry_origin = f"{origin} (entry {number})"
        body = _entry_body(entry)
        # feedparser copies the content into `summary` when the entry has no description.
        description = entry.get("summary", "")
        summary = description if description and description != body and not looks_like_html(description) else ""
        try:
            yield build_article(
                origin=entry_origin,
                options=options,
                title=entry.get("title", ""),
                body_markdown=body_to_markdown(body) if body else "",
                source_date=_entry_date(entry),
                source=feed_title,
                url=entry.get("link", ""),
                authors=_entry_authors(entry),
                summary=summary or _first_paragraph_text(body),
                image=entry_image(entry),
            )
        except IngestError as error:
            yield error


def _first_paragraph_text(body: str) -> str:
    """The summary of an entry without one: its first paragraph as plain text."""
    text = re.sub(r"</(p|div|li|h\d)>|<br\s*/?>", "\n\n", body, flags=re.IGNORECASE)
    for paragraph in text.split("\n\n"):
        line = clean_line(paragraph)
        if line:
            return line
    return ""
