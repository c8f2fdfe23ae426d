"""Precision and recall of (speaker, quotation) pairs against hand labels (issue 21).

Labels: `bench/data/quotes_dev.json` (60 articles of ../shared/corpora/entities_dev: 01-36, 12 of
them held out, not read while the rules were tuned; `second_set`, 8 articles labelled after the
first round; `third_set`, the last 16, labelled blind in round 4, 6 of them `held_out_2`, picked
by a hash of the file name) and `bench/data/quotes_seed.json` (the seed article).
Rows: `tune` (01-46 without the held-out 12), `third set tune` (the 10 of the third set one may
tune on), `held-out`, `held-out 2`, `third set (all 16)`, `all`; `--tuning-only` prints only the
tuning rows, `--errors` lists the tuning rows' errors (never a held-out one's).
The articles are read from ../shared; each is extracted the way a build does it
(`Extractor.extract_many`, then `resolve_digest`, so speakers are canonical people as on the
site; each article is resolved on its own, as the labels name people per article) and its
quotations compared with the labels.

Matching, per article, one to one:
- text: both sides normalised (Unicode NFC, quotation marks dropped, whitespace collapsed,
  case folded, punctuation at the ends stripped). A predicted and a labelled quotation match
  when the F1 of their word multisets is at least 0.5: a quotation cut or joined a little
  differently (one more clause, " ... " joins) still matches, a different quotation does not.
  `exact` figures require equal normalised texts.
- speaker: equal after folding case and diacritics, or the shorter name is how the longer
  ends ("Higgs" or "Superintendent Rob Higgs" for "Rob Higgs": how people extraction spells a
  name is issue 17's measure, not this one's).
The labels hold no quoted words: each labelled quotation is stored as a fingerprint, a hash of
its normalised text (for `exact`) and the hashes of its words (for the word multisets), so the
articles' text stays in ../shared. Predictions are fingerprinted the same way before matching;
the figures are those of matching the texts themselves (`fingerprint` below).
A predicted pair whose text matches a labelled quotation of someone else is a wrong speaker;
one whose text matches a `not_a_person` label (words of an organisation or unnamed source) is
counted apart: the issue's target is zero of those.

    python bench/eval_quotes.py [--corpus ../shared/corpora/entities_dev] [--errors] [--tuning-only] [--seed PATH]
    python bench/eval_quotes.py --cost 1000 --rounds 3    # CPU cost of the finder in extraction
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from digest_plugin.core.entities import Extractor
from digest_plugin.core.entities.resolve import resolve_digest
from digest_plugin.core.ingest.base import ReadOptions
from digest_plugin.core.ingest.text import parse_text
from digest_plugin.core.quotes import fold

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
DEFAULT_CORPUS = SHARED / "corpora" / "entities_dev"
DEFAULT_SEED = SHARED / "seeds" / "000_538d3bbc696e1adc.txt"
MARKS = "\"“”„‟‘’‚‛'«»"
OVERLAP = 0.5


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace(" ... ", " ")
    text = "".join(" " if c in MARKS else c for c in text)
    return " ".join(text.split()).casefold().strip(" .,;:!?…-–—")


def words(text: str) -> Counter[str]:
    return Counter(w.strip(".,;:!?…()[]-–—") for w in normalise(text).split() if w.strip(".,;:!?…()[]-–—"))


class Quoted(NamedTuple):
    """A quotation as matching sees it: the hash of its normalised text, the hashes of its words
    (a multiset), and what to print for it (a prediction's text; a label's hash)."""

    exact: str
    words: Counter[str]
    shown: str


def _hash(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def fingerprint(text: str) -> dict:
    """What a label file stores for a quotation: no words, only their hashes."""
    return {"exact": _hash(normalise(text), 20), "words": sorted(_hash(w, 10) for w in words(text).elements())}


def quoted_text(text: str) -> Quoted:
    stored = fingerprint(text)
    return Quoted(stored["exact"], Counter(stored["words"]), text)


def quoted_label(label: dict) -> Quoted:
    return Quoted(label["exact"], Counter(label["words"]), f"[labelled quotation {label['exact'][:8]}]")


def overlap(a: Quoted, b: Quoted) -> float:
    wa, wb = a.words, b.words
    common = sum((wa & wb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(wa.values()), common / sum(wb.values())
    return 2 * precision * recall / (precision + recall)


def same_text(a: Quoted, b: Quoted, exact: bool) -> bool:
    return a.exact == b.exact if exact else overlap(a, b) >= OVERLAP


def same_speaker(a: str, b: str) -> bool:
    """Equal folded names, or the shorter is the longer's end ("Higgs", "Superintendent Rob Higgs")."""
    fa, fb = fold(a).split(), fold(b).split()
    short, long = sorted((fa, fb), key=len)
    return bool(short) and long[len(long) - len(short):] == short


def match(pred: list[tuple[str, Quoted]], gold: list[tuple[str, Quoted]], exact: bool) -> tuple[int, list, list]:
    """(true positives, unmatched predictions, unmatched labels): greedy one to one, best overlap first."""
    pairs = sorted(((overlap(p[1], g[1]), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
                    if same_speaker(p[0], g[0]) and same_text(p[1], g[1], exact)), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return (len(used_p), [p for i, p in enumerate(pred) if i not in used_p],
            [g for j, g in enumerate(gold) if j not in used_g])


def split_article(path: Path) -> tuple[str, str]:
    title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    return title.strip(), body.strip()


def predict(items: list[tuple[str, str, str]]) -> tuple[dict[str, list[tuple[str, Quoted]]], float]:
    """Quotations per key, with canonical speakers, extracted and resolved as a build does.
    Also records each article's people (`PEOPLE`), to count labels whose speaker extraction missed."""
    extractor = Extractor()
    extractor.prepare()
    started = time.perf_counter()
    found = extractor.extract_many([(title, body, []) for _, title, body in items])
    seconds = time.perf_counter() - started
    # Each article resolved on its own: the labels name a person by the fullest form that article
    # writes, and articles years apart must not lend each other names ("Francis" the pope and a
    # reporter called Francis Collins).
    quotes = {}
    for (key, _, _), ents in zip(items, found, strict=True):
        resolved = resolve_digest({key: ents}).articles[key]
        quotes[key] = [(q.speaker, quoted_text(q.text)) for q in resolved.quotes]
        PEOPLE[key] = [m.name for m in resolved.people]
    return quotes, seconds


PEOPLE: dict[str, list[str]] = {}


def score(keys: list[str], pred: dict, gold: dict, others: dict, exact: bool) -> dict:
    tp = n_pred = n_gold = wrong_speaker = not_person = unknown_speaker = 0
    errors = []
    for key in keys:
        unknown_speaker += sum(1 for speaker, _ in gold[key]
                               if not any(same_speaker(speaker, p) for p in PEOPLE.get(key, ())))
        hits, false_pos, missed = match(pred[key], gold[key], exact)
        tp += hits
        n_pred += len(pred[key])
        n_gold += len(gold[key])
        for speaker, text in false_pos:
            if any(same_text(text, g[1], exact) for g in gold[key]):
                wrong_speaker += 1
                errors.append((key, "wrong speaker", speaker, text))
            elif any(same_text(text, o, False) for o in others[key]):
                not_person += 1
                errors.append((key, "NOT A PERSON'S", speaker, text))
            else:
                errors.append((key, "false", speaker, text))
        errors.extend((key, "missed", speaker, text) for speaker, text in missed)
    return {"articles": len(keys), "labels": n_gold, "predicted": n_pred, "tp": tp,
            "precision": tp / n_pred if n_pred else 0.0, "recall": tp / n_gold if n_gold else 0.0,
            "wrong_speaker": wrong_speaker, "org_or_unnamed_to_person": not_person,
            "speaker_not_extracted": unknown_speaker, "errors": errors}


def report(name: str, result: dict) -> None:
    print(f"{name:<24} articles {result['articles']:>2}  labels {result['labels']:>3}  predicted "
          f"{result['predicted']:>3}  P {result['precision']:.3f}  R {result['recall']:.3f}  "
          f"wrong speaker {result['wrong_speaker']}  "
          f"org/unnamed given to a person {result['org_or_unnamed_to_person']}  "
          f"(labels whose speaker people extraction missed: {result['speaker_not_extracted']})")


def evaluate_dev(corpus: Path, labels_path: Path, show_errors: bool, tuning_only: bool = False) -> None:
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    held = set(labels["held_out"])
    items, gold, others = [], {}, {}
    for art in labels["articles"]:
        title, body = split_article(corpus / art["file"])
        items.append((art["file"], title, body))
        gold[art["file"]] = [(q["speaker"], quoted_label(q)) for q in art["quotes"]]
        others[art["file"]] = [quoted_label(o) for o in art.get("not_a_person", [])]
    pred, seconds = predict(items)
    print(f"entities_dev: {len(items)} articles extracted in {seconds:.2f} s")
    keys = [key for key, _, _ in items]
    second = set(labels.get("second_set", ()))
    third = set(labels.get("third_set", ()))
    held2 = set(labels.get("held_out_2", ()))
    splits = {"tune": [k for k in keys if k not in held and k not in third],
              "  of which second set": [k for k in keys if k in second],
              "third set tune": [k for k in keys if k in third and k not in held2],
              "held-out": [k for k in keys if k in held],
              "held-out 2": [k for k in keys if k in held2],
              "third set (all 16)": [k for k in keys if k in third],
              "all": keys}
    tuning = ("tune", "  of which second set", "third set tune")
    for exact in (False, True):
        for split, chosen in splits.items():
            if tuning_only and split not in tuning:
                continue
            result = score(chosen, pred, gold, others, exact)
            report(f"{split} ({'exact' if exact else 'overlap'})", result)
            # Only the tuning splits' errors are listed: the held-out ones stay unread.
            if show_errors and not exact and split in ("tune", "third set tune"):
                for key, kind, speaker, text in result["errors"]:
                    print(f"  {key[-6:-4]} {kind:<15} {speaker}: {text.shown[:110]}")


def evaluate_seed(seed: Path, labels_path: Path) -> bool:
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    article = parse_text(seed.read_text(encoding="utf-8"), str(seed), ReadOptions())
    pred, _ = predict([("seed", article.title, article.body)])
    gold = [(q["speaker"], quoted_label(q)) for q in labels["quotes"]]
    hits, false_pos, missed = match(pred["seed"], gold, exact=True)
    wrong = [p for p in false_pos if any(same_text(p[1], g[1], False) for g in gold)]
    print(f"seed: {hits}/{len(gold)} quotations found with their speaker (exact text), "
          f"{len(wrong)} given to a wrong person, {len(false_pos) - len(wrong)} other")
    for speaker, text in missed:
        print(f"  missed {speaker}: {text.shown}")
    for speaker, text in false_pos:
        print(f"  extra {speaker}: {text.shown}")
    return not missed and not wrong


def measure_cost(reuters: Path, count: int, rounds: int) -> None:
    """CPU seconds of cold extraction of `count` Reuters stories in this process, with the
    quotation finder and with it stubbed out, interleaved `rounds` times (CPU time, as the
    machine is shared: wall time swings with other people's jobs)."""
    from digest_plugin.core.entities import extract

    items = []
    with reuters.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("title") and record.get("body"):
                items.append((record["title"], record["body"], []))
            if len(items) >= count:
                break
    extractor = Extractor()
    extractor.prepare()
    extractor.extract_many(items[:64])  # warm up the model and caches
    real = extract._quotes
    timings: dict[str, list[float]] = {"with quotes": [], "without": []}
    found = 0
    for _ in range(rounds):
        for name, finder in (("without", lambda doc, prep, people: []), ("with quotes", real)):
            extract._quotes = finder
            started = time.process_time()
            result = extractor.extract_many(items)
            timings[name].append(time.process_time() - started)
            if finder is real:
                found = sum(len(r.quotes) for r in result)
    extract._quotes = real
    medians = {name: sorted(values)[len(values) // 2] for name, values in timings.items()}
    print(f"reuters: {len(items)} articles, {found} quotations; CPU s per run (median of {rounds}): "
          + ", ".join(f"{name} {value:.2f}" for name, value in medians.items())
          + f"; ratio {medians['with quotes'] / medians['without']:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--labels", type=Path, default=HERE / "data" / "quotes_dev.json")
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--seed-labels", type=Path, default=HERE / "data" / "quotes_seed.json")
    parser.add_argument("--errors", action="store_true", help="list the tuning splits' misses and false pairs")
    parser.add_argument("--tuning-only", action="store_true",
                        help="print the tuning splits' rows only (no held-out figure while rules are tuned)")
    parser.add_argument("--cost", type=int, metavar="N", help="instead: CPU cost of the finder on N Reuters stories")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reuters", type=Path, default=SHARED / "corpora" / "reuters21578" / "reuters21578.jsonl")
    args = parser.parse_args(argv)
    if args.cost:
        measure_cost(args.reuters, args.cost, args.rounds)
        return 0
    if not args.corpus.is_dir() or not args.seed.is_file():
        print(f"needs {args.corpus} and {args.seed} (../shared)", file=sys.stderr)
        return 2
    evaluate_dev(args.corpus, args.labels, args.errors, args.tuning_only)
    return 0 if evaluate_seed(args.seed, args.seed_labels) else 1


if __name__ == "__main__":
    sys.exit(main())
