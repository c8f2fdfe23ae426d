"""Outlet pages: one per news outlet, and the index of outlets.

Pages:
- `sources/` ("Outlets"): every outlet with its numbers of articles, stories and exclusives;
- `sources/<slug>/` (paginated like a person's page): the outlet's name, description and
  homepage (entities.yml `sources:`), its articles newest first, how many stories (threads) it
  took part in, and on the first page its coverage: the stories it covered that the most other
  outlets covered too, and the stories only it covered (exclusives). Its feeds sit beside it.

Names are the digest's (core/outlets.py): every article's `source` is its outlet's name. The
articles and threads of every outlet are gathered in one pass over the digest on first use, so
the pages are linear in articles and threads. Plain Python over `SitePages`; no MkDocs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from digest_plugin.core.ingest.sanitize import plain_text_to_markdown
from digest_plugin.core.model import Article
from digest_plugin.siteview.paging import ENTITY_CHUNK_TITLE, FRONT

if TYPE_CHECKING:  # pages.py imports this module: the type only, to keep imports one way
    from digest_plugin.siteview.pages import GeneratedPage, SitePages

INDEX_BASE = "sources"
COVERAGE_ROWS = 10  # stories listed in each of an outlet page's two coverage lists


class OutletPages:
    """The outlet pages of one build (see the module docstring)."""

    def __init__(self, pages: SitePages) -> None:
        self.pages = pages
        self.digest = pages.digest
        self._articles: dict[str, list[Article]] | None = None
        self._threads: dict[str, list[str]] | None = None  # outlet -> ids of threads it took part in

    # ---- what each outlet has ----------------------------------------------------------------
    def articles(self, name: str) -> list[Article]:
        """The outlet's articles, newest first."""
        if self._articles is None:
            by_outlet: dict[str, list[Article]] = defaultdict(list)
            for article in self.digest.articles:  # newest first
                if article.source in self.digest.outlets:
                    by_outlet[article.source].append(article)
            self._articles = dict(by_outlet)
        return self._articles.get(name, [])

    def threads(self, name: str) -> list[str]:
        """The threads (with a page) the outlet reported in, newest latest report first."""
        if self._threads is None:
            by_outlet: dict[str, list[str]] = defaultdict(list)
            for thread_id in self.pages.stories.ordered():
                for row in self.pages.stories.coverage(thread_id):
                    if row["known"]:
                        by_outlet[row["name"]].append(thread_id)
            self._threads = dict(by_outlet)
        return self._threads.get(name, [])

    def exclusives(self, name: str) -> list[str]:
        """The threads only this outlet reported (two or more of its own reports)."""
        return [tid for tid in self.threads(name) if len(self.pages.stories.coverage(tid)) == 1]

    def outlet_names(self) -> list[str]:
        """Outlets with at least one article, most articles first."""
        return sorted((name for name in self.digest.outlets if self.articles(name)),
                      key=lambda name: (-len(self.articles(name)), name.casefold()))

    def uri(self, name: str) -> str:
        return f"{INDEX_BASE}/{self.digest.outlets[name].slug}/index.md"

    # ---- pages -----------------------------------------------------------------------------
    def generate(self) -> Iterator[GeneratedPage]:
        names = self.outlet_names()
        yield self.pages._page(f"{INDEX_BASE}/index.md", "outlets-index", None, FRONT, "Outlets",
                               "digest/outlets_index.html", searchable=False)
        for name in names:
            outlet = self.digest.outlets[name]
            yield from self.pages._paged(f"{INDEX_BASE}/{outlet.slug}", "outlet", name, self.articles(name),
                                         name, "digest/outlet.html", chunk_title=ENTITY_CHUNK_TITLE,
                                         body=plain_text_to_markdown(outlet.description))  # text, never markup

    def contexts(self) -> dict:
        """Context builders by page kind, for `SitePages.raw_context`."""
        return {"outlets-index": self._index_context, "outlet": self._outlet_context}

    # ---- contexts ------------------------------------------------------------------------------
    def _story_row(self, thread_id: str, name: str) -> dict:
        stories = self.pages.stories
        coverage = stories.coverage(thread_id)
        mine = next(row for row in coverage if row["name"] == name)
        return {"title": stories.title(thread_id), "url": stories.url(thread_id), "outlets": len(coverage),
                "count": len(stories.info(thread_id).members), "first": mine["first"],
                "latest_label": self.pages._item(stories.info(thread_id).latest)["date_label"]}

    def coverage(self, name: str) -> dict:
        """What the outlet covered with others (most outlets first) and alone (newest first)."""
        stories = self.pages.stories
        shared = [tid for tid in self.threads(name) if len(stories.coverage(tid)) > 1]
        shared.sort(key=lambda tid: -len(stories.coverage(tid)))  # stable: newest first among equals
        exclusives = self.exclusives(name)
        return {
            "shared": [self._story_row(tid, name) for tid in shared[:COVERAGE_ROWS]],
            "shared_total": len(shared),
            "first_total": sum(1 for tid in shared if stories.coverage(tid)[0]["name"] == name),
            "exclusives": [self._story_row(tid, name) for tid in exclusives[:COVERAGE_ROWS]],
            "exclusives_total": len(exclusives),
        }

    def _outlet_context(self, name: str, number: int) -> dict:
        outlet = self.digest.outlets[name]
        articles = self.articles(name)
        context = {
            "kind": "outlet",
            "outlet": {"name": outlet.name, "homepage": outlet.homepage, "description": outlet.description},
            "articles": [self.pages._item(a) for a in self.pages._slice(articles, number)],
            "pagination": self.pages._pagination(f"{INDEX_BASE}/{outlet.slug}", number, articles),
            "coverage": None,
            "index_url": self.pages.url(f"{INDEX_BASE}/index.md"),
        }
        if number != FRONT:  # figures and coverage change with every new article: first page only
            return context
        return {**context, "count": len(articles), "threads": len(self.threads(name)),
                **self.pages._span(articles), "coverage": self.coverage(name)}

    def _index_context(self, _key, _number) -> dict:
        rows = [{"name": name, "url": self.pages.outlet_url(name), "count": len(self.articles(name)),
                 "threads": len(self.threads(name)), "exclusives": len(self.exclusives(name))}
                for name in self.outlet_names()]
        return {"kind": "outlets-index", "outlets": rows}
