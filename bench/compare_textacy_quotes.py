"""The alternative the issue names: textacy's direct-quotation extraction, scored by the same
labels and matching as bench/eval_quotes.py, and timed.

textacy is not a dependency of the project; run this in a separate environment that shares
spaCy 3.8.7 (it must not be upgraded):

    python -m venv --system-site-packages /tmp/txenv && /tmp/txenv/bin/pip install textacy==0.13.0
    /tmp/txenv/bin/python bench/compare_textacy_quotes.py [--reuters N]

textacy needs the dependency parse and lemmas (pipes the extraction leaves out for speed), so the
model runs whole. It returns the speaker as tokens; a token that is one of the article's people
(as our extractor finds them) is that person, "he"/"she" is the last person named before it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spacy
import textacy
from textacy.extract.triples import direct_quotations

from bench.eval_quotes import DEFAULT_CORPUS, HERE, SHARED, match, quoted_label, quoted_text, split_article
from digest_plugin.core.entities import Extractor
from digest_plugin.core.entities.extract import MODEL_NAMES


def load_full_model():
    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit("no spaCy English model")


def speaker_of(tokens, doc, people) -> str | None:
    text = " ".join(t.text for t in tokens)
    for name, surfaces in people:
        if any(s and s in text for s in surfaces):
            return name
    if text.lower() in ("he", "she"):
        before = doc.text[: tokens[0].idx]
        best = max(((before.rfind(s), name) for name, surfaces in people for s in surfaces if s), default=(-1, None))
        return best[1] if best[0] >= 0 else None
    return None


def quotes_of(nlp, extractor, title: str, body: str) -> list[tuple[str, str]]:
    people = [(m.name, m.surfaces or (m.name,)) for m in extractor.extract(title, body, []).people]
    doc = nlp(body)
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # an odd number of quotation marks: textacy gives up on the article
        return []
    found = []
    for speaker, _cue, content in triples:
        name = speaker_of(speaker, doc, people)
        if name:
            found.append((name, content.text.strip("\"“”‘’' ,")))
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reuters", type=int, default=0, help="also time N Reuters stories with the full model")
    args = parser.parse_args()
    print(f"textacy {textacy.__version__}, spaCy {spacy.__version__}")
    nlp, extractor = load_full_model(), Extractor()
    labels = json.loads((HERE / "data" / "quotes_dev.json").read_text(encoding="utf-8"))
    tp = n_pred = n_gold = failed = 0
    for art in labels["articles"]:
        title, body = split_article(DEFAULT_CORPUS / art["file"])
        gold = [(q["speaker"], quoted_label(q)) for q in art["quotes"]]
        pred = [(name, quoted_text(text)) for name, text in quotes_of(nlp, extractor, title, body)]
        failed += not pred and body.count("“") + body.count('"') > 0
        hits, _, _ = match(pred, gold, exact=False)
        tp, n_pred, n_gold = tp + hits, n_pred + len(pred), n_gold + len(gold)
    print(f"entities_dev {len(labels['articles'])} articles: P {tp / max(1, n_pred):.3f} R {tp / n_gold:.3f} "
          f"({n_pred} predicted, {n_gold} labels; {failed} articles with quotation marks gave nothing)")
    if args.reuters:
        items = []
        with (SHARED / "corpora" / "reuters21578" / "reuters21578.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record.get("body"):
                    items.append(record["body"])
                if len(items) >= args.reuters:
                    break
        for label, model in (("ner only (as extraction runs)", extractor.nlp), ("full model (textacy)", nlp)):
            started = time.process_time()
            list(model.pipe(items, batch_size=64))
            print(f"{label}: {time.process_time() - started:.2f} CPU s for {len(items)} Reuters stories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
