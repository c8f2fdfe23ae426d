"""Stable pagination: which items each page of a newest-first list shows, and how pages link.

A digest grows at the newest end. Numbering pages from the newest (page 2 = the second newest
50) would move every item of a list one place down each time a newer one arrives, so every page
of every long list would change at every ingest. Pages are cut from the OLDEST end instead, as
news archives do ("older posts" pages that never change once written):

- a list of T items, page size P: if T <= P, one page (the base URL);
- otherwise chunk 1 holds the P oldest items, chunk 2 the next P, ..., the newest chunk C holds
  the remaining 1..P;
- the first page (the base URL) shows the newest chunk, and the chunk below it too while the
  newest is not full, so it shows P to 2P-1 items (never a near-empty front page);
- every other chunk j has its own page at `base/page/j/` (j counted from the oldest), whose items
  do not change when newer items arrive. Adding items changes the first page, creates at most one
  chunk page (when the newest chunk fills), and changes at most that page's older neighbour
  (its "Newer" link goes from the base URL to the new page).

Pages are numbered by `FRONT` (0, the base URL) or the chunk number. Everything here is
arithmetic on (T, P); the items themselves are the caller's (any newest-first sequence).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

FRONT = 0
"""The page number of a list's first page (its base URL), and of every page that is no list."""

LIST_CHUNK_TITLE = "{title}, {span}"  # an older page of a list: "Latest news, 2–9 March 1987"
ENTITY_CHUNK_TITLE = "{title}: articles, {span}"  # "Ada Lovelace: articles, 2–19 March 1987"

T = TypeVar("T")


def page_uri(base: str, page: int) -> str:
    """The src_uri of a list's page: `base/index.md` for the first page, `base/page/j/index.md`."""
    return f"{base}/index.md" if page == FRONT else f"{base}/page/{page}/index.md"


@dataclass(frozen=True)
class Paging:
    """The pages of a newest-first list of `total` items, `size` to a chunk (see the module)."""

    total: int
    size: int

    @property
    def front_chunk(self) -> int:
        """The oldest chunk the first page shows (1 when it shows the whole list)."""
        chunks = max(1, -(-self.total // self.size))
        newest = self.total - (chunks - 1) * self.size  # items in the newest chunk: 1..size
        return chunks if newest == self.size else max(1, chunks - 1)

    def pages(self) -> list[int]:
        """Every page of the list: FRONT, then the chunk pages, newest first."""
        return [FRONT, *range(self.front_chunk - 1, 0, -1)]

    def span(self, page: int) -> tuple[int, int]:
        """(start, stop) of the page's items in the newest-first list."""
        stop_chunk = self.front_chunk if page == FRONT else page
        start = 0 if page == FRONT else self.total - page * self.size
        return start, self.total - (stop_chunk - 1) * self.size

    def items(self, items: Sequence[T], page: int) -> Sequence[T]:
        start, stop = self.span(page)
        return items[start:stop]

    def page_of(self, position: int) -> int:
        """The page showing the item at `position` (0 = newest) of the newest-first list."""
        chunk = (self.total - 1 - position) // self.size + 1
        return FRONT if chunk >= self.front_chunk else chunk

    def newer(self, page: int) -> int | None:
        """The page of the next newer items ("Newer"), None on the first page."""
        if page == FRONT:
            return None
        return FRONT if page + 1 >= self.front_chunk else page + 1

    def older(self, page: int) -> int | None:
        """The page of the next older items ("Older"), None on the oldest."""
        below = self.front_chunk - 1 if page == FRONT else page - 1
        return below if below >= 1 else None
