"""Speed of cold entity extraction, and a check that its output has not changed.

Times `Extractor.extract_many` on articles (title + body) of the Reuters-21578 JSONL and the BBC
news folders: median of several runs, articles per second, wall and CPU time (this process and
its worker processes, from `resource.getrusage`), and the split between spaCy (`nlp.pipe`) and
our post-processing (people, countries, salience). `--profile` prints the top of a cProfile of
the post-processing. `--check FILE` writes every article's entities as JSON to FILE the first
time and compares against it afterwards, so a speed change can prove its output is unchanged.

    python bench/extract_speed.py [--reuters PATH] [--bbc DIR] [-n 500] [--runs 3] [--processes 1]
    python bench/extract_speed.py --check /tmp/extract_reference.json --check-reuters 1000 --check-bbc 300
    python bench/extract_speed.py --cache-keys 20000     # warm cache lookups: per-file vs pack
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Appended, so PYTHONPATH=<another checkout> times that checkout's code (before/after runs).
sys.path.append(str(Path(__file__).resolve().parents[1]))

from digest_plugin.core.entities import Extractor  # noqa: E402
from digest_plugin.core.entities.cache import entities_to_json  # noqa: E402
from digest_plugin.core.entities.extract import _prepare  # noqa: E402
from digest_plugin.speed.extraction import FastExtraction  # noqa: E402

_SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
DEFAULT_REUTERS = _SHARED / "reuters21578" / "reuters21578.jsonl"
DEFAULT_BBC = _SHARED / "bbc"

Item = tuple[str, str, list[str]]


def load_reuters(path: Path, limit: int) -> list[Item]:
    """The first `limit` Reuters stories that have a title and a body, in file order."""
    items: list[Item] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if len(items) >= limit:
                break
            record = json.loads(line)
            title, body = (record.get("title") or "").strip(), (record.get("body") or "").strip()
            if title and body:
                items.append((title, body, []))
    return items


def load_bbc(directory: Path, limit: int) -> list[Item]:
    """The first `limit` BBC stories in sorted path order: first line title, rest body."""
    items: list[Item] = []
    for path in sorted(directory.glob("*/*.txt")):
        if len(items) >= limit:
            break
        title, _, body = path.read_text(encoding="utf-8", errors="replace").strip().partition("\n")
        if title.strip() and body.strip():
            items.append((title.strip(), body.strip(), []))
    return items


def _deferred(extractor: Extractor) -> list[str]:
    """Pipes the extractor leaves out of `nlp.pipe` (none in code from before the deferral)."""
    return getattr(extractor, "deferred_pipes", [])


def cpu_seconds() -> float:
    """User + system CPU time of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(run: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), cpu_seconds()
    run()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def measure(label: str, extractor: Extractor, items: list[Item], runs: int, processes: int, batch: int) -> None:
    texts = [_prepare(*item).text for item in items]
    totals, cpus, pipes, posts = [], [], [], []
    for _ in range(runs):
        wall, cpu = timed(lambda: FastExtraction(extractor, processes, parallel_min=0, batch_size=batch).extract_many(items))
        totals.append(wall)
        cpus.append(cpu)
        # The same work split in two: spaCy alone, then our code on the parsed docs.
        docs: list = []
        pipes.append(timed(lambda: docs.extend(
            extractor.nlp.pipe(texts, batch_size=batch, disable=_deferred(extractor))))[0])
        prepared = [_prepare(*item) for item in items]
        posts.append(timed(lambda: _clean_parsed(extractor, docs, prepared, batch))[0])
    total = statistics.median(totals)
    print(
        f"{label}: {len(items)} articles, n_process={processes}, batch={batch}: "
        f"median {total:.2f} s wall ({len(items) / total:.1f} articles/s), "
        f"CPU {statistics.median(cpus):.2f} s; runs {', '.join(f'{t:.2f}' for t in totals)}"
    )
    print(
        f"  split (1 process): nlp.pipe without {_deferred(extractor)} {statistics.median(pipes):.2f} s, "
        f"post-processing (tagging and cleaning) {statistics.median(posts):.2f} s"
    )


def _clean_parsed(extractor: Extractor, docs: list, prepared: list, batch: int) -> list:
    """Our code on docs parsed by spaCy alone, batch by batch as extract_many runs it (code from
    before the batched tagging has no entities_of_parsed and tags on demand in _entities)."""
    if not hasattr(extractor, "entities_of_parsed"):
        return [extractor._entities(doc, prep) for doc, prep in zip(docs, prepared)]
    pairs = list(zip(docs, prepared))
    return [found for start in range(0, len(pairs), batch)
            for found in extractor.entities_of_parsed(pairs[start:start + batch])]


def profile_post(extractor: Extractor, items: list[Item], top: int) -> None:
    prepared = [_prepare(*item) for item in items]
    docs = list(extractor.nlp.pipe([p.text for p in prepared], disable=_deferred(extractor)))
    profiler = cProfile.Profile()
    profiler.enable()
    _clean_parsed(extractor, docs, prepared, 64)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    print(out.getvalue())


def check(extractor: Extractor, items: list[Item], reference: Path, processes: int) -> int:
    """Write the reference if missing, else compare; returns the number of differing articles."""
    # Through JSON and back, so tuples compare equal to the lists a saved reference holds.
    results = json.loads(json.dumps([entities_to_json(e) for e in FastExtraction(extractor, processes, parallel_min=0).extract_many(items)]))
    if not reference.exists():
        reference.write_text(json.dumps(results, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"reference written: {reference} ({len(results)} articles)")
        return 0
    expected = json.loads(reference.read_text(encoding="utf-8"))
    if len(expected) != len(results):
        print(f"reference has {len(expected)} articles, this run {len(results)}")
        return max(len(expected), len(results))
    differing = [i for i, (a, b) in enumerate(zip(expected, results)) if a != b]
    for index in differing[:10]:
        print(f"article {index} ({items[index][0][:60]!r}) differs:\n  ref {expected[index]}\n  now {results[index]}")
    print(f"check: {len(results) - len(differing)}/{len(results)} articles identical to {reference}")
    return len(differing)


def cache_lookups(extractor: Extractor, items: list[Item], count: int, runs: int) -> None:
    """Warm lookup time of `count` keys: one file per key (no pack) against the pack."""
    import tempfile

    from digest_plugin.core.entities.cache import PACK_NAME, ExtractionCache, key_for

    results = extractor.extract_many(items)
    with tempfile.TemporaryDirectory() as directory:
        cache = ExtractionCache(directory)
        keys = []
        for i in range(count):
            title, body, authors = items[i % len(items)]
            keys.append(key_for(f"{title} #{i}", body, authors))
            cache.put(keys[-1], results[i % len(items)])
        cache.pack(keys)

        def lookup_all() -> None:
            fresh = ExtractionCache(directory)  # as a new build does: nothing loaded yet
            assert all(fresh.get(key) is not None for key in keys)

        pack = Path(directory) / PACK_NAME
        for label, packed in (("per-file", False), ("pack", True)):
            if not packed:
                pack.rename(pack.with_suffix(".off"))
            elif not pack.exists():
                pack.with_suffix(".off").rename(pack)
            timings = [timed(lookup_all) for _ in range(runs)]
            print(
                f"warm lookup of {count} keys, {label}: median {statistics.median(t[0] for t in timings):.3f} s wall, "
                f"CPU {statistics.median(t[1] for t in timings):.3f} s; runs "
                + ", ".join(f"{t[0]:.3f}" for t in timings)
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuters", type=Path, default=DEFAULT_REUTERS)
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC)
    parser.add_argument("-n", type=int, default=500, help="articles per corpus to time")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--profile", type=int, default=0, metavar="TOP", help="cProfile the post-processing")
    parser.add_argument("--check", type=Path, help="reference JSON: written if missing, else compared")
    parser.add_argument("--check-reuters", type=int, default=1000)
    parser.add_argument("--check-bbc", type=int, default=300)
    parser.add_argument("--cache-keys", type=int, default=0, help="time warm cache lookups of this many keys")
    args = parser.parse_args()
    for path in (args.reuters, args.bbc):
        if not path.exists():
            parser.error(f"{path}: not found (pass --reuters / --bbc)")

    extractor = Extractor()
    started = time.perf_counter()
    extractor.extract("Warm up", "The model loads here, outside the timings.", [])
    print(f"code: {Path(sys.modules['digest_plugin'].__file__).parent}")
    print(f"model load + first article: {time.perf_counter() - started:.2f} s; pipes: {extractor.nlp.pipe_names}")

    if args.cache_keys:
        cache_lookups(extractor, load_reuters(args.reuters, 100), args.cache_keys, args.runs)
        return 0
    if args.check:
        items = load_reuters(args.reuters, args.check_reuters) + load_bbc(args.bbc, args.check_bbc)
        return 1 if check(extractor, items, args.check, args.processes) else 0

    for label, items in (("reuters", load_reuters(args.reuters, args.n)), ("bbc", load_bbc(args.bbc, args.n))):
        measure(label, extractor, items, args.runs, args.processes, args.batch_size)
        if args.profile:
            profile_post(extractor, items, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
