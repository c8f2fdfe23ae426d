"""Train the person decision (`digest_plugin/core/entities/decide.py`) and write its JSON.

Reads the labelled development set (by default all 60 articles, the shipped model; `--split
train` reads the fixed train split only, bench/entities_dev.py), extracts every candidate name
of every article with its evidence
(`Extractor.scored_groups`), labels a name a person when its folded key equals a gold person's,
fits a logistic regression (scikit-learn, needed only here), picks the decision threshold that
maximises F1 over 5-fold cross-validated probabilities (folds by article), and writes the
coefficients, thresholds and a version to `digest_plugin/core/entities/data/person_model.json`.
`--conll N` adds the first N documents of CoNLL-2003 train (gold PER names, surname matches
allowed) to the training rows.

How well such a model generalises is measured by bench/cv_entities.py (k-fold out-of-fold
figures over the 60, and the fixed split's figure from a model trained on its 37 only).

    PYTHONPATH=. python bench/train_person_model.py [--dev DIR] [--split all|train] [--conll N] [--out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from entities_dev import DEFAULT_DEV, load_dev
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from digest_plugin.core.entities import decide
from digest_plugin.core.entities.extract import Extractor, _prepare
from digest_plugin.core.entities.people import name_key

DEFAULT_CONLL = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "conll2003"


def rows_of(extractor: Extractor, items: list[tuple[str, str]], is_person) -> tuple[list, list, list]:
    """Feature rows, labels and the article index of each row."""
    preps = [_prepare(title, body, []) for title, body in items]
    docs = extractor.nlp.pipe((p.text for p in preps), disable=extractor.deferred_pipes)
    xs, ys, groups = [], [], []
    for index, (doc, prep) in enumerate(zip(docs, preps, strict=False)):
        for grp, evidence in extractor.scored_groups(doc, prep):
            xs.append([evidence[name] for name in decide.FEATURES])
            ys.append(int(is_person(index, grp.name)))
            groups.append(index)
    return xs, ys, groups


def dev_rows(extractor: Extractor, root: Path, split: str = "all") -> tuple[list, list, list]:
    articles = load_dev(root, split)
    gold = [{name_key(tuple(p.split())) for p in a.people} for a in articles]
    return rows_of(extractor, [(a.title, a.body) for a in articles],
                   lambda i, name: name_key(tuple(name.split())) in gold[i])


def conll_rows(extractor: Extractor, root: Path, limit: int, offset: int) -> tuple[list, list, list]:
    from eval_entities import load_conll, person_match, split_doc

    docs = load_conll(root / "train.docs.jsonl")[:limit]
    gold = [doc["entities"].get("PER", []) for doc in docs]
    xs, ys, groups = rows_of(extractor, [split_doc(d) for d in docs],
                             lambda i, name: any(person_match(name, g) for g in gold[i]))
    return xs, ys, [g + offset for g in groups]


def conll_name_words(path: Path, min_count: int = 3, min_lean: float = 0.5) -> dict[str, float]:
    """Log-odds that a capitalised word of CoNLL-2003 train (IOB2 tags, one token a line) is
    part of a PER name rather than of another entity or of no entity."""
    import math
    from collections import Counter

    from digest_plugin.core.entities.countries import fold

    person: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 4 or parts[0] == "-DOCSTART-":
            continue
        word, tag = parts[0], parts[-1]
        if not word[:1].isupper() or not word.replace("-", "").replace("'", "").isalpha() or word.isupper():
            continue
        (person if tag.endswith("-PER") else other)[fold(word)] += 1
    table = {}
    for word in set(person) | set(other):
        p, o = person[word], other[word]
        if p + o < min_count:
            continue
        lean = math.log((p + 0.5) / (o + 0.5))
        if abs(lean) >= min_lean:
            table[word] = round(lean, 1)
    return dict(sorted(table.items()))


def best_threshold(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """0.5, the regression's own boundary, unless another threshold is clearly better (by more
    than 0.01 cross-validated F1): on a few hundred names the F1 curve is flat and its argmax
    mostly noise."""
    def f1(threshold: float) -> float:
        predicted = probabilities >= threshold
        tp = int((predicted & (labels == 1)).sum())
        return 2 * tp / (predicted.sum() + labels.sum()) if tp else 0.0

    best = max(np.arange(0.2, 0.81, 0.02), key=f1)
    return round(float(best), 2) if f1(best) > f1(0.5) + 0.01 else 0.5


def fit(x: np.ndarray, y: np.ndarray, g: np.ndarray, c: float = 1.0, n_dev: int | None = None,
        verbose: bool = False) -> dict:
    """A logistic regression on all rows, its threshold chosen on 5-fold cross-validated
    probabilities (folds by article): the model file's payload, without its version."""
    folded = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=min(5, len(set(g)))).split(x, y, g):
        model = LogisticRegression(C=c, max_iter=2000).fit(x[train], y[train])
        folded[test] = model.predict_proba(x[test])[:, 1]
    threshold = best_threshold(folded, y)
    if verbose:
        for t in (0.4, 0.5, 0.6, 0.7):
            pred = folded >= t
            hits = int((pred & (y == 1)).sum())
            print(f"  threshold {t}: cross-validated F1 {2 * hits / (pred.sum() + y.sum()):.4f}")
        dev = np.arange(len(y)) < (len(y) if n_dev is None else n_dev)
        predicted = folded[dev] >= threshold
        tp = int((predicted & (y[dev] == 1)).sum())
        print(f"cross-validated decision F1 on the dev names: {2 * tp / (predicted.sum() + y[dev].sum()):.4f} "
              f"(precision {tp / max(1, predicted.sum()):.4f}, recall {tp / max(1, y[dev].sum()):.4f})")
    model = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    return {"features": list(decide.FEATURES), "coef": [round(float(w), 4) for w in model.coef_[0]],
            "intercept": round(float(model.intercept_[0]), 4),
            "threshold": threshold, "maybe": round(max(0.05, threshold - 0.25), 2)}


def as_model(payload: dict) -> decide.PersonModel:
    """The payload as the model extraction uses (for cross-validation without writing files)."""
    return decide.PersonModel("cv", tuple(payload["coef"]), payload["intercept"], payload["threshold"],
                              payload["maybe"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--conll", type=int, default=0, help="also train on this many CoNLL train documents")
    parser.add_argument("--conll-dir", type=Path, default=DEFAULT_CONLL)
    parser.add_argument("--split", choices=["all", "train"], default="all",
                        help="dev articles to train on: all 60 (the shipped model) or the fixed train split")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--out", type=Path, default=decide.MODEL_PATH)
    parser.add_argument("--words-out", type=Path, default=decide.NAME_WORDS_PATH)
    args = parser.parse_args(argv)
    conll_train = args.conll_dir / "train.txt"
    if conll_train.exists():
        table = conll_name_words(conll_train)
        args.words_out.write_text(json.dumps(
            {"source": "CoNLL-2003 train (eng.train): capitalised words, >= 3 uses, |log-odds| >= 0.5",
             "words": table}, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        from digest_plugin.core.entities.lexicon import name_leans
        name_leans.cache_clear()
        print(f"{len(table)} name words -> {args.words_out}")
    extractor = Extractor()
    xs, ys, groups = dev_rows(extractor, args.dev, args.split)
    n_dev = len(ys)
    if args.conll:
        cx, cy, cg = conll_rows(extractor, args.conll_dir, args.conll, max(groups) + 1)
        xs, ys, groups = xs + cx, ys + cy, groups + cg
    payload = fit(np.array(xs, dtype=float), np.array(ys), np.array(groups), args.c, n_dev=n_dev, verbose=True)
    words = decide.NAME_WORDS_PATH.read_bytes() if decide.NAME_WORDS_PATH.exists() else b""
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode() + words).hexdigest()[:8]
    payload = {"version": digest, **payload,
               "trained_on": f"entities_dev {args.split} ({len(set(groups))} articles"
                             + (f", incl. {args.conll} CoNLL train documents" if args.conll else "")
                             + f"), {len(ys)} names, {sum(ys)} people; C={args.c}"}
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(payload, indent=1))
    for name, w in sorted(zip(decide.FEATURES, payload["coef"], strict=False), key=lambda p: -abs(p[1])):
        print(f"  {name:16s} {w:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
