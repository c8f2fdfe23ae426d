"""List the people extracted from news-please JSON articles, each flagged when it looks like junk.

Articles are read the way `digest ingest` reads them (records.read_json: title, and the body as
Markdown), and their entities extracted as the build does (title, body, authors). A person is
flagged when its name shows one of these signs (a heuristic; the flag names the sign):

- `line-break`: the name is never written in the text on one line, only across a line break
  ("Elon Musk" + newline + "Musk says" gives "Elon Musk Musk");
- `doubled-word`: the same word twice in a row ("Bitcoin Bitcoin");
- `slash`: a "/" in the name ("Jane Roe/Agency", a photo credit);
- `credit-word`: a word of photo credits or page furniture (Photo, Getty, Images, AP, AFP,
  Reuters, Credit, Menu, Update, ...);
- `line-alone`: every body mention is a line of its own (a caption, credit or UI label), and the
  name is a single word or has a credit word on its line.

The count reported is the number of (article, person) pairs flagged, and the number of distinct
flagged names. It measures the code on PYTHONPATH, so the same command against an older checkout
gives the "before" figures.

Run: PYTHONPATH=. python bench/entity_junk.py [NEWS_PLEASE_DIR] [--show N] [--all FILE] [--processes 2]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from digest_plugin.core.entities import Extractor
from digest_plugin.core.ingest.base import IngestError, ReadOptions
from digest_plugin.core.ingest.records import read_json
from digest_plugin.speed.extraction import FastExtraction  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "../shared/corpora/giveme5w1h/news_cluster/data"
CREDIT_WORDS = frozenset({
    "photo", "photos", "photograph", "getty", "images", "image", "ap", "afp", "reuters", "epa",
    "credit", "courtesy", "menu", "update", "video", "click", "share", "file", "pa", "shutterstock",
})


def flags(name: str, text: str) -> list[str]:
    words = name.split()
    found = []
    one_line = re.compile(r"(?<![\w-])" + r"[ \t]+".join(re.escape(w) for w in words) + r"(?![\w-])")
    if len(words) > 1 and one_line.search(text) is None:
        found.append("line-break")
    if any(a.lower() == b.lower() for a, b in zip(words, words[1:])):
        found.append("doubled-word")
    if "/" in name:
        found.append("slash")
    if any(part.lower() in CREDIT_WORDS for w in words for part in re.split(r"[/-]", w)):
        found.append("credit-word")
    mentions = list(one_line.finditer(text))
    lines = [text[text.rfind("\n", 0, m.start()) + 1:_line_end(text, m.end())] for m in mentions]
    if lines and all(len(line.split()) <= len(words) + 3 for line in lines):
        if len(words) == 1 or any(w.lower().strip(".,:;()") in CREDIT_WORDS for line in lines for w in line.split()):
            found.append("line-alone")
    return found


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end == -1 else end


def read_articles(corpus: Path) -> list:
    options = ReadOptions(warn=lambda message: None)
    articles = []
    for path in sorted(corpus.glob("*.json")):
        for item in read_json(path.read_bytes(), str(path), options):
            if isinstance(item, IngestError):
                print(f"skipped: {item}", file=sys.stderr)
            else:
                articles.append((path.stem[:12], item))
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show", type=int, default=40, help="flagged names to print")
    parser.add_argument("--all", type=Path, help="write every (article, person, flags) line here")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    articles = read_articles(args.corpus)
    if not articles:
        parser.error(f"{args.corpus}: no news-please *.json articles there")
    items = [(a.title, a.body if a.body.strip() else a.summary, a.authors) for _, a in articles]
    results = FastExtraction(Extractor(), args.processes).extract_many(items)
    total = flagged = 0
    names: Counter[str] = Counter()
    signs_of: dict[str, list[str]] = {}
    by_flag: Counter[str] = Counter()
    rows = []
    for (key, _), (title, body, _), ents in zip(articles, items, results):
        text = f"{title}\n\n{body}"
        for mention in ents.people:
            total += 1
            signs = flags(mention.name, text)
            rows.append(f"{key}\t{mention.name}\t{','.join(signs)}")
            if signs:
                flagged += 1
                names[mention.name] += 1
                signs_of[mention.name] = signs
                by_flag.update(signs)
    if args.all:
        args.all.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"articles {len(articles)}  people {total}  flagged {flagged}  distinct flagged names {len(names)}")
    print("by sign:", dict(sorted(by_flag.items())))
    for name, count in names.most_common(args.show):
        print(f"  {count:3d}  {name}  [{','.join(signs_of[name])}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
