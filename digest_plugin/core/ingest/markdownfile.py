"""Markdown files with front matter (another digest's articles, an editor's drafts), normalized:
the front matter keys of this digest, one-line fields cleaned, raw HTML and unsafe links in
the body neutralized (sanitize.sanitize_markdown).

Front matter is read as the plugin reads it (`core.articles.load_front_matter`: YAML without
aliases, so an alias bomb is refused, not expanded). The neutralized body is then rendered with
Python-Markdown and the extensions sites commonly enable (attr_list, md_in_html, footnotes,
tables, admonitions...) and checked against the article allowlist (`core.safehtml`): if any
construct still renders to markup the allowlist would remove, the body is stored as plain text
instead, with a warning. What ingest writes is then safe whatever the site's extensions.
"""

from __future__ import annotations

from collections.abc import Iterator

import markdown
import yaml

from digest_plugin.core.articles import load_front_matter
from digest_plugin.core.ingest.base import (
    IngestError,
    ReadOptions,
    build_article,
    decode_bytes,
)
from digest_plugin.core.ingest.sanitize import costly_to_convert, plain_text_to_markdown, sanitize_markdown
from digest_plugin.core.model import Article
from digest_plugin.core.safehtml import removed_markup
from digest_plugin.core.shown import shown

# Python-Markdown's own extensions that add syntax a hostile file could use (what Material
# sites enable most, short of pymdownx, whose output the site-side allowlist covers too).
# ("extra" is abbr, attr_list, def_list, fenced_code, footnotes, md_in_html and tables.)
CHECK_EXTENSIONS = ("extra", "admonition", "toc", "sane_lists")


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value if isinstance(item, (str, int, float)) and item]
    return []


def safe_body(source: str, origin: str, options: ReadOptions) -> str:
    """The Markdown body to store: neutralized, and proven to render within the allowlist.

    A body Python-Markdown would take minutes over (`sanitize.costly_to_convert`) is not
    rendered but stored as plain text, whose brackets are escaped and whose long paragraphs are
    cut between words."""
    body = sanitize_markdown(source)
    costly = costly_to_convert(body)
    if costly:
        options.warn(f"{shown(origin)}: {costly}; stored as plain text")
        return plain_text_to_markdown(source)
    removed = removed_markup(markdown.markdown(body, extensions=list(CHECK_EXTENSIONS)))
    if not removed:
        return body
    options.warn(f"{shown(origin)}: Markdown renders to unsafe markup ({shown(', '.join(removed), 120)}); "
                 "stored as plain text")
    return plain_text_to_markdown(source)


def read_markdown(data: bytes, origin: str, options: ReadOptions) -> Iterator[Article]:
    """One article from a Markdown file with front matter (title required)."""
    try:
        meta, content = load_front_matter(decode_bytes(data))
    except yaml.YAMLError as error:
        raise IngestError(origin, f"invalid front matter: {error}") from error
    except ValueError as error:
        raise IngestError(origin, f"invalid front matter: {error}") from error
    people = meta.get("people")
    countries = meta.get("countries")
    yield build_article(
        origin=origin,
        options=options,
        title=str(meta.get("title") or ""),
        body_markdown=safe_body(content, origin, options),
        source_date=meta.get("date"),
        source=str(meta.get("source") or ""),
        url=str(meta.get("url") or ""),
        authors=_names(meta.get("authors") or meta.get("author")),
        summary=str(meta.get("summary") or meta.get("description") or ""),
        people=_names(people) if people is not None else None,
        countries=[code.upper() for code in _names(countries)] if countries is not None else None,
        known_id=str(meta.get("id") or ""),
    )
