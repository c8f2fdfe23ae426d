"""The digest as a whole: articles with their canonical entities, the person and country
indexes, related stories and threads. Plain Python: the plugin feeds it articles and renders
what it returns.

Flow: `extract_entities` (cache first, NER only for misses) -> `assemble` (outlet names,
editor overrides, registry, digest-wide canonical names, inverted indexes, related stories and
threads).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from digest_plugin.core.articles import SUMMARY_MAX_CHARS, image_url, is_plain_name, plain_text
from digest_plugin.core.countrynames import country_name, flag_emoji, is_country_code
from digest_plugin.core.entities.cache import ExtractionCache, extract_with_cache
from digest_plugin.core.entities.registry import Registry, apply_overrides
from digest_plugin.core.entities.resolve import DigestEntities, resolve_digest
from digest_plugin.core.model import Article, ArticleEntities, Country, Outlet, Person
from digest_plugin.core.outlets import resolve_outlets
from digest_plugin.core.related import RelatedInput, RelatedLink, RelatedResult, Thread
from digest_plugin.core.related_cache import cached_compute_related
from digest_plugin.core.shown import shown
from digest_plugin.core.slugs import unique_slugs

log = logging.getLogger(__name__)


@dataclass
class Digest:
    """Everything the pages and the export need, computed once per build."""

    articles: list[Article]  # newest first
    entities: dict[str, ArticleEntities]  # by article id, canonical names
    people: dict[str, Person]  # by canonical name
    countries: dict[str, Country]  # by ISO code
    person_articles: dict[str, list[Article]] = field(default_factory=dict)  # newest first
    country_articles: dict[str, list[Article]] = field(default_factory=dict)
    related: dict[str, list[RelatedLink]] = field(default_factory=dict)
    threads: dict[str, Thread] = field(default_factory=dict)
    thread_of: dict[str, str | None] = field(default_factory=dict)
    merge_candidates: list[tuple[str, str, str]] = field(default_factory=list)
    outlets: dict[str, Outlet] = field(default_factory=dict)  # by name: every article's `source` is one

    def article(self, article_id: str) -> Article:
        return self._by_id[article_id]

    def __post_init__(self) -> None:
        self._by_id = {article.id: article for article in self.articles}


# The most text of one article the entity extraction reads. spaCy refuses a text over its
# max_length (1,000,000 characters, error E088) and needs about a gigabyte per 100,000 characters
# parsed at once; news articles run to a few ten thousand. A longer body is shown whole on its
# page and searched whole: only its people and countries are read from the first part.
NER_MAX_CHARS = 100_000


def extraction_text(article: Article) -> str:
    """The text entities are read from: the body, or the summary when a feed gave only that;
    cut at a paragraph (else a space) before `NER_MAX_CHARS`."""
    text = article.body if article.body.strip() else article.summary
    if len(text) <= NER_MAX_CHARS:
        return text
    head = text[:NER_MAX_CHARS]
    cut = head.rfind("\n\n")
    if cut < NER_MAX_CHARS // 2:
        cut = head.rfind(" ")
    log.info("Article '%s': entities read from its first %d of %d characters",
             shown(article.src_path or article.id), max(cut, 1), len(text))
    return head[: cut if cut > 0 else NER_MAX_CHARS]


class BatchExtractor(Protocol):
    """What extraction runs through: the core's `Extractor`, or the speed package's wrapper of it."""

    def extract_many(self, items: list[tuple[str, str, list[str]]]) -> list[ArticleEntities]: ...


def extract_entities(
    articles: list[Article], extractor: BatchExtractor, cache: ExtractionCache | None
) -> dict[str, ArticleEntities]:
    """Entities per article id: cached results where the content is unchanged, NER for the rest."""
    items = [(a.title, extraction_text(a), a.authors) for a in articles]
    results, misses = extract_with_cache(extractor, cache, items)
    if misses:
        log.info("extracted entities from %d new or changed article(s)", misses)
    return {article.id: entities for article, entities in zip(articles, results, strict=True)}


@dataclass
class ResolveMemo:
    """The last `resolve_digest` call and its result, reused while its inputs are unchanged.

    A serve rebuild after an edit that leaves every article's entities and date as they were
    (most edits of a body or a summary) then skips the digest-wide name resolution. The
    registry must be the very same object (the plugin keeps it while its file is unchanged).
    """

    inputs: tuple | None = None
    result: DigestEntities | None = None

    def resolve(self, per_article: dict[str, ArticleEntities], registry: Registry | None,
                dates: dict) -> DigestEntities:
        if self.inputs is not None and self.result is not None:
            known_entities, known_registry, known_dates = self.inputs
            if known_registry is registry and known_dates == dates and known_entities == per_article:
                return self.result
        self.result = resolve_digest(per_article, registry, dates=dates)
        self.inputs = (per_article, registry, dates)
        return self.result


def assemble(
    articles: list[Article],
    extracted: dict[str, ArticleEntities],
    registry: Registry | None = None,
    related_count: int = 5,
    cache_dir: Path | None = None,
    reuse_related: RelatedResult | None = None,
    resolve_memo: ResolveMemo | None = None,
) -> Digest:
    """Build the digest from articles and their raw extraction results.

    With `cache_dir`, the related-stories result is cached there (keyed by every input), so a
    build whose articles and entities are unchanged skips the TF-IDF and clustering.
    `reuse_related` (a previous build's result over the same article ids) skips that step
    outright: `mkdocs serve --dirty` uses it to answer a save in about a second (see incremental.py).
    """
    # One name per outlet, whatever each file says (core/outlets.py): pages, threads and
    # related-story reasons all see the outlet's name.
    outlets = resolve_outlets(articles, registry.sources if registry is not None else None)
    articles = [a if outlets.name_of.get(a.id, a.source) == a.source else replace(a, source=outlets.name_of[a.id])
                for a in articles]
    articles = sorted(articles, key=lambda a: (a.date, a.id), reverse=True)
    per_article = _with_editor_overrides(articles, extracted, registry)
    dates = {a.id: a.date for a in articles}
    if resolve_memo is not None:
        resolved = resolve_memo.resolve(per_article, registry, dates)
    else:
        resolved = resolve_digest(per_article, registry, dates=dates)
    entities = resolved.articles
    person_articles, country_articles = _inverted_indexes(articles, entities)
    related = reuse_related if reuse_related is not None else cached_compute_related(
        [_related_input(a, entities.get(a.id, ArticleEntities())) for a in articles],
        k=related_count,
        names=country_name,
        directory=cache_dir,
    )
    return Digest(
        articles=articles,
        entities=entities,
        people=_people(person_articles, resolved),
        countries={code: Country(code=code, name=country_name(code), slug=code.lower(), flag=flag_emoji(code))
                   for code in country_articles},
        person_articles=person_articles,
        country_articles=country_articles,
        related=related.related,
        threads=related.threads,
        thread_of=related.thread_of,
        merge_candidates=resolved.merge_candidates,
        outlets=outlets.outlets,
    )


def _with_editor_overrides(articles: list[Article], extracted: dict[str, ArticleEntities],
                           registry: Registry | None) -> dict[str, ArticleEntities]:
    """Each article's extracted entities, with its front matter `people:`/`countries:` applied."""
    per_article: dict[str, ArticleEntities] = {}
    for article in articles:
        entities = extracted.get(article.id, ArticleEntities())
        if article.people is not None or article.countries is not None:
            try:
                entities = apply_overrides(entities, people=article.people, countries=article.countries,
                                           registry=registry)
            except ValueError as error:
                log.warning("Article '%s': %s; its extracted entities are used instead", article.src_path, error)
        per_article[article.id] = entities
    return per_article


def _inverted_indexes(
    articles: list[Article], entities: dict[str, ArticleEntities]
) -> tuple[dict[str, list[Article]], dict[str, list[Article]]]:
    """Articles per person name and per country code, in the order of `articles` (newest first)."""
    person_articles: dict[str, list[Article]] = defaultdict(list)
    country_articles: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        found = entities.get(article.id, ArticleEntities())
        for mention in found.people:
            if is_plain_name(mention.name):  # a "name" read out of raw markup gets no page
                person_articles[mention.name].append(article)
        for mention in found.countries:
            if is_country_code(mention.name):
                country_articles[mention.name].append(article)
    return dict(person_articles), dict(country_articles)


def _people(person_articles: dict[str, list[Article]], resolved: DigestEntities) -> dict[str, Person]:
    """A Person per name that has articles, with the registry's details where it has any."""
    slugs = unique_slugs(person_articles)
    people = {}
    for name in person_articles:
        info = resolved.people.get(name)
        # Descriptions, images and ids come from entities.yml: plain text and safe addresses
        # (core.articles), as every other field that reaches a page.
        people[name] = Person(
            name=name,
            slug=slugs[name],
            role=getattr(info, "role", "") or "",
            role_date=getattr(info, "role_date", None),
            description=plain_text(getattr(info, "description", "") or "", SUMMARY_MAX_CHARS)[0],
            image=image_url(getattr(info, "image", "") or ""),
            wikidata=plain_text(getattr(info, "wikidata", "") or "", 200)[0],
        )
    return people


def _related_input(article: Article, entities: ArticleEntities) -> RelatedInput:
    return RelatedInput(
        id=article.id,
        title=article.title,
        text=f"{article.summary}\n\n{article.body}",
        date=article.date,
        source=article.source,
        people=entities.people,
        countries=entities.countries,
        dated=not article.undated,  # an ingest-day date is no evidence of when the story ran
    )
