"""Reading the digest's own article files (front matter + Markdown) back into `Article`s.

Front matter is validated here, at the edge: a file that cannot be an article raises
`ArticleError` naming the file and the reason, and the caller decides whether that fails
the build or is a logged warning.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import frontmatter
import yaml

from digest_plugin.core.bylines import people_in_byline
from digest_plugin.core.model import Article

try:  # libyaml parses front matter about ten times faster, which matters at 20k articles
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]


class ArticleError(ValueError):
    """An article file whose front matter cannot be used; the message names the file."""


def parse_front_matter_date(value: Any) -> dt.datetime:
    """Front matter dates arrive as str, date or datetime; always return an aware datetime."""
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and value.strip():
        try:
            parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"date {value!r} is not an ISO 8601 date") from None
    else:
        raise ValueError(f"date {value!r} is not an ISO 8601 date")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed


def _string_list(value: Any, key: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise ValueError(f"'{key}' must be a list of strings")


def _web_url(value: Any) -> str:
    """The original's address, kept only when it is http(s): it becomes a link on the page."""
    url = str(value or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


IMAGE_URL_LIMIT = 2048


def web_image_url(value: str) -> str:
    """`value` when it is an http(s) URL with a host and no whitespace or control characters
    (what may become an <img src> and og:image), else "". Ingestion keeps a source's picture
    only through here; an article file's `image:` must pass it too."""
    url = value.strip()
    if not url or len(url) > IMAGE_URL_LIMIT or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else ""


def _image(value: Any) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or not web_image_url(value):
        raise ValueError(f"'image' must be an http or https address of a picture, not {value!r}")
    return web_image_url(value)


def article_from_text(text: str, src_path: str) -> Article:
    """Parse one article file's text; `src_path` is its path inside docs_dir, used in errors."""
    try:
        meta, body = frontmatter.parse(text, Loader=_YamlLoader)
    except yaml.YAMLError as error:
        raise ArticleError(f"Article '{src_path}': front matter is not valid YAML: {error}") from error
    try:
        title = meta.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ValueError("'title' is missing")
        if "date" not in meta:
            raise ValueError("'date' is missing")
        date = parse_front_matter_date(meta["date"])
        authors = _string_list(meta.get("authors"), "authors") or []
        people = _string_list(meta.get("people"), "people")
        countries = _string_list(meta.get("countries"), "countries")
        image = _image(meta.get("image"))
    except ValueError as error:
        raise ArticleError(f"Article '{src_path}': {error}") from error
    source = str(meta.get("source") or "")
    url = _web_url(meta.get("url"))
    return Article(
        title=title.strip(),
        body=body,
        date=date,
        source=source,
        url=url,
        # Files ingested before bylines were cleaned at ingest display clean too.
        authors=people_in_byline(authors, source=source, url=url),
        summary=str(meta.get("summary") or ""),
        id=str(meta.get("id") or src_path),
        people=people,
        countries=[code.upper() for code in countries] if countries is not None else None,
        src_path=src_path,
        undated=meta.get("undated") is True,
        image=image,
    )


def load_article(path: Path, src_path: str) -> Article:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ArticleError(f"Article '{src_path}': cannot be read: {error}") from error
    return article_from_text(text, src_path)
