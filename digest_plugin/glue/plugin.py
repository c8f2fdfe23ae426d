"""The `digest` MkDocs plugin: thin orchestration of the core over MkDocs' build events.

on_startup   keeps one Extractor (the spaCy model, loaded up front under serve) across rebuilds
on_config    per-build state: cache, registry, the plugin's templates on the theme path, the nav;
             serve's rebuilds after an edit pause the garbage collector until their pages are out
             (serve_gc.py; on_post_build, last of all plugins', and on_build_error schedule the
             collection, on_shutdown switches it back on)
on_files     loads articles, extracts (cache first), assembles the digest, adds generated pages
on_page_*    picks each page's template and hands the template its context (`digest`, and
             `digest_head`: feed links, social meta, JSON-LD); body cross-links; sitemap dates
on_env       installs the render cache (unchanged pages are not re-rendered, see render_cache.py;
             a full build renders pages on two processes, see render_ahead.py);
             dirty builds: keeps compiled templates across rebuilds
on_post_build writes site/digest.json and the Atom/RSS feeds (dirty builds: only changed feeds; a full
             `mkdocs build` has a child process write them from on_files on, see forked_task.py); with
             `search: pagefind`, runs Pagefind over the built site (on every `mkdocs serve` rebuild too)
on_serve     has serve watch docs_dir through file change events rather than polling (serve_watch.py)

Dirty rebuilds (`mkdocs serve --dirty`, `mkdocs build --dirty`): MkDocs rebuilds only pages whose
File reports `is_modified()`. Generated pages answer from a `RebuildPlan`
(digest_plugin/siteview/incremental.py), and article pages whose context changed get their old output
aged so MkDocs' own mtime check rebuilds them (the MkDocs side: digest_plugin/glue/dirty_build.py).
Under serve, the plugin instance survives rebuilds, so unchanged articles are neither re-read
nor re-extracted, and the previous related-stories result is reused while the set of articles
is unchanged: an edit's own related links and threads are those of the last full computation
until the next full build (restart serve, or `mkdocs build`), which recomputes them. Every page
that shows the edited article's title, date, summary or entities is rebuilt, new people's and
countries' pages included. An edit that changes the digest as a whole (a person's or country's
slug or details, an added or removed article, the first or last date, mkdocs.yml or the
registry) makes the dirty build a full one. Left approximate under serve: sitemap.xml's
lastmod of pages not rebuilt (MkDocs renders it from pages it did not read).

The head reaches every page through the plugin's templates/main.html (see that file for sites
that override main.html themselves).
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path

import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime

from digest_plugin.core.articles import ArticleError
from digest_plugin.core.corpus import ResolveMemo, assemble, extract_entities
from digest_plugin.core.entities import Extractor
from digest_plugin.core.entities.cache import ExtractionCache
from digest_plugin.core.entities.registry import RegistryError, load_registry
from digest_plugin.core.related import RelatedResult
from digest_plugin.glue.config import DigestConfig
from digest_plugin.glue.dirty_build import MemoryBytecodeCache, apply_plan, planned_file
from digest_plugin.siteview.crosslink import link_first_mentions
from digest_plugin.siteview.export import digest_json, write_json_atomically
from digest_plugin.siteview.feeds import write_feeds
from digest_plugin.siteview.head import HeadBuilder, HeadOptions, SiteInfo
from digest_plugin.siteview.incremental import (
    ArticleMemo,
    ChangedFeedWriter,
    RebuildPlan,
    rebuild_plan,
)
from digest_plugin.siteview.pagefind import (
    NOT_INSTALLED,
    PagefindError,
    index_site,
    pagefind_installed,
)
from digest_plugin.siteview.pages import SitePages, escape_context
from digest_plugin.siteview.sitemap import LastModified, w3c_datetime
from digest_plugin.speed.extraction import FastExtraction
from digest_plugin.speed.forks import ForkedTask, fork_available, usable_cores
from digest_plugin.speed.gc_pause import CollectorPause
from digest_plugin.speed.page_store import RenderedPageStore
from digest_plugin.speed.render_cache import Deferred, RenderCache, install
from digest_plugin.speed.watcher import use_native_observer, watcher_for

# From this many articles on, plain `mkdocs serve` suggests --dirty (a full rebuild takes seconds).
DIRTY_HINT_ARTICLES = 500

log = logging.getLogger("mkdocs.plugins.digest")

SITEVIEW_DIR = Path(__file__).parent.parent / "siteview"
TEMPLATES_DIR = SITEVIEW_DIR / "templates"
ASSETS_DIR = SITEVIEW_DIR / "assets"
ASSETS = {"assets/digest/digest.css": "digest.css", "assets/digest/digest.js": "digest.js"}
SEARCH_ASSETS = {"assets/digest/search.css": "search.css", "assets/digest/search.js": "search.js"}
MATERIAL_SEARCH = ("material/search", "search")
DEFAULT_NAV = [
    {"Home": "index.md"},
    {"Latest": "latest/index.md"},
    {"People": "people/index.md"},
    {"Countries": "countries/index.md"},
    {"Archive": "archive/index.md"},
]


class DigestPlugin(BasePlugin[DigestConfig]):
    def __init__(self) -> None:
        self.extractor: Extractor | None = None
        self.pages: SitePages | None = None
        self.cache: ExtractionCache | None = None
        self.dirty = False
        self.memo = ArticleMemo()
        self._previous_pages: SitePages | None = None  # what the last build rendered (serve)
        self._inputs_stamp: tuple | None = None
        self.plan: RebuildPlan | None = None
        self.registry = None
        self._registry_stamp: tuple | None = None
        self._resolve_memo = ResolveMemo()
        # Compiled templates kept across serve rebuilds (keyed by source checksum, so an edited
        # template recompiles): MkDocs makes a new Jinja environment for every build.
        self._bytecode_cache = MemoryBytecodeCache()
        self._feed_writer = ChangedFeedWriter()
        self.head: HeadBuilder | None = None
        # Page titles as written, before on_page_markdown escapes them for Material's templates;
        # the head's meta and JSON-LD escape for their own contexts.
        self._plain_titles: dict[str, str] = {}
        self.last_modified: LastModified | None = None
        self.command = "build"
        self.render_cache: RenderCache | None = None
        self.render_stats: tuple[int, int] | None = None  # (served from cache, rendered) of the last build
        self._outputs_task: ForkedTask | None = None  # digest.json and feeds, written by a child process
        self.outputs_by_child = False  # whether the last build's digest.json and feeds came from the child
        self.helper_pages: int | None = None  # pages of the last build rendered by the helper process, if one ran
        self._collector = CollectorPause()  # the garbage collector, paused for serve's rebuilds after an edit

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup makes MkDocs keep this instance across serve rebuilds, so the
        # spaCy model is loaded once per process, not once per edit.
        self.extractor = Extractor()
        self.dirty = dirty
        self.command = command
        if command == "serve":
            # The model loads lazily, and a warm first build never needs it: load it now so the
            # first edit does not wait seconds for it.
            self.extractor.prepare()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.extractor is None:
            self.extractor = Extractor()
        cache_dir = Path(config.config_file_path).parent / self.config.cache_dir
        if self.command != "serve" or self.cache is None or self.cache.directory != cache_dir:
            # Kept across serve rebuilds: its pack of every article's entities is read once per
            # session, not again for each edit (entries are keyed by content, so never stale).
            self.cache = ExtractionCache(cache_dir)
        registry_stamp = (self.config.entities_file, _mtime(self.config.entities_file))
        if registry_stamp != self._registry_stamp:  # kept across serve rebuilds while its file is unchanged
            try:
                self.registry = load_registry(Path(self.config.entities_file)) if self.config.entities_file else None
            except RegistryError as error:
                raise PluginError(str(error)) from error
            self._registry_stamp = registry_stamp
        # Our templates go after the user's custom_dir (which may override any of them) and
        # before the theme's own.
        dirs = config.theme.dirs
        dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES_DIR))
        config.extra_css.append("assets/digest/digest.css")
        config.extra_javascript.append("assets/digest/digest.js")
        if self.config.feed_items < 1:
            raise PluginError(f"digest: feed_items must be at least 1, not {self.config.feed_items}")
        if self.config.search == "pagefind":
            self._use_pagefind(config)
        if config.nav is None:
            # MkDocs' automatic nav would list every article: quadratic builds, useless menus.
            config.nav = DEFAULT_NAV
        # A changed mkdocs.yml or registry can change any page: the next dirty build is a full one.
        stamp = (config.config_file_path, _mtime(config.config_file_path), config.docs_dir, config.site_dir,
                 _mtime(self.config.entities_file), repr(dict(self.config)))
        self._previous_pages = self.pages if stamp == self._inputs_stamp else None
        self._inputs_stamp = stamp
        if self.command == "serve" and self.dirty and self._previous_pages is not None:
            self._collector.pause()  # a rebuild after an edit: collected once its pages are out
        self.plan = None
        self.pages = None
        self.head = None
        self.last_modified = None
        self._plain_titles = {}
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        prefix = self.config.articles_dir.strip("/") + "/"
        articles = []
        present = set()
        for file in files.documentation_pages():
            if not file.src_uri.startswith(prefix):
                continue
            path = Path(file.abs_src_path)  # MkDocs computes abs_src_path anew at every access
            present.add(path)
            try:
                articles.append(self.memo.load(path, file.src_uri))
            except ArticleError as error:
                log.warning("%s", error)
        self.memo.forget_missing(present)
        extracted = self._extract(articles)
        previous = self._previous_pages
        reuse_related = None
        if self.dirty and previous is not None and \
                {a.id for a in previous.digest.articles} == {a.id for a in articles}:
            reuse_related = RelatedResult(related=previous.digest.related, threads=previous.digest.threads,
                                          thread_of=previous.digest.thread_of)
        digest = assemble(articles, extracted, self.registry, related_count=self.config.related_count,
                          cache_dir=self.cache.directory, reuse_related=reuse_related,
                          resolve_memo=self._resolve_memo if self.dirty else None)
        self.pages = SitePages(digest, directory_urls=config.use_directory_urls, page_size=self.config.page_size,
                               latest_count=self.config.latest_count, trending_days=self.config.trending_days)
        options = HeadOptions(feeds=self.config.feeds, structured_data=self.config.structured_data,
                              social_meta=self.config.social_meta)
        if options.feeds or options.structured_data or options.social_meta:
            site = SiteInfo(name=config.site_name, url=config.site_url or None,
                            description=config.site_description or "")
            self.head = HeadBuilder(self.pages, site, options)
        self.last_modified = LastModified(self.pages) if self.config.sitemap_lastmod else None
        plan = rebuild_plan(previous, self.pages) if self.dirty else None
        self.plan = plan
        self._previous_pages = None  # the old digest is not needed past this point
        for page in self.pages.generated():
            if files.get_file_from_path(page.src_uri) is None:  # an editor's own page wins
                files.append(planned_file(config, page.src_uri, page.content, plan))
        assets = ASSETS | (SEARCH_ASSETS if self.config.search == "pagefind" else {})
        for uri, name in assets.items():
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(ASSETS_DIR / name)))
        if files.get_file_from_path("index.md") is None:
            files.append(planned_file(config, "index.md", "---\ntitle: Latest news\n---\n", plan))
        _keep_out_of_nav(files, lambda uri: self.pages.page_spec(uri) is not None, _nav_paths(config.nav))
        if plan is not None:
            rebuilt = apply_plan(plan, files, config, ours=lambda uri: self.pages.is_article(uri) or uri == "index.md")
            log.info("digest: dirty build, %s: %s", plan.reason,
                     "every page" if plan.full else f"{rebuilt} digest page(s) to rebuild")
        if self._full_build_on_cores() and (self.config.export_json or self.config.feeds) \
                and not _names_outputs(files) and fork_available():
            # digest.json and the feeds need only the digest: a child writes them while MkDocs
            # reads and renders pages on the other core (MkDocs cleaned site_dir before on_files).
            self._outputs_task = ForkedTask(lambda: self._write_outputs(config), name="digest-feeds")
        return files

    def _extract(self, articles: list) -> dict:
        """Raw entities per article id: remembered from an earlier build, else cache or NER."""
        extracted = {}
        missing = []
        for article in articles:
            known = self.memo.known_entities(article)
            if known is None:
                missing.append(article)
            else:
                extracted[article.id] = known
        if missing:
            extraction = FastExtraction(self.extractor, usable_cores(self.config.processes))
            fresh = extract_entities(missing, extraction, self.cache)
            for article in missing:
                self.memo.remember_entities(article, fresh[article.id])
            extracted.update(fresh)
        return extracted

    def _full_build_on_cores(self) -> bool:
        """A full `mkdocs build` with more than one core to use: work can go to child processes."""
        return self.command == "build" and not self.dirty and usable_cores(self.config.processes) > 1

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.dirty:
            env.bytecode_cache = self._bytecode_cache
        if self.config.render_cache:
            # Serve renders with its own site_url, so its pages differ from a build's: one store
            # each, or every switch between them would re-render everything.
            store = RenderedPageStore(self.cache.directory, name="serve-pages" if self.command == "serve" else "pages")
            # A full build with a core to spare renders pages on two processes (render_ahead.py).
            self.render_cache = RenderCache(store, config, render_ahead=self._full_build_on_cores())
            install(env, self.render_cache)
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.pages is None:
            return markdown
        if isinstance(page.meta.get("title"), str) and self.pages.page_spec(page.file.src_uri) is not None:
            # Titles of articles (and of pages named after them) are ingested text, and Material
            # prints page.title unescaped in <title>, the header and the nav: escape it once here.
            self._plain_titles[page.file.src_uri] = page.meta["title"]
            page.meta["title"] = str(escape(page.meta["title"]))
        if self.last_modified is not None:
            # Runs for every page before MkDocs renders sitemap.xml, which prints update_date.
            changed = self.last_modified.for_page(page.file.src_uri, is_homepage=page.is_homepage)
            if changed is not None:
                page.update_date = w3c_datetime(changed)
        if page.is_homepage:
            page.meta.setdefault("template", "digest/home.html")
        if not self.pages.is_article(page.file.src_uri):
            return markdown
        page.meta.setdefault("template", "digest/article.html")
        if not self.config.crosslinks:
            return markdown
        targets = [(surfaces, self._relative_md(page, target))
                   for surfaces, target in self.pages.crosslink_targets(page.file.src_uri)]
        return link_first_mentions(markdown, targets)

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        # Computed page by page as MkDocs renders, so no build holds every article's context.
        if self.pages is not None:
            raw = self.pages.raw_context(page.file.src_uri, is_homepage=page.is_homepage)
            if raw is not None:
                # With the render cache, escaping waits until the page is really rendered.
                context["digest"] = escape_context(raw) if self.render_cache is None else Deferred(raw, escape_context)
        context["digest_search"] = self.config.search
        if self.head is not None:
            title = self._plain_titles.pop(page.file.src_uri, None) or page.title or config.site_name
            context["digest_head"] = self.head.head_for(page.file.src_uri, title=title,
                                                        is_homepage=page.is_homepage)
        return context

    def _finish_site(self, *, config: MkDocsConfig) -> None:
        self._close_render_cache(complete=True)
        task, self._outputs_task = self._outputs_task, None
        self.outputs_by_child = task is not None and task.succeeded()
        if not self.outputs_by_child:
            self._write_outputs(config)
        if self.config.search == "pagefind":
            # After everything else, so the index sees the pages as served. `mkdocs serve`
            # calls on_post_build after every rebuild, with site_dir its temporary folder.
            try:
                run = index_site(Path(config.site_dir))
            except PagefindError as error:
                raise PluginError(f"digest: {error}") from error
            log.info("digest: pagefind indexed %s in %.1f s", config.site_dir, run.seconds)

    @event_priority(-100)  # after every plugin's on_post_build: the collection waits for the whole build
    def _collect_after_build(self, *, config: MkDocsConfig) -> None:
        self._collector.collect_later()

    on_post_build = CombinedEvent(_finish_site, _collect_after_build)

    def _write_outputs(self, config: MkDocsConfig) -> None:
        """site/digest.json and the feeds."""
        if self.pages is not None and self.config.export_json:
            write_json_atomically(digest_json(self.pages), Path(config.site_dir) / "digest.json")
        if self.pages is not None and self.config.feeds:
            feed_options = dict(site_name=config.site_name, site_url=config.site_url or None,
                                site_description=config.site_description or "", author=config.site_author or "",
                                limit=self.config.feed_items, empty_updated=get_build_datetime())
            if self.dirty:  # only the feeds that changed: a digest has thousands
                changed = self.plan.articles if self.plan is not None and not self.plan.full else None
                written = self._feed_writer.write(self.pages, Path(config.site_dir), changed_articles=changed,
                                                  **feed_options)
            else:
                written = write_feeds(self.pages, Path(config.site_dir), **feed_options)
            log.debug("digest: wrote %d feed files", len(written))

    def on_build_error(self, *, error: Exception) -> None:
        task, self._outputs_task = self._outputs_task, None
        if task is not None:
            task.cancel()
        self._close_render_cache(complete=False)
        self._collector.collect_later()

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        # MkDocs polls docs_dir twice a second; change events start the rebuild at once.
        if watcher_for(config.docs_dir, self.config.serve_watcher) == "native" and use_native_observer(server):
            log.info("digest: serve watches for changes through file change events (serve_watcher: polling to poll)")
        articles = len(self.pages.digest.articles) if self.pages is not None else 0
        if not self.dirty and articles >= DIRTY_HINT_ARTICLES:
            # Plain serve cleans the site folder and rebuilds every page after each save.
            log.info("digest: every save rebuilds all %d articles' pages; `mkdocs serve --dirty` rebuilds "
                     "only the pages the saved file changes", articles)
        return server

    def on_shutdown(self) -> None:
        self._collector.resume()

    def _close_render_cache(self, *, complete: bool) -> None:
        cache, self.render_cache = self.render_cache, None
        if cache is None:
            return
        self.helper_pages = cache.close_ahead()
        if complete and not self.dirty:  # every page was rendered: rows of vanished pages can go
            cache.store.keep_only(cache.rendered)
        cache.store.close()
        self.render_stats = (cache.store.hits, cache.store.misses)
        log.debug("digest: render cache %d hit(s), %d miss(es); %s page(s) rendered by a helper process",
                  cache.store.hits, cache.store.misses, self.helper_pages or 0)

    @staticmethod
    def _use_pagefind(config: MkDocsConfig) -> None:
        if not pagefind_installed():
            raise PluginError(f"digest: {NOT_INSTALLED}")
        # Material's search would still build its one big index and every reader would download
        # it on page load: switch it off. Its events check `enabled`, whatever their order.
        for name in MATERIAL_SEARCH:
            plugin = config.plugins.get(name)
            if plugin is not None and hasattr(plugin.config, "enabled"):
                plugin.config.enabled = False
        config.extra_css.append("assets/digest/search.css")
        config.extra_javascript.append("assets/digest/search.js")

    @staticmethod
    def _relative_md(page: Page, target_src_uri: str) -> str:
        return os.path.relpath(target_src_uri, os.path.dirname(page.file.src_uri) or ".").replace(os.sep, "/")


def _mtime(path: str | None) -> float | None:
    if not path:
        return None
    try:
        return os.path.getmtime(path)
    except OSError:
        return None


def _nav_paths(items) -> set[str]:
    """Every page path a MkDocs `nav` config names (nested lists of strings and titled items)."""
    paths: set[str] = set()
    for item in items or ():
        if isinstance(item, str):
            paths.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                paths |= _nav_paths(value if isinstance(value, list) else [value])
    return paths


def _names_outputs(files: Files) -> bool:
    """Whether the site has a file of its own where the digest writes digest.json or a feed:
    then those are written after MkDocs' copying, in on_post_build, as always (so ours win)."""
    return any(file.dest_uri == "digest.json" or posixpath.basename(file.dest_uri) in ("feed.xml", "rss.xml")
               for file in files)


def _keep_out_of_nav(files: Files, ours, named: set[str]) -> None:
    """Mark the digest's own pages (articles; person, country, month and thread pages) as
    meant to stay out of the nav, unless the nav names them. Otherwise MkDocs lists every one
    of them at each build as missing from the nav (twenty thousand lines for a big digest),
    and a site without a `nav:` would get all of them in its generated nav."""
    for file in files.documentation_pages():
        if ours(file.src_uri) and file.src_uri not in named \
                and file.inclusion in (InclusionLevel.UNDEFINED, InclusionLevel.INCLUDED):
            file.inclusion = InclusionLevel.NOT_IN_NAV
