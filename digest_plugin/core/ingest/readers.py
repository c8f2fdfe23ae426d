"""Choosing and running readers: inputs expanded, formats sniffed, bytes loaded once.

`iter_inputs` turns command-line inputs (files, folders walked recursively, globs, URLs)
into single inputs; `read_input` loads one input (a file, or a URL fetched with a timeout),
picks its reader (`--format` or sniffing by extension then content) and yields `Article`s,
or `IngestError`s for single records/entries that failed while the rest of the input goes on.
A failure of the whole input is raised as `IngestError`.

Inputs are untrusted, so every resource they can claim is bounded, each with a named error
that fails that input alone (see `Limits`): the size of a file (`max_bytes`, checked before it
is read), the size of a gzip file once decompressed (decompressed in steps, never past the same
bound), the total time of a download (`ReadOptions.timeout` is a deadline for the whole
transfer, not for each read, so a server trickling a byte at a time is cut off), and, in
folders and globs, where a symbolic link may lead (outside the folder: refused unless
`follow_symlinks`). Devices, pipes and sockets are refused rather than read (a FIFO would
block the batch forever). UTF-16 and UTF-32 with a byte order mark are read as text.
"""

from __future__ import annotations

import glob
import os
import re
import stat
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from digest_plugin.core.ingest.base import (
    IngestError,
    ReadOptions,
    decode_bytes,
    looks_binary,
    wide_encoding,
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
MEGABYTE = 1024 * 1024
_GLOB_CHARS = frozenset("*?[")
_GZIP_MAGIC = b"\x1f\x8b"

ReadResult = Article | IngestError


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:,.1f} MB"


def iter_inputs(inputs: Iterable[str], follow_symlinks: bool = False) -> Iterator[str | IngestError]:
    """Each input as a URL or a file path; folders walked (hidden entries skipped), globs
    expanded; an input that matches nothing is an IngestError, and so is a file that a folder
    or a glob reaches through a symbolic link leading outside it (unless `follow_symlinks`)."""
    for raw in inputs:
        if is_url(raw):
            yield raw
            continue
        if _GLOB_CHARS & set(raw) and not Path(raw).exists():
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield IngestError(raw, "no file matches this pattern")
            root = _glob_root(raw)
            for match in matches:
                yield from _walk(Path(match), root, follow_symlinks)
            continue
        path = Path(raw)
        if not path.exists():
            yield IngestError(raw, "no such file or folder")
            continue
        # A file named on the command line is read wherever it is: the user named it.
        yield from _walk(path, path if path.is_dir() else None, follow_symlinks)


def _glob_root(pattern: str) -> Path:
    """The folder a glob searches: its path up to the first wildcard."""
    head = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
    return Path(head if head.endswith(("/", os.sep)) else os.path.dirname(head) or ".")


def _escapes(path: Path, root: Path | None) -> bool:
    """Whether `path`, found under `root`, really lies outside it (through a symbolic link)."""
    if root is None:
        return False
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return os.path.commonpath([real_root, real]) != real_root


def _walk(path: Path, root: Path | None, follow_symlinks: bool) -> Iterator[str | IngestError]:
    if not follow_symlinks and _escapes(path, root):
        yield IngestError(str(path), "a symbolic link to outside the folder; not read (--follow-symlinks reads it)")
        return
    if not path.is_dir():
        yield str(path)
        return
    for folder, subfolders, files in os.walk(path, followlinks=follow_symlinks):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            file = Path(folder) / name
            if not follow_symlinks and _escapes(file, root):
                yield IngestError(str(file), "a symbolic link to outside the folder; not read "
                                             "(--follow-symlinks reads it)")
            else:
                yield str(file)


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed to http(s) addresses only (urllib would also follow one to ftp)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(newurl):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-web address: {newurl[:80]}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_WebRedirects)


def fetch_url(url: str, timeout: float, max_bytes: int = 64 * MEGABYTE) -> tuple[bytes, str]:
    """The body and content type of a URL; IngestError when unreachable, failing, larger than
    `max_bytes` or not fully received within `timeout` seconds from the start."""
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "")
            data = _read_until(response, deadline, max_bytes, url, timeout)
    except urllib.error.HTTPError as error:
        raise IngestError(url, f"HTTP error {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise IngestError(url, f"download not finished after {timeout:g} s (--timeout)") from error
        raise IngestError(url, f"unreachable: {error.reason}") from error
    except TimeoutError as error:
        raise IngestError(url, f"download not finished after {timeout:g} s (--timeout)") from error
    except OSError as error:
        raise IngestError(url, f"unreachable: {error}") from error
    return data, content_type


def _read_until(response, deadline: float, max_bytes: int, url: str, timeout: float) -> bytes:
    """Read a response in pieces, each read allowed only the time left before `deadline`."""
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise IngestError(url, f"download not finished after {timeout:g} s (--timeout)")
        if sock is not None:
            sock.settimeout(left)  # one slow read cannot outlast the deadline
        chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(url, f"larger than {_megabytes(max_bytes)} (--max-size)")
        chunks.append(chunk)


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
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
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


def gunzip(data: bytes, origin: str, max_bytes: int) -> bytes:
    """A gzip file's content (every member), never decompressing past `max_bytes`."""
    parts: list[bytes] = []
    size = 0
    rest = data
    try:
        while rest:
            decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
            part = decompressor.decompress(rest, max_bytes + 1 - size)
            size += len(part)
            if size > max_bytes:
                raise IngestError(origin, f"larger than {_megabytes(max_bytes)} once decompressed (--max-size)")
            if not decompressor.eof:
                raise IngestError(origin, "broken gzip file: it ends before its data does")
            parts.append(part)
            rest = decompressor.unused_data.lstrip(b"\x00")  # zero padding after the last member
    except zlib.error as error:
        raise IngestError(origin, f"broken gzip file: {error}") from error
    return b"".join(parts)


def _as_utf8(data: bytes) -> bytes:
    """UTF-16/32 text (with a byte order mark) as UTF-8, so every reader sees one encoding;
    an XML declaration that names the old encoding is made to name UTF-8."""
    if wide_encoding(data) is None:
        return data
    text = decode_bytes(data)
    text = re.sub(r"^(\s*<\?xml[^>]*?encoding=)([\"'])[^\"']*\2", r"\1\2utf-8\2", text, count=1)
    return text.encode("utf-8")


def read_bytes(data: bytes, origin: str, fmt: str, options: ReadOptions, url: str = "") -> Iterator[ReadResult]:
    """Run the reader `fmt` ("auto" sniffs) over already-loaded input bytes."""
    if data[:2] == _GZIP_MAGIC:
        data = gunzip(data, origin, options.max_bytes)
        origin_for_sniffing = origin[:-3] if origin.lower().endswith(".gz") else origin
    else:
        origin_for_sniffing = origin
    data = _as_utf8(data)
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


def read_file(name: str, max_bytes: int) -> bytes:
    """A regular file's bytes; IngestError for a device, pipe or socket, or a file over `max_bytes`."""
    try:
        # Non-blocking, so that opening a FIFO does not wait for a writer; reads of a regular
        # file ignore the flag.
        descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise IngestError(name, f"cannot read: {error.strerror or error}") from error
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(name, "not a regular file (a device, pipe or socket); not read")
        if info.st_size > max_bytes:
            raise IngestError(name, f"{_megabytes(info.st_size)}, larger than {_megabytes(max_bytes)} (--max-size)")
        try:
            data = stream.read(max_bytes + 1)
        except OSError as error:
            raise IngestError(name, f"cannot read: {error.strerror or error}") from error
    if len(data) > max_bytes:  # grew while we looked
        raise IngestError(name, f"larger than {_megabytes(max_bytes)} (--max-size)")
    return data


def read_input(name: str, fmt: str, options: ReadOptions) -> Iterator[ReadResult]:
    """Articles from one input: a file path or an http(s) URL (fetched within options.timeout)."""
    options.current_input = name
    if is_url(name):
        data, content_type = fetch_url(name, options.timeout, options.max_bytes)
        if fmt == "auto":
            fmt = sniff_format(name, data, content_type)
        yield from read_bytes(data, name, fmt, options, url=name)
        return
    yield from read_bytes(read_file(name, options.max_bytes), name, fmt, options)


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
