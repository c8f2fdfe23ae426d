"""The generated pages of a digest and the data their templates render.

`SitePages` turns a `Digest` into (1) the list of pages to generate (path, front matter and a
little Markdown: what search indexes) and (2) on demand, the template context of any page,
article pages included. Contexts are computed per page while MkDocs renders it, so a build
never holds one per article in memory at once. URLs are site-relative, as MkDocs writes them;
templates pass them through Material's `url` filter to make them relative to the page.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from markupsafe import escape

from digest_plugin.core.corpus import Digest
from digest_plugin.core.entities.countries import fold
from digest_plugin.core.entities.names import family_name
from digest_plugin.core.entities.names import sort_key as family_sort_key
from digest_plugin.core.ingest.sanitize import plain_text_to_markdown
from digest_plugin.core.model import Article, Mention
from digest_plugin.core.quotes import quote_text
from digest_plugin.siteview import charts
from digest_plugin.siteview.datelines import dated, long_date, short_date, span_label, when
from digest_plugin.siteview.dropcap import opens_with_plain_word
from digest_plugin.siteview.entity_search import (
    article_dateline,
    entity_body,
    other_forms,
    pagefind_weight,
    search_boost,
)
from digest_plugin.siteview.outlets import OutletPages
from digest_plugin.siteview.paging import ENTITY_CHUNK_TITLE, FRONT, LIST_CHUNK_TITLE, Paging, page_uri
from digest_plugin.siteview.stories import StoryPages
from digest_plugin.siteview.worldmap import world_map

WORDS_PER_MINUTE = 230
ITEM_FLAGS = 3  # flags shown beside a headline in lists; more would crowd a phone's line


_short_date = short_date  # the names this module has always used
_long_date = long_date


def _initials(name: str) -> str:
    """"Emmanuel Macron" -> "EM": the placeholder portrait of a person without an image."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    if not words:
        return name[:1].upper()
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()

THREAD_WINDOW = 5
"""Reports listed before and after the current one in an article page's story timeline."""


def _step(offset: int) -> str:
    """Where a timeline entry sits from the current report: "prev" and "next" for the neighbours
    (the template marks them "Earlier" and "Later"; phones show only those), "" otherwise."""
    return {-1: "prev", 0: "current", 1: "next"}.get(offset, "")


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    content: str


PageUrls = Callable[[str], str]
"""A page's site-relative URL from its path in docs_dir: in a build, MkDocs' own `File.url`
(the MkDocs layer passes it), so `use_directory_urls` and any plugin that moves pages are
honoured without this module knowing MkDocs' rule."""


def escape_context(value):
    """A template context with every string HTML-escaped (dicts and lists rebuilt, others kept)."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {key: escape_context(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [escape_context(item) for item in value]
    return value


def _front_matter_page(meta: dict, body: str = "") -> str:
    # JSON is valid YAML and ~50x faster to write than yaml.safe_dump; a big digest generates
    # tens of thousands of these pages per build.
    lines = "".join(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    return "---\n" + lines + "---\n\n" + body


class SitePages:
    """Page paths and template contexts for one build."""

    def __init__(self, digest: Digest, *, urls: PageUrls, page_size: int = 50,
                 latest_count: int = 60, trending_days: int = 7, images: bool = True) -> None:
        self.digest = digest
        self._urls = urls
        self.images = images  # show sources' pictures (plugin option `images`)
        self.page_size = page_size
        self.latest_count = latest_count
        self.trending_days = trending_days
        self._contexts: dict[str, tuple] = {}  # src_uri -> (kind, key, page number)
        self._about_counts: dict[tuple[str, str], int] = {}
        # Per-entity summaries shared by every page of a paginated person or country, so a
        # country with 8,000 articles is scanned once, not once per page.
        self._entity_summaries: dict[tuple[str, str], tuple] = {}
        self._thread_positions: dict[str, dict[str, int]] = {}
        self._thread_source_lists: dict[str, list[str]] = {}
        # List items by (article id, about): an article appears in ~18 lists (related, thread
        # timelines, entity and month pages), and its item is the same in all of them.
        self._items: dict[tuple[str, bool | None], dict] = {}
        self._generated: list[GeneratedPage] | None = None
        self._chart_span: tuple | None = None
        self._article_by_src = {a.src_path: a for a in digest.articles}
        self._quotes_of: dict[str, dict[str, list[str]]] | None = None  # person -> article id -> texts
        self._months: dict[str, list[Article]] = {}
        for article in digest.articles:
            self._months.setdefault(article.date.strftime("%Y/%m"), []).append(article)
        # Story threads and outlets have modules of their own (stories.py, outlets.py).
        self.stories = StoryPages(self)
        self.outlets = OutletPages(self)
        self._section_contexts = {**self.stories.contexts(), **self.outlets.contexts()}

    # ---- URLs -----------------------------------------------------------------------------
    def url(self, src_uri: str) -> str:
        return self._urls(src_uri)

    def article_url(self, article: Article) -> str:
        return self.url(article.src_path)

    def person_url(self, name: str) -> str:
        return self.url(f"people/{self.digest.people[name].slug}/index.md")

    def country_url(self, code: str) -> str:
        return self.url(f"countries/{self.digest.countries[code].slug}/index.md")

    def thread_url(self, thread_id: str) -> str:
        """The thread page's canonical URL (`threads/<id>-<slug>/`; see stories.py)."""
        return self.stories.url(thread_id)

    def outlet_url(self, name: str) -> str | None:
        """The outlet page of a source name, or None when it has none."""
        return self.url(self.outlets.uri(name)) if name in self.digest.outlets else None

    # ---- the pages to generate ---------------------------------------------------------------
    def generated(self) -> list[GeneratedPage]:
        """Every page to generate (computed once; also what gives each page its context)."""
        if self._generated is None:
            self._generated = list(self._generate())
        return self._generated

    def _generate(self) -> Iterator[GeneratedPage]:
        d = self.digest
        yield self._page("people/index.md", "people-index", None, FRONT, "People", "digest/people_index.html")
        yield self._page("countries/index.md", "countries-index", None, FRONT, "Countries",
                         "digest/countries_index.html")
        yield self._page("archive/index.md", "archive", None, FRONT, "Archive", "digest/archive.html")
        yield from self._paged("latest", "latest", None, d.articles, "Latest news", "digest/list.html",
                               searchable=False)
        people_forms, country_forms = self._entity_forms()
        for name, person in d.people.items():
            # The description (entities.yml) is text: it renders as written, never as markup.
            body = entity_body(name, plain_text_to_markdown(person.description), person.role,
                               other_forms(name, people_forms[name]))
            yield from self._paged(f"people/{person.slug}", "person", name, d.person_articles[name],
                                   name, "digest/person.html", body=body, chunk_title=ENTITY_CHUNK_TITLE,
                                   boost=search_boost(len(d.person_articles[name])))
        for code, country in d.countries.items():
            body = entity_body(country.name, forms=other_forms(country.name, country_forms[code]))
            yield from self._paged(f"countries/{country.slug}", "country", code, d.country_articles[code],
                                   country.name, "digest/country.html", body=body, chunk_title=ENTITY_CHUNK_TITLE,
                                   boost=search_boost(len(d.country_articles[code])))
        for month, articles in self._months.items():
            title = dt.datetime.strptime(month, "%Y/%m").strftime("%B %Y")
            yield from self._paged(f"archive/{month}", "month", month, articles, title, "digest/list.html",
                                   searchable=False)
        yield from self.stories.generate()
        yield from self.outlets.generate()

    def _paged(self, base: str, kind: str, key, items: Sequence[Article], title: str, template: str,
               body: str = "", searchable: bool = True, boost: float | None = None,
               chunk_title: str = LIST_CHUNK_TITLE) -> Iterator[GeneratedPage]:
        """A newest-first list's pages (paging.py): the first titled `title`, each older one by
        the days it covers, so its title, like its items, stays as it is when newer ones arrive."""
        paging = self.paging(len(items))
        for number in paging.pages():
            page_title = title if number == FRONT else \
                chunk_title.format(title=title, span=span_label(paging.items(items, number)))
            yield self._page(page_uri(base, number), kind, key, number, page_title, template,
                             body=body if number == FRONT else "", searchable=searchable and number == FRONT,
                             boost=boost)

    def list_articles(self, kind: str, key) -> Sequence[Article] | None:
        """The newest-first list the pages of a paginated kind are cut from (the threads index:
        each thread's latest report), or None for a kind that is no list."""
        lists: dict[str, Callable[[], Sequence[Article]]] = {
            "latest": lambda: self.digest.articles,
            "month": lambda: self._months.get(key, []),
            "person": lambda: self.digest.person_articles.get(key, []),
            "country": lambda: self.digest.country_articles.get(key, []),
            "outlet": lambda: self.outlets.articles(key),
            "threads-index": self.stories.latest_reports,
        }
        return lists[kind]() if kind in lists else None

    def paging(self, total: int) -> Paging:
        """How a list of `total` items is cut into pages (see paging.py)."""
        return Paging(total, self.page_size)

    def _page(self, src_uri: str, kind: str, key, number: int, title: str, template: str,
              body: str = "", searchable: bool = True, boost: float | None = None) -> GeneratedPage:
        self._contexts[src_uri] = (kind, key, number)
        meta: dict = {"title": title, "template": template}
        if not searchable:
            meta["search"] = {"exclude": True}
        elif boost is not None:
            meta["search"] = {"boost": boost}  # Material's search ranks the page this much higher
        return GeneratedPage(src_uri, _front_matter_page(meta, body))

    def _entity_forms(self) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
        """How often each form of each person's and country's name is used, by article."""
        people: dict[str, Counter[str]] = {name: Counter() for name in self.digest.people}
        countries: dict[str, Counter[str]] = {code: Counter() for code in self.digest.countries}
        for entities in self.digest.entities.values():
            for mention in entities.people:
                if mention.name in people:
                    people[mention.name].update(set(mention.surfaces))
            for mention in entities.countries:
                if mention.name in countries:
                    countries[mention.name].update(set(mention.surfaces))
        return people, countries

    def article_dateline(self, src_uri: str) -> str:
        """The hidden dateline search results show for an article page (see entity_search.py)."""
        return article_dateline(self._article_by_src[src_uri])

    def is_article(self, src_uri: str) -> bool:
        return src_uri in self._article_by_src

    def article_at(self, src_uri: str) -> Article:
        """The article whose file is `src_uri` (KeyError when it is not an article page)."""
        return self._article_by_src[src_uri]

    def page_spec(self, src_uri: str) -> tuple[str, object, int] | None:
        """What a page shows: ("article", article id, FRONT) for an article page, (kind, key, page
        number) for a generated one (kind "person", "country", "thread", "month", ...), else None.
        The number is FRONT (0) for a list's first page and for pages that are no list, else the
        chunk number of an older page (paging.py)."""
        article = self._article_by_src.get(src_uri)
        if article is not None:
            return ("article", article.id, FRONT)
        self.generated()
        return self._contexts.get(src_uri)

    def crosslink_targets(self, src_uri: str) -> list[tuple[list[str], str]]:
        """(surface forms, target page src_uri) for each entity of an article, for body links."""
        article = self._article_by_src[src_uri]
        entities = self.digest.entities.get(article.id)
        if entities is None:
            return []
        targets = [(list(m.surfaces), f"people/{self.digest.people[m.name].slug}/index.md")
                   for m in entities.people if m.surfaces and m.name in self.digest.people]
        targets += [(list(m.surfaces), f"countries/{self.digest.countries[m.name].slug}/index.md")
                    for m in entities.countries if m.surfaces and m.name in self.digest.countries]
        return targets

    # ---- template contexts -------------------------------------------------------------------
    def context_for(self, src_uri: str, is_homepage: bool = False) -> dict | None:
        """The template context of a page, every string HTML-escaped (or None: not ours).

        MkDocs renders templates without autoescape, and titles, summaries, names and sources
        come from ingested text: escaping here, once, keeps every template safe by default.
        """
        context = self.raw_context(src_uri, is_homepage)
        return escape_context(context) if context is not None else None

    def raw_context(self, src_uri: str, is_homepage: bool = False) -> dict | None:
        """The context before escaping: never hand it to a template (`escape_context` first)."""
        if src_uri in self._article_by_src:
            return self._article_context(self._article_by_src[src_uri])
        if is_homepage:
            return self._home_context()
        self.generated()
        spec = self._contexts.get(src_uri)
        if spec is None:
            return None
        kind, key, number = spec
        builder = self._section_contexts.get(kind) or getattr(self, f"_{kind.replace('-', '_')}_context")
        return builder(key, number)

    def _item(self, article: Article, about: bool | None = None) -> dict:
        """An article as a list item. Shared between pages: callers copy it to add keys."""
        key = (article.id, about)
        item = self._items.get(key)
        if item is None:
            item = self._items[key] = self._new_item(article, about)
        return item

    def _new_item(self, article: Article, about: bool | None) -> dict:
        return {
            "title": article.title,
            "url": self.article_url(article),
            **when(article),  # date labels; no time when none is known, "Undated" when no date
            "source": article.source,
            "source_url": self.outlet_url(article.source) if article.source else None,
            "image": article.image if self.images else "",
            "summary": article.summary,
            "about": about,
            "flags": self._item_flags(article),
        }

    def _item_flags(self, article: Article, limit: int = ITEM_FLAGS, first: str | None = None) -> list[dict]:
        """The countries a list item shows as small flags: `first` (the country whose page lists
        it) first, then the ones it is about."""
        entities = self.digest.entities.get(article.id)
        if entities is None:
            return []
        mentions = sorted((m for m in entities.countries if m.name in self.digest.countries),
                          key=lambda m: (m.name != first, not m.is_about))  # stable: extraction order within each group
        return [{"code": m.name, "name": self.digest.countries[m.name].name,
                 "flag": self.digest.countries[m.name].flag} for m in mentions[:limit]]

    @staticmethod
    def _span(articles: list[Article]) -> dict:
        """The dates of the first and the latest article (newest-first list), for entity headers:
        publication dates only (an undated article's date is the day it was ingested)."""
        articles = dated(articles)
        if not articles:
            return {"first_label": "", "last_label": ""}
        return {"first_label": _short_date(articles[-1].date), "last_label": _short_date(articles[0].date)}

    def _about_count(self, articles: list[Article], key: str, kind: str) -> int:
        """How many of an entity's articles are about it; once per entity, not once per page
        (a country in 7,000 articles has 140 pages)."""
        count = self._about_counts.get((kind, key))
        if count is None:
            count = 0
            for article in articles:
                entities = self.digest.entities.get(article.id)
                mentions = (entities.people if kind == "person" else entities.countries) if entities else []
                count += any(m.name == key and m.is_about for m in mentions)
            self._about_counts[(kind, key)] = count
        return count

    def _pagination(self, base: str, number: int, items: Sequence[Article]) -> dict:
        """A list page's navigation: "Newer" (`prev`) and "Older" (`next`) links, whether it is
        the first page, and for an older page the days it covers (`label`). No page number or
        total: those would change every older page whenever a newer article arrives."""
        paging = self.paging(len(items))
        newer, older = paging.newer(number), paging.older(number)
        return {
            "first": number == FRONT,
            "label": "" if number == FRONT else span_label(paging.items(items, number)),
            "prev": self.url(page_uri(base, newer)) if newer is not None else None,
            "next": self.url(page_uri(base, older)) if older is not None else None,
        }

    def _slice(self, articles: list[Article], number: int) -> list[Article]:
        return list(self.paging(len(articles)).items(articles, number))

    def _person_chip(self, mention: Mention) -> dict:
        """A person in an article's "In this story": the role this article gives them ("Kremlin
        spokesman"), else the one the digest knows."""
        person = self.digest.people[mention.name]
        role = mention.roles[0] if mention.roles else person.role_label  # the article's own, else dated
        return {"name": person.name, "url": self.person_url(person.name), "role": role,
                "about": mention.is_about}

    def _country_chip(self, mention: Mention) -> dict:
        country = self.digest.countries[mention.name]
        return {"code": country.code, "name": country.name, "flag": country.flag,
                "url": self.country_url(country.code), "about": mention.is_about}

    def _article_context(self, article: Article) -> dict:
        d = self.digest
        entities = d.entities.get(article.id)
        people = [self._person_chip(m) for m in entities.people if m.name in d.people] if entities else []
        countries = [self._country_chip(m) for m in entities.countries if m.name in d.countries] if entities else []
        thread = self._article_thread(article)
        # Each story once per page: a report already in the thread's timeline is not listed
        # again among related stories.
        in_timeline = {item["url"] for item in thread["timeline"]} if thread else set()
        related = [
            {**self._item(d.article(link.id)), "reason": link.reason, "kind": link.kind}
            for link in d.related.get(article.id, [])
            if self.article_url(d.article(link.id)) not in in_timeline
        ]
        words = len(article.body.split())
        return {
            "kind": "article",
            "article": {
                **self._item(article),
                "original_url": article.url,
                "authors": article.authors,
                "reading_time": max(1, round(words / WORDS_PER_MINUTE)),
                "date_long": "" if article.undated else _long_date(article.date),
                "dropcap": opens_with_plain_word(article.body, self._surfaces_of(article)),
            },
            "people": people,
            "countries": countries,
            "related": related,
            "thread": thread,
            "quoted": self._article_quotes(article),
        }

    def _surfaces_of(self, article: Article) -> list[str]:
        """The words the body's cross-links may turn into links (see crosslink.py)."""
        return [surface for surfaces, _target in self.crosslink_targets(article.src_path) for surface in surfaces]

    def _article_thread(self, article: Article) -> dict | None:
        """The story-so-far box of an article page: a window of the thread's timeline around it.

        Listing the whole thread on every member page makes a thread of T reports cost T^2 items
        per build (Reuters has threads of hundreds); "the whole story" links the thread page.
        The reports just before and after are marked in the timeline ("prev"/"next" name them
        too) rather than repeated as cards of their own.
        """
        d = self.digest
        thread_id = d.thread_of.get(article.id)
        if not thread_id or not self.stories.has_page(thread_id):
            return None
        ids = d.threads[thread_id].article_ids
        position = self._thread_position(thread_id)[article.id]
        start = max(0, position - THREAD_WINDOW)
        window = ids[start : position + THREAD_WINDOW + 1]
        return {
            "id": thread_id,
            "url": self.thread_url(thread_id),
            "title": self.stories.title(thread_id),
            "count": len(ids),
            "sources": self._thread_sources(thread_id),
            "coverage": self.stories.article_coverage(thread_id, article),
            "timeline": [{**self._item(d.article(i)), "current": i == article.id,
                          "step": _step(start + index - position)} for index, i in enumerate(window)],
            "prev": self._item(d.article(ids[position - 1])) if position > 0 else None,
            "next": self._item(d.article(ids[position + 1])) if position + 1 < len(ids) else None,
        }

    def _entity_list(self, articles: list[Article], key: str, number: int, kind: str) -> list[dict]:
        items = []
        for article in self._slice(articles, number):
            entities = self.digest.entities.get(article.id)
            mentions = (entities.people if kind == "person" else entities.countries) if entities else []
            mention = next((m for m in mentions if m.name == key), None)
            item = self._item(article, about=mention.is_about if mention else None)
            if kind == "country":  # a country's page shows its own flag first in every strip
                item = {**item, "flags": self._item_flags(article, first=key)}
            items.append(item)
        return items

    def _co_occurring(self, articles: list[Article], key: str, limit: int = 8) -> tuple[list[dict], list[dict]]:
        people: Counter[str] = Counter()
        countries: Counter[str] = Counter()
        for article in articles:
            entities = self.digest.entities.get(article.id)
            if not entities:
                continue
            people.update(m.name for m in entities.people if m.name != key and m.name in self.digest.people)
            countries.update(m.name for m in entities.countries if m.name != key and m.name in self.digest.countries)
        return (
            [{"name": n, "url": self.person_url(n), "count": c} for n, c in people.most_common(limit)],
            [{"code": k, "name": self.digest.countries[k].name, "flag": self.digest.countries[k].flag,
              "url": self.country_url(k), "count": c} for k, c in countries.most_common(limit)],
        )

    def chart_span(self) -> tuple[dt.date, dt.date] | None:
        """The days every entity chart spans: the digest's first and last publication dates."""
        if self._chart_span is None:
            with_dates = dated(self.digest.articles)
            self._chart_span = (with_dates[-1].date.date(), with_dates[0].date.date()) if with_dates else ()
        return self._chart_span or None

    def _chart(self, articles: list[Article], subject: str) -> dict | None:
        """Articles over time, over the whole digest's span, so every entity's chart has the same
        buckets and two charts compare at a glance; undated articles are left out."""
        return charts.chart([a.date.date() for a in dated(articles)], self.chart_span(), subject)

    def _thread_position(self, thread_id: str) -> dict[str, int]:
        """Each member's index in its thread, computed once per thread (not once per member page)."""
        positions = self._thread_positions.get(thread_id)
        if positions is None:
            ids = self.digest.threads[thread_id].article_ids
            positions = self._thread_positions[thread_id] = {aid: i for i, aid in enumerate(ids)}
        return positions

    def _thread_sources(self, thread_id: str) -> list[str]:
        sources = self._thread_source_lists.get(thread_id)
        if sources is None:
            members = (self.digest.article(i) for i in self.digest.threads[thread_id].article_ids)
            sources = self._thread_source_lists[thread_id] = sorted({m.source for m in members if m.source})
        return sources

    def _entity_summary(self, kind: str, key: str,
                        articles: list[Article]) -> tuple[list[dict], list[dict], dict | None]:
        """(co-occurring people, co-occurring countries, chart), computed once per entity."""
        summary = self._entity_summaries.get((kind, key))
        if summary is None:
            co_people, co_countries = self._co_occurring(articles, key)
            name = self.digest.people[key].name if kind == "person" else self.digest.countries[key].name
            summary = (co_people, co_countries, self._chart(articles, f"Articles mentioning {name}"))
            self._entity_summaries[(kind, key)] = summary
        return summary

    def _entity_context(self, kind: str, key: str, number: int, articles: list[Article], base: str) -> dict:
        """What person and country pages share: the page's articles and navigation, and on the
        first page only the figures, chart and co-occurring entities: they change with every new
        article, and an older page must not (paging.py)."""
        context = {
            "kind": kind,
            "articles": self._entity_list(articles, key, number, kind),
            "pagination": self._pagination(base, number, articles),
        }
        if number != FRONT:
            return context
        co_people, co_countries, chart = self._entity_summary(kind, key, articles)
        return {
            **context,
            "count": len(articles),
            "about_count": self._about_count(articles, key, kind),
            **self._span(articles),
            "chart": chart,
            "co_people": co_people,
            "co_countries": co_countries,
            "search_weight": pagefind_weight(len(articles)),
        }

    def _person_context(self, name: str, number: int) -> dict:
        person = self.digest.people[name]
        context = self._entity_context("person", name, number, self.digest.person_articles[name],
                                       f"people/{person.slug}")
        # The role is the digest's latest knowledge of it (it may change with new articles): on
        # the first page only, as the figures.
        role = person.role_label if number == FRONT else ""
        context["person"] = {"name": person.name, "role": role, "description": person.description,
                             "image": person.image, "wikidata": person.wikidata, "initials": _initials(person.name)}
        context["quotes"] = self._person_quotes(name, number)
        return context

    # ---- quotations (issue 21) ----------------------------------------------------------------
    def quotes_by_person(self) -> dict[str, dict[str, list[str]]]:
        """Each person's quotations: person -> article id -> the quoted texts, in text order.
        Only people with a page; built once per build from the resolved entities."""
        if self._quotes_of is None:
            quotes: dict[str, dict[str, list[str]]] = {}
            for article_id, entities in self.digest.entities.items():
                for quote in entities.quotes:
                    text = quote_text(quote.text)
                    if quote.speaker in self.digest.people and text:
                        quotes.setdefault(quote.speaker, {}).setdefault(article_id, []).append(text)
            self._quotes_of = quotes
        return self._quotes_of

    def _person_quotes(self, name: str, number: int) -> list[dict]:
        """"In their words": the quotations in the articles this page lists, newest first, each
        with its article's date, outlet and link, so they page with the article list."""
        by_article = self.quotes_by_person().get(name, {})
        quotes = []
        for article in self._slice(self.digest.person_articles[name], number):
            for text in by_article.get(article.id, ()):
                quotes.append({"text": text, "article": self._item(article)})
        return quotes

    def _article_quotes(self, article: Article) -> list[dict]:
        """Who the article quotes, each person once, with what they are quoted as saying."""
        entities = self.digest.entities.get(article.id)
        speakers: dict[str, list[str]] = {}
        for quote in entities.quotes if entities else ():
            text = quote_text(quote.text)
            if quote.speaker in self.digest.people and text:
                speakers.setdefault(quote.speaker, []).append(text)
        return [{"name": name, "url": self.person_url(name), "texts": texts} for name, texts in speakers.items()]

    def _country_context(self, code: str, number: int) -> dict:
        country = self.digest.countries[code]
        context = self._entity_context("country", code, number, self.digest.country_articles[code],
                                       f"countries/{country.slug}")
        context["country"] = {"code": code, "name": country.name, "flag": country.flag}
        return context

    def _people_index_context(self, _key, _number) -> dict:
        # By family name as a reader expects it: "Olaf Scholz" under S, "Xi Jinping" under X.
        people = sorted(self.digest.people.values(), key=lambda p: family_sort_key(p.name))
        entries = [
            {"name": p.name, "url": self.person_url(p.name), "role": p.role_label,
             "count": len(self.digest.person_articles[p.name]),
             "letter": (fold(family_name(p.name))[:1] or "#").upper()}
            for p in people
        ]
        groups: list[dict] = []  # one per initial of the family name, for headings and jump links
        for entry in entries:
            if not groups or groups[-1]["letter"] != entry["letter"]:
                groups.append({"letter": entry["letter"], "people": []})
            groups[-1]["people"].append(entry)
        return {"kind": "people-index", "people": entries, "groups": groups}

    def _countries_index_context(self, _key, _number) -> dict:
        countries = [
            {"code": c.code, "name": c.name, "flag": c.flag, "url": self.country_url(c.code),
             "count": len(self.digest.country_articles[c.code])}
            for c in self.digest.countries.values()
        ]
        return {"kind": "countries-index",
                "by_count": sorted(countries, key=lambda c: (-c["count"], c["name"])),
                "by_name": sorted(countries, key=lambda c: c["name"]),
                "map": world_map(countries)}

    def _archive_context(self, _key, _number) -> dict:
        months = [
            {"month": month, "label": dt.datetime.strptime(month, "%Y/%m").strftime("%B %Y"),
             "url": self.url(f"archive/{month}/index.md"), "count": len(articles)}
            for month, articles in self._months.items()
        ]
        return {"kind": "archive", "months": months,
                "max_count": max((len(articles) for articles in self._months.values()), default=0)}

    def _grouped_by_day(self, articles: list[Article]) -> list[dict]:
        days: list[dict] = []
        for article in articles:
            day = article.date.date()
            if not days or days[-1]["date"] != day.isoformat():
                days.append({"date": day.isoformat(), "label": _long_date(day), "articles": []})
            days[-1]["articles"].append(self._item(article))
        return days

    def _latest_context(self, _key, number: int) -> dict:
        return {"kind": "list",
                "days": self._grouped_by_day(self._slice(self.digest.articles, number)),
                "pagination": self._pagination("latest", number, self.digest.articles)}

    def _month_context(self, month: str, number: int) -> dict:
        articles = self._months[month]
        return {"kind": "list", "days": self._grouped_by_day(self._slice(articles, number)),
                "pagination": self._pagination(f"archive/{month}", number, articles)}

    def _home_context(self) -> dict:
        """The front page: the latest dated news by day (the newest leads), "In the news" over the
        last days of dated news, and undated articles on their own, after the news: an article
        whose source gave no date is not news of the day it was ingested."""
        d = self.digest
        news = dated(d.articles)
        undated = [a for a in d.articles if a.undated][: self.latest_count] if news else []
        news = news or list(d.articles)  # a digest without a single date still has a front page
        shown = news[: self.latest_count]
        window, trending_people, trending_countries = self._trending(news)
        return {
            "kind": "home",
            "days": self._grouped_by_day(shown),
            "undated": [self._item(a) for a in undated],
            "trending_people": trending_people,
            "trending_countries": trending_countries,
            "trending_window": window,
            "more_url": self.url("latest/index.md"),
            "total": len(d.articles),
            "shown": len(shown) + len(undated),
        }

    def _trending(self, news: list[Article]) -> tuple[dict | None, list[dict], list[dict]]:
        """(window, people, countries) most in the news over the `trending_days` before the
        newest article of `news` (newest first)."""
        d = self.digest
        if not news:
            return None, [], []
        since = news[0].date - dt.timedelta(days=self.trending_days)
        window = {"days": self.trending_days, "since_label": _short_date(since),
                  "until_label": _short_date(news[0].date)}
        people: Counter[str] = Counter()
        countries: Counter[str] = Counter()
        for article in news:
            if article.date < since:
                break  # newest first: the rest are older
            entities = d.entities.get(article.id)
            if entities:
                people.update(m.name for m in entities.people if m.name in d.people)
                countries.update(m.name for m in entities.countries if m.name in d.countries)
        trending_people = [{"name": n, "url": self.person_url(n), "count": c} for n, c in people.most_common(10)]
        trending_countries = [
            {"code": k, "name": d.countries[k].name, "flag": d.countries[k].flag, "url": self.country_url(k),
             "count": c} for k, c in countries.most_common(10)
        ]
        return window, trending_people, trending_countries
