"""`digest entities`: lists the digest's people and countries, and merge candidates for an editor.

`entity_report` is the core (articles in, a plain dict out: people and countries with article
counts, and the merge candidates resolution did not merge on its own). The command around it
reads mkdocs.yml for `docs_dir`, loads every Markdown article under `<docs_dir>/articles` with
its front matter, extracts (through the cache), resolves, and prints a table or JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

import frontmatter
import yaml

from digest_plugin.entities.cache import ExtractionCache, extract_with_cache
from digest_plugin.entities.countries import country_name
from digest_plugin.entities.registry import Registry, RegistryError, apply_overrides, load_registry
from digest_plugin.entities.resolve import resolve_digest
from digest_plugin.model import Article

ARTICLES_FOLDER = "articles"


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("entities", help="list people and countries with article counts")
    parser.add_argument("--kind", choices=["people", "countries"], help="list only this kind")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)")
    parser.add_argument("--registry", help="entities.yml (default: entities.yml beside mkdocs.yml, if present)")
    parser.add_argument("--cache", help="extraction cache folder (default: .cache/digest beside mkdocs.yml)")
    parser.set_defaults(run=run)


def entity_report(articles: list[Article], extractor, cache: ExtractionCache | None, registry: Registry | None) -> dict:
    """People and countries of the articles with article counts, plus unmerged merge candidates."""
    registry = registry or Registry()
    items = [(a.title, a.body, list(a.authors)) for a in articles]
    extracted, _ = extract_with_cache(extractor, cache, items)
    per_article = {}
    dates = {}
    errors = []
    for index, (article, ents) in enumerate(zip(articles, extracted)):
        article_id = article.id or article.src_path or str(index)
        try:
            per_article[article_id] = apply_overrides(ents, article.people, article.countries, registry)
        except ValueError as error:
            errors.append(f"{article.src_path or article_id}: {error}")
            per_article[article_id] = ents
        dates[article_id] = article.date
    digest = resolve_digest(per_article, registry, dates)
    people_counts: Counter[str] = Counter()
    country_counts: Counter[str] = Counter()
    for ents in digest.articles.values():
        people_counts.update({m.name for m in ents.people})
        country_counts.update({m.name for m in ents.countries})
    people = [
        {"name": name, "articles": count, "role": digest.people[name].role, "aliases": list(digest.people[name].aliases)}
        for name, count in sorted(people_counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    countries = [
        {"code": code, "name": country_name(code), "articles": count}
        for code, count in sorted(country_counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    candidates = [{"a": a, "b": b, "reason": reason} for a, b, reason in digest.merge_candidates]
    return {"people": people, "countries": countries, "merge_candidates": candidates, "errors": errors}


def load_articles(config_path: Path) -> tuple[list[Article], list[str]]:
    """Articles under <docs_dir>/articles, and one error line per file that could not be read."""
    with config_path.open(encoding="utf-8") as handle:
        # mkdocs.yml may carry !!python/name tags; only docs_dir matters here.
        config = yaml.load(handle, Loader=_LenientLoader) or {}
    docs_dir = config_path.parent / str(config.get("docs_dir", "docs"))
    articles, errors = [], []
    for path in sorted((docs_dir / ARTICLES_FOLDER).rglob("*.md")):
        try:
            post = frontmatter.load(str(path))
            articles.append(_article(post, path.relative_to(docs_dir).as_posix()))
        except (OSError, ValueError, TypeError, yaml.YAMLError) as error:
            errors.append(f"{path}: {error}")
    return articles, errors


class _LenientLoader(yaml.SafeLoader):
    """SafeLoader that reads unknown tags (e.g. !ENV, !!python/name) as plain values."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _article(post: frontmatter.Post, src_path: str) -> Article:
    meta = post.metadata
    if not meta.get("title"):
        raise ValueError("front matter has no title")
    date = meta.get("date")
    if isinstance(date, str):
        date = dt.datetime.fromisoformat(date)
    elif isinstance(date, dt.date) and not isinstance(date, dt.datetime):
        date = dt.datetime(date.year, date.month, date.day)
    elif date is None:
        raise ValueError("front matter has no date")
    authors = meta.get("authors") or []
    return Article(
        title=str(meta["title"]),
        body=post.content,
        date=date,
        source=str(meta.get("source", "")),
        authors=[str(a) for a in (authors if isinstance(authors, list) else [authors])],
        summary=str(meta.get("summary", "")),
        id=str(meta.get("id", "")),
        people=[str(p) for p in meta["people"]] if isinstance(meta.get("people"), list) else None,
        countries=[str(c) for c in meta["countries"]] if isinstance(meta.get("countries"), list) else None,
        src_path=src_path,
    )


def run(args: argparse.Namespace) -> int:
    from digest_plugin.entities.extract import Extractor

    config_path = Path(args.config)
    if not config_path.exists():
        print(f"digest entities: {config_path}: no such file (run inside a site or pass --config)", file=sys.stderr)
        return 2
    site = config_path.parent
    try:
        registry = load_registry(Path(args.registry) if args.registry else site / "entities.yml")
    except RegistryError as error:
        print(f"digest entities: {error}", file=sys.stderr)
        return 1
    articles, errors = load_articles(config_path)
    cache = ExtractionCache(Path(args.cache) if args.cache else site / ".cache" / "digest")
    report = entity_report(articles, Extractor(), cache, registry)
    errors.extend(report.pop("errors"))
    if args.kind:
        report = {args.kind: report[args.kind], "merge_candidates": report["merge_candidates"]}
        if args.kind == "countries":
            del report["merge_candidates"]
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_table(report)
    for error in errors:
        print(f"digest entities: {error}", file=sys.stderr)
    return 1 if errors else 0


def _print_table(report: dict) -> None:
    if "people" in report:
        print(f"People ({len(report['people'])})")
        for person in report["people"]:
            role = f"  — {person['role']}" if person["role"] else ""
            print(f"  {person['articles']:5d}  {person['name']}{role}")
    if "countries" in report:
        print(f"Countries ({len(report['countries'])})")
        for country in report["countries"]:
            print(f"  {country['articles']:5d}  {country['code']}  {country['name']}")
    if report.get("merge_candidates"):
        print("Merge candidates (not merged; decide in entities.yml)")
        for pair in report["merge_candidates"]:
            print(f"  {pair['a']}  <->  {pair['b']}  ({pair['reason']})")
