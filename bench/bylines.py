"""What the byline cleaning keeps and drops on real author fields (news-please records).

    python bench/bylines.py [../shared/corpora/giveme5w1h]

Reads every JSON record under the folder, runs `people_in_byline` on its `authors` with its
`source_domain` and `url`, and prints the counts and every distinct string dropped and kept, so a
reader can judge each one (there is no gold list of bylines to score against).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from digest_plugin.core.bylines import people_in_byline


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path("../shared/corpora/giveme5w1h"))
    args = parser.parse_args(argv)
    kept: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    records = with_authors = 0
    for path in sorted(args.folder.rglob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if not isinstance(record, dict):
            continue
        records += 1
        authors = [str(a) for a in record.get("authors") or []]
        if not authors:
            continue
        with_authors += 1
        people = people_in_byline(authors, source=record.get("source_domain") or "", url=record.get("url") or "")
        kept.update(people)
        dropped.update(a for a in authors if a not in people)
    print(f"{records} records, {with_authors} with authors: {sum(kept.values())} names kept "
          f"({len(kept)} distinct), {sum(dropped.values())} author strings dropped or split ({len(dropped)} distinct)")
    print("\nDropped or split:")
    for text, count in dropped.most_common():
        print(f"  {count:3d}  {text}")
    print("\nKept:")
    for text, count in sorted(kept.items()):
        print(f"  {count:3d}  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
