"""Count line breaks that ingestion turned into running prose, on real record bodies.

For every body without blank lines or paragraph indentation (the case `linebreaks` decides),
each pair of adjacent source lines is classified by whether the Markdown body written by
`body_to_markdown` keeps them in one paragraph ("joined"). A joined pair is a
**block-into-prose join** when the first line does not end a sentence and the next line starts
a new one (upper case, digit or quote): a caption, credit, byline, "Related:" line or heading
run into the text that follows ("... Getty Images Police said ..."). Joins before a lower-case
line (a sentence broken across lines) are counted apart. A **doubled word at a join** (the last
word of a line repeated as the first of the next, "... Bitcoin Bitcoin prices ...") is counted
too: it is the pattern that turns into junk entities.

It measures the code on PYTHONPATH, so the same command run against an older checkout gives
the "before" figures. `--dump FILE` writes every body (JSON Lines: key, body) for comparing
two checkouts with `cmp`/`diff`.

Run: PYTHONPATH=. python bench/eval_line_joins.py [NEWS_PLEASE_DIR | RECORDS.jsonl] [--limit N]
     [--dump FILE] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from digest_plugin.core.ingest.base import body_to_markdown

try:
    from digest_plugin.core.ingest.linebreaks import detect_layout
except ImportError:  # a checkout from before linebreaks existed: its "before" figures
    detect_layout = None

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "../shared/corpora/giveme5w1h/news_cluster/data"
_INDENTED = re.compile(r"^[ \t]+\S")
# What ingestion has always taken as the end of a sentence (kept here so old checkouts run too).
_ENDS_SENTENCE = re.compile(r"[.!?:;\"'”’)\]]\s*$")
_STARTS_BLOCK = re.compile(r"^\s*[A-Z0-9\"'“‘(]")
_STARTS_LOWER = re.compile(r"^\s*[a-z]")


def bodies(corpus: Path, limit: int | None) -> Iterator[tuple[str, str]]:
    """(key, plain body) of each record: files of a news-please folder, or lines of a JSONL file."""
    if corpus.is_dir():
        paths = sorted(corpus.glob("*.json"))[:limit]
        for path in paths:
            record = json.loads(path.read_text(encoding="utf-8"))
            yield path.name, record.get("maintext") or record.get("text") or ""
        return
    with corpus.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if limit is not None and number > limit:
                return
            record = json.loads(line)
            yield f"{corpus.name}:{number}", record.get("body") or record.get("maintext") or record.get("text") or ""


def _normal(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


def joined_pairs(lines: list[str], markdown: str) -> list[bool]:
    """For each adjacent pair of source lines, whether the Markdown keeps them in one paragraph."""
    paragraphs = [_normal(block) for block in markdown.split("\n\n")]
    result = []
    for line, following in zip(lines, lines[1:]):
        seam = _normal(line)[-40:] + " " + _normal(following)[:40]
        result.append(any(seam in paragraph for paragraph in paragraphs))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="first N records only")
    parser.add_argument("--dump", type=Path, help="write key and Markdown body of every record (JSON Lines)")
    parser.add_argument("--show", type=int, default=0, help="print the first N block-into-prose joins")
    args = parser.parse_args(argv)

    counts = {"bodies": 0, "decided_by_layout": 0, "hard_wrapped": 0, "pairs": 0, "joined": 0,
              "block_into_prose": 0, "lower_case_continuations": 0, "doubled_word_at_join": 0}
    bodies_with_block_join = 0
    shown = 0
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for key, text in bodies(args.corpus, args.limit):
        if not text.strip():
            continue
        counts["bodies"] += 1
        markdown = body_to_markdown(text)
        if dump:
            dump.write(json.dumps({"key": key, "body": markdown}, ensure_ascii=False) + "\n")
        lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
        blank_or_indented = any(not line.strip() for line in lines) or any(_INDENTED.match(line) for line in lines[1:])
        if len(lines) < 2 or blank_or_indented:
            continue
        counts["decided_by_layout"] += 1
        if detect_layout is not None:
            counts["hard_wrapped"] += detect_layout(lines).hard_wrapped
        block_joins = 0
        for (line, following), joined in zip(zip(lines, lines[1:]), joined_pairs(lines, markdown)):
            counts["pairs"] += 1
            if not joined:
                continue
            counts["joined"] += 1
            last_words, first_words = line.split()[-1:], following.split()[:1]
            if last_words and last_words == first_words:
                counts["doubled_word_at_join"] += 1
            if _STARTS_LOWER.match(following):
                counts["lower_case_continuations"] += 1
            elif not _ENDS_SENTENCE.search(line) and _STARTS_BLOCK.match(following):
                block_joins += 1
                if shown < args.show:
                    shown += 1
                    print(f"{key}: {line.strip()[-60:]!r} + {following.strip()[:40]!r}")
        counts["block_into_prose"] += block_joins
        bodies_with_block_join += block_joins > 0
    if dump:
        dump.close()
    for name, value in counts.items():
        print(f"{name}: {value}")
    print(f"bodies_with_block_into_prose_join: {bodies_with_block_join} of {counts['bodies']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
