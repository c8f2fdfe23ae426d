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

Run: PYTHONPATH=. python bench/related_scale.py [JSONL] [--sizes 5000 10000 0] [--repeat 3]
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

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "../shared/corpora/reuters21578/reuters21578.jsonl"


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 0])
    parser.add_argument("--repeat", type=int, default=3)
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
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"process max RSS: {max_rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
