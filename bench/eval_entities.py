"""Evaluation of people and country extraction: the labelled dev set first, CoNLL-2003 second.

Dev set (`../shared/corpora/entities_dev`, 60 modern CNN/BBC/TRT World articles labelled by the
guidelines in its README): per article, the predicted people are compared with the gold names
after NFC and case folding (exact names: "Biden" does not match "Joe Biden"), the predicted
countries with the gold ISO codes; micro-averaged P/R/F1 over articles, for the fixed `train`
and `heldout` parts (see bench/entities_dev.py; only `train` is used for tuning and training).
Two levels: `article` is what extraction gives one article alone; `digest` is what a reader
sees once the split is resolved as one digest (`resolve_digest`: one-word names resolved or
dropped, names merged across articles), mapped back to each article under the name the
article itself writes when one of its surfaces is that. Also counted: predicted people that are
a single word, that end in a possessive, and the recall on "prominent" gold people (named in
the headline, or whose name's words occur three or more times).

CoNLL-2003 (`*.docs.jsonl`, secondary): a predicted person matches a gold PER name when the
folded names are equal or one is the other's surname (last word); precision counts matched
predictions, recall matched gold names. Country recall: gold countries are those its gold LOC
names name. Micro-averaged over documents.

    python bench/eval_entities.py [--dev DIR] [--conll DIR] [--conll-split test] [--errors N]
    python bench/eval_entities.py --skip-conll --errors 10 --split train
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from entities_dev import DEFAULT_DEV, DevArticle, load_dev, norm

from digest_plugin.core.entities import Extractor
from digest_plugin.core.entities.countries import NAME, PART, fold, lookup
from digest_plugin.core.entities.resolve import resolve_digest
from digest_plugin.core.entities.results_copy import is_results_copy
from digest_plugin.core.model import ArticleEntities
from digest_plugin.speed.extraction import FastExtraction

DEFAULT_CONLL = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "conll2003"
DEFAULT_BBC = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc"
# People of BBC 2004-05 articles labelled by the dev set's guidelines: a development part (its
# errors may be read) and a check part (nothing is tuned or trained on it, its errors unread).
BBC_SETS = {"BBC 2004-05 dev": Path(__file__).resolve().parent / "data" / "bbc_people_dev.json",
            "BBC 2004-05 check": Path(__file__).resolve().parent / "data" / "bbc_people_check.json"}
_POSSESSIVE = re.compile(r"['’]s?$")


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def prominent(article: DevArticle, name: str) -> bool:
    """A gold person named in the headline, or one of whose name words occurs 3+ times."""
    words = [w for w in re.findall(r"[\w'-]+", name) if len(w) > 2 and w[0].isupper()]
    text = f"{article.title}\n{article.body}"
    for word in words:
        pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
        if pattern.search(article.title) or len(pattern.findall(text)) >= 3:
            return True
    return False


def digest_view(articles: list[DevArticle], found: list[ArticleEntities]) -> list[ArticleEntities]:
    """Each article's people as the digest shows them (resolved across the split), written the
    way the article writes them where one of its own surfaces is the resolved name's."""
    per = {a.file: ents for a, ents in zip(articles, found, strict=False)}
    digest = resolve_digest(per)
    views = []
    for article, original in zip(articles, found, strict=False):
        resolved = digest.articles[article.file]
        own = {m.name for m in original.people}
        people = []
        for mention in resolved.people:
            # The article's own fullest form when the digest chose a spelling from elsewhere.
            local = [n for n in own if n in digest.people[mention.name].aliases] if mention.name not in own else []
            name = max(local, key=len) if local else mention.name
            people.append(type(mention)(name, mention.count, mention.in_headline, mention.in_lead,
                                        mention.roles, mention.surfaces))
        views.append(ArticleEntities(people=people, countries=resolved.countries))
    return views


def score_dev(articles: list[DevArticle], found: list[ArticleEntities], errors: int = 0) -> dict:
    tp = n_pred = n_gold = ctp = c_pred = c_gold = 0
    single = single_wrong = possessive = prom = prom_hit = 0
    shown = 0
    for article, ents in zip(articles, found, strict=False):
        gold = {norm(p): p for p in article.people}
        pred = {norm(m.name): m.name for m in ents.people}
        tp += len(gold.keys() & pred.keys())
        n_pred += len(pred)
        n_gold += len(gold)
        for key, name in pred.items():
            if len(name.split()) == 1:
                single += 1
                single_wrong += key not in gold
            possessive += bool(_POSSESSIVE.search(name))
        for key, name in gold.items():
            if prominent(article, name):
                prom += 1
                prom_hit += key in pred
        gc, pc = set(article.countries), {m.name for m in ents.countries}
        ctp += len(gc & pc)
        c_pred += len(pc)
        c_gold += len(gc)
        if shown < errors and (gold.keys() != pred.keys() or gc != pc):
            shown += 1
            print(f"--- {article.file}: {article.title[:70]}")
            print("  false people:", sorted(pred[k] for k in pred.keys() - gold.keys()))
            print("  missed people:", sorted(gold[k] for k in gold.keys() - pred.keys()))
            if gc != pc:
                print("  false countries:", sorted(pc - gc), " missed countries:", sorted(gc - pc))
    return {
        "articles": len(articles),
        "people": {**prf(tp, n_pred, n_gold), "predicted": n_pred, "gold": n_gold},
        "countries": {**prf(ctp, c_pred, c_gold), "predicted": c_pred, "gold": c_gold},
        "single_word_people": single, "single_word_wrong": single_wrong, "possessive_people": possessive,
        "prominent_recall": round(prom_hit / prom, 4) if prom else 0.0, "prominent": prom,
    }


def eval_dev(root: Path, splits: list[str], processes: int, errors: int, level: str) -> dict:
    results = {}
    extraction = FastExtraction(Extractor(), processes)
    for split in splits:
        articles = load_dev(root, split)
        found = extraction.extract_many([(a.title, a.body, []) for a in articles])
        levels = ["article", "digest"] if level == "both" else [level]
        for lev in levels:
            view = found if lev == "article" else digest_view(articles, found)
            if errors:
                print(f"===== dev {split}, {lev} level")
            results[f"{split}/{lev}"] = score_dev(articles, view, errors)
    return results


def bbc_articles(root: Path, labels: Path) -> list[DevArticle]:
    """The articles of a BBC labelled set (title on line 1), with their gold people."""
    articles = []
    for entry in json.loads(labels.read_text(encoding="utf-8"))["articles"]:
        text = (root / entry["file"]).read_text(encoding="latin-1")
        title, _, body = text.strip().partition("\n")
        articles.append(DevArticle(entry["file"], title.strip(), body.strip(), entry["people"], []))
    return articles


def eval_bbc(root: Path, labels: Path, processes: int, errors: int = 0) -> dict | None:
    """A BBC labelled set, article and digest level; a "debatable" name predicted counts neither way."""
    if not (root / "business").is_dir() or not labels.exists():
        print(f"warning: {root} or {labels} missing; BBC check skipped", file=sys.stderr)
        return None
    entries = json.loads(labels.read_text(encoding="utf-8"))["articles"]
    articles = bbc_articles(root, labels)
    found = FastExtraction(Extractor(), processes).extract_many([(a.title, a.body, []) for a in articles])
    results = {}
    for level in ("article", "digest"):
        view = found if level == "article" else digest_view(articles, found)
        kept = []
        for entry, ents in zip(entries, view, strict=True):
            debatable = {norm(n) for n in entry.get("debatable", [])}
            people = [m for m in ents.people if norm(m.name) not in debatable]
            kept.append(ArticleEntities(people=people, countries=[]))
        results[level] = score_dev(articles, kept, errors)
    return results


# --- CoNLL-2003 -------------------------------------------------------------------------------

def load_conll(path: Path) -> list[dict]:
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


def score_conll(docs: list[dict], predictions, errors: int) -> dict:
    tp_pred = n_pred = tp_gold = n_gold = 0
    c_hit = c_gold = 0
    shown = 0
    for doc, ents in zip(docs, predictions, strict=False):
        gold = sorted(set(doc["entities"].get("PER", [])), key=fold)
        pred = [m.name for m in ents.people]
        matched_pred = [p for p in pred if any(person_match(p, g) for g in gold)]
        matched_gold = [g for g in gold if any(person_match(p, g) for p in pred)]
        tp_pred += len(matched_pred)
        n_pred += len(pred)
        tp_gold += len(matched_gold)
        n_gold += len(gold)
        gc = gold_countries(doc["entities"].get("LOC", []))
        c_hit += len(gc & {m.name for m in ents.countries})
        c_gold += len(gc)
        if shown < errors and (len(matched_pred) < len(pred) or len(matched_gold) < len(gold)):
            shown += 1
            print(f"--- doc {doc['doc_index']}: {doc['headline'][:70]}")
            print("  false people:", [p for p in pred if p not in matched_pred])
            print("  missed people:", [g for g in gold if g not in matched_gold])
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {
        "documents": len(docs),
        "people": {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)},
        "country_recall": round(c_hit / c_gold, 4) if c_gold else 0.0,
    }


def eval_conll(root: Path, split: str, processes: int, errors: int, packs: tuple[str, ...] = (),
               detect: bool = True) -> dict | None:
    path = root / f"{split}.docs.jsonl"
    if not path.exists():
        print(f"warning: {path}: no such file; CoNLL skipped", file=sys.stderr)
        return None
    docs = load_conll(path)
    if errors:
        print(f"===== CoNLL {split}")
    items = [(*split_doc(d), []) for d in docs]
    predictions = FastExtraction(Extractor(packs=packs, detect_results=detect), processes).extract_many(items)
    result = score_conll(docs, predictions, errors)
    result["results_copy"] = sum(is_results_copy(f"{title}\n\n{body}") for title, body, _ in items)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="the entities_dev folder")
    parser.add_argument("--split", choices=["train", "heldout", "all", "both"], default="both",
                        help="dev split(s) to report; both = train and heldout")
    parser.add_argument("--level", choices=["article", "digest", "both"], default="both")
    parser.add_argument("--conll", type=Path, default=DEFAULT_CONLL, help="the conll2003 folder")
    parser.add_argument("--conll-split", default="test", choices=["train", "valid", "test"])
    parser.add_argument("--skip-conll", action="store_true")
    parser.add_argument("--bbc", type=Path, default=DEFAULT_BBC, help="the bbc corpus folder (for the BBC check set)")
    parser.add_argument("--skip-bbc", action="store_true")
    parser.add_argument("--conll-packs", nargs="*", default=["sports_tables"],
                        help="also report CoNLL with these rule packs on (default: sports_tables)")
    parser.add_argument("--errors", type=int, default=0, help="print this many articles with errors")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON, not a table")
    args = parser.parse_args(argv)
    if not (args.dev / "labels.json").exists():
        print(f"error: {args.dev}: no labels.json (pass the entities_dev folder)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    splits = ["train", "heldout"] if args.split == "both" else [args.split]
    report: dict = {"dev": eval_dev(args.dev, splits, args.processes, args.errors, args.level)}
    for name, labels in BBC_SETS.items() if not args.skip_bbc else ():
        # Errors are printed for the development part only.
        bbc = eval_bbc(args.bbc, labels, args.processes, args.errors if "dev" in name else 0)
        if bbc:
            report["dev"].update({f"{name}/{lev}": r for lev, r in bbc.items()})
    if not args.skip_conll:
        report[f"conll_{args.conll_split}"] = eval_conll(args.conll, args.conll_split, args.processes, args.errors)
        report[f"conll_{args.conll_split}, no results-copy detection"] = eval_conll(
            args.conll, args.conll_split, args.processes, 0, detect=False)
        if args.conll_packs:
            report[f"conll_{args.conll_split}+{'+'.join(args.conll_packs)}"] = eval_conll(
                args.conll, args.conll_split, args.processes, args.errors, tuple(args.conll_packs))
    report["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_table(report)
    return 0


def print_table(report: dict) -> None:
    print("| set | people P | people R | people F1 | countries P | countries R | countries F1 "
          "| one-word (wrong) | possessive | prominent recall |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in report["dev"].items():
        pe, co = r["people"], r["countries"]
        # The BBC check sets label people only: no country figures rather than zeros.
        countries = (f"{co['p']:.3f} | {co['r']:.3f} | **{co['f1']:.3f}**" if co["gold"]
                     else "not labelled | | ")
        print(f"| dev {name} ({r['articles']}) | {pe['p']:.3f} | {pe['r']:.3f} | **{pe['f1']:.3f}** | {countries} "
              f"| {r['single_word_people']} ({r['single_word_wrong']}) "
              f"| {r['possessive_people']} | {r['prominent_recall']:.3f} of {r['prominent']} |")
    for name, r in report.items():
        if name.startswith("conll") and r:
            pe = r["people"]
            print(f"| {name} ({r['documents']}; {r['results_copy']} results copy) | {pe['p']:.3f} | {pe['r']:.3f} "
                  f"| **{pe['f1']:.3f}** | | {r['country_recall']:.3f} | | | | |")
    print(f"({report['seconds']} s)")


if __name__ == "__main__":
    sys.exit(main())
