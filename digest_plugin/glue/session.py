"""What the plugin keeps for as long as MkDocs keeps it: one `mkdocs build`, or a whole
`mkdocs serve` session with all its rebuilds.

`DigestSession` holds what is costly to make and stays valid across rebuilds: the spaCy model
(`Extractor`), the cache folder and the extraction cache with its pack, the editor's registry
while its file is unchanged, the articles as last read with their raw entities (re-read only
when a file changes), the last name resolution, the feeds as last written, the speed machinery,
and the previous build's pages, which a dirty rebuild compares with the new ones to know what
to render. Each build gets a fresh `DigestBuild` (build.py) from `start_build`.

What is kept, and how each is known to be still good:
- articles: by their file's (mtime, size); extraction results: by content hash (cachedir.py);
- the registry: by its file's mtime; name resolution: by equality of all its inputs;
- the previous pages: only while mkdocs.yml, the registry and the plugin's options are unchanged,
  and only for dirty rebuilds (a full build compares nothing).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from digest_plugin.core.cachedir import CacheDir
from digest_plugin.core.corpus import ResolveMemo
from digest_plugin.core.entities import Extractor
from digest_plugin.core.entities.cache import ExtractionCache
from digest_plugin.core.entities.extract import release_model
from digest_plugin.core.entities.registry import Registry, RegistryError, load_registry
from digest_plugin.glue.build import DigestBuild
from digest_plugin.glue.config import DEFAULT_ENTITIES_FILE, DigestConfig
from digest_plugin.glue.logs import bridge_to_mkdocs, explain_dirty_builds, log, unbridge
from digest_plugin.siteview.incremental import ArticleMemo, ChangedFeedWriter
from digest_plugin.siteview.pages import SitePages
from digest_plugin.speed import SpeedKit

# From this many articles on, plain `mkdocs serve` suggests --dirty (a full rebuild takes seconds).
DIRTY_HINT_ARTICLES = 500


class DigestSession:
    """State that lives as long as the plugin instance (see the module docstring)."""

    def __init__(self, command: str = "build", dirty: bool = False, *, told_by_mkdocs: bool = True) -> None:
        self.command = command
        self.dirty = dirty
        # False when no on_startup came (a build driven by hand): whether it cleans is unknown.
        self.told_by_mkdocs = told_by_mkdocs
        self.extractor = Extractor()
        self.speed = SpeedKit(command=command, dirty=dirty)
        self.memo = ArticleMemo()
        self.resolve_memo = ResolveMemo()
        self.feed_writer = ChangedFeedWriter()
        self.cache: CacheDir | None = None
        self.extraction_cache: ExtractionCache | None = None
        self.registry: Registry | None = None
        self._registry_stamp: tuple | None = None
        self._inputs_stamp: tuple | None = None
        self._last_pages: SitePages | None = None
        bridge_to_mkdocs()
        if dirty:
            explain_dirty_builds()

    def after_extraction(self) -> None:
        """A one-shot `mkdocs build` has no use for the NER model once its new articles are
        extracted: let go of it and give the memory back (~100 of the ~180 MB it takes come
        back), before the build forks its feeds writer and renders. Serve keeps it for the next
        edit; a later build in the same process loads it again. Builds driven by hand (no
        on_startup: tests, scripts building several sites) keep it, as they may build again."""
        if self.command != "build" or not self.told_by_mkdocs:
            return
        self.extractor = Extractor()
        release_model()
        self.speed.give_back_memory()

    def load_model_now(self) -> None:
        """Serve loads the model before its first build, so the first edit does not wait for it."""
        self.extractor.prepare()

    def start_build(self, options: DigestConfig, config: MkDocsConfig) -> DigestBuild:
        """Ready the session for a build with these options, and make the build."""
        bridge_to_mkdocs()  # again: MkDocs may have changed its level (-v, -q) since
        site_root = Path(config.config_file_path or ".").resolve().parent
        self._open_cache(site_root / options.cache_dir)
        self._load_registry(site_root, options.entities_file)
        self.speed.set_processes(options.processes)
        # A changed mkdocs.yml or registry can change any page: the next dirty build is a full one.
        stamp = (config.config_file_path, _mtime(config.config_file_path), config.docs_dir, config.site_dir,
                 self._registry_stamp, repr(dict(options)))
        previous = self._last_pages if self.dirty and stamp == self._inputs_stamp else None
        self._inputs_stamp = stamp
        self._last_pages = None
        if self.command == "serve" and previous is not None:
            self.speed.pause_collector()  # a rebuild after an edit: collected once its pages are out
        return DigestBuild(self, options, config, previous=previous)

    def build_done(self, build: DigestBuild) -> None:
        """Keep what the next (dirty) rebuild compares against."""
        self._last_pages = build.pages

    def before_clean(self, site_dir: str) -> None:
        """on_pre_build: a full build's cleaning of site_dir goes beside the build. Only when
        on_startup said the build is not dirty: a dirty build must keep the site it has, but
        not an old site that an interrupted full build left in our hidden folder (Pagefind
        would index it, a deployment publish it)."""
        self.speed.clean_site_beside(site_dir, move=self.told_by_mkdocs and not self.dirty)

    def old_site_gone(self) -> None:
        """The start of on_post_build: the old site content is deleted before any plugin's
        post-build step walks site_dir (Pagefind indexes hidden folders too)."""
        self.speed.wait_for_clean()

    def build_over(self) -> None:
        """Every plugin is done with the build (or it failed)."""
        self.speed.build_over()

    def _open_cache(self, directory: Path) -> None:
        if self.cache is None or self.cache.root != directory or self.command != "serve":
            # Kept across serve rebuilds: its pack of every article's entities is read once per
            # session, not again for each edit (entries are keyed by content, so never stale).
            self.cache = CacheDir(directory)
            self.extraction_cache = ExtractionCache(self.cache.extraction)

    def _load_registry(self, site_root: Path, setting: str) -> None:
        path = site_root / setting
        if not path.is_file():
            if setting != DEFAULT_ENTITIES_FILE:
                raise PluginError(f"digest: entities_file '{setting}' does not exist (looked for {path})")
            self.registry, self._registry_stamp = None, None
            return
        stamp = (str(path), _mtime(str(path)))
        if stamp == self._registry_stamp:  # kept across serve rebuilds while its file is unchanged
            return
        try:
            self.registry = load_registry(path)
        except RegistryError as error:
            raise PluginError(str(error)) from error
        self._registry_stamp = stamp

    def serve(self, server: Any, config: MkDocsConfig, options: DigestConfig) -> Any:
        # MkDocs polls docs_dir twice a second; change events start the rebuild at once.
        if self.speed.watch(server, config.docs_dir, options.serve_watcher):
            log.info("serve watches for changes through file change events (serve_watcher: polling to poll)")
        articles = len(self._last_pages.digest.articles) if self._last_pages is not None else 0
        if not self.dirty and articles >= DIRTY_HINT_ARTICLES:
            # Plain serve cleans the site folder and rebuilds every page after each save.
            log.info("every save rebuilds all %d articles' pages; `mkdocs serve --dirty` rebuilds "
                     "only the pages the saved file changes", articles)
        return server

    def close(self) -> None:
        self.speed.close()
        unbridge()


def _mtime(path: str | None) -> float | None:
    if not path:
        return None
    try:
        return os.path.getmtime(path)
    except OSError:
        return None
