"""When each digest page last changed, for the `lastmod` of MkDocs' sitemap.xml.

MkDocs' sitemap template prints `page.update_date`, which defaults to the build date: every page
would claim to change on every build. The plugin sets it from `LastModified.for_page` instead:
an article page changes with its article, the first page of a person, country, outlet or month
with its newest article, an older page of any list (paging.py) with the newest article it shows,
a thread with its newest report, the home page, the latest list and the indexes with the newest
article of the digest. Pages the digest does not generate keep MkDocs' default. Computed once
per build in one pass, then O(1) per page (O(page size) for an older page of a list).

MkDocs also stamps sitemap.xml.gz with the newest `update_date` as a gzip time, which holds only
1970 to 2106: a page whose date falls outside keeps MkDocs' default (the build date) rather
than end the build in a `struct.error` (a digest of 1969's news builds).
"""

from __future__ import annotations

import datetime as dt

from digest_plugin.siteview.pages import SitePages
from digest_plugin.siteview.paging import FRONT

# Pages that show (or list) the newest article of the whole digest.
_DIGEST_WIDE = frozenset({"latest", "archive", "people-index", "countries-index", "threads-index", "outlets-index"})
# The times a gzip header can carry (an unsigned 32-bit count of seconds since 1970).
GZIP_EARLIEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
GZIP_LATEST = GZIP_EARLIEST + dt.timedelta(seconds=2**32 - 1)


def sitemap_safe(moment: dt.datetime | None) -> dt.datetime | None:
    """`moment` if MkDocs can stamp sitemap.xml.gz with it, else None (MkDocs' default applies)."""
    if moment is None:
        return None
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    try:
        return moment if GZIP_EARLIEST <= aware <= GZIP_LATEST else None
    except OverflowError:
        return None


def w3c_datetime(moment: dt.datetime) -> str:
    """UTC, to the second: sortable as text, which MkDocs relies on when it takes the newest."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


class LastModified:
    def __init__(self, pages: SitePages) -> None:
        self.pages = pages
        digest = pages.digest
        self._newest = digest.articles[0].date if digest.articles else None
        self._month_newest: dict[str, dt.datetime] = {}
        for article in digest.articles:  # newest first: the first seen in a month is its newest
            self._month_newest.setdefault(article.date.strftime("%Y/%m"), article.date)

    def for_page(self, src_uri: str, *, is_homepage: bool = False) -> dt.datetime | None:
        """The date of the newest article `src_uri` shows; None for pages the digest does not make
        (and for dates a gzip header cannot hold: see the module docstring)."""
        return sitemap_safe(self._newest_shown(src_uri, is_homepage))

    def _newest_shown(self, src_uri: str, is_homepage: bool) -> dt.datetime | None:
        if is_homepage:
            return self._newest
        spec = self.pages.page_spec(src_uri)
        if spec is None:
            return None
        kind, page_key, number = spec
        key = str(page_key)
        d = self.pages.digest
        if number != FRONT:  # an older page of a list (paging.py): its own newest article
            listed = self.pages.list_articles(kind, page_key) or []
            shown = self.pages.paging(len(listed)).items(listed, number)
            return max((article.date for article in shown), default=None)
        if kind == "article":
            return d.article(key).date
        if kind == "person":
            return d.person_articles[key][0].date
        if kind == "country":
            return d.country_articles[key][0].date
        if kind in ("thread", "thread-alias"):
            return max(d.article(i).date for i in d.threads[key].article_ids)
        if kind == "outlet":
            return self.pages.outlets.articles(str(key))[0].date
        if kind == "month":
            return self._month_newest.get(key)
        if kind in _DIGEST_WIDE:
            return self._newest
        return None
