"""`digest ingest`: reads sources into the digest's articles folder.

Inputs are expanded and read (readers.py), each article is written (writer.py) into the
articles folder of the site in the current directory or of `--into DIR` (siteconfig.py).
Each failed input or record gets one line on stderr naming it and the reason; the batch goes
on, whatever the input: an error no reader foresaw is reported as that input's failure, never
as a traceback that stops the batch. Names and excerpts are printed escaped and short
(core.shown). A closing summary counts new, updated, unchanged, skipped and failed articles
(as JSON on stdout with --json). Exit status: 0 all ingested, 1 something failed, 2 usage
error (argparse).

The run holds the articles folder's lock (writer.py), so two ingests at once take turns.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from digest_plugin.cli.siteconfig import SiteConfigError, find_articles_dir
from digest_plugin.core.articles import EARLIEST_DATE, latest_allowed_date
from digest_plugin.core.ingest.base import DEFAULT_MAX_BYTES, IngestError, ReadOptions
from digest_plugin.core.ingest.readers import FORMATS, MEGABYTE, iter_inputs, read_input
from digest_plugin.core.ingest.records import MAPPABLE_FIELDS
from digest_plugin.core.ingest.writer import (
    NEW,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    ArticleWriter,
)
from digest_plugin.core.shown import shown

FAILED = "failed"
SUMMARY_KEYS = (NEW, UPDATED, UNCHANGED, SKIPPED, FAILED)


def _iso_day(text: str) -> dt.datetime:
    try:
        day = dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from error
    aware = day.replace(tzinfo=dt.UTC)
    if not EARLIEST_DATE <= aware <= latest_allowed_date():
        raise argparse.ArgumentTypeError(f"{text} is outside the dates an article may have "
                                         f"({EARLIEST_DATE.date().isoformat()} to tomorrow)")
    return day


def _positive(kind: type) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from error
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
        return value
    return parse


def _field_mapping(text: str) -> tuple[str, str]:
    field_name, separator, key = text.partition("=")
    if not separator or not key or field_name not in MAPPABLE_FIELDS:
        raise argparse.ArgumentTypeError(
            f"expected FIELD=KEY with FIELD one of {', '.join(MAPPABLE_FIELDS)}, got {text!r}"
        )
    return field_name, key


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "ingest",
        help="read articles from files, folders or URLs into the digest",
        description="Read articles (text, JSON, RSS/Atom feeds, web pages, Markdown) "
                    "into the digest's articles folder.",
    )
    parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL",
                        help="files, folders (walked), globs or http(s) URLs")
    parser.add_argument("--into", type=Path, metavar="DIR",
                        help="the digest site (folder with mkdocs.yml); default: here")
    parser.add_argument("--format", choices=("auto", *FORMATS), default="auto", help="input format (default: sniffed)")
    parser.add_argument("--source", default="", metavar="NAME", help="publication name for every article read")
    parser.add_argument("--date", type=_iso_day, metavar="YYYY-MM-DD", help="date for items whose source has none")
    parser.add_argument("--map", type=_field_mapping, action="append", default=None, metavar="FIELD=KEY",
                        dest="field_map", help="JSON key holding a field, e.g. body=content (repeatable)")
    parser.add_argument("--force", action="store_true", help="overwrite articles edited by hand")
    parser.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    parser.add_argument("--timeout", type=_positive(float), default=20.0, metavar="SECONDS",
                        help="the longest a URL's whole download may take (default 20)")
    parser.add_argument("--max-size", type=_positive(float), default=DEFAULT_MAX_BYTES / MEGABYTE, metavar="MB",
                        help="the largest input read: a file, a download, a gzip file once decompressed "
                             f"(default {DEFAULT_MAX_BYTES // MEGABYTE})")
    parser.add_argument("--follow-symlinks", action="store_true",
                        help="in folders and globs, read files that symbolic links lead to outside them")
    parser.set_defaults(run=run)


def _progress(total: int | None):
    """A tqdm bar on stderr when stderr is a terminal, else None."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="input", file=sys.stderr, leave=False)


def run(args: argparse.Namespace) -> int:
    site_dir = args.into if args.into is not None else Path.cwd()
    try:
        articles_dir = find_articles_dir(site_dir)
    except SiteConfigError as error:
        # Not a site (or an unreadable one) is a usage error, like a bad flag: exit 2.
        print(f"error: {error}", file=sys.stderr)
        return 2
    options = ReadOptions(
        source=args.source, date=args.date, field_map=dict(args.field_map or []), timeout=args.timeout,
        max_bytes=int(args.max_size * MEGABYTE),
    )
    writer = ArticleWriter(articles_dir, force=args.force, dry_run=args.dry_run)

    def waiting() -> None:
        print(f"waiting for another `digest ingest` into {shown(articles_dir)} to finish", file=sys.stderr)

    with writer.locked(waiting):
        counts, changes = ingest(args.inputs, args.format, options, writer, follow_symlinks=args.follow_symlinks)
    _report(counts, changes, articles_dir, args)
    return 1 if counts[FAILED] else 0


def ingest(
    inputs: list[str], fmt: str, options: ReadOptions, writer: ArticleWriter, follow_symlinks: bool = False
) -> tuple[Counter[str], list[tuple[str, str]]]:
    """Read every input and write its articles; failures are printed on stderr as they come.
    Returns the counts per status and the (status, path) of each new or updated article."""
    counts: Counter[str] = Counter(dict.fromkeys(SUMMARY_KEYS, 0))
    changes: list[tuple[str, str]] = []
    expanded = list(iter_inputs(inputs, follow_symlinks=follow_symlinks))
    bar = _progress(len(expanded))

    def fail(error: IngestError) -> None:
        counts[FAILED] += 1
        line = f"error: {error}"
        if bar is not None:
            bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    for item in expanded:
        if isinstance(item, IngestError):
            fail(item)
        else:
            _ingest_one(item, fmt, options, writer, counts, changes, fail)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return counts, changes


def _ingest_one(item: str, fmt: str, options: ReadOptions, writer: ArticleWriter, counts: Counter[str],
                changes: list[tuple[str, str]], fail: Callable[[IngestError], None]) -> None:
    """Read one input and write its articles; every failure goes to `fail`, none escapes."""
    try:
        for result in read_input(item, fmt, options):
            if isinstance(result, IngestError):
                fail(result)
                continue
            try:
                written = writer.write(result)
            except OSError as error:
                fail(IngestError(item, f"cannot write article {shown(result.title, 80)!r}: {error}"))
                continue
            counts[written.status] += 1
            if written.status in (NEW, UPDATED):
                changes.append((written.status, str(written.path)))
    except IngestError as error:
        fail(error)
    except (Exception, RecursionError, MemoryError) as error:
        # The batch boundary: a parser library (feedparser, lxml under trafilatura, json, yaml)
        # choking on hostile input in a way nobody foresaw must fail that input, named, and
        # not end an unattended run in a traceback; the next input may well be fine.
        fail(IngestError(item, f"unreadable input ({type(error).__name__}: {error})"))


def _report(counts: Counter[str], changes: list[tuple[str, str]], articles_dir: Path, args: argparse.Namespace) -> None:
    summary = {key: counts[key] for key in SUMMARY_KEYS}
    if args.json:
        payload = {**summary, "dry_run": bool(args.dry_run), "articles_dir": str(articles_dir)}
        if args.dry_run:
            payload["changes"] = [{"status": status, "path": path} for status, path in changes]
        print(json.dumps(payload))
        return
    if args.dry_run:
        for status, path in changes:
            print(f"would write ({status}): {path}")
    prefix = "dry run, nothing written: " if args.dry_run else ""
    print(prefix + ", ".join(f"{value} {key}" for key, value in summary.items()))


