"""Evaluate related stories and story threads against news_cluster's hand-labelled events.

Corpus: giveme5w1h news_cluster (news-please JSON, one file per article; `newsCluster.EventId`
labels 69 events over 383 articles from many outlets). Each file becomes a `RelatedInput`:
title, text = description + text, date = date_publish, source = source_domain. People and
countries come from `digest_plugin.core.entities.Extractor` when it works (else, or with
`--no-entities`, scoring uses text and time only; the run says which).

Measures (all printed, with the plain TF-IDF baseline from the same run):

- capped precision at 3 (P@3): for each article with at least one other article in its event,
  take the first c = min(3, other articles of the event) links of its related list; the score
  is (links among them in the same event) / c. Missing links count as misses, so a threshold
  cannot buy precision by saying nothing. Mean over those articles.
- P@3, duplicate-aware: the same, but c counts the other articles of the event as distinct
  duplicate groups (as found by compute_related): a further copy of a wire story already
  offered is not offered again unless it is a report of the article's own thread
  (`RelatedParams.offer_thread_copies`), so outside the thread it should not count as a miss.
- thread purity: an article with no thread is its own singleton group; a group's majority
  event is its most frequent event; purity = fraction of articles whose group's majority event
  is their own event.
- thread completeness: for each event, the fraction of its articles in its largest group
  (a singleton counts as a group of one); averaged over events weighted by event size.
- baseline: plain TF-IDF cosine (scikit-learn defaults + English stop words over title and
  text, no entities, no time, no threshold), top 3, capped the same way.

Two paths, both printed by default (`--mode direct|build|both`):

- direct: each file becomes a `RelatedInput` and `compute_related` runs on them in-process.
- build: what a user does. Each file becomes a plain news-please record (title, text,
  description, url, date_publish, source_domain, authors; the event label is left out), the
  records go into one JSON Lines file, `digest new` scaffolds a site in a temporary folder,
  `digest ingest` reads the records into Markdown articles, `mkdocs build` builds the site
  (a subprocess, with the plugin's default settings), and the metrics are computed from
  site/digest.json (`related` and `thread` of every article). Articles are mapped back to
  their file (and so their event) through the original URL in each article's front matter.
  Duplicate-aware P@3 is not available there (digest.json does not say which links are copies).

Dates (`--dates dated|undated|both`, `--undated` = `--dates undated`): dated uses each
article's date_publish; undated measures what text and entities alone do, as when wire copy
comes without dates or a backlog is ingested at once: in direct mode every article gets one
day and `dated=False`; in build mode the records go to `digest ingest` without date_publish,
so every article is dated the ingest day and marked `undated: true`, as a real undated source is.

Overfitting guard (`--split-events`): there is no held-out labelled set, so the events are split
into two halves by a stable hash of the EventId (CRC-32, even / odd) and P@3 (both kinds),
purity and completeness are also printed for the articles of each half (links and threads
over the whole corpus still count). A knob worth keeping should help on both halves, not
only on the whole.

`--misses` lists, in direct mode, every article whose first links miss its event: the links
offered (event, score, kind) and the same-event articles that were not offered.

Run: PYTHONPATH=. python bench/eval_related.py [CORPUS_DIR] [--mode both] [--dates both] [--no-entities]
     [--k 5] [--keep-site DIR] [--split-events] [--misses]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from digest_plugin.core.related import RelatedInput, RelatedParams, compute_related

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "../shared/corpora/giveme5w1h/news_cluster/data"


def load(corpus: Path) -> tuple[list[RelatedInput], dict[str, int]]:
    items: list[RelatedInput] = []
    events: dict[str, int] = {}
    for path in sorted(corpus.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            date = datetime.fromisoformat(record["date_publish"])
            event = int(record["newsCluster"]["EventId"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            print(f"skipped {path}: {error}", file=sys.stderr)
            continue
        text = "\n".join(part for part in (record.get("description"), record.get("text")) if part)
        items.append(
            RelatedInput(
                id=path.stem,
                title=record.get("title") or "",
                text=text,
                date=date,
                source=record.get("source_domain") or "",
                people=[],
                countries=[],
            )
        )
        events[path.stem] = event
    return items, events


def add_entities(items: list[RelatedInput]) -> bool:
    """Fills people and countries with the project's extractor; False (and a note) if it cannot."""
    try:
        from digest_plugin.core.entities import Extractor

        found = Extractor().extract_many([(item.title, item.text, []) for item in items])
    except (NotImplementedError, ImportError, OSError) as error:
        print(f"note: entity extraction unavailable ({type(error).__name__}: {error}); scoring without entities")
        return False
    for item, entities in zip(items, found, strict=True):
        item.people = list(entities.people)
        item.countries = list(entities.countries)
    return True


def capped_precision(
    ranked: dict[str, list[str]],
    events: dict[str, int],
    depth: int = 3,
    copies: dict[str, set[str]] | None = None,
    scored_events: set[int] | None = None,
) -> float:
    """Mean capped precision. With `copies` (article -> its duplicates), the cap counts an
    article's own copies one by one (each is listed) and every other duplicate group once.
    With `scored_events`, only articles of those events are scored (links to any article
    still count, so a half of the corpus is judged in the company of the other half)."""
    copies = copies or {}
    group_of = _duplicate_groups(events, copies)
    scores = []
    for article, event in events.items():
        if scored_events is not None and event not in scored_events:
            continue
        same_event = [a for a in events if events[a] == event and a != article]
        own = [a for a in same_event if a in copies.get(article, set())]
        others = len(own) + len({group_of[a] for a in same_event if a not in own and group_of[a] != group_of[article]})
        if others < 1:
            continue
        cap = min(depth, others)
        hits = sum(1 for other in ranked.get(article, [])[:cap] if events[other] == event)
        scores.append(hits / cap)
    return float(np.mean(scores))


def _duplicate_groups(events: dict[str, int], copies: dict[str, set[str]]) -> dict[str, str]:
    group_of = {article: article for article in events}

    def find(article: str) -> str:
        while group_of[article] != article:
            article = group_of[article]
        return article

    for article, its_copies in copies.items():
        for copy in its_copies:
            group_of[find(copy)] = find(article)
    return {article: find(article) for article in events}


def purity_completeness(
    thread_of: dict[str, str | None], events: dict[str, int], scored_events: set[int] | None = None
) -> tuple[float, float]:
    """(purity, completeness) of the threads; with `scored_events`, over those events'
    articles only (groups still hold every article, so a half is judged in the company of
    the other half)."""
    group_of = {article: thread or f"single:{article}" for article, thread in thread_of.items()}
    members: dict[str, list[str]] = defaultdict(list)
    for article, group in group_of.items():
        members[group].append(article)
    # A tie (a thread of two reports of two events) goes to the lower event id, not to whichever
    # article came first: the direct and build paths list the articles in different orders.
    majority = {group: max(Counter(events[a] for a in arts).items(), key=lambda item: (item[1], -item[0]))[0]
                for group, arts in members.items()}
    scored = [a for a in events if scored_events is None or events[a] in scored_events]
    purity = sum(1 for a in scored if majority[group_of[a]] == events[a]) / len(scored)
    by_event: dict[int, list[str]] = defaultdict(list)
    for article in scored:
        by_event[events[article]].append(article)
    completeness = sum(
        Counter(group_of[a] for a in arts).most_common(1)[0][1] for arts in by_event.values()
    ) / len(scored)
    return purity, completeness


UNDATED_DAY = datetime(2000, 1, 1)


def undated(items: list[RelatedInput]) -> list[RelatedInput]:
    """The articles as if their dates were unknown: one day for all, marked undated."""
    return [dataclasses.replace(item, date=UNDATED_DAY, dated=False) for item in items]


def baseline_ranking(items: list[RelatedInput]) -> dict[str, list[str]]:
    """Plain TF-IDF cosine; dense is fine at 383 articles (this is the yardstick, not the product)."""
    matrix = TfidfVectorizer(stop_words="english").fit_transform([f"{i.title}\n{i.text}" for i in items])
    similarity = (matrix @ matrix.T).toarray()
    np.fill_diagonal(similarity, -1.0)
    order = np.argsort(-similarity, axis=1, kind="stable")
    return {item.id: [items[j].id for j in order[row, :3]] for row, item in enumerate(items)}


RECORD_KEYS = ("title", "text", "description", "url", "date_publish", "source_domain", "authors")


def write_records(corpus: Path, events: dict[str, int], destination: Path, dated: bool = True) -> dict[str, str]:
    """One news-please record per labelled file (without the label, and without date_publish
    unless `dated`) as JSON Lines; url -> file stem."""
    stem_of_url: dict[str, str] = {}
    with destination.open("w", encoding="utf-8") as out:
        for stem in events:
            record = json.loads((corpus / f"{stem}.json").read_text(encoding="utf-8"))
            url = record.get("url") or ""
            if not url or url in stem_of_url:
                print(f"skipped {stem}: no URL or a URL shared with {stem_of_url.get(url)}", file=sys.stderr)
                continue
            stem_of_url[url] = stem
            keys = RECORD_KEYS if dated else tuple(key for key in RECORD_KEYS if key != "date_publish")
            out.write(json.dumps({key: record.get(key) for key in keys}, ensure_ascii=False) + "\n")
    return stem_of_url


def build_digest(
    corpus: Path, events: dict[str, int], root: Path, dated: bool = True
) -> tuple[dict, dict[str, str]]:
    """Scaffold, ingest and build a site under `root`; (digest.json, article id -> file stem).
    Not `dated`: the records carry no date, so ingest dates them today and marks them undated."""
    import frontmatter

    from digest_plugin import cli

    root.mkdir(parents=True, exist_ok=True)
    records = root / "news_cluster.jsonl"
    stem_of_url = write_records(corpus, events, records, dated=dated)
    site = root / "site-src"
    if cli.main(["new", str(site), "--name", "news_cluster evaluation"]) != 0:
        raise RuntimeError(f"digest new {site} failed")
    status = cli.main(["ingest", "--into", str(site), "--format", "json", str(records)])
    if status != 0:
        print(f"note: digest ingest exited {status}; some records were not ingested (see above)", file=sys.stderr)
    stem_of_id: dict[str, str] = {}
    for path in (site / "content").rglob("*.md"):
        meta = frontmatter.load(path).metadata
        if "id" in meta and meta.get("url") in stem_of_url:
            stem_of_id[str(meta["id"])] = stem_of_url[meta["url"]]
    # The repository first, so the build uses this checkout's plugin; the banner about MkDocs 2
    # would only clutter the figures.
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=os.pathsep.join(
        part for part in (str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH")) if part
    ))
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=site, env=environment, check=True)
    digest = json.loads((site / "site" / "digest.json").read_text(encoding="utf-8"))
    return digest, stem_of_id


def event_half(event: int) -> int:
    """0 or 1: a stable split of events (the same on every machine and run)."""
    return zlib.crc32(str(event).encode("ascii")) % 2


def print_halves(label: str, ranked: dict[str, list[str]], events: dict[str, int],
                 thread_of: dict[str, str | None], copies: dict[str, set[str]] | None = None) -> None:
    for half in (0, 1):
        scored = {event for event in events.values() if event_half(event) == half}
        articles = sum(1 for event in events.values() if event in scored)
        line = f"{label}: half {half} ({len(scored)} events, {articles} articles): " \
               f"P@3 = {capped_precision(ranked, events, scored_events=scored):.3f}"
        if copies is not None:
            line += f", duplicate-aware = {capped_precision(ranked, events, copies=copies, scored_events=scored):.3f}"
        purity, completeness = purity_completeness(thread_of, events, scored_events=scored)
        print(line + f", purity = {purity:.3f}, completeness = {completeness:.3f}")


def print_misses(items: list[RelatedInput], events: dict[str, int], related: dict, depth: int = 3) -> None:
    by_id = {item.id: item for item in items}

    def describe(article: str) -> str:
        item = by_id[article]
        return f"{article[:10]} event {events[article]} {item.date:%Y-%m-%d} {item.source[:24]}: {item.title[:70]}"

    for article, event in events.items():
        same_event = [other for other in events if events[other] == event and other != article]
        if not same_event:
            continue
        cap = min(depth, len(same_event))
        offered = related.get(article, [])
        if sum(1 for link in offered[:cap] if events[link.id] == event) == cap:
            continue
        print(f"miss: {describe(article)}")
        for link in offered[:cap]:
            mark = "ok " if events[link.id] == event else "BAD"
            print(f"   {mark} {link.score:.3f} {link.kind:10s} {describe(link.id)}")
        shown = {link.id for link in offered[:cap]}
        for other in same_event:
            if other not in shown:
                print(f"   not offered:                 {describe(other)}")


def evaluate_build(
    corpus: Path, events: dict[str, int], keep: Path | None, split: bool = False, dated: bool = True
) -> None:
    started = time.perf_counter()
    if keep is not None:
        digest, stem_of_id = build_digest(corpus, events, keep, dated=dated)
    else:
        with tempfile.TemporaryDirectory(prefix="eval-related-") as folder:
            digest, stem_of_id = build_digest(corpus, events, Path(folder), dated=dated)
    elapsed = time.perf_counter() - started
    stem_of_site_url = {article["url"]: stem_of_id.get(article["id"]) for article in digest["articles"]}
    ranked: dict[str, list[str]] = {}
    thread_of: dict[str, str | None] = {}
    for article in digest["articles"]:
        stem = stem_of_id.get(article["id"])
        if stem is None:
            continue
        ranked[stem] = [s for url in article["related"] if (s := stem_of_site_url.get(url)) is not None]
        thread_of[stem] = article["thread"]
    built_events = {stem: events[stem] for stem in thread_of}
    missing = len(events) - len(built_events)
    print(f"built site: {len(digest['articles'])} articles in digest.json, {len(built_events)} mapped back to their "
          f"file ({missing} of {len(events)} labelled articles not in the site) ({elapsed:.0f} s)")
    purity, completeness = purity_completeness(thread_of, built_events)
    print(f"built site: P@3 = {capped_precision(ranked, built_events):.3f}")
    if split:
        print_halves("built site", ranked, built_events, thread_of)
    print(f"built site: threads: {len({t for t in thread_of.values() if t})}, "
          f"purity = {purity:.3f}, completeness = {completeness:.3f}")


def evaluate_direct(
    items: list[RelatedInput], events: dict[str, int], k: int, split: bool = False, misses: bool = False
) -> None:
    started = time.perf_counter()
    result = compute_related(items, k=k, params=RelatedParams())
    elapsed = time.perf_counter() - started
    ranked = {article: [link.id for link in links] for article, links in result.related.items()}
    purity, completeness = purity_completeness(result.thread_of, events)
    links = [link for links in result.related.values() for link in links]
    kinds = Counter(link.kind for link in links)
    print(f"baseline plain TF-IDF cosine top 3: P@3 = {capped_precision(baseline_ranking(items), events):.3f}")
    copies = {a: {link.id for link in links if link.kind == "duplicate"} for a, links in result.related.items()}
    print(f"compute_related: P@3 = {capped_precision(ranked, events):.3f} ({elapsed:.2f} s)")
    print(f"compute_related: P@3 duplicate-aware = {capped_precision(ranked, events, copies=copies):.3f}")
    if split:
        print_halves("compute_related", ranked, events, result.thread_of, copies)
    print(f"threads: {len(result.threads)}, purity = {purity:.3f}, completeness = {completeness:.3f}")
    print(
        f"links: {len(links)} ({', '.join(f'{kind} {count}' for kind, count in sorted(kinds.items()))}); "
        f"articles with no link: {sum(1 for v in result.related.values() if not v)}"
    )
    if misses:
        print_misses(items, events, result.related)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--mode", choices=("direct", "build", "both"), default="both",
                        help="compute_related in-process, a real ingest + mkdocs build, or both (default)")
    parser.add_argument("--dates", choices=("dated", "undated", "both"), default="dated",
                        help="with the articles' dates (default), as if undated (one day for all), or both")
    parser.add_argument("--undated", action="store_const", const="undated", dest="dates",
                        help="the same as --dates undated")
    parser.add_argument("--no-entities", action="store_true", help="direct mode: score with text and time only")
    parser.add_argument("--k", type=int, default=5, help="direct mode: links per article")
    parser.add_argument("--keep-site", type=Path, metavar="DIR", help="build mode: build in DIR and keep it")
    parser.add_argument("--split-events", action="store_true",
                        help="also print the figures on two halves of the events "
                             "(split by a stable hash of the EventId)")
    parser.add_argument("--misses", action="store_true", help="direct mode: list the articles whose links miss")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: corpus folder {args.corpus} not found", file=sys.stderr)
        return 2
    items, events = load(args.corpus)
    print(f"{len(items)} articles, {len(set(events.values()))} events")
    with_entities = False
    if args.mode in ("direct", "both"):
        with_entities = False if args.no_entities else add_entities(items)
    for dated in (True, False) if args.dates == "both" else (args.dates == "dated",):
        label = "dated" if dated else "undated (one day for all, dates unknown)"
        if args.mode in ("direct", "both"):
            print(f"--- direct, {label}: compute_related on the files (entities: {'yes' if with_entities else 'no'})")
            evaluate_direct(items if dated else undated(items), events, args.k, split=args.split_events,
                            misses=args.misses)
        if args.mode in ("build", "both"):
            print(f"--- build, {label}: digest new + digest ingest + mkdocs build, measured from site/digest.json"
                  + (" (entities: as the plugin extracts them; --no-entities applies to direct only)"
                     if args.no_entities else ""))
            keep = args.keep_site / ("dated" if dated else "undated") if args.keep_site else None
            evaluate_build(args.corpus, events, keep, split=args.split_events, dated=dated)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
