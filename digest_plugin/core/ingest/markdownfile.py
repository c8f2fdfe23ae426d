"""Markdown files with front matter (another digest's articles, an editor's drafts), normalized:
the front matter keys of this digest, one-line fields cleaned, raw HTML and unsafe links in
the body neutralized (sanitize.sanitize_markdown)."""

from __future__ import annotations

from collections.abc import Iterator

import frontmatter
import yaml

from digest_plugin.core.ingest.base import (
    IngestError,
    ReadOptions,
    build_article,
    decode_bytes,
)
from digest_plugin.core.ingest.dates import parse_date
from digest_plugin.core.ingest.sanitize import sanitize_markdown
from digest_plugin.core.model import Article


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value if item]
    return []


def read_markdown(data: bytes, origin: str, options: ReadOptions) -> Iterator[Article]:
    """One article from a Markdown file with front matter (title required)."""
    try:
        post = frontmatter.loads(decode_bytes(data))
    except yaml.YAMLError as error:
        raise IngestError(origin, f"invalid front matter: {error}") from error
    meta = post.metadata
    people = meta.get("people")
    countries = meta.get("countries")
    yield build_article(
        origin=origin,
        options=options,
        title=str(meta.get("title") or ""),
        body_markdown=sanitize_markdown(post.content),
        source_date=parse_date(meta.get("date")),
        source=str(meta.get("source") or ""),
        url=str(meta.get("url") or ""),
        authors=_names(meta.get("authors") or meta.get("author")),
        summary=str(meta.get("summary") or meta.get("description") or ""),
        people=_names(people) if people is not None else None,
        countries=[code.upper() for code in _names(countries)] if countries is not None else None,
        known_id=str(meta.get("id") or ""),
    )
