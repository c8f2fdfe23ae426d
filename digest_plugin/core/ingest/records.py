"""JSON article records: one JSON object, a JSON array of objects, or JSON Lines.

Keys are those of news-please exports (title, maintext/text, url, date_publish, authors,
source_domain, description, image_url, language) and the usual variants (body, date, source, summary);
`ReadOptions.field_map` (--map field=key) names the key to use for a field in other exports.
A record that cannot become an article is reported on its own (`path:line` or `path[index]`)
and the rest of the file goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from digest_plugin.core.ingest.base import (
    IngestError,
    ReadOptions,
    body_to_markdown,
    build_article,
    decode_bytes,
)
from digest_plugin.core.model import Article

# For each Article field, the record keys that may hold it, most specific first.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "body": ("maintext", "text", "body", "content", "article"),
    "url": ("url", "link", "canonical_url"),
    "date": ("date_publish", "date", "published", "pubDate", "datetime", "date_modify"),
    "authors": ("authors", "author", "byline"),
    "source": ("source_domain", "source", "publisher", "sitename"),
    "summary": ("description", "summary", "teaser"),
    "people": ("people",),
    "countries": ("countries",),
    "image": ("image_url", "image", "top_image", "og_image"),
}
MAPPABLE_FIELDS = tuple(FIELD_KEYS)


def _pick(record: dict[str, Any], field_name: str, field_map: dict[str, str]) -> Any:
    keys = (field_map[field_name],) if field_name in field_map else FIELD_KEYS[field_name]
    for key in keys:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n\n".join(str(item) for item in value if item)
    return str(value)


def _as_names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item["name"] if isinstance(item, dict) and "name" in item else str(item) for item in value if item]
    return [str(value)]


def _string_list_or_none(value: Any) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def record_to_article(record: Any, origin: str, options: ReadOptions) -> Article:
    """One JSON record to an Article; IngestError when it is not an article."""
    if not isinstance(record, dict):
        raise IngestError(origin, f"record is a JSON {type(record).__name__}, not an object")
    field_map = options.field_map
    title = _as_text(_pick(record, "title", field_map))
    body = _as_text(_pick(record, "body", field_map))
    source = _pick(record, "source", field_map)
    return build_article(
        origin=origin,
        options=options,
        title=title,
        body_markdown=body_to_markdown(body) if body else "",
        source_date=_pick(record, "date", field_map),
        source=_as_text(source) if isinstance(source, str) else "",
        url=_as_text(_pick(record, "url", field_map)),
        authors=_as_names(_pick(record, "authors", field_map)),
        summary=_as_text(_pick(record, "summary", field_map)),
        people=_string_list_or_none(_pick(record, "people", field_map)),
        countries=_string_list_or_none(_pick(record, "countries", field_map)),
        image=_image_url(_pick(record, "image", field_map)),
    )


def _image_url(value: Any) -> str:
    """news-please's `image_url` is a string; other exports give {"url": ...} or a list of them."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("src")
    return value if isinstance(value, str) else ""


def _records(text: str, origin: str) -> Iterator[tuple[str, Any] | IngestError]:
    """(origin of the record, parsed record) pairs, or an IngestError for a bad line."""
    stripped = text.lstrip()
    if not stripped:
        raise IngestError(origin, "empty file")
    if stripped[0] == "[":
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise IngestError(origin, f"invalid JSON: {error}") from error
        for index, record in enumerate(records):
            yield f"{origin}[{index}]", record
        return
    try:
        yield origin, json.loads(stripped)
        return
    except json.JSONDecodeError as error:
        if stripped[0] != "{" or "Extra data" not in str(error):
            raise IngestError(origin, f"invalid JSON: {error}") from error
    for number, line in enumerate(text.splitlines(), start=1):  # JSON Lines
        if not line.strip():
            continue
        try:
            yield f"{origin}:{number}", json.loads(line)
        except json.JSONDecodeError as error:
            yield IngestError(f"{origin}:{number}", f"invalid JSON line: {error}")


def read_json(data: bytes, origin: str, options: ReadOptions) -> Iterator[Article | IngestError]:
    """Articles (or per-record errors) from JSON, a JSON array or JSON Lines."""
    for item in _records(decode_bytes(data), origin):
        if isinstance(item, IngestError):
            yield item
            continue
        record_origin, record = item
        try:
            yield record_to_article(record, record_origin, options)
        except IngestError as error:
            yield error
