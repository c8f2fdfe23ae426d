"""Junk people on a digest of real web news: what a reader would see on the People page.

Reads the inputs the way `digest ingest` does (`read_path`: news-please JSON, RSS/Atom feeds,
HTML pages, gzipped or not), extracts every article's entities as the build does (title, body,
authors), resolves them as ONE digest (`resolve_digest`, no registry: every person page comes
from the text alone), and flags each digest person whose name shows a sign of junk:

- `one-word`: a single-word name (a person page needs a full name, a registry entry, or a title
  or role before it in some article; the registry is empty here, so any one-word page counts);
- `possessive`: a name ending in "'s" or "’s";
- `known-junk`: one of the non-people named in issue #17 ("Replay More Videos", "Storm Shadow", ...);
- `line-break`, `doubled-word`, `slash`, `credit-word`, `line-alone`: the per-article signs
  (a name written only across a line break, a word twice, a photo credit, page furniture).

Both counts are reported: digest people flagged, and (article, person) pairs flagged.

Run: PYTHONPATH=. python bench/entity_junk.py [PATH ...] [--show N] [--all FILE] [--processes 2]
(default PATHs: ../shared/corpora/giveme5w1h/news_cluster/data, ../shared/corpora/feeds,
../shared/corpora/html)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import itertools

from digest_plugin.core.entities import Extractor
from digest_plugin.core.entities.resolve import resolve_digest
from digest_plugin.core.ingest.base import IngestError, ReadOptions
from digest_plugin.core.ingest.readers import read_path
from digest_plugin.speed.extraction import FastExtraction

_CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
DEFAULT_PATHS = [_CORPORA / "giveme5w1h" / "news_cluster" / "data", _CORPORA / "feeds", _CORPORA / "html"]
# Non-people a first digest of real web news showed as people (issue #17).
KNOWN_JUNK = frozenset({
    "adapting", "amy", "andy", "bernie", "borneo", "browsers", "email", "common sense", "metoo",
    "jimmy kimmel live", "boko haram", "sioux falls", "mar-a-lago", "spurs", "s. korean",
    "replay more videos", "kelvin's book", "storm shadow", "general", "chief",
})
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
    if any(a.lower() == b.lower() for a, b in itertools.pairwise(words)):
        found.append("doubled-word")
    if "/" in name:
        found.append("slash")
    if any(part.lower() in CREDIT_WORDS for w in words for part in re.split(r"[/-]", w)):
        found.append("credit-word")
    mentions = list(one_line.finditer(text))
    lines = [text[text.rfind("\n", 0, m.start()) + 1:_line_end(text, m.end())] for m in mentions]
    short = bool(lines) and all(len(line.split()) <= len(words) + 3 for line in lines)
    credit = any(w.lower().strip(".,:;()") in CREDIT_WORDS for line in lines for w in line.split())
    if short and (len(words) == 1 or credit):
        found.append("line-alone")
    return found


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end == -1 else end


def read_articles(paths: list[Path]) -> list:
    """(key, Article) for every article the inputs give, read as `digest ingest` reads them."""
    options = ReadOptions(warn=lambda message: None)
    articles = []
    for path in paths:
        for item in read_path(path, "auto", options):
            if isinstance(item, IngestError):
                print(f"skipped: {item}", file=sys.stderr)
            elif hasattr(item, "title"):
                articles.append((f"{len(articles):04d}", item))
    return articles


def digest_flags(name: str) -> list[str]:
    found = []
    if len(name.split()) == 1:
        found.append("one-word")
    if re.search(r"['’]s?$", name):
        found.append("possessive")
    if name.casefold() in KNOWN_JUNK:
        found.append("known-junk")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT_PATHS)
    parser.add_argument("--show", type=int, default=40, help="flagged names to print")
    parser.add_argument("--all", type=Path, help="write every (article, person, flags) line here")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    articles = read_articles(args.paths)
    if not articles:
        parser.error("no articles in the inputs")
    items = [(a.title, a.body if a.body.strip() else a.summary, a.authors) for _, a in articles]
    results = FastExtraction(Extractor(), args.processes).extract_many(items)
    digest = resolve_digest({key: ents for (key, _), ents in zip(articles, results, strict=False)},
                            dates={key: a.date for key, a in articles})
    texts = {key: f"{title}\n\n{body}" for (key, _), (title, body, _) in zip(articles, items, strict=False)}
    total = flagged = 0
    names: Counter[str] = Counter()
    signs_of: dict[str, list[str]] = {}
    by_flag: Counter[str] = Counter()
    rows = []
    for key, ents in digest.articles.items():
        for mention in ents.people:
            total += 1
            forms = [s for s in mention.surfaces if s] or [mention.name]
            text_signs = [f for f in flags(max(forms, key=len), texts[key]) if f != "line-break"]
            signs = digest_flags(mention.name) + text_signs
            rows.append(f"{key}\t{mention.name}\t{','.join(signs)}")
            if signs:
                flagged += 1
                names[mention.name] += 1
                signs_of[mention.name] = sorted(set(signs_of.get(mention.name, [])) | set(signs))
                by_flag.update(signs)
    if args.all:
        args.all.write_text("\n".join(rows) + "\n", encoding="utf-8")
    one_word = sum(1 for n in digest.people if "one-word" in digest_flags(n))
    possessive = sum(1 for n in digest.people if "possessive" in digest_flags(n))
    known = sum(1 for n in digest.people if "known-junk" in digest_flags(n))
    print(f"articles {len(articles)}  digest people {len(digest.people)}  one-word {one_word}  "
          f"possessive {possessive}  known junk {known}  flagged people {len(names)}")
    print(f"(article, person) pairs {total}  flagged {flagged}  by sign: {dict(sorted(by_flag.items()))}")
    for name, count in names.most_common(args.show):
        print(f"  {count:3d}  {name}  [{','.join(signs_of[name])}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
