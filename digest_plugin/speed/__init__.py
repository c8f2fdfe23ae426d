"""Speed machinery, behind one seam: `SpeedKit`.

What is here makes builds and serve faster and changes no output: forked processes (one fork guard,
`forks.fork_available`, for every use: Linux only, and only while the process has no other thread,
so never under serve's server), the extraction workers with their heap and BLAS tuning
(`extraction`), unchanged articles' Markdown conversions (`converted_markdown`), the render cache
and its helper process (`render_cache`, `render_ahead`, `page_store`), Jinja's compiled templates
kept across serve's rebuilds (`compiled_templates`), the garbage collector paused during those
rebuilds (`gc_pause`), file change events instead of polling (`watcher`), and MkDocs' cleaning
of site_dir done by a process beside a full build (`site_clean`).

The MkDocs layer holds one `SpeedKit` per plugin instance (one serve session, or one build) and
calls nothing else in this package; the core and the site view do not know it exists. With
`processes: 1` and `render_cache: false` every trick but the cleaning is off and the site is the
same (the cleaning leaves site_dir as MkDocs' would, with any setting).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from digest_plugin.core.entities.extract import Extractor
from digest_plugin.speed.compiled_templates import MemoryBytecodeCache
from digest_plugin.speed.converted_markdown import ConvertedMarkdown
from digest_plugin.speed.extraction import FastExtraction
from digest_plugin.speed.forks import ForkedTask, fork_available, usable_cores
from digest_plugin.speed.gc_pause import CollectorPause
from digest_plugin.speed.page_store import RenderedPageStore
from digest_plugin.speed.render_cache import Deferred, RenderCache, install
from digest_plugin.speed.site_clean import BackgroundClean
from digest_plugin.speed.watcher import WATCHER_CHOICES, use_native_observer, watcher_for

__all__ = ["WATCHER_CHOICES", "Deferred", "RenderStats", "SpeedKit"]


@dataclass(frozen=True)
class RenderStats:
    """How the last build's pages were rendered."""

    from_cache: int
    rendered: int
    by_helper: int | None  # pages rendered by the helper process; None when none ran
    conversions_reused: int = 0  # articles whose Markdown conversion came from the last build
    converted: int = 0  # articles whose Markdown was converted


class SpeedKit:
    """The speed tricks of one plugin instance, for `command` ("build" or "serve")."""

    def __init__(self, *, command: str = "build", dirty: bool = False, processes: int = 0) -> None:
        self.command = command
        self.dirty = dirty
        self.cores = usable_cores(processes)
        self.collector = CollectorPause()
        self._compiled = MemoryBytecodeCache()
        self._render: RenderCache | None = None
        self._converted: ConvertedMarkdown | None = None
        self._child: ForkedTask | None = None
        self._clean: BackgroundClean | None = None
        self.last_render: RenderStats | None = None

    def set_processes(self, processes: int) -> None:
        """The plugin's `processes` option, read again at each build (mkdocs.yml may change)."""
        self.cores = usable_cores(processes)

    @property
    def full_build_on_cores(self) -> bool:
        """A full `mkdocs build` with more than one core: work may go to forked processes."""
        return self.command == "build" and not self.dirty and self.cores > 1 and fork_available()

    # -- site_dir ------------------------------------------------------------------------

    def clean_site_beside(self, site_dir: str, *, move: bool = True) -> None:
        """Right before MkDocs cleans site_dir: move its content aside and delete it in a process
        beside the build (site_clean.py); `wait_for_clean` (or `build_over`) waits for it. With
        `move` False (a dirty build) only what interrupted builds left aside is deleted."""
        self.wait_for_clean()  # (a build that never ended)
        self._clean = BackgroundClean(site_dir)
        self._clean.start(move=move)

    def wait_for_clean(self) -> None:
        """Block until the old site content is deleted (at once if it is, or none was moved)."""
        clean, self._clean = self._clean, None
        if clean is not None:
            clean.wait()

    # -- extraction ----------------------------------------------------------------------

    def extraction(self, extractor: Extractor) -> FastExtraction:
        """The core's extractor, tuned, on as many processes as may be used."""
        return FastExtraction(extractor, self.cores)

    def give_back_memory(self) -> None:
        """After a big structure is let go (the NER model): collect and trim the heap (heap.py)."""
        from digest_plugin.speed import heap

        heap.give_back_freed_memory()

    # -- work beside the build -----------------------------------------------------------

    def start_beside(self, work: Callable[[], object], name: str) -> bool:
        """Run `work` in a forked child while the build goes on, if this build may fork."""
        if not self.full_build_on_cores:
            return False
        self._child = ForkedTask(work, name=name)
        return True

    def beside_succeeded(self) -> bool:
        """Wait for the child of `start_beside`; False if none ran or it failed (then the
        caller does the work itself)."""
        child, self._child = self._child, None
        return child is not None and child.succeeded()

    # -- rendering -----------------------------------------------------------------------

    def start_conversions(self, config: Any, *, store: Path | None) -> None:
        """From here on (on_files), unchanged articles' Markdown conversions come from `store`."""
        self._converted = ConvertedMarkdown(RenderedPageStore(store), config) if store is not None else None

    def before_conversion(self, markdown: str, page: Any, files: Any, transform: Callable[[str], str],
                          key_extra: object = None, finish_stamp: str = "") -> str:
        """The last on_page_markdown of a page of the digest: `transform(markdown)` (cross-links),
        or an empty page when its conversion is known (see converted_markdown.py)."""
        if self._converted is None:
            return transform(markdown)
        return self._converted.before_conversion(markdown, page, files, transform, key_extra, finish_stamp)

    def after_conversion(self, html: str, page: Any, finish: Callable[[str], str] | None = None) -> str:
        """The first on_page_content of a page of the digest: its HTML, passed through `finish`
        (unless it is a stored conversion, finished when it was stored)."""
        if self._converted is not None:
            return self._converted.after_conversion(html, page, finish)
        return finish(html) if finish is not None else html

    def prepare_env(self, env: jinja2.Environment, config: Any, *, page_store: Path | None) -> None:
        """Serve keeps compiled templates across rebuilds; with a page store, unchanged pages
        come from the render cache (and a full build may render on two processes)."""
        if self.dirty:
            env.bytecode_cache = self._compiled
        if page_store is not None:
            self._render = RenderCache(RenderedPageStore(page_store), config, render_ahead=self.full_build_on_cores)
            install(env, self._render)

    @property
    def caching_renders(self) -> bool:
        return self._render is not None

    def finish_build(self, *, complete: bool) -> None:
        """The build ended (`complete`: every page was rendered): close the render cache,
        dropping rows of pages this build no longer has."""
        child, self._child = self._child, None
        if child is not None:
            child.cancel()
        converted, self._converted = self._converted, None
        reused = fresh = 0
        if converted is not None:
            converted.close(complete=complete and not self.dirty)
            reused, fresh = converted.store.hits, converted.store.misses
        cache, self._render = self._render, None
        if cache is not None:
            by_helper = cache.close_ahead()
            if complete and not self.dirty:
                cache.store.keep_only(cache.rendered)
            cache.store.close()
            self.last_render = RenderStats(cache.store.hits, cache.store.misses, by_helper, reused, fresh)

    def build_over(self) -> None:
        """Every plugin is done with the build (or it failed): the old site content is gone
        once this returns, and the paused collector may catch up soon."""
        self.wait_for_clean()
        self.collector.collect_later()

    # -- serve ---------------------------------------------------------------------------

    def pause_collector(self) -> None:
        """A serve rebuild after an edit: no garbage collection until its pages are out."""
        self.collector.pause()

    def watch(self, server: Any, docs_dir: str, choice: str) -> bool:
        """Have serve notice saves through change events; True if it now does."""
        return watcher_for(docs_dir, choice) == "native" and use_native_observer(server)

    def close(self) -> None:
        """The session ends (serve's shutdown): the collector runs as usual again."""
        self.wait_for_clean()
        self.collector.resume()
