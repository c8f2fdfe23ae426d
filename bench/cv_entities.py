"""Cross-validated people figures on the labelled dev set: how the person decision generalises.

The person decision (`decide.py`) is a small model trained on labelled dev articles. Its
figures on the articles it was trained on say little, and the fixed held-out split
(bench/entities_dev.py, 23 articles) is small. This script gives two figures that no model saw
the answer to:

- `oof`: k-fold cross-validation over all 60 articles (folds by a hash of the file name, not
  the held-out split's hash): each fold's articles are decided by a model trained on the other
  folds only (`train_person_model.fit`, its threshold chosen by an inner cross-validation), and
  the out-of-fold people of all 60 are scored together, at article and digest level;
- `fixed`: a model trained on the fixed train split (37) deciding the fixed held-out split (23),
  the split the README's figures used before the shipped model was trained on all 60.

Everything else (candidates, cues, word lists, the CoNLL word prior) is the extractor as it
is: only the learned decision is held out. Rules are never written from held-out errors; this
script prints figures only.

    PYTHONPATH=. python bench/cv_entities.py [--dev DIR] [--folds 5] [--c 1.0]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from entities_dev import DEFAULT_DEV, DevArticle, is_heldout, load_dev
from eval_entities import BBC_SETS, DEFAULT_BBC, bbc_articles, digest_view, score_dev
from train_person_model import as_model, fit

from digest_plugin.core.entities import decide
from digest_plugin.core.entities.extract import Extractor, _prepare
from digest_plugin.core.entities.people import name_key


def fold_of(file: str, folds: int) -> int:
    """An article's fold: a hash of its file name, salted so folds do not follow the fixed split."""
    return int(hashlib.sha256(f"fold:{file}".encode()).hexdigest(), 16) % folds


class Parsed:
    """The dev articles parsed once, with each article's candidate rows and gold labels."""

    def __init__(self, extractor: Extractor, articles: list[DevArticle]) -> None:
        self.extractor = extractor
        self.articles = articles
        self.preps = [_prepare(a.title, a.body, []) for a in articles]
        self.docs = list(extractor.nlp.pipe((p.text for p in self.preps), disable=extractor.deferred_pipes))
        self.rows: list[tuple[np.ndarray, np.ndarray]] = []
        for article, doc, prep in zip(articles, self.docs, self.preps, strict=True):
            gold = {name_key(tuple(p.split())) for p in article.people}
            scored = extractor.scored_groups(doc, prep)
            x = np.array([[ev[n] for n in decide.FEATURES] for _, ev in scored], dtype=float)
            x = x.reshape(-1, len(decide.FEATURES))
            y = np.array([int(name_key(tuple(g.name.split())) in gold) for g, _ in scored])
            self.rows.append((x, y))

    def train(self, indices: list[int], c: float) -> decide.PersonModel:
        xs = np.vstack([self.rows[i][0] for i in indices])
        ys = np.concatenate([self.rows[i][1] for i in indices])
        gs = np.concatenate([np.full(len(self.rows[i][1]), i) for i in indices])
        return as_model(fit(xs, ys, gs, c))

    def decide(self, indices: list[int], model: decide.PersonModel) -> list:
        self.extractor._model = model
        return [self.extractor._entities(self.docs[i], self.preps[i]) for i in indices]


def scores(articles: list[DevArticle], found: list) -> dict:
    return {"article": score_dev(articles, found), "digest": score_dev(articles, digest_view(articles, found))}


def line(name: str, result: dict) -> str:
    pe = result["people"]
    return (f"| {name} ({result['articles']}) | {pe['p']:.3f} | {pe['r']:.3f} | **{pe['f1']:.3f}** "
            f"| {result['single_word_people']} ({result['single_word_wrong']}) "
            f"| {result['prominent_recall']:.3f} of {result['prominent']} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--with-bbc-dev", action="store_true",
                        help="add the BBC 2004-05 development articles to the folds (never the check part)")
    args = parser.parse_args(argv)
    articles = load_dev(args.dev, "all")
    if args.with_bbc_dev:
        articles += bbc_articles(DEFAULT_BBC, BBC_SETS["BBC 2004-05 dev"])
    parsed = Parsed(Extractor(), articles)
    found: list = [None] * len(articles)
    for k in range(args.folds):
        test = [i for i, a in enumerate(articles) if fold_of(a.file, args.folds) == k]
        train = [i for i in range(len(articles)) if i not in test]
        for i, ents in zip(test, parsed.decide(test, parsed.train(train, args.c)), strict=True):
            found[i] = ents
    report = {f"{args.folds}-fold out-of-fold, {lev}": r for lev, r in scores(articles, found).items()}
    if args.with_bbc_dev:
        dev = [i for i, a in enumerate(articles) if a.file.startswith("articles/")]
        report.update({f"{args.folds}-fold out-of-fold, the 60 only, {lev}": r for lev, r in
                       scores([articles[i] for i in dev], [found[i] for i in dev]).items()})
    train = [i for i, a in enumerate(articles) if a.file.startswith("articles/") and not is_heldout(a.file)]
    held = [i for i, a in enumerate(articles) if a.file.startswith("articles/") and is_heldout(a.file)]
    fixed = parsed.decide(held, parsed.train(train, args.c))
    report.update({f"fixed held out (trained on the 37), {lev}": r
                   for lev, r in scores([articles[i] for i in held], fixed).items()})
    print("| dev people | P | R | F1 | one-word (wrong) | prominent recall |")
    print("|---|---|---|---|---|---|")
    for name, result in report.items():
        print(line(name, result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
