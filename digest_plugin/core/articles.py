"""Article fields validated at the edge, in one place, and the digest's article files read back.

Every field an article can carry passes `validate_article` twice: when `digest ingest` builds
it from a source (base.build_article) and when the plugin reads an article file, which an
editor may have written or changed by hand (`article_from_text`). What it holds to:

- `date`: between 1900-01-01 and one day after now (UTC; a naive date counts as UTC). Outside
  that window the article is refused: ingest fails the record, a build skips the file with a
  warning naming it. Dates a source cannot mean (year 1, year 2200) would otherwise break
  sitemaps, feeds and archive pages for the whole digest; a day's margin covers time zones
  and embargoed copy.
- `title`, `source`, `summary`, `authors`, `people`: plain text, one line. Tags, even an
  unclosed `<img src=x onerror=...`, are dropped, entities decoded, control characters removed
  (`sanitize.clean_line`), and each is cut to a length no real one reaches (a title of a whole
  one-line 50 MB file is cut to `TITLE_MAX_CHARS`, with a warning).
- `url`: an absolute http(s) URL without spaces, quotes or angle brackets, else dropped.
- `image`: an http(s) URL with a host (`web_image_url`), else dropped with a warning (it would
  be the page's lead picture and og:image).
- `countries`: ISO 3166-1 alpha-2 shaped codes, upper-cased; others are dropped.
- `id`: one line, at most `ID_MAX_CHARS` characters; unique in the digest (`ensure_unique_ids`).
- lists (`authors`, `people`, `countries`): at most `MAX_LIST_ITEMS` each; a front matter that
  forces thousands of people would give the digest thousands of pages.

A problem that leaves a usable article (a cut title, a dropped URL) is a note: ingest prints
it as a warning, a build logs it as a warning (so `--strict` fails naming the file). A problem
that does not raises `ArticleError` naming the file and the reason.

Front matter is YAML, and YAML aliases can make a small file expand without bound wherever the
value is walked (the billion laughs): article front matter never needs them, so a file using
more than `MAX_YAML_ALIASES` is refused before it is loaded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import frontmatter
import yaml

from digest_plugin.core.bylines import people_in_byline
from digest_plugin.core.ingest.sanitize import clean_line
from digest_plugin.core.model import Article
from digest_plugin.core.shown import shown

try:  # libyaml parses front matter about ten times faster, which matters at 20k articles
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]

log = logging.getLogger(__name__)

EARLIEST_DATE = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
FUTURE_MARGIN = dt.timedelta(days=1)
TITLE_MAX_CHARS = 300
NAME_MAX_CHARS = 120
SUMMARY_MAX_CHARS = 2000
ID_MAX_CHARS = 2048
MAX_LIST_ITEMS = 100
URL_MAX_CHARS = 2048
MAX_YAML_ALIASES = 0
# Text longer than this is cut before cleaning: the cleaning regexes stay linear-time work on
# a bounded string whatever a hostile field holds.
_RAW_FIELD_CHARS = 100_000
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_NOT_IN_NAMES = re.compile(r"[<>\x00-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Characters that have no place in a URL as written and would help it break out of an
# attribute or a JSON string: whitespace, quotes, angle brackets, backslash, controls.
_URL_BAD_CHARS = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f]")


class ArticleError(ValueError):
    """An article file whose front matter cannot be used; the message names the file."""


# ---- dates ---------------------------------------------------------------------------------------
def latest_allowed_date(now: dt.datetime | None = None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)) + FUTURE_MARGIN


def date_problem(moment: dt.datetime, now: dt.datetime | None = None) -> str | None:
    """Why `moment` cannot be an article's date, or None when it is inside the window."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    try:
        if aware < EARLIEST_DATE:
            return f"date {moment.isoformat()} is before {EARLIEST_DATE.date().isoformat()}"
        if aware > latest_allowed_date(now):
            return f"date {moment.isoformat()} is more than a day in the future"
    except OverflowError:  # 9999-12-31T23:59:59-14:00 cannot even be compared in UTC
        return f"date {moment.isoformat()} is out of range"
    return None


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
            raise ValueError(f"date {shown(value, 60)!r} is not an ISO 8601 date") from None
    else:
        raise ValueError(f"date {shown(value, 60)!r} is not an ISO 8601 date")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


# ---- one-line text and URLs -------------------------------------------------------------------------
def plain_text(value: object, limit: int) -> tuple[str, bool]:
    """(`value` as one line of plain text cut to `limit` characters at a word, whether it was cut)."""
    text = clean_line(str(value or "")[:_RAW_FIELD_CHARS])
    if len(text) <= limit:
        return text, False
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,;:.") + "…", True


def web_url(value: object) -> str:
    """An absolute http(s) URL as given, or "" when it is anything else (see module docstring)."""
    url = str(value or "").strip()
    if len(url) > URL_MAX_CHARS or _URL_BAD_CHARS.search(url):
        return ""
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest or rest.startswith("/"):
        return ""
    return url


def image_url(value: object, *, relative: bool = True) -> str:
    """An image address safe for `<img src>`: http(s), or (with `relative`) a path inside the site."""
    url = str(value or "").strip()
    if web_url(url):
        return url
    if not relative or not url or len(url) > URL_MAX_CHARS or _URL_BAD_CHARS.search(url):
        return ""
    # A relative path has no scheme before its first "/" and is not protocol-relative ("//host").
    if url.startswith("//") or ":" in url.split("/", 1)[0]:
        return ""
    return url


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


def plain_names(values: list[str] | None, limit: int = NAME_MAX_CHARS) -> list[str] | None:
    """Names as plain text, empty ones (a `<script>` with nothing else) dropped, duplicates once."""
    if values is None:
        return None
    names: list[str] = []
    for value in values:
        name, _cut = plain_text(value, limit)
        if name and name not in names:
            names.append(name)
    return names


def is_plain_name(name: str) -> bool:
    """Whether a person's name (found in a text or given in entities.yml) can have a page: one
    line of plain text of a sane length. Extraction run over raw markup in a hand-written body
    can read "Ada</b" as a name; no such string is anybody's."""
    return 0 < len(name) <= NAME_MAX_CHARS and not _NOT_IN_NAMES.search(name)


def country_codes(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    codes = [clean_line(str(value)).upper() for value in values]
    return [code for code in dict.fromkeys(codes) if _COUNTRY_CODE.match(code)]


# ---- the whole article ------------------------------------------------------------------------------
def validate_article(article: Article, now: dt.datetime | None = None) -> tuple[Article, list[str]]:
    """The article with every field held to the rules of the module docstring, and the notes on
    what was changed; raises ValueError (with the reason) when it cannot be an article."""
    problem = date_problem(article.date, now)
    if problem:
        raise ValueError(f"{problem}; dates must lie between {EARLIEST_DATE.date().isoformat()} "
                         "and one day after today")
    title, title_cut = plain_text(article.title, TITLE_MAX_CHARS)
    if not title:
        raise ValueError("'title' is missing")
    notes = [f"title cut to {TITLE_MAX_CHARS} characters"] if title_cut else []
    url = web_url(article.url)
    if article.url and not url:
        notes.append(f"'url' {shown(article.url, 80)!r} is not an http(s) address; dropped")
    image = web_image_url(article.image) if article.image else ""
    if article.image and not image:
        notes.append(f"'image' must be an http or https address of a picture, not {shown(article.image, 80)!r}; "
                     "dropped")
    countries = country_codes(article.countries)
    if countries is not None and article.countries is not None and len(countries) < len(set(article.countries)):
        notes.append("'countries' holds values that are not two-letter ISO codes; dropped them")
    # An id is matched as written (ingest finds an article again by it): only what cannot be in
    # one line goes, and the length is bounded.
    identifier = " ".join(_CONTROL.sub(" ", article.id[:ID_MAX_CHARS]).split())
    clean = dataclasses.replace(
        article,
        title=title,
        source=plain_text(article.source, NAME_MAX_CHARS)[0],
        url=url,
        authors=_capped(plain_names(article.authors), "authors", notes) or [],
        summary=plain_text(article.summary, SUMMARY_MAX_CHARS)[0],
        id=identifier,
        people=_capped(plain_names(article.people), "people", notes),
        countries=_capped(countries, "countries", notes),
        image=image,
    )
    return clean, notes


def _capped(values: list[str] | None, key: str, notes: list[str]) -> list[str] | None:
    if values is None or len(values) <= MAX_LIST_ITEMS:
        return values
    notes.append(f"'{key}' lists {len(values)} entries; kept the first {MAX_LIST_ITEMS}")
    return values[:MAX_LIST_ITEMS]


# ---- article files ----------------------------------------------------------------------------------
def _string_list(value: Any, key: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise ValueError(f"'{key}' must be a list of strings")


def yaml_alias_count(text: str) -> int:
    """How many aliases (`*name`) a YAML document uses; only parsed when `*` occurs at all."""
    if "*" not in text:
        return 0
    return sum(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=_YamlLoader))


def load_front_matter(text: str) -> tuple[dict, str]:
    """(metadata, body) of a Markdown file with front matter; yaml.YAMLError or ValueError when
    the front matter is not YAML, not a mapping, or uses aliases (see module docstring)."""
    # Split as python-frontmatter's `parse` does (same body, so cache keys stay as they were),
    # but YAML only, as MkDocs reads it.
    text = text.strip()
    handler = frontmatter.YAMLHandler()
    try:
        yaml_text, body = handler.split(text) if handler.detect(text) else ("", text)
    except ValueError:
        yaml_text, body = "", text
    body = body.strip()
    if yaml_alias_count(yaml_text) > MAX_YAML_ALIASES:
        raise ValueError("front matter uses YAML aliases (*name), which article files never need")
    meta = yaml.load(yaml_text, Loader=_YamlLoader) if yaml_text.strip() else {}
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping of keys to values")
    return meta, body


def _article_from_meta(meta: dict, body: str, src_path: str) -> Article:
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValueError("'title' is missing")
    if "date" not in meta:
        raise ValueError("'date' is missing")
    countries = _string_list(meta.get("countries"), "countries")
    source = str(meta.get("source") or "")
    url = str(meta.get("url") or "")
    return Article(
        title=title,
        body=body,
        date=parse_front_matter_date(meta["date"]),
        source=source,
        url=url,
        # Files ingested before bylines were cleaned at ingest display clean too.
        authors=people_in_byline(_string_list(meta.get("authors"), "authors") or [], source=source,
                                 url=web_url(url)),
        summary=str(meta.get("summary") or ""),
        id=str(meta.get("id") or src_path),
        people=_string_list(meta.get("people"), "people"),
        countries=[code.upper() for code in countries] if countries is not None else None,
        src_path=src_path,
        undated=meta.get("undated") is True,
        image=meta["image"] if isinstance(meta.get("image"), str) else str(meta.get("image") or ""),
    )


def article_from_text(text: str, src_path: str) -> Article:
    """Parse one article file's text; `src_path` is its path inside docs_dir, used in messages.
    Notes on fields that were cleaned are logged as warnings naming the file."""
    try:
        meta, body = load_front_matter(text)
    except yaml.YAMLError as error:
        raise ArticleError(f"Article '{shown(src_path)}': front matter is not valid YAML: {shown(error, 300)}") \
            from error
    except ValueError as error:
        raise ArticleError(f"Article '{shown(src_path)}': {error}") from error
    try:
        article, notes = validate_article(_article_from_meta(meta, body, src_path))
    except ValueError as error:
        raise ArticleError(f"Article '{shown(src_path)}': {error}") from error
    for note in notes:
        log.warning("Article '%s': %s", shown(src_path), note)
    return article


def ensure_unique_ids(articles: list[Article]) -> None:
    """Give every article an id of its own. Two files claiming one id (a file copied to start a
    new article, two digests merged) would make the digest ambiguous and related stories fail;
    the first by path keeps the id and each other takes its path instead, with a warning naming
    both files. Changes the articles in place (the plugin's memo holds the same objects)."""
    holders: dict[str, Article] = {}
    for article in sorted(articles, key=lambda item: item.src_path):
        if article.id in holders and holders[article.id] is not article:
            first = holders[article.id]
            new_id, number = article.src_path, 2
            while new_id in holders:
                new_id, number = f"{article.src_path}#{number}", number + 1
            log.warning("Article '%s': its id %r is also the id of '%s'; it uses %r instead",
                        shown(article.src_path), shown(article.id, 80), shown(first.src_path), shown(new_id))
            article.id = new_id
        holders[article.id] = article


def load_article(path: Path, src_path: str) -> Article:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ArticleError(f"Article '{shown(src_path)}': cannot be read: {shown(error, 300)}") from error
    return article_from_text(text, src_path)
