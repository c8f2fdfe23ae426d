"""Rendered pages kept between builds: one SQLite file of (page, key, compressed HTML).

The store knows nothing of MkDocs or templates: a caller asks for a page's HTML under a key (a
fingerprint of everything the page was rendered from) and gets it only if the stored row has
that same key; it hands over freshly rendered HTML under its key. Writes are batched and
committed every `batch` pages and at `close()`, so a build that stops half-way leaves every
committed row whole (SQLite's transactions) and loses only work, never correctness. A file that
is not a readable database (disk trouble, a foreign file) is set aside and the store starts
empty: a cache must never break a build.
"""

from __future__ import annotations

import logging
import sqlite3
import zlib
from pathlib import Path

log = logging.getLogger(__name__)

_SCHEMA = "CREATE TABLE IF NOT EXISTS pages (page TEXT PRIMARY KEY, key TEXT NOT NULL, html BLOB NOT NULL)"


def compress(html: str) -> bytes:
    """HTML as the store keeps it (fast zlib: pages are written once per change, read often)."""
    return zlib.compress(html.encode("utf-8"), 1)


def decompress(compressed: bytes) -> str:
    """HTML back from `compress`; raises zlib.error or UnicodeDecodeError on a damaged blob."""
    return zlib.decompress(compressed).decode("utf-8")


class RenderedPageStore:
    """HTML of rendered pages by page id and key, in one SQLite file (core/cachedir.py says where)."""

    def __init__(self, path: Path, batch: int = 500) -> None:
        self.path = Path(path)
        self._batch = batch
        self._pending: list[tuple[str, str, bytes]] = []
        self._keys: dict[str, str] | None = None  # page -> stored key, read once
        self.hits = 0
        self.misses = 0
        self._db = self._open()

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._connect()
        except sqlite3.DatabaseError as error:
            return self._reset(error)
        except OSError as error:
            log.warning("page cache %s unavailable (%s); rendering every page", self.path, error)
            return None

    def _reset(self, error: Exception) -> sqlite3.Connection | None:
        aside = self.path.with_suffix(".unreadable")
        log.warning("page cache %s is unreadable (%s); moved to %s, starting empty",
                    self.path, error, aside.name)
        try:
            self.path.replace(aside)
            return self._connect()
        except (OSError, sqlite3.DatabaseError) as second:
            log.warning("page cache disabled for this build (%s)", second)
            return None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute(_SCHEMA)
        db.commit()
        return db

    def _stored_keys(self) -> dict[str, str]:
        if self._keys is None:
            self._keys = {}
            if self._db is not None:
                try:
                    self._keys = dict(self._db.execute("SELECT page, key FROM pages"))
                except sqlite3.DatabaseError as error:
                    self._db = self._reset(error)
        return self._keys

    def get(self, page: str, key: str) -> str | None:
        """The HTML stored for `page` if it was rendered under exactly `key`, else None."""
        if self._db is None or self._stored_keys().get(page) != key:
            self.misses += 1
            return None
        try:
            row = self._db.execute("SELECT html FROM pages WHERE page = ? AND key = ?", (page, key)).fetchone()
            html = decompress(row[0]) if row is not None else None
        except (sqlite3.DatabaseError, zlib.error, UnicodeDecodeError) as error:
            log.warning("page cache row for %s unreadable (%s); rendering it", page, error)
            html = None
        if html is None:
            self.misses += 1
        else:
            self.hits += 1
        return html

    def stored_key(self, page: str) -> str | None:
        """The key `page` is stored under, if any (all keys are read from the file once)."""
        return self._stored_keys().get(page)

    def put(self, page: str, key: str, html: str) -> None:
        self.put_compressed(page, key, compress(html))

    def put_compressed(self, page: str, key: str, compressed: bytes) -> None:
        """Store HTML already compressed with `compress`."""
        if self._db is None:
            return
        self._pending.append((page, key, compressed))
        if len(self._pending) >= self._batch:
            self._commit()

    def _commit(self) -> None:
        if self._db is None or not self._pending:
            self._pending = []
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO pages (page, key, html) VALUES (?, ?, ?)",
                                     self._pending)
            if self._keys is not None:
                self._keys.update((page, key) for page, key, _ in self._pending)
        except sqlite3.DatabaseError as error:
            log.warning("could not save rendered pages to %s (%s)", self.path, error)
        self._pending = []

    def keep_only(self, pages: set[str]) -> int:
        """Drop rows of pages not in `pages` (after a full build: deleted articles and such)."""
        self._commit()
        stored = self._stored_keys()
        stale = [page for page in stored if page not in pages]
        if self._db is not None and stale:
            try:
                with self._db:
                    self._db.executemany("DELETE FROM pages WHERE page = ?", ((page,) for page in stale))
            except sqlite3.DatabaseError as error:
                log.warning("could not prune %s (%s)", self.path, error)
                return 0
            for page in stale:
                stored.pop(page, None)
        return len(stale)

    def close(self) -> None:
        self._commit()
        if self._db is not None:
            self._db.close()
            self._db = None
