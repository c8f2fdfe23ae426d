"""Score HTML extraction: mean token-level F1 of the extracted body against expected texts.

For every `<name>.html` in the corpus' html/ folder with a `<name>.txt` in text/, the page goes
through digest_plugin.core.ingest.webpage.extract_page (what `digest ingest` uses), and the body's
tokens (lower-cased words) are compared with the expected text's as multisets.

    PYTHONPATH=. python bench/eval_html.py [--corpus ../shared/corpora/html/newspaper]

Target (issue 8): mean F1 >= 0.90. Pages where nothing is extracted count as F1 0.
Some expected files of that corpus are not texts but annotators' notes ("MISSED LAST
PARAGRAPH", "FAILED, ENTIRE ARTICLE LOADED VIA JS", in capitals) or empty: those pairs are
reported apart, and the mean is printed both ways. Chinese and Japanese have no spaces between
words, so each of their characters counts as a token.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

from digest_plugin.core.ingest.base import decode_bytes
from digest_plugin.core.ingest.webpage import extract_page

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "html" / "newspaper"
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|\w+", re.UNICODE)
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def is_annotators_note(expected: str) -> bool:
    """Empty, or a short remark in capitals about what an extractor missed, not an article text."""
    words = expected.split()
    if not words:
        return True
    letters = _LATIN_LETTER.findall(expected)
    capitals = sum(letter.isupper() for letter in letters)
    return len(words) < 40 and bool(letters) and capitals / len(letters) > 0.8


def tokens(text: str) -> Counter[str]:
    return Counter(token.lower() for token in _TOKEN.findall(text))


def token_f1(predicted: str, expected: str) -> float:
    predicted_tokens, expected_tokens = tokens(predicted), tokens(expected)
    if not predicted_tokens or not expected_tokens:
        return float(predicted_tokens == expected_tokens)
    overlap = sum((predicted_tokens & expected_tokens).values())
    if overlap == 0:
        return 0.0
    precision = overlap / sum(predicted_tokens.values())
    recall = overlap / sum(expected_tokens.values())
    return 2 * precision * recall / (precision + recall)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--worst", type=int, default=5, help="list this many lowest-scoring pages")
    args = parser.parse_args()
    pairs = [(page, args.corpus / "text" / f"{page.stem}.txt") for page in sorted((args.corpus / "html").glob("*.html"))]
    pairs = [(page, text) for page, text in pairs if text.exists()]
    if not pairs:
        print(f"no html/text pairs under {args.corpus}", file=sys.stderr)
        return 2
    scores: list[tuple[float, str]] = []
    notes: list[tuple[float, str]] = []
    for page, text in pairs:
        extraction = extract_page(decode_bytes(page.read_bytes()))
        body = extraction.text if extraction else ""
        expected = decode_bytes(text.read_bytes())
        score = (token_f1(body, expected), page.name)
        (notes if is_annotators_note(expected) else scores).append(score)
    every = scores + notes
    print(f"all pairs: {len(every)}  mean token F1: {statistics.mean(s for s, _ in every):.3f}")
    mean = statistics.mean(score for score, _name in scores)
    print(f"pairs with an article text expected: {len(scores)}  mean token F1: {mean:.3f}  "
          f"median: {statistics.median(s for s, _ in scores):.3f}  ({len(notes)} note/empty pairs set apart)")
    for score, name in sorted(scores)[: args.worst]:
        print(f"  {score:.3f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
