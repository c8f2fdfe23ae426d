"""Developing stories: the threads index, a page per thread, and who covered each story.

A thread (core/related.py) of two or more reports gets a page at `threads/<id>-<slug>/`, the
slug made from its most representative headline (core/thread_titles.py), and a stable alias
at `threads/<id>/`: a page that sends the reader on to the current address, so links and feed
subscriptions made before a title changed keep working (the thread's feeds stay in the alias
folder for the same reason). A thread of one report gets no page.

Pages:
- `threads/` (paginated, "Developing stories"): threads by their latest report, each with its
  numbers of reports and outlets and the people and countries most of its reports name;
- `threads/<id>-<slug>/`: the title, people and countries, the coverage (which outlets reported
  it, in the order of their first report, when, the first one marked) and a dated timeline.

Article pages of a thread show the same coverage (`coverage`). Everything is computed per
thread once per build, on first use, and every page costs what its own threads hold: linear in
the threads, never a list of all articles. Plain Python over `SitePages`; no MkDocs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from digest_plugin.core.model import Article
from digest_plugin.core.thread_titles import thread_slug, thread_title
from digest_plugin.siteview.paging import FRONT

if TYPE_CHECKING:  # pages.py imports this module: the type only, to keep imports one way
    from digest_plugin.siteview.pages import GeneratedPage, SitePages

INDEX_BASE = "threads"
CARD_ENTITIES = 4  # people and countries shown on a story's card in the index
RAIL_OUTLETS = 12  # outlets listed in an article page's coverage; the story page lists all


@dataclass(frozen=True)
class StoryInfo:
    """One thread as its pages show it: members oldest first, outlets by first report."""

    id: str
    title: str
    slug: str
    members: tuple[Article, ...]

    @property
    def first(self) -> Article:
        return self.members[0]

    @property
    def latest(self) -> Article:
        return self.members[-1]


def _when(delta: dt.timedelta) -> str:
    """How long after the first report: "+40 min", "+5 h", "+3 days"."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"+{minutes} min"
    if minutes < 48 * 60:
        return f"+{minutes // 60} h"
    return f"+{minutes // (24 * 60)} days"


class StoryPages:
    """The thread pages of one build (see the module docstring)."""

    def __init__(self, pages: SitePages) -> None:
        self.pages = pages
        self.digest = pages.digest
        self._info: dict[str, StoryInfo] = {}
        self._coverage: dict[str, list[dict]] = {}
        self._order: list[str] | None = None

    # ---- what each thread is ---------------------------------------------------------------
    def has_page(self, thread_id: str) -> bool:
        thread = self.digest.threads.get(thread_id)
        return thread is not None and len(thread.article_ids) >= 2

    def info(self, thread_id: str) -> StoryInfo:
        info = self._info.get(thread_id)
        if info is None:
            members = sorted((self.digest.article(i) for i in self.digest.threads[thread_id].article_ids),
                             key=lambda a: (a.date, a.id))
            title = thread_title([(m.title, m.source) for m in members])
            info = self._info[thread_id] = StoryInfo(thread_id, title, thread_slug(title), tuple(members))
        return info

    def title(self, thread_id: str) -> str:
        return self.info(thread_id).title

    def uri(self, thread_id: str) -> str:
        """The thread page's src_uri: `threads/<id>-<slug>/index.md`."""
        return f"{INDEX_BASE}/{thread_id}-{self.info(thread_id).slug}/index.md"

    @staticmethod
    def alias_uri(thread_id: str) -> str:
        """The stable alias, whatever the title: `threads/<id>/index.md`."""
        return f"{INDEX_BASE}/{thread_id}/index.md"

    def url(self, thread_id: str) -> str:
        return self.pages.url(self.uri(thread_id))

    def ordered(self) -> list[str]:
        """Threads with a page, by their latest report, newest first."""
        if self._order is None:
            with_page = [tid for tid in self.digest.threads if self.has_page(tid)]
            self._order = sorted(with_page, key=lambda tid: (self.info(tid).latest.date, tid), reverse=True)
        return self._order

    def latest_reports(self) -> list[Article]:
        """The latest report of each thread, in `ordered()` order: what the index's pages are
        cut by and what an older page's title dates (paging.py)."""
        return [self.info(thread_id).latest for thread_id in self.ordered()]

    # ---- pages -----------------------------------------------------------------------------
    def generate(self) -> Iterator[GeneratedPage]:
        ordered = self.ordered()
        yield from self.pages._paged(INDEX_BASE, "threads-index", None, self.latest_reports(),
                                     "Developing stories", "digest/threads_index.html", searchable=False)
        for thread_id in ordered:
            info = self.info(thread_id)
            yield self.pages._page(self.uri(thread_id), "thread", thread_id, FRONT, info.title,
                                   "digest/thread.html", searchable=False)
            yield self.pages._page(self.alias_uri(thread_id), "thread-alias", thread_id, FRONT, info.title,
                                   "digest/redirect.html", searchable=False)

    def contexts(self) -> dict:
        """Context builders by page kind, for `SitePages.raw_context`."""
        return {"threads-index": self._index_context, "thread": self._thread_context,
                "thread-alias": self._alias_context}

    # ---- coverage ----------------------------------------------------------------------------
    def coverage(self, thread_id: str) -> list[dict]:
        """Each outlet that reported the story, in the order of its first report: when (and how
        long after the first report), how many reports, and a position on the story's time span.
        A report whose source gave no date (`undated`) cannot say when it came: an outlet with
        only such reports comes last, without a time, and is never marked first."""
        rows = self._coverage.get(thread_id)
        if rows is not None:
            return rows
        info = self.info(thread_id)
        # Dated reports first, oldest first: the first seen of an outlet is its first report.
        members = sorted(info.members, key=lambda a: a.undated)
        dated = [m for m in members if not m.undated]
        start = dated[0].date if dated else None
        span = (dated[-1].date - dated[0].date).total_seconds() if dated else 0.0
        firsts: dict[str, Article] = {}
        counts: Counter[str] = Counter()
        for member in members:
            name = member.source or "Unknown source"
            firsts.setdefault(name, member)
            counts[name] += 1
        rows = []
        for position, (name, article) in enumerate(firsts.items()):
            timed = start is not None and not article.undated
            delta = article.date - start if timed and start is not None else None
            rows.append({
                "name": name,
                "known": bool(article.source),  # False: reports that name no outlet
                "url": self.pages.outlet_url(name) if article.source else None,
                "article_url": self.pages.article_url(article),
                "first": position == 0 and timed,
                "count": counts[name],
                "datetime": article.date.isoformat() if timed else "",
                "date_label": self.pages._item(article)["date_label"] if timed else "date unknown",
                "after": _when(delta) if delta is not None and position > 0 else "",
                "offset": round(delta.total_seconds() / span * 100, 1) if delta is not None and span > 0 else
                0.0 if timed else None,
            })
        self._coverage[thread_id] = rows
        return rows

    def article_coverage(self, thread_id: str, article: Article) -> dict:
        """The coverage an article page of the thread shows: the first outlets, its own marked."""
        rows = self.coverage(thread_id)
        shown = [{**row, "current": row["name"] == article.source} for row in rows[:RAIL_OUTLETS]]
        return {"outlets": shown, "more": max(0, len(rows) - RAIL_OUTLETS), "total": len(rows)}

    # ---- contexts ------------------------------------------------------------------------------
    def _entities(self, info: StoryInfo, limit: int | None) -> tuple[list[dict], list[dict]]:
        """The people and countries the story's reports name, most reports first."""
        d = self.digest
        people: Counter[str] = Counter()
        countries: Counter[str] = Counter()
        for member in info.members:
            entities = d.entities.get(member.id)
            if entities:
                # dict.fromkeys, not a set: ties keep the reports' order in every process
                people.update(list(dict.fromkeys(m.name for m in entities.people if m.name in d.people)))
                countries.update(list(dict.fromkeys(m.name for m in entities.countries if m.name in d.countries)))
        return (
            [{"name": n, "url": self.pages.person_url(n), "count": c} for n, c in people.most_common(limit)],
            [{"code": k, "name": d.countries[k].name, "flag": d.countries[k].flag, "url": self.pages.country_url(k),
              "count": c} for k, c in countries.most_common(limit)],
        )

    def _summary(self, thread_id: str, limit: int | None) -> dict:
        info = self.info(thread_id)
        people, countries = self._entities(info, limit)
        latest = self.pages._item(info.latest)
        return {
            "id": thread_id,
            "title": info.title,
            "url": self.url(thread_id),
            "count": len(info.members),
            "outlet_count": len(self.coverage(thread_id)),
            "first_label": self.pages._item(info.first)["date_label"],
            "latest_label": latest["date_label"],
            "latest_datetime": latest["datetime"],
            "latest": latest,
            "people": people,
            "countries": countries,
        }

    def _index_context(self, _key, number: int) -> dict:
        ordered = self.ordered()
        cards = []
        for thread_id in self.pages.paging(len(ordered)).items(ordered, number):
            card = self._summary(thread_id, CARD_ENTITIES)
            card["outlets"] = [row["name"] for row in self.coverage(thread_id)[:CARD_ENTITIES]]
            card["more_outlets"] = max(0, card["outlet_count"] - CARD_ENTITIES)
            cards.append(card)
        # The total only on the first page: an older page must not change with new stories.
        return {"kind": "threads-index", "stories": cards, "total": len(ordered) if number == FRONT else None,
                "pagination": self.pages._pagination(INDEX_BASE, number, self.latest_reports()),
                "outlets_url": self.pages.url("sources/index.md")}

    def _thread_context(self, thread_id: str, _number) -> dict:
        info = self.info(thread_id)
        summary = self._summary(thread_id, None)
        days: list[dict] = []
        for member in info.members:
            item = {**self.pages._item(member), "first": member is info.first}
            day = member.date.date().isoformat()
            if not days or days[-1]["date"] != day:
                days.append({"date": day, "label": self.pages._item(member)["date_label"], "items": []})
            days[-1]["items"].append(item)
        return {"kind": "thread", **summary, "coverage": self.coverage(thread_id), "days": days,
                "index_url": self.pages.url(f"{INDEX_BASE}/index.md")}

    def _alias_context(self, thread_id: str, _number) -> dict:
        return {"kind": "redirect", "title": self.title(thread_id), "target": self.url(thread_id)}
