"""Out-of-fold errors of the person decision on the dev set's TRAIN split only.

For error analysis without reading held-out answers: the 37 train articles are split in k folds
(by `cv_entities.fold_of`), each fold decided by a model trained on the other train folds only,
and each train article's misses and false people printed with the evidence of each candidate
name (its probability and whether the model, a veto or the candidates dropped it). The held-out
part is never loaded.

    PYTHONPATH=. python bench/oof_train_errors.py [--folds 5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cv_entities import Parsed, fold_of, scores
from entities_dev import DEFAULT_DEV, load_dev, norm
from eval_entities import digest_view, prominent

from digest_plugin.core.entities import decide
from digest_plugin.core.entities.extract import Extractor
from digest_plugin.core.entities.people import name_key


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--quiet", action="store_true", help="figures only")
    args = parser.parse_args(argv)
    articles = load_dev(args.dev, "train")
    parsed = Parsed(Extractor(), articles)
    found: list = [None] * len(articles)
    models: list = [None] * len(articles)
    for k in range(args.folds):
        test = [i for i, a in enumerate(articles) if fold_of(a.file, args.folds) == k]
        train = [i for i in range(len(articles)) if i not in test]
        model = parsed.train(train, 1.0)
        for i, ents in zip(test, parsed.decide(test, model), strict=True):
            found[i], models[i] = ents, model
    digest = digest_view(articles, found)
    for i, article in enumerate(articles):
        if args.quiet:
            break
        gold = {norm(p): p for p in article.people}
        pred = {norm(m.name) for m in digest[i].people}
        missed = [p for k, p in gold.items() if k not in pred]
        wrong = sorted(pred - set(gold))
        if not missed and not wrong:
            continue
        print(f"== {article.file}: {article.title[:90]}")
        scored = {" ".join(name_key(tuple(g.name.split()))): (g, ev) for g, ev in
                  parsed.extractor.scored_groups(parsed.docs[i], parsed.preps[i])}
        for label, names in (("MISS", missed), ("FALSE", wrong)):
            for name in names:
                key = " ".join(name_key(tuple(name.split())))
                info = scored.get(key)
                star = "*" if label == "MISS" and prominent(article, name) else ""
                if info:
                    g, ev = info
                    p = models[i].probability(ev)
                    flags = {n: round(ev[n], 2) for n in decide.FEATURES if ev[n]}
                    print(f"  {label}{star} {name!r} p={p:.2f} veto={decide.vetoed(g)} forms={sorted(g.forms)} {flags}")
                else:
                    print(f"  {label}{star} {name!r} (no candidate group)")
    print("| split | P | R | F1 | prominent |")
    for lev, r in scores(articles, found).items():
        pe = r["people"]
        print(f"| train oof {lev} | {pe['p']:.3f} | {pe['r']:.3f} | {pe['f1']:.3f} "
              f"| {r['prominent_recall']:.3f} of {r['prominent']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
