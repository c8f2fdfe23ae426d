"""Incremental rebuilds for `mkdocs serve --dirty`: what to re-read, and which pages changed.

Three pieces, all plain Python (the plugin wires them to MkDocs):

- `ArticleMemo` keeps each article as loaded at the previous build, keyed by its file's
  (mtime, size), together with its raw extraction result, so a rebuild after one save parses
  and extracts that one file, not the whole digest;
- `rebuild_plan(old, new)` compares the previous build's `SitePages` with this one's and names
  every page whose template context, Markdown or head can differ: the edited articles, the pages
  of their people and countries, the lists that show them (home, latest, month), the thread
  pages and member articles of their stories, and every article whose related list shows or
  changed. When something digest-wide moved (a person's or country's slug or details, the
  digest's first or last date, the set of articles) it asks for a full rebuild instead;
- the plan's `pages` are src_uris; `full` means every page;
- `ChangedFeedWriter` is `write_feeds` for dirty builds: it writes only feeds whose text changed.

The planner is conservative: it may rebuild a page whose HTML turns out the same, never the
reverse (tests in tests/unit/test_incremental.py and tests/integration/test_serve.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from digest_plugin.core.articles import load_article
from digest_plugin.core.corpus import Digest
from digest_plugin.core.model import Article, ArticleEntities
from digest_plugin.siteview.feeds import FeedRenderer, FeedSource, feed_sources
from digest_plugin.siteview.pages import SitePages, _paged_uri


@dataclass
class _Loaded:
    stamp: tuple[int, int]  # (mtime_ns, size) of the file when it was parsed
    article: Article
    entities: ArticleEntities | None = None  # raw extraction result, before overrides


class ArticleMemo:
    """Articles (and their raw entities) from earlier builds, re-read only when their file changed."""

    def __init__(self) -> None:
        self._by_path: dict[str, _Loaded] = {}
        self._key_of: dict[int, str] = {}  # id() of each remembered Article -> its key

    def load(self, path: Path, src_uri: str) -> Article:
        """The article at `path`: the previous object when the file is unchanged. Raises ArticleError."""
        stat = os.stat(path)
        stamp = (stat.st_mtime_ns, stat.st_size)
        # Keyed by path and src_uri: one process may build several sites (tests do).
        key = f"{path}\0{src_uri}"
        known = self._by_path.get(key)
        if known is not None and known.stamp == stamp:
            return known.article
        article = load_article(path, src_uri)
        if known is not None:
            self._key_of.pop(id(known.article), None)
        self._by_path[key] = _Loaded(stamp, article)
        self._key_of[id(article)] = key
        return article

    def _entry(self, article: Article) -> _Loaded | None:
        known = self._by_path.get(self._key_of.get(id(article), ""))
        return known if known is not None and known.article is article else None

    def known_entities(self, article: Article) -> ArticleEntities | None:
        """The raw entities extracted for this very article object at an earlier build, if any."""
        known = self._entry(article)
        return known.entities if known is not None else None

    def remember_entities(self, article: Article, entities: ArticleEntities) -> None:
        known = self._entry(article)
        if known is not None:
            known.entities = entities

    def forget_missing(self, present: set[Path]) -> None:
        """Keep only the files of this build (deleted, moved or other sites' files are dropped)."""
        keep = {str(path) for path in present}
        for key in [key for key in self._by_path if key.split("\0", 1)[0] not in keep]:
            self._key_of.pop(id(self._by_path.pop(key).article), None)


@dataclass
class RebuildPlan:
    full: bool
    pages: set[str] = field(default_factory=set)
    reason: str = ""
    removed: set[str] = field(default_factory=set)  # generated pages of the old build that are gone
    articles: set[str] = field(default_factory=set)  # ids of articles whose text, fields or entities changed

    def needs(self, src_uri: str) -> bool:
        return self.full or src_uri in self.pages


def _settings(pages: SitePages) -> tuple:
    # The URL style is not here: it is set in mkdocs.yml, and a changed mkdocs.yml rebuilds everything.
    return (pages.page_size, pages.latest_count, pages.trending_days)


def _span(digest: Digest) -> tuple:
    return (digest.articles[0].date, digest.articles[-1].date) if digest.articles else ()


def _paged_uris(base: str, total: int, page_size: int) -> list[str]:
    return [_paged_uri(base, number) for number in range(1, max(1, math.ceil(total / page_size)) + 1)]


def _entity_pages(base: str, articles: list[Article], article_id: str, page_size: int, whole: bool) -> list[str]:
    """The pages of one paginated list (a person, a country, a month) to rebuild: all of them, or
    only the one listing the article."""
    if not whole:
        for position, article in enumerate(articles):
            if article.id == article_id:
                return [_paged_uri(base, position // page_size + 1)]
    return _paged_uris(base, len(articles), page_size)


def _article_changed(old: Digest, new: Digest, article_id: str) -> bool:
    before, after = old.article(article_id), new.article(article_id)
    return (before is not after and before != after) or \
        old.entities.get(article_id) != new.entities.get(article_id)


def rebuild_plan(old: SitePages | None, new: SitePages) -> RebuildPlan:
    """Which pages of `new` differ from the build `old` made (see the module docstring)."""
    if old is None:
        return RebuildPlan(full=True, reason="no previous build")
    if _settings(old) != _settings(new):
        return RebuildPlan(full=True, reason="page settings changed")
    od, nd = old.digest, new.digest
    old_ids = [a.id for a in od.articles]
    new_ids = [a.id for a in nd.articles]
    if set(old_ids) != set(new_ids):
        return RebuildPlan(full=True, reason="articles added or removed")
    # A person or country who appears or vanishes is handled page by page (their pages are new
    # or removed generated files; the articles naming them changed); one whose slug, name or
    # registry details changed is linked from everywhere.
    if any(od.people[name] != nd.people[name] for name in od.people.keys() & nd.people.keys()) or \
            any(od.countries[code] != nd.countries[code] for code in od.countries.keys() & nd.countries.keys()):
        return RebuildPlan(full=True, reason="a person's or country's details changed")
    if od.outlets != nd.outlets:  # outlet names and links are on every list
        return RebuildPlan(full=True, reason="the outlets changed")
    if _span(od) != _span(nd) or old.chart_span() != new.chart_span():
        # Every entity page's chart spans the digest's first to last publication date.
        return RebuildPlan(full=True, reason="the digest's date span changed")

    changed = {aid for aid in new_ids if _article_changed(od, nd, aid)}
    related_changed = {aid for aid in new_ids if od.related.get(aid) != nd.related.get(aid)}
    thread_changed = {aid for aid in new_ids if od.thread_of.get(aid) != nd.thread_of.get(aid)}
    pages: set[str] = set()

    # Generated pages: new ones, ones whose Markdown (title, description) changed, removed ones.
    old_generated = {page.src_uri: page.content for page in old.generated()}
    new_generated = {page.src_uri: page.content for page in new.generated()}
    pages.update(uri for uri, content in new_generated.items() if old_generated.get(uri) != content)
    removed = set(old_generated) - set(new_generated)

    if not changed and not related_changed and not thread_changed:
        return RebuildPlan(full=False, pages=pages, reason="no article changed", removed=removed)

    size = new.page_size
    order_changed = old_ids != new_ids
    pages.add("index.md")  # the home page lists the newest articles and trending entities
    if order_changed:
        pages.update(_paged_uris("latest", len(new_ids), size))
        pages.add("archive/index.md")
    for aid in changed | related_changed | thread_changed:
        pages.add(nd.article(aid).src_path)
    for aid in changed:
        position = new_ids.index(aid)
        pages.add(_paged_uri("latest", position // size + 1))
        # An entity page's header (counts, chart, co-occurring entities) is on every one of its
        # pages and changes with the article's entities or date; its title or summary only
        # shows in the list page that holds it.
        whole_entity = od.entities.get(aid) != nd.entities.get(aid) or od.article(aid).date != nd.article(aid).date
        for digest in (od, nd):
            article = digest.article(aid)
            month = article.date.strftime("%Y/%m")
            pages.update(_entity_pages(f"archive/{month}", new._months.get(month, []), aid, size, whole_entity))
            entities = digest.entities.get(aid) or ArticleEntities()
            for mention in entities.people:
                if mention.name in nd.people:
                    pages.update(_entity_pages(f"people/{nd.people[mention.name].slug}",
                                               nd.person_articles.get(mention.name, []), aid, size, whole_entity))
            for mention in entities.countries:
                if mention.name in nd.countries:
                    pages.update(_entity_pages(f"countries/{nd.countries[mention.name].slug}",
                                               nd.country_articles.get(mention.name, []), aid, size, whole_entity))
        if od.article(aid).date != nd.article(aid).date:
            pages.add("archive/index.md")
        if od.entities.get(aid) != nd.entities.get(aid):
            pages.update(("people/index.md", "countries/index.md"))  # counts per entity

    # Stories: a thread page and its members' timelines (and heads, which name the thread by its
    # first report) show every member, so any change to a member or to membership rebuilds them.
    touched_threads: set[str] = set()
    for aid in changed | thread_changed:
        for digest in (od, nd):
            thread_id = digest.thread_of.get(aid)
            if thread_id:
                touched_threads.add(thread_id)
    for thread_id in touched_threads:
        for digest in (od, nd):
            thread = digest.threads.get(thread_id)
            if thread is None:
                continue
            if new.stories.has_page(thread_id):
                pages.add(new.stories.uri(thread_id))
                pages.add(new.stories.alias_uri(thread_id))
            for member in thread.article_ids:
                if member in nd._by_id:
                    pages.add(nd.article(member).src_path)
    pages |= _story_and_outlet_pages(old, new, changed, touched_threads)

    # Related lists show each linked article's title, date, summary and flags.
    if changed:
        for aid, links in nd.related.items():
            if any(link.id in changed for link in links):
                pages.add(nd.article(aid).src_path)
    return RebuildPlan(full=False, pages=pages - removed, reason=f"{len(changed)} article(s) changed",
                       removed=removed, articles=changed)


def _story_and_outlet_pages(old: SitePages, new: SitePages, changed: set[str], threads: set[str]) -> set[str]:
    """Story and outlet pages that show a changed article or a touched thread: the Developing
    stories index, every page of the outlets the articles were and are from, and the first page
    (coverage) and index entry of every outlet in a touched thread."""
    pages: set[str] = set()
    if threads:
        pages.update(_paged_uris("threads", len(new.stories.ordered()), new.page_size))
    outlets = {digest.article(aid).source for digest in (old.digest, new.digest) for aid in changed}
    for thread_id in threads:
        if new.stories.has_page(thread_id):
            outlets.update(row["name"] for row in new.stories.coverage(thread_id) if row["known"])
    for name in outlets:
        if name in new.digest.outlets:
            base = new.outlets.uri(name)[: -len("/index.md")]
            pages.update(_paged_uris(base, len(new.outlets.articles(name)), new.page_size))
    if outlets:
        pages.add("sources/index.md")
    return pages


class ChangedFeedWriter:
    """`write_feeds` for dirty builds: only feeds whose text changed since the last build are written.

    Opening a file costs milliseconds on a busy disk and a digest has thousands of feeds, so
    rewriting them all would dominate a one-article rebuild. A feed is not even rendered when its
    articles are the same objects as last time and none of them is in `changed_articles`.
    """

    def __init__(self) -> None:
        self._hashes: dict[Path, bytes] = {}  # feed file -> sha256 of the text last written
        self._sources: dict[str, FeedSource] = {}  # feed folder -> its source at the last build

    def write(self, pages: SitePages, site_dir: Path, *, site_name: str, site_url: str | None = None,
              site_description: str = "", author: str = "", limit: int = 50,
              empty_updated: dt.datetime | None = None, changed_articles: set[str] | None = None) -> list[str]:
        """Write what changed; `changed_articles` None means any article may have. Returns paths written."""
        renderer = FeedRenderer(pages, site_name=site_name, site_url=site_url, author=author,
                                empty_updated=empty_updated)
        written: list[str] = []
        for source in feed_sources(pages, site_name, site_description, limit):
            previous = self._sources.get(source.folder)
            self._sources[source.folder] = source
            if changed_articles is not None and previous == source and \
                    not any(article.id in changed_articles for article in source.articles):
                continue
            for path, text in ((source.atom_path, renderer.atom(source)), (source.rss_path, renderer.rss(source))):
                target = site_dir / path
                digest = hashlib.sha256(text.encode("utf-8")).digest()
                if self._hashes.get(target) == digest and target.exists():
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                self._hashes[target] = digest
                written.append(path)
        return written
