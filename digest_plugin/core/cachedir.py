"""The digest's cache folder: one layout, one versioning rule, one eviction rule.

Everything a build keeps between builds lives under one folder, the plugin's `cache_dir`
(default `.cache/digest` beside mkdocs.yml; `digest entities` reads the same one):

    <cache_dir>/
      CACHEDIR.TAG                 marks the folder as a cache (backup tools skip it)
      layout                       this file's LAYOUT number
      extraction/<ab>/<key>.json   one article's entities (core/entities/cache.py)
      extraction/packed.json       the entries of the last build's articles in one file
      related/state-<code>.json    the digest's related stories and threads, the key of their
                                   inputs, the article ids and fingerprints (core/related_cache.py)
      related/state-<code>.npz     what updating them for new articles needs: per-article vectors,
                                   candidate lists, pair scores (core/related_store.py)
      pages/build.sqlite           rendered pages of `mkdocs build`; `serve.sqlite` for serve,
                                   whose pages differ by their site_url (speed/page_store.py)
      pages/markdown.sqlite        articles' Markdown converted to HTML (speed/converted_markdown.py)

**Versioning.** Every entry is found only under the key of exactly the inputs it was made from,
and every key includes the version of the code that makes it: the extractor's version for
entities, the source of the related-stories modules for related stories (whose state also
carries the digest statistics it was scored with, refreshed by related_stats.py's rule), the
versions of MkDocs, Material and this package and every template file for pages. An entry is
therefore never stale, only unused: nothing is invalidated by hand. The folder's own structure
has one number, `LAYOUT`; a folder written under another layout (or the flat layout before it) has the digest's old
entries removed when it is opened, and starts empty.

**Eviction.** After a full build (not a dirty one), each cache keeps only what that build used:
the extraction entries of its articles, its related-stories state, the rendered rows of its
pages. `usage()` reports what remains, and the build logs it.

**Failures.** An entry that cannot be read is a miss, with a warning; a cache that cannot be
written (a read-only folder, a full disk) is a warning, and the build goes on without it.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

LAYOUT = "2"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# news-digest's cache: safe to delete, rebuilt as needed.\n"
# What the flat layout (layout 1) put at the top of the folder, and nothing else: only these are
# removed when an old folder is opened, so a cache_dir pointed at a folder with other files in
# it loses none of them.
_OLD_ENTRIES = re.compile(r"^(?:[0-9a-f]{2}|packed\.json|related-[0-9a-f]{64}\.json|(?:serve-)?pages-v\d+\.sqlite.*)$")
_PARTS = ("extraction", "related", "pages")


@dataclass(frozen=True)
class CacheUsage:
    """Bytes and files per part of the cache folder."""

    parts: dict[str, tuple[int, int]]  # part -> (files, bytes)

    @property
    def total_bytes(self) -> int:
        return sum(size for _, size in self.parts.values())

    def describe(self) -> str:
        return ", ".join(f"{name} {size / 1e6:.1f} MB in {files} file(s)" for name, (files, size) in self.parts.items())


class CacheDir:
    """The paths of one digest's cache folder, made ready for this layout when opened."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.writable = self._open()

    @property
    def extraction(self) -> Path:
        return self.root / "extraction"

    @property
    def related(self) -> Path:
        return self.root / "related"

    def pages(self, name: str) -> Path:
        """The rendered-page store of `name` ("build" or "serve")."""
        return self.root / "pages" / f"{name}.sqlite"

    def _open(self) -> bool:
        marker = self.root / "layout"
        try:
            if marker.is_file() and marker.read_text(encoding="utf-8").strip() == LAYOUT:
                return True
            if self.root.is_dir():
                self._remove_other_layouts()
            self.root.mkdir(parents=True, exist_ok=True)
            (self.root / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
            marker.write_text(LAYOUT + "\n", encoding="utf-8")
            return True
        except OSError as error:
            log.warning("Cache folder %s cannot be prepared (%s); building without a cache where it fails",
                        self.root, error)
            return False

    def _remove_other_layouts(self) -> None:
        for entry in self.root.iterdir():
            if entry.name in _PARTS:  # a later or earlier layout's parts: none of their entries carry over
                shutil.rmtree(entry, ignore_errors=True)
            elif _OLD_ENTRIES.match(entry.name):
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)

    def usage(self) -> CacheUsage:
        parts = {}
        for name in _PARTS:
            files = size = 0
            for dirpath, _, names in os.walk(self.root / name):
                for filename in names:
                    try:
                        size += os.stat(os.path.join(dirpath, filename)).st_size
                        files += 1
                    except OSError:
                        continue
            parts[name] = (files, size)
        return CacheUsage(parts)
