"""Incremental rebuilds for `mkdocs serve --dirty`: what to re-read, and which pages changed.

Three pieces, all plain Python (the plugin wires them to MkDocs):

- `ArticleMemo` keeps each article as loaded at the previous build, keyed by its file's
  (mtime, size), together with its raw extraction result, so a rebuild after one save parses
  and extracts that one file, not the whole digest;
- `rebuild_plan(old, new)` compares the previous build's `SitePages` with this one's and names
  every page whose template context, Markdown or head can differ: the edited, added or removed
  articles, the pages of their people and countries, the lists that show them (home, latest,
  month, outlet), the story pages and member articles of their threads, and every article whose
  related list shows or changed. When something digest-wide moved (a person's or country's slug
  or details, an outlet's address) it asks for a full rebuild instead; charts that gained or lost
  a bucket rebuild the first page of every person and country (the only pages with a chart);
  older pages of lists (paging.py) are rebuilt only when their items or links moved;
- the plan's `pages` are src_uris; `full` means every page;
- `ChangedFeedWriter` is `write_feeds` for dirty builds: it writes only feeds whose text changed.

The planner is conservative: it may rebuild a page whose HTML turns out the same, never the
reverse (tests in tests/unit/test_incremental.py and tests/integration/test_serve.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from digest_plugin.core.articles import load_article
from digest_plugin.core.corpus import Digest
from digest_plugin.core.model import Article, ArticleEntities
from digest_plugin.siteview import charts
from digest_plugin.siteview.feeds import FeedRenderer, FeedSource, feed_sources
from digest_plugin.siteview.pages import SitePages
from digest_plugin.siteview.paging import FRONT, Paging, page_uri


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


def _chart_frame(pages: SitePages) -> tuple | None:
    """What every entity chart shares: its bucket and its first and last bucket. A new day of news
    moves the digest's span but changes the charts only when it starts a new bucket."""
    span = pages.chart_span()
    if span is None:
        return None
    bucket = charts.choose_bucket(*span)
    return (bucket, charts.bucket_start(span[0], bucket), charts.bucket_start(span[1], bucket))


def _page_keys(ids: list[str], page_size: int) -> dict[int, tuple]:
    """What decides a list page's items, title and links: its items' ids, and for an older page
    whether its "Newer" link leads to the first page (paging.py)."""
    paging = Paging(len(ids), page_size)
    return {number: (tuple(paging.items(ids, number)), paging.newer(number)) for number in paging.pages()}


def _moved_pages(base: str, old_ids: list[str], new_ids: list[str], page_size: int) -> set[str]:
    """The first page of a list, and every older page whose items or links differ between two
    builds; older pages that newer items did not reach are left alone (paging.py)."""
    before, after = _page_keys(old_ids, page_size), _page_keys(new_ids, page_size)
    return {page_uri(base, FRONT)} | {page_uri(base, number) for number, key in after.items()
                                      if before.get(number) != key}


def _holding(base: str, articles: list[Article], shown: set[str], page_size: int) -> set[str]:
    """The pages of a list (newest-first `articles`) that show any article of `shown`."""
    paging = Paging(len(articles), page_size)
    return {page_uri(base, paging.page_of(position)) for position, article in enumerate(articles)
            if article.id in shown}


def _entity_pages(base: str, old_list: list[Article], new_list: list[Article], article_id: str, page_size: int,
                  whole: bool) -> set[str]:
    """The pages of one paginated list (a person, a country, a month) to rebuild for a changed
    article: the one listing it, and when the list's figures or order may have changed (`whole`)
    the first page and every page whose items moved."""
    pages = _holding(base, new_list, {article_id}, page_size)
    if whole:
        pages |= _moved_pages(base, [a.id for a in old_list], [a.id for a in new_list], page_size)
    return pages


def _article_changed(old: Digest, new: Digest, article_id: str) -> bool:
    before, after = old.article(article_id), new.article(article_id)
    return (before is not after and before != after) or \
        old.entities.get(article_id) != new.entities.get(article_id)


def _full_rebuild_reason(old: SitePages, new: SitePages) -> str:
    """Why every page must be rebuilt, or "" when the change can be followed page by page."""
    od, nd = old.digest, new.digest
    if _settings(old) != _settings(new):
        return "page settings changed"
    # A person or country who appears or vanishes is handled page by page (their pages are new
    # or removed generated files; the articles naming them changed); one whose slug or name
    # changed is linked from everywhere.
    # (A role or description that changed is followed page by page: `_detail_pages`.)
    if any((od.people[name].name, od.people[name].slug) != (nd.people[name].name, nd.people[name].slug)
           for name in od.people.keys() & nd.people.keys()) or \
            any(od.countries[code] != nd.countries[code] for code in od.countries.keys() & nd.countries.keys()):
        return "a person's or country's name or address changed"
    # Outlets that come or go are pages of their own (and a line of the sources index), and so is
    # one whose homepage or description changed; one whose slug changed is linked from every list.
    if any(od.outlets[name].slug != nd.outlets[name].slug for name in od.outlets.keys() & nd.outlets.keys()):
        return "an outlet's address changed"
    return ""


@dataclass
class _Change:
    """What differs between two builds' digests, by article id."""

    changed: set[str]  # new or edited: text, fields, date or entities
    removed: set[str]
    related: set[str]  # whose related list differs
    threads: set[str]  # whose thread differs

    @property
    def any(self) -> bool:
        return bool(self.changed or self.removed or self.related or self.threads)


def _changes(od: Digest, nd: Digest) -> _Change:
    old_ids, new_ids = set(od._by_id), set(nd._by_id)
    common = old_ids & new_ids
    return _Change(
        changed={aid for aid in common if _article_changed(od, nd, aid)} | (new_ids - old_ids),
        removed=old_ids - new_ids,
        related={aid for aid in common if od.related.get(aid) != nd.related.get(aid)},
        threads={aid for aid in common if od.thread_of.get(aid) != nd.thread_of.get(aid)},
    )


def rebuild_plan(old: SitePages | None, new: SitePages) -> RebuildPlan:
    """Which pages of `new` differ from the build `old` made (see the module docstring)."""
    if old is None:
        return RebuildPlan(full=True, reason="no previous build")
    reason = _full_rebuild_reason(old, new)
    if reason:
        return RebuildPlan(full=True, reason=reason)
    change = _changes(old.digest, new.digest)
    people_changed = _articles_of_changed_people(old.digest, new.digest)
    change.changed |= people_changed
    # Generated pages: new ones, ones whose Markdown (title, description) changed, removed ones.
    old_generated = {page.src_uri: page.content for page in old.generated()}
    new_generated = {page.src_uri: page.content for page in new.generated()}
    pages = {uri for uri, content in new_generated.items() if old_generated.get(uri) != content}
    if _chart_frame(old) != _chart_frame(new):
        # Every entity chart gained or lost a bucket: charts are on first pages only (paging.py).
        pages |= _entity_first_pages(new)
    removed = (set(old_generated) - set(new_generated)) | {old.digest.article(aid).src_path for aid in change.removed}
    if not change.any:
        return RebuildPlan(full=False, pages=pages, reason="no article changed", removed=removed)
    pages |= _list_pages(old, new, change)
    if people_changed:
        pages.add("people/index.md")  # the index shows each person's role
    threads = _touched_threads(old.digest, new.digest, change)
    pages |= _thread_pages(new, threads)
    pages |= _story_and_outlet_pages(old, new, change.changed | change.removed, threads)
    pages |= _related_pages(new.digest, change)
    added = len(set(new.digest._by_id) - set(old.digest._by_id))
    summary = f"{len(change.changed) - added} article(s) changed, {added} added, {len(change.removed)} removed"
    return RebuildPlan(full=False, pages=pages - removed, reason=summary, removed=removed, articles=change.changed)


def _entity_first_pages(pages: SitePages) -> set[str]:
    """The first page of every person and country (the pages that show a chart)."""
    d = pages.digest
    return {page_uri(f"people/{person.slug}", FRONT) for person in d.people.values()} | \
        {page_uri(f"countries/{country.slug}", FRONT) for country in d.countries.values()}


def _articles_of_changed_people(od: Digest, nd: Digest) -> set[str]:
    """Articles naming a person whose role or details changed (an article's chips and head show
    them): treated as changed, so their lists, the person's pages and the indexes are rebuilt."""
    changed = {name for name in od.people.keys() & nd.people.keys() if od.people[name] != nd.people[name]}
    return {article.id for name in changed for article in nd.person_articles.get(name, [])}


def _list_pages(old: SitePages, new: SitePages, change: _Change) -> set[str]:
    """The article pages themselves, and the lists that show a changed, new or removed article:
    home, latest, archive, its months, its people's and countries' pages and their indexes."""
    od, nd, size = old.digest, new.digest, new.page_size
    pages = {"index.md"}  # the home page lists the newest articles and trending entities
    pages |= {nd.article(aid).src_path for aid in change.changed | change.related | change.threads}
    old_ids, new_ids = [a.id for a in od.articles], [a.id for a in nd.articles]
    if old_ids != new_ids:
        pages |= _moved_pages("latest", old_ids, new_ids, size)
        pages.add("archive/index.md")
    pages |= _holding("latest", nd.articles, change.changed, size)
    for aid in change.changed | change.removed:
        in_old, in_new = aid in od._by_id, aid in nd._by_id
        # An entity page's header (counts, chart, co-occurring entities) is on every one of its
        # pages and changes with the article's entities or date, or with the article itself
        # coming or going; its title or summary only shows in the list page that holds it.
        whole = not (in_old and in_new) or od.entities.get(aid) != nd.entities.get(aid) \
            or od.article(aid).date != nd.article(aid).date
        for digest in (d for d, present in ((od, in_old), (nd, in_new)) if present):
            pages |= _pages_listing(old, new, digest, aid, whole)
        if whole:
            pages.update(("archive/index.md", "people/index.md", "countries/index.md"))
    return pages


def _pages_listing(old: SitePages, new: SitePages, digest: Digest, article_id: str, whole: bool) -> set[str]:
    """The month, person and country pages of `new` that list the article as `digest` has it."""
    od, nd, size = old.digest, new.digest, new.page_size
    article = digest.article(article_id)
    month = article.date.strftime("%Y/%m")
    pages = _entity_pages(f"archive/{month}", old._months.get(month, []), new._months.get(month, []),
                          article_id, size, whole)
    entities = digest.entities.get(article_id) or ArticleEntities()
    for mention in entities.people:
        if mention.name in nd.people:
            pages |= _entity_pages(f"people/{nd.people[mention.name].slug}", od.person_articles.get(mention.name, []),
                                   nd.person_articles.get(mention.name, []), article_id, size, whole)
    for mention in entities.countries:
        if mention.name in nd.countries:
            pages |= _entity_pages(f"countries/{nd.countries[mention.name].slug}",
                                   od.country_articles.get(mention.name, []),
                                   nd.country_articles.get(mention.name, []), article_id, size, whole)
    return pages


def _touched_threads(od: Digest, nd: Digest, change: _Change) -> set[str]:
    """Threads that hold, or held, an article that changed, came, went or moved thread."""
    threads: set[str] = set()
    for aid in change.changed | change.removed | change.threads:
        for digest in (od, nd):
            thread_id = digest.thread_of.get(aid)
            if thread_id:
                threads.add(thread_id)
    # A thread's page and its members' timelines show every member, so membership matters to all.
    return threads


def _thread_pages(new: SitePages, threads: set[str]) -> set[str]:
    """The story pages of the touched threads and their members' article pages (timelines)."""
    nd, pages = new.digest, set()
    for thread_id in threads:
        thread = nd.threads.get(thread_id)
        if thread is None:
            continue
        if new.stories.has_page(thread_id):
            pages.add(new.stories.uri(thread_id))
            pages.add(new.stories.alias_uri(thread_id))
        pages.update(nd.article(member).src_path for member in thread.article_ids if member in nd._by_id)
    return pages


def _related_pages(nd: Digest, change: _Change) -> set[str]:
    """Articles whose related list shows a changed article (its title, date, summary, flags)."""
    shown = change.changed
    if not shown:
        return set()
    return {nd.article(aid).src_path for aid, links in nd.related.items() if any(link.id in shown for link in links)}


def _story_and_outlet_pages(old: SitePages, new: SitePages, changed: set[str], threads: set[str]) -> set[str]:
    """Story and outlet pages that show a changed article or a touched thread: the Developing
    stories index's first page, its pages that show a touched thread or whose threads moved; for
    the outlets the articles were and are from, and every outlet in a touched thread, the first
    page (figures, coverage), the pages whose articles moved or show a changed article, and the
    index entry."""
    pages: set[str] = set()
    size = new.page_size
    if threads:
        old_order, new_order = old.stories.ordered(), new.stories.ordered()
        pages |= _moved_pages("threads", old_order, new_order, size)
        paging = Paging(len(new_order), size)
        pages |= {page_uri("threads", paging.page_of(position)) for position, thread_id in enumerate(new_order)
                  if thread_id in threads}
    outlets = {digest.article(aid).source for digest in (old.digest, new.digest) for aid in changed
               if aid in digest._by_id}
    outlets |= {name for name, outlet in new.digest.outlets.items()
                if old.digest.outlets.get(name) not in (None, outlet)}
    # A thread that lost members or dissolved: the outlets it showed before show it no more.
    for pages_of in (old, new):
        for thread_id in threads:
            if pages_of.stories.has_page(thread_id):
                outlets.update(row["name"] for row in pages_of.stories.coverage(thread_id) if row["known"])
    for name in outlets:
        if name in new.digest.outlets:
            base = new.outlets.uri(name)[: -len("/index.md")]
            old_list, new_list = old.outlets.articles(name), new.outlets.articles(name)
            pages |= _moved_pages(base, [a.id for a in old_list], [a.id for a in new_list], size)
            pages |= _holding(base, new_list, changed, size)
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
