"""Time and memory of `compute_related` on Reuters-21578 at growing sizes.

Corpus: reuters21578.jsonl (one JSON object a line: date "26-FEB-1987 15:01:01.79", title,
body, places, people). To measure related stories and not NER, the editors' own `places`
and `people` tags are used as the Mentions (places are Reuters slugs such as "usa" or
"west-germany", not ISO codes; scoring treats entity names as opaque keys, so that is fine).
Salience: an entity whose name occurs in the title counts as in the headline; count is 1.

For each size (default 5000, 10000 and all 21,578 articles, first n by file order) it runs
compute_related `--repeat` times and prints the median wall time and the peak traced Python
allocation (tracemalloc, in a separate timed-free run so tracing does not slow the timing),
plus the process's max RSS at the end.

Incremental scenario (`--growth`, on by default; `--sizes` empty skips the sizes): the Reuters
articles that have a body (about 19k) are computed once through `cached_compute_related` with a
fresh cache folder, then 200 BBC articles (a different corpus, undated, no entities: `--bbc`)
are added, then 20 more. Each addition is timed as the build runs it (load the stored state,
update, save) against a full computation of the same articles with the same frozen digest
statistics (related_stats.py), `--repeat` times alternated, and the two results are compared
byte for byte (JSON of links, reasons and threads).

Run: PYTHONPATH=. python bench/related_scale.py [JSONL] [--sizes 5000 10000 0] [--repeat 3]
     [--bbc ../shared/corpora/bbc] [--no-growth]
(size 0 means all articles).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

from digest_plugin.core.model import Mention
from digest_plugin.core.related import RelatedInput, compute_related
from digest_plugin.core.related_cache import cached_compute_related, result_to_json

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "../shared/corpora/reuters21578/reuters21578.jsonl"
DEFAULT_BBC = Path(__file__).resolve().parent.parent / "../shared/corpora/bbc"
INGEST_DAY = datetime(2026, 1, 15)


def parse_date(text: str) -> datetime:
    """"26-FEB-1987 15:01:01.79"; one record has a garbled time ("605:12:19"): keep its day."""
    text = text.strip()
    try:
        return datetime.strptime(text.split(".")[0], "%d-%b-%Y %H:%M:%S")
    except ValueError:
        return datetime.strptime(text.split()[0], "%d-%b-%Y")


def load(path: Path) -> list[RelatedInput]:
    items: list[RelatedInput] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                record = json.loads(line)
                date = parse_date(record["date"])
            except (ValueError, KeyError) as error:
                print(f"{path}:{number}: skipped ({error})", file=sys.stderr)
                continue
            title = record.get("title") or ""
            lowered = title.lower()

            def mentions(names: list[str]) -> list[Mention]:
                return [Mention(name=name, in_headline=name.replace("-", " ") in lowered) for name in names]

            items.append(
                RelatedInput(
                    id=str(record.get("newid", number)),
                    title=title,
                    text=record.get("body") or "",
                    date=date,
                    source="Reuters",
                    people=mentions(record.get("people") or []),
                    countries=mentions(record.get("places") or []),
                )
            )
    return items


def load_bbc(folder: Path, count: int) -> list[RelatedInput]:
    """`count` BBC articles (title on the first line), spread over its five sections, undated
    (the corpus has no dates: ingest marks them `undated`) and without entities."""
    paths = sorted(folder.glob("*/*.txt"))
    step = max(1, len(paths) // count)
    items = []
    for path in paths[::step][:count]:
        title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
        items.append(RelatedInput(id=f"bbc-{path.parent.name}-{path.stem}", title=title.strip(), text=body.strip(),
                                  date=INGEST_DAY, source="BBC", dated=False))
    return items


def growth(reuters: list[RelatedInput], bbc: list[RelatedInput], repeat: int) -> None:
    """19k, then +200 BBC, then +20: incremental update (as the build runs it) against a full
computation with the same frozen statistics (its time is that of any full computation)."""
    import shutil
    import tempfile

    from digest_plugin.core.related import RelatedParams
    from digest_plugin.core.related_features import article_features

    base = [item for item in reuters if item.text.strip()]
    steps = [("+200", base + bbc[:200]), ("+20", base + bbc[:220])]
    # The statistics the base computation freezes (related_stats.py): the growth steps stay
    # under a tenth of the digest, so the update must equal a full computation with these.
    frozen = article_features(base, RelatedParams())[1]
    timings: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in steps}
    for _ in range(repeat):
        folder = Path(tempfile.mkdtemp(prefix="related-growth-"))
        try:
            started = time.perf_counter()
            cached_compute_related(base, 5, directory=folder)
            print(f"base {len(base)} articles, computed and stored in {time.perf_counter() - started:.2f} s")
            for label, items in steps:
                started = time.perf_counter()
                grown = cached_compute_related(items, 5, directory=folder)
                incremental = time.perf_counter() - started
                started = time.perf_counter()
                scratch = compute_related(items, 5, stats=frozen)
                whole = time.perf_counter() - started
                same = json.dumps(result_to_json(grown)) == json.dumps(result_to_json(scratch))
                timings[label].append((incremental, whole))
                print(f"{label}: {len(items)} articles, incremental {incremental:.2f} s, full {whole:.2f} s, "
                      f"equal: {same}")
                if not same:
                    raise SystemExit("incremental result differs from the full computation")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    for label, pairs in timings.items():
        print(f"{label}: median incremental {statistics.median(p[0] for p in pairs):.2f} s, "
              f"median full {statistics.median(p[1] for p in pairs):.2f} s over {len(pairs)} rounds")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", type=int, nargs="*", default=[5000, 10000, 0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC, help="BBC corpus folder for the growth scenario")
    parser.add_argument("--no-growth", action="store_true", help="skip the incremental scenario")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"error: corpus file {args.corpus} not found", file=sys.stderr)
        return 2
    items = load(args.corpus)
    print(f"{len(items)} articles loaded from {args.corpus}")
    for size in args.sizes:
        subset = items[:size] if size else items
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = compute_related(subset, k=5)
            times.append(time.perf_counter() - started)
        tracemalloc.start()
        compute_related(subset, k=5)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        linked = sum(1 for links in result.related.values() if links)
        print(
            f"n={len(subset):>6}: median {statistics.median(times):6.2f} s "
            f"(runs {', '.join(f'{t:.2f}' for t in times)}), peak traced {peak / 2**20:7.1f} MiB, "
            f"threads {len(result.threads)}, articles with links {linked}"
        )
    if not args.no_growth:
        if not args.bbc.is_dir():
            print(f"error: BBC folder {args.bbc} not found (or pass --no-growth)", file=sys.stderr)
            return 2
        growth(items, load_bbc(args.bbc, 220), args.repeat)
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"process max RSS: {max_rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
