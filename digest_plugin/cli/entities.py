"""`digest entities`: lists the digest's people and countries, and merge candidates for an editor.

`entity_report` is the core (articles in, a plain dict out: people and countries with article
counts, and the merge candidates resolution did not merge on its own). The command around it
reads mkdocs.yml through MkDocs' loader (cli/siteconfig.py: the build's articles folder, registry
and cache), loads every Markdown article with its front matter, extracts (through the build's
cache, so a built digest needs no NER), resolves, and prints a table or JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from digest_plugin.cli.siteconfig import SiteConfigError, SitePaths, site_paths
from digest_plugin.core.articles import ArticleError, ensure_unique_ids, load_article
from digest_plugin.core.cachedir import CacheDir
from digest_plugin.core.corpus import extraction_text
from digest_plugin.core.countrynames import country_name
from digest_plugin.core.entities.cache import ExtractionCache, extract_with_cache
from digest_plugin.core.entities.registry import (
    Registry,
    RegistryError,
    apply_overrides,
    load_registry,
)
from digest_plugin.core.entities.resolve import resolve_digest
from digest_plugin.core.model import Article


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
    items = [(a.title, extraction_text(a), list(a.authors)) for a in articles]
    extracted, _ = extract_with_cache(extractor, cache, items)
    per_article = {}
    dates = {}
    errors = []
    for index, (article, ents) in enumerate(zip(articles, extracted, strict=True)):
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
        {"name": name, "articles": count, "role": digest.people[name].role,
         "aliases": list(digest.people[name].aliases)}
        for name, count in sorted(people_counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    countries = [
        {"code": code, "name": country_name(code), "articles": count}
        for code, count in sorted(country_counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    candidates = [{"a": a, "b": b, "reason": reason} for a, b, reason in digest.merge_candidates]
    return {"people": people, "countries": countries, "merge_candidates": candidates, "errors": errors}


def load_articles(paths: SitePaths) -> tuple[list[Article], list[str]]:
    """Every article of the site, and one error line per file that cannot be one."""
    articles, errors = [], []
    for path in sorted(paths.articles_dir.rglob("*.md")):
        try:
            articles.append(load_article(path, path.relative_to(paths.docs_dir).as_posix()))
        except ArticleError as error:
            errors.append(str(error))
    ensure_unique_ids(articles)
    return articles, errors


def run(args: argparse.Namespace) -> int:
    from digest_plugin.core.entities.extract import Extractor

    config_path = Path(args.config)
    if not config_path.exists():
        print(f"digest entities: {config_path}: no such file (run inside a site or pass --config)", file=sys.stderr)
        return 2
    try:
        paths = site_paths(config_path.parent)
        registry = load_registry(Path(args.registry) if args.registry else paths.entities_file)
    except (SiteConfigError, RegistryError) as error:
        print(f"digest entities: {error}", file=sys.stderr)
        return 1
    articles, errors = load_articles(paths)
    # The build's own cache, so listing the entities of a built digest runs no NER.
    cache = ExtractionCache(CacheDir(Path(args.cache) if args.cache else paths.cache_dir).extraction)
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
    for problem in errors:
        print(f"digest entities: {problem}", file=sys.stderr)
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
