"""One build of the digest as MkDocs runs it, from the files MkDocs found to the written site.

The session (session.py) makes a `DigestBuild` in on_config; the plugin's events call its
steps in MkDocs' order:

- `add_pages` (on_files): read the article files (the session remembers unchanged ones), extract
  entities (cache first, NER for the rest), assemble the digest (core), make the site view's pages
  (`SitePages`, with URLs from MkDocs' own files), head data and sitemap dates, add the generated
  pages and assets to MkDocs' files, and for a dirty build decide which pages to render again;
- `prepare_env` (on_env), `page_markdown`, `after_conversion` and `page_context`: per page, as
  MkDocs renders it. An article page is held to what its source may show
  (siteview/articlepage.py, core/safehtml.py): its raw HTML is text, its meta its validated front
  matter, its converted body passes the HTML allowlist before the plugin adds its own dateline;
- `finish` (on_post_build): digest.json and the feeds (written by a forked child from on_files
  on, when the build may fork), Pagefind, and the cache's housekeeping.

Dirty rebuilds (`mkdocs serve --dirty`, `mkdocs build --dirty`): MkDocs renders only pages whose
File reports `is_modified()`. Generated pages answer from a `RebuildPlan`
(siteview/incremental.py), and article pages whose context changed get their old output aged so
MkDocs' own mtime check renders them (dirty_build.py). Related stories are reused from the last
build while the set of articles is unchanged: an edit's own related links and threads are those
of the last full computation until the next full build. Every page that shows the edited
article's title, date, summary or entities is rebuilt; an edit that changes the digest as a whole
(a slug, an added or removed article, the first or last date, mkdocs.yml or the registry) makes
the rebuild a full one. Left approximate under serve: sitemap.xml's lastmod of pages not rebuilt.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_datetime

from digest_plugin.core.articles import ArticleError, ensure_unique_ids
from digest_plugin.core.corpus import assemble, extract_entities
from digest_plugin.core.ingest.sanitize import costly_to_convert
from digest_plugin.core.model import Article, ArticleEntities
from digest_plugin.core.related import RelatedResult
from digest_plugin.core.safehtml import CLEANING_STAMP, clean_html
from digest_plugin.core.shown import shown
from digest_plugin.glue import files as site_files
from digest_plugin.glue.config import DigestConfig
from digest_plugin.glue.dirty_build import apply_plan
from digest_plugin.glue.logs import log
from digest_plugin.siteview import articlepage, crosslink
from digest_plugin.siteview.articlepage import RawHtmlAsText, guarded_meta, plain_text_html
from digest_plugin.siteview.crosslink import link_first_mentions
from digest_plugin.siteview.export import digest_json, write_json_atomically
from digest_plugin.siteview.feeds import write_feeds
from digest_plugin.siteview.head import HeadBuilder, HeadOptions, SiteInfo
from digest_plugin.siteview.incremental import RebuildPlan, rebuild_plan
from digest_plugin.siteview.pagefind import NOT_INSTALLED, PagefindError, index_site, pagefind_installed
from digest_plugin.siteview.pages import SitePages, escape_context
from digest_plugin.siteview.sitemap import LastModified, w3c_datetime
from digest_plugin.siteview.weburls import safe_site_url
from digest_plugin.speed import Deferred, RenderStats

if TYPE_CHECKING:
    from digest_plugin.glue.session import DigestSession

MATERIAL_SEARCH = ("material/search", "search")


def _sources_stamp(*modules: Any) -> str:
    digest = hashlib.blake2b(digest_size=12)
    for module in modules:
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


# What an article's stored conversion depends on besides its Markdown and MkDocs' settings: the
# cross-links added before it, raw HTML shown as text during it, the allowlist applied after it.
ARTICLE_CONVERSION = CLEANING_STAMP + _sources_stamp(crosslink, articlepage)


def _render_or_plain_text(page: Page, render: Callable[[MkDocsConfig, Files], None], markdown: str,
                          config: MkDocsConfig, files: Files) -> None:
    """An article's conversion (MkDocs' `Page.render`, or the stored one), failing that article
    alone: Markdown that Python-Markdown cannot convert (a list nested hundreds deep exhausts its
    recursion; an extension may fail on odd input) is shown as plain text, with a warning naming
    the file, instead of stopping the whole build; so is Markdown it would take minutes over
    (`costly_to_convert`: a hand-written file's paragraph of 20,000 "[")."""
    costly = costly_to_convert(markdown)
    try:
        if costly:
            raise ValueError(costly)
        render(config, files)
    except MkDocsException:
        raise
    except Exception as error:  # any parser error fails its input, never the run
        log.warning("Article '%s': its Markdown cannot be converted (%s: %s); shown as plain text",
                    shown(page.file.src_uri), type(error).__name__, shown(error, 120))
        page.content = plain_text_html(markdown)  # as written, without the cross-links
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        page.links_to_anchors = {}


class DigestBuild:
    """The state of one build (see the module docstring)."""

    def __init__(self, session: DigestSession, options: DigestConfig, config: MkDocsConfig,
                 previous: SitePages | None) -> None:
        self.session = session
        self.options = options
        self.config = config
        self.previous = previous  # the last build's pages, for a dirty rebuild to compare with
        self.pages: SitePages | None = None
        self.plan: RebuildPlan | None = None
        self.head: HeadBuilder | None = None
        self.last_modified: LastModified | None = None
        # Page titles as written, before page_markdown escapes them for Material's templates;
        # the head's meta and JSON-LD escape for their own contexts.
        self._plain_titles: dict[str, str] = {}
        self.outputs_by_child = False
        self.raw_html_as_text = RawHtmlAsText()  # switched on for each article page's conversion
        self._configure(config)

    def _configure(self, config: MkDocsConfig) -> None:
        # Themes print canonical links (built from site_url) unescaped: no markup in it.
        config.site_url = safe_site_url(config.site_url)
        config.markdown_extensions.append(self.raw_html_as_text)
        # Our templates go after the user's custom_dir (which may override any of them) and
        # before the theme's own.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(site_files.TEMPLATES_DIR))
        config.extra_css.append("assets/digest/digest.css")
        config.extra_css.append("assets/digest/stories.css")
        config.extra_javascript.append("assets/digest/digest.js")
        if self.options.search == "pagefind":
            _use_pagefind(config)
        if config.nav is None:
            # MkDocs' automatic nav would list every article: quadratic builds, useless menus.
            config.nav = site_files.DEFAULT_NAV

    # -- on_files --------------------------------------------------------------------------

    def add_pages(self, files: Files) -> Files:
        articles = self._read_articles(files)
        pages = self.pages = self._site_pages(articles, files)
        site_files.add_generated(files, self.config, pages.generated())
        site_files.add_assets(files, self.config, pagefind=self.options.search == "pagefind")
        site_files.keep_out_of_nav(files, lambda uri: pages.page_spec(uri) is not None,
                                   site_files.nav_paths(self.config.nav))
        if self.session.dirty:
            self._plan_dirty_build(files)
        self.previous = None  # the old pages are not needed past this point
        cache = self.session.cache
        self.session.speed.start_conversions(self.config, store=cache.pages("markdown")
                                             if self.options.render_cache and cache is not None and cache.writable
                                             else None)
        if (self.options.export_json or self.options.feeds) and not site_files.names_outputs(files):
            # digest.json and the feeds need only the digest: a child writes them while MkDocs
            # reads and renders pages on the other core (MkDocs cleaned site_dir before on_files).
            self.session.speed.start_beside(self._write_outputs, name="digest-feeds")
        return files

    def _read_articles(self, files: Files) -> list[Article]:
        prefix = self.options.articles_dir.strip("/") + "/"
        articles, present, skipped = [], set(), []
        memo = self.session.memo
        for file in files.documentation_pages():
            if not file.src_uri.startswith(prefix):
                continue
            path = Path(file.abs_src_path or "")  # MkDocs computes abs_src_path anew at every access
            present.add(path)
            try:
                articles.append(memo.load(path, file.src_uri))
            except ArticleError as error:
                log.warning("%s; skipped", error)
                skipped.append(file)
        # An article that cannot be read is left out of the site, not published as a plain page
        # (its front matter may be what MkDocs cannot read either: an alias bomb, UTF-16).
        for file in skipped:
            files.remove(file)
        ensure_unique_ids(articles)  # two files with one id: the second goes by its path, warned
        memo.forget_missing(present)
        return articles

    def _site_pages(self, articles: list[Article], files: Files) -> SitePages:
        session, options, config = self.session, self.options, self.config
        digest = assemble(articles, self._extract(articles), session.registry,
                          related_count=options.related_count,
                          cache_dir=session.cache.related if session.cache else None,
                          reuse_related=self._reusable_related(articles),
                          resolve_memo=session.resolve_memo if session.dirty else None)
        pages = SitePages(digest, urls=site_files.FileUrls(files), page_size=options.page_size,
                          latest_count=options.latest_count, trending_days=options.trending_days,
                          images=options.images)
        head_options = HeadOptions(feeds=options.feeds, structured_data=options.structured_data,
                                   social_meta=options.social_meta)
        if head_options.feeds or head_options.structured_data or head_options.social_meta:
            site = SiteInfo(name=config.site_name, url=config.site_url or None,
                            description=config.site_description or "")
            self.head = HeadBuilder(pages, site, head_options)
        self.last_modified = LastModified(pages) if options.sitemap_lastmod else None
        return pages

    def _extract(self, articles: list[Article]) -> dict[str, ArticleEntities]:
        """Raw entities per article id: remembered from an earlier build, else cache or NER."""
        memo, extracted, missing = self.session.memo, {}, []
        for article in articles:
            known = memo.known_entities(article)
            if known is None:
                missing.append(article)
            else:
                extracted[article.id] = known
        if missing:
            extraction = self.session.speed.extraction(self.session.extractor)
            fresh = extract_entities(missing, extraction, self.session.extraction_cache)
            for article in missing:
                memo.remember_entities(article, fresh[article.id])
            extracted.update(fresh)
            self.session.after_extraction()
        return extracted

    def _reusable_related(self, articles: list[Article]) -> RelatedResult | None:
        previous = self.previous
        if previous is None or {a.id for a in previous.digest.articles} != {a.id for a in articles}:
            return None
        return RelatedResult(related=previous.digest.related, threads=previous.digest.threads,
                             thread_of=previous.digest.thread_of)

    def _plan_dirty_build(self, files: Files) -> None:
        pages = self.pages
        assert pages is not None
        plan = self.plan = rebuild_plan(self.previous, pages)
        rebuilt = apply_plan(plan, files, self.config,
                             ours=lambda uri: pages.is_article(uri) or uri == site_files.HOME_PAGE)
        log.info("dirty build, %s: %s", plan.reason,
                 "every page" if plan.full else f"{rebuilt} digest page(s) to rebuild")

    # -- pages -------------------------------------------------------------------------------

    def prepare_env(self, env: Any) -> Any:
        page_store = None
        if self.options.render_cache and self.session.cache is not None and self.session.cache.writable:
            # Serve renders with its own site_url, so its pages differ from a build's: one store each.
            page_store = self.session.cache.pages("serve" if self.session.command == "serve" else "build")
        self.session.speed.prepare_env(env, self.config, page_store=page_store)
        return env

    def page_markdown(self, markdown: str, page: Page) -> str:
        pages = self.pages
        src_uri = page.file.src_uri
        is_article = pages is not None and pages.is_article(src_uri)
        self.raw_html_as_text.active = is_article  # an article's raw HTML converts to text
        if pages is None:
            return markdown
        if is_article:
            # The page carries only its article's validated front matter, the title escaped.
            title = pages.article_at(src_uri).title
            self._plain_titles[src_uri] = title
            page.meta = guarded_meta(page.meta, title)
        elif isinstance(page.meta.get("title"), str) and pages.page_spec(src_uri) is not None:
            # Titles of articles (and of pages named after them) are ingested text, and Material
            # prints page.title unescaped in <title>, the header and the nav: escape it once here.
            self._plain_titles[src_uri] = page.meta["title"]
            page.meta["title"] = str(escape(page.meta["title"]))
        if self.last_modified is not None:
            # Runs for every page before MkDocs renders sitemap.xml, which prints update_date.
            changed = self.last_modified.for_page(src_uri, is_homepage=page.is_homepage)
            if changed is not None:
                page.update_date = w3c_datetime(changed)
        if page.is_homepage:
            page.meta.setdefault("template", "digest/home.html")
        if not pages.is_article(src_uri):
            return markdown
        page.meta.setdefault("template", "digest/article.html")
        return markdown

    def before_conversion(self, markdown: str, page: Page, files: Files) -> str:
        """The last on_page_markdown of an article: its cross-links added (the first mention of
        each of its people and countries), unless the converted page is already known."""
        src_uri = page.file.src_uri
        if self.pages is None:
            return markdown
        if not self.pages.is_article(src_uri):
            if self._is_generated(page):  # Markdown the plugin wrote: its conversion is reusable too
                return self.session.speed.before_conversion(markdown, page, files, lambda text: text)
            return markdown
        folder = os.path.dirname(src_uri) or "."
        targets = [(surfaces, os.path.relpath(target, folder).replace(os.sep, "/"))
                   for surfaces, target in self.pages.crosslink_targets(src_uri)] if self.options.crosslinks else []
        converted = self.session.speed.before_conversion(
            markdown, page, files, lambda text: link_first_mentions(text, targets) if targets else text,
            key_extra=[(list(surfaces), target) for surfaces, target in targets], finish_stamp=ARTICLE_CONVERSION)
        page.render = functools.partial(_render_or_plain_text, page, page.render, markdown)  # type: ignore[method-assign]
        return converted

    def after_conversion(self, html: str, page: Page) -> str:
        if self.pages is None:
            return html
        if not self.pages.is_article(page.file.src_uri):
            return self.session.speed.after_conversion(html, page) if self._is_generated(page) else html
        page.__dict__.pop("render", None)  # Page.render again (see _render_or_plain_text)
        html = self.session.speed.after_conversion(html, page, finish=clean_html)
        # Search results show the body's start: a hidden dateline gives them source and date.
        # Added after the allowlist, which would take its attributes: it is the digest's own.
        return self.pages.article_dateline(page.file.src_uri) + html

    def _is_generated(self, page: Page) -> bool:
        """A page the plugin generated (not an editor's file at one of its paths)."""
        return page.file.generated_by is not None and self.pages is not None \
            and self.pages.page_spec(page.file.src_uri) is not None

    def page_context(self, context: dict, page: Page) -> dict:
        # Computed page by page as MkDocs renders, so no build holds every article's context.
        if self.pages is not None:
            raw = self.pages.raw_context(page.file.src_uri, is_homepage=page.is_homepage)
            if raw is not None:
                # With the render cache, escaping waits until the page is really rendered.
                context["digest"] = Deferred(raw, escape_context) if self.session.speed.caching_renders \
                    else escape_context(raw)
        context["digest_search"] = self.options.search
        if self.head is not None:
            title = self._plain_titles.pop(page.file.src_uri, None) or page.title or self.config.site_name
            context["digest_head"] = self.head.head_for(page.file.src_uri, title=title, is_homepage=page.is_homepage)
        return context

    # -- on_post_build -----------------------------------------------------------------------

    def finish(self) -> None:
        self.outputs_by_child = self.session.speed.beside_succeeded()
        self.session.speed.finish_build(complete=True)
        if not self.outputs_by_child:
            self._write_outputs()
        if self.options.search == "pagefind":
            # After everything else, so the index sees the pages as served. `mkdocs serve`
            # calls on_post_build after every rebuild, with site_dir its temporary folder.
            try:
                run = index_site(Path(self.config.site_dir))
            except PagefindError as error:
                raise PluginError(f"digest: {error}") from error
            log.info("pagefind indexed %s in %.1f s", self.config.site_dir, run.seconds)
        if self.session.command == "build" and not self.session.dirty:
            self._tidy_cache()  # a full build read every article through the cache
        self.session.build_done(self)

    @property
    def render_stats(self) -> RenderStats | None:
        """Pages served from the render cache, rendered, and rendered by the helper process."""
        return self.session.speed.last_render

    def failed(self) -> None:
        self.session.speed.finish_build(complete=False)

    def _write_outputs(self) -> None:
        """site/digest.json and the feeds."""
        pages, options, config = self.pages, self.options, self.config
        if pages is None:
            return
        site_dir = Path(config.site_dir)
        if options.export_json:
            write_json_atomically(digest_json(pages), site_dir / "digest.json")
        if options.feeds:
            feed_options: dict[str, Any] = {
                "site_name": config.site_name, "site_url": config.site_url or None,
                "site_description": config.site_description or "", "author": config.site_author or "",
                "limit": options.feed_items, "empty_updated": get_build_datetime()}
            if self.session.dirty:  # only the feeds that changed: a digest has thousands
                changed = self.plan.articles if self.plan is not None and not self.plan.full else None
                written = self.session.feed_writer.write(pages, site_dir, changed_articles=changed, **feed_options)
            else:
                written = write_feeds(pages, site_dir, **feed_options)
            log.debug("wrote %d feed files", len(written))

    def _tidy_cache(self) -> None:
        """After a full build, the caches keep only what it used, and say how big they are
        (core/cachedir.py; the rendered pages were pruned as the render cache closed)."""
        cache, extraction = self.session.cache, self.session.extraction_cache
        if cache is None or extraction is None:
            return
        removed = extraction.keep_only(extraction.used)
        log.info("cache %s: %s%s", cache.root, cache.usage().describe(),
                 f"; {removed} unused extraction entries removed" if removed else "")


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
