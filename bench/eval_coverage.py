"""Does every story that three or more outlets covered get a page that names them all?

Corpus: giveme5w1h news_cluster (news-please JSON, one file per article, `newsCluster.EventId`
labels 69 events). What an editor does: each file becomes a news-please record (the event label
left out), `digest new` scaffolds a site in a temporary folder, `digest ingest` reads the
records, `mkdocs build` builds it (a subprocess, default settings).

An event's outlets are counted without the digest's own naming: the registrable domains of its
records' `source_domain` (Public Suffix List, `tld`): "usa.chinadaily.com.cn" and
"www.chinadaily.com.cn" are one outlet. For each event with three or more:

- its story: the thread holding most of its articles (digest.json `thread`);
- page: that thread has a page (digest.json `threads`, and the built HTML file);
- names all: the page's coverage (the outlet names in its "Who reported it" list, read from the
  built HTML) holds the name the site gives every article of the event (digest.json `source`);
- in-story: the same, counting only the event's articles that are in its story (what coverage
  can know when the thread itself missed a report: thread completeness, bench/eval_related.py);
- naming: the event's articles carry as many distinct outlet names as the event has outlets
  (names neither split one outlet nor join two).

For each report a page misses, the days between it and the story's nearest report: a thread
joins reports within the related settings' `thread_window_days` of one another only.

Run: PYTHONPATH=. python bench/eval_coverage.py [CORPUS_DIR] [--keep-site DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from tld import get_fld

from digest_plugin.core.related import RelatedParams

THREAD_WINDOW_DAYS = RelatedParams().thread_window_days

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "../shared/corpora/giveme5w1h/news_cluster/data"
RECORD_KEYS = ("title", "text", "description", "url", "date_publish", "source_domain", "authors", "image_url")
_COVERAGE_NAME = re.compile(r'<span class="digest-coverage__outlet">(?:<a [^>]*>)?(.*?)(?:</a>)?(?:<span|</span>)',
                            re.S)


def outlet_of(domain: str) -> str:
    return get_fld(domain, fix_protocol=True, fail_silently=True) or domain


def load(corpus: Path) -> dict[str, dict]:
    """url -> {record, event, outlet} for every labelled file with a URL of its own."""
    found: dict[str, dict] = {}
    for path in sorted(corpus.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        url = record.get("url") or ""
        if not url or url in found:
            continue
        found[url] = {"record": {key: record.get(key) for key in RECORD_KEYS},
                      "event": int(record["newsCluster"]["EventId"]),
                      "outlet": outlet_of(record.get("source_domain") or "")}
    return found


def build(items: dict[str, dict], root: Path) -> tuple[Path, dict, dict[str, str]]:
    """(site folder, digest.json, article id -> original URL)."""
    import frontmatter

    from digest_plugin import cli

    records = root / "news_cluster.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for item in items.values():
            out.write(json.dumps(item["record"], ensure_ascii=False) + "\n")
    site = root / "site-src"
    if cli.main(["new", str(site), "--name", "news_cluster coverage"]) != 0:
        raise RuntimeError(f"digest new {site} failed")
    status = cli.main(["ingest", "--into", str(site), "--format", "json", str(records)])
    if status != 0:
        print(f"note: digest ingest exited {status}; some records were not ingested", file=sys.stderr)
    url_of: dict[str, str] = {}
    for path in (site / "content").rglob("*.md"):
        meta = frontmatter.load(path).metadata
        if "id" in meta and meta.get("url") in items:
            url_of[str(meta["id"])] = str(meta["url"])
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=os.pathsep.join(
        part for part in (str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH")) if part))
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=site, env=environment, check=True)
    return site / "site", json.loads((site / "site" / "digest.json").read_text(encoding="utf-8")), url_of


def coverage_names(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    section = text.split('id="digest-coverage-heading"', 1)[-1].split("</section>", 1)[0]
    return [html.unescape(name).strip() for name in _COVERAGE_NAME.findall(section)]


def evaluate(items: dict[str, dict], site: Path, digest: dict, url_of: dict[str, str]) -> int:
    by_event: dict[int, list[dict]] = defaultdict(list)
    for article in digest["articles"]:
        url = url_of.get(article["id"])
        if url is not None:
            by_event[items[url]["event"]].append({**article, "outlet": items[url]["outlet"]})
    threads = {t["id"]: t for t in digest["threads"]}
    events = {e: arts for e, arts in by_event.items() if len({a["outlet"] for a in arts}) >= 3}
    counts: Counter[str] = Counter()
    misses = []
    for event, arts in sorted(events.items()):
        outlets = {a["outlet"] for a in arts}
        names = {a["source"] for a in arts}
        counts["naming"] += len(names) == len(outlets)
        story, _ = Counter(a["thread"] for a in arts).most_common(1)[0]
        thread = threads.get(story) if story else None
        page = site / thread["url"] / "index.html" if thread else None
        if page is None or not page.is_file():
            misses.append(f"event {event}: {len(outlets)} outlets, no story page")
            continue
        counts["page"] += 1
        shown = set(coverage_names(page))
        counts["names all"] += names <= shown
        counts["in-story"] += {a["source"] for a in arts if a["thread"] == story} <= shown
        counts["outlets named"] += len(names & shown)
        counts["outlets"] += len(names)
        if not names <= shown:
            missing = sorted(names - shown)
            away = sorted({a["source"] for a in arts if a["thread"] != story})
            misses.append(f"event {event}: page {thread['url']} lacks {missing} (in other threads or none: {away})")
            # How far in time each report the page misses lies from the story's reports: a
            # thread joins reports within `thread_window_days` (60) of one another only.
            story_days = [_day(a) for a in arts if a["thread"] == story and _day(a) is not None]
            for report in arts:
                day = _day(report)
                if report["source"] in missing and day is not None and story_days:
                    gap = min(abs((day - other).days) for other in story_days)
                    counts["missed reports"] += 1
                    counts["missed beyond the window"] += gap > THREAD_WINDOW_DAYS
                    misses.append(f"  {report['source']} {day.isoformat()}: {gap} days from the story's nearest report")
    total = len(events)
    print(f"events with three or more outlets: {total} of {len(by_event)} events in the site")
    for key in ("page", "names all", "in-story", "naming"):
        print(f"  {key:10s} {counts[key]:3d} / {total}  ({counts[key] / total:.3f})" if total else f"  {key}: -")
    if counts["outlets"]:
        print(f"  outlets named on the event's page: {counts['outlets named']} / {counts['outlets']} "
              f"({counts['outlets named'] / counts['outlets']:.3f})")
    if counts["missed reports"]:
        print(f"  reports missing from their event's page: {counts['missed reports']}, of which "
              f"{counts['missed beyond the window']} lie more than {THREAD_WINDOW_DAYS:g} days from every report "
              "of the story (no thread holds them together)")
    for line in misses:
        print("  miss:", line)
    return 0


def _day(article: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(article.get("date") or "")[:10])
    except ValueError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--keep-site", type=Path, help="build here and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    items = load(args.corpus)
    if args.keep_site is not None:
        args.keep_site.mkdir(parents=True, exist_ok=True)
        return evaluate(items, *build(items, args.keep_site))
    with tempfile.TemporaryDirectory(prefix="eval-coverage-") as folder:
        return evaluate(items, *build(items, Path(folder)))


if __name__ == "__main__":
    sys.exit(main())
