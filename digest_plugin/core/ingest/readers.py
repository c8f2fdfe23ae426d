"""Choosing and running readers: inputs expanded, formats sniffed, bytes loaded once.

`iter_inputs` turns command-line inputs (files, folders walked recursively, globs, URLs)
into single inputs; `read_input` loads one input (a file, or a URL fetched with a timeout),
picks its reader (`--format` or sniffing by extension then content) and yields `Article`s,
or `IngestError`s for single records/entries that failed while the rest of the input goes on.
A failure of the whole input is raised as `IngestError`.
"""

from __future__ import annotations

import glob
import gzip
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from digest_plugin.core.ingest.base import (
    IngestError,
    ReadOptions,
    decode_bytes,
    looks_binary,
)
from digest_plugin.core.ingest.feed import read_feed
from digest_plugin.core.ingest.markdownfile import read_markdown
from digest_plugin.core.ingest.records import read_json
from digest_plugin.core.ingest.text import parse_text
from digest_plugin.core.ingest.webpage import read_html
from digest_plugin.core.model import Article

FORMATS = ("text", "json", "feed", "html", "markdown")
_EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".json": "json", ".jsonl": "json", ".ndjson": "json",
    ".rss": "feed", ".atom": "feed", ".rdf": "feed",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown",
}
_USER_AGENT = "news-digest-ingest/0.1 (+https://pypi.org/project/news-digest/)"
_MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024
_GLOB_CHARS = frozenset("*?[")
_GZIP_MAGIC = b"\x1f\x8b"

ReadResult = Article | IngestError


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def iter_inputs(inputs: Iterable[str]) -> Iterator[str | IngestError]:
    """Each input as a URL or a file path; folders walked (hidden entries skipped), globs
    expanded; an input that matches nothing is an IngestError."""
    for raw in inputs:
        if is_url(raw):
            yield raw
            continue
        if _GLOB_CHARS & set(raw) and not Path(raw).exists():
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield IngestError(raw, "no file matches this pattern")
            for match in matches:
                yield from _walk(Path(match))
            continue
        path = Path(raw)
        if not path.exists():
            yield IngestError(raw, "no such file or folder")
            continue
        yield from _walk(path)


def _walk(path: Path) -> Iterator[str]:
    if path.is_dir():
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield str(Path(folder) / name)
    else:
        yield str(path)


def fetch_url(url: str, timeout: float) -> tuple[bytes, str]:
    """The body and content type of a URL; IngestError when unreachable or failing."""
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only
            data = response.read(_MAX_DOWNLOAD_BYTES + 1)
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        raise IngestError(url, f"HTTP error {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        raise IngestError(url, f"unreachable: {error.reason}") from error
    except (TimeoutError, OSError) as error:
        raise IngestError(url, f"unreachable: {error}") from error
    if len(data) > _MAX_DOWNLOAD_BYTES:
        raise IngestError(url, f"larger than {_MAX_DOWNLOAD_BYTES // (1024 * 1024)} MB")
    return data, content_type


def sniff_format(name: str, data: bytes, content_type: str = "") -> str:
    """The reader for an input: by extension when it is telling, else by content."""
    suffix = Path(name.split("?", 1)[0]).suffix.lower()
    by_extension = _EXTENSIONS.get(suffix)
    if by_extension and by_extension != "text":
        return by_extension
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    content_type = content_type.lower()
    if "json" in content_type or head[:1] in (b"{", b"["):
        return "json"
    if any(kind in content_type for kind in ("rss", "atom")):
        return "feed"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        return "html" if b"<html" in head else "feed"
    if "html" in content_type or head.startswith((b"<!doctype html", b"<html", b"<!--")) or b"<html" in head:
        return "html"
    if head.startswith(b"---"):
        return "markdown"
    return by_extension or "text"


def _read_text(data: bytes, origin: str, options: ReadOptions) -> Iterator[Article]:
    yield parse_text(decode_bytes(data), origin, options)


_READERS: dict[str, Callable[[bytes, str, ReadOptions], Iterator[ReadResult]]] = {
    "text": _read_text,
    "json": read_json,
    "feed": read_feed,
    "html": read_html,
    "markdown": read_markdown,
}


def read_bytes(data: bytes, origin: str, fmt: str, options: ReadOptions, url: str = "") -> Iterator[ReadResult]:
    """Run the reader `fmt` ("auto" sniffs) over already-loaded input bytes."""
    if data[:2] == _GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise IngestError(origin, f"broken gzip file: {error}") from error
        origin_for_sniffing = origin[:-3] if origin.lower().endswith(".gz") else origin
    else:
        origin_for_sniffing = origin
    if not data.strip():
        raise IngestError(origin, "empty file")
    if looks_binary(data):
        raise IngestError(origin, "binary file, not text, JSON, a feed, HTML or Markdown")
    if fmt == "auto":
        fmt = sniff_format(origin_for_sniffing, data)
    if fmt not in _READERS:
        raise ValueError(f"unknown format {fmt!r}; expected auto or one of {', '.join(FORMATS)}")
    if fmt == "html":
        return read_html(data, origin, options, url=url)
    return _READERS[fmt](data, origin, options)


def read_input(name: str, fmt: str, options: ReadOptions) -> Iterator[ReadResult]:
    """Articles from one input: a file path or an http(s) URL (fetched with options.timeout)."""
    options.current_input = name
    if is_url(name):
        data, content_type = fetch_url(name, options.timeout)
        if fmt == "auto":
            fmt = sniff_format(name, data, content_type)
        yield from read_bytes(data, name, fmt, options, url=name)
        return
    try:
        data = Path(name).read_bytes()
    except OSError as error:
        raise IngestError(name, f"cannot read: {error.strerror or error}") from error
    yield from read_bytes(data, name, fmt, options)


def read_path(path: str | Path, fmt: str = "auto", options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """Articles from a file, folder, glob or URL; per-input failures are yielded, not raised."""
    options = options or ReadOptions()
    for item in iter_inputs([str(path)]):
        if isinstance(item, IngestError):
            yield item
            continue
        try:
            yield from read_input(item, fmt, options)
        except IngestError as error:
            yield error
