"""Document-level evaluation of entity extraction on CoNLL-2003 (*.docs.jsonl).

People: a predicted person matches a gold PER name when the folded names are equal or one is the
other's surname (last word); precision counts matched predictions, recall matched gold names.
Countries: the gold countries of a document are those its gold LOC names name (a country name,
short form or UK nation, looked up with the same table extraction uses); recall is the share of
them predicted. Micro-averaged over documents.

    python bench/eval_entities.py [CORPUS_DIR] --split test [--errors 20] [--processes 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from digest_plugin.core.entities import Extractor  # noqa: E402
from digest_plugin.core.entities.countries import NAME, PART, fold, lookup  # noqa: E402
from digest_plugin.speed.extraction import FastExtraction  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "conll2003"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def split_doc(doc: dict) -> tuple[str, str]:
    """Title and body: the text repeats the headline as its first line."""
    headline, text = doc["headline"], doc["text"]
    first, _, rest = text.partition("\n")
    return headline, rest if first.strip() == headline.strip() else text


def person_match(a: str, b: str) -> bool:
    fa, fb = fold(a).split(), fold(b).split()
    if not fa or not fb:
        return False
    return fa == fb or (len(fa) == 1 and fa[0] == fb[-1]) or (len(fb) == 1 and fb[0] == fa[-1])


def gold_countries(locs: list[str]) -> set[str]:
    codes = set()
    for loc in locs:
        entry = lookup(loc)
        if entry is not None and entry.kind in (NAME, PART):
            codes.add(entry.code)
    return codes


def evaluate(docs: list[dict], predictions, errors: int) -> dict:
    tp_pred = n_pred = tp_gold = n_gold = 0
    c_hit = c_gold = 0
    shown = 0
    for doc, ents in zip(docs, predictions):
        gold = sorted({name for name in doc["entities"].get("PER", [])}, key=fold)
        pred = [m.name for m in ents.people]
        matched_pred = [p for p in pred if any(person_match(p, g) for g in gold)]
        matched_gold = [g for g in gold if any(person_match(p, g) for p in pred)]
        tp_pred += len(matched_pred)
        n_pred += len(pred)
        tp_gold += len(matched_gold)
        n_gold += len(gold)
        gc = gold_countries(doc["entities"].get("LOC", []))
        pc = {m.name for m in ents.countries}
        c_hit += len(gc & pc)
        c_gold += len(gc)
        if shown < errors and (len(matched_pred) < len(pred) or len(matched_gold) < len(gold) or gc - pc):
            shown += 1
            print(f"--- doc {doc['doc_index']}: {doc['headline'][:70]}")
            print("  false people:", [p for p in pred if p not in matched_pred])
            print("  missed people:", [g for g in gold if g not in matched_gold])
            if gc - pc:
                print("  missed countries:", sorted(gc - pc))
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "documents": len(docs),
        "people_precision": round(precision, 4),
        "people_recall": round(recall, 4),
        "people_f1": round(f1, 4),
        "country_recall": round(c_hit / c_gold, 4) if c_gold else 0.0,
        "gold_countries": c_gold,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--split", default="test", choices=["train", "valid", "test"])
    parser.add_argument("--errors", type=int, default=0, help="print this many documents with errors")
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args(argv)
    path = args.corpus / f"{args.split}.docs.jsonl"
    if not path.exists():
        print(f"error: {path}: no such file (pass the conll2003 folder)", file=sys.stderr)
        return 2
    docs = load(path)
    started = time.perf_counter()
    predictions = FastExtraction(Extractor(), args.processes).extract_many([(*split_doc(d), []) for d in docs])
    elapsed = time.perf_counter() - started
    result = evaluate(docs, predictions, args.errors)
    result["split"] = args.split
    result["seconds"] = round(elapsed, 1)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
