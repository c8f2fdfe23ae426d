"""The `digest` MkDocs plugin: MkDocs' build events, handed to the objects that do the work.

on_startup    makes the `DigestSession` (session.py): what lives as long as MkDocs keeps this
              plugin instance, i.e. one build or a whole `mkdocs serve` session (the spaCy model,
              caches, the articles as last read, the speed machinery)
on_config     starts a `DigestBuild` (build.py): the state of one build
on_pre_build  a full build's cleaning of site_dir is handed to a process beside the build
on_files      the build reads and extracts the articles, assembles the digest and adds its pages
on_env        templates: the render cache, and compiled templates kept under serve
on_page_*     per page: its template, escaped title, cross-links, sitemap date and context; an
              unchanged article's Markdown conversion comes from the last build
on_post_build digest.json, feeds, Pagefind, cache housekeeping
on_serve      serve notices saves through file change events rather than polling

Defining on_startup makes MkDocs keep one plugin instance across serve's rebuilds (MkDocs'
plugins.py); without it (a plugin driven by hand) the first on_config makes a session.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from digest_plugin.glue.build import DigestBuild
from digest_plugin.glue.config import DigestConfig
from digest_plugin.glue.session import DigestSession


class DigestPlugin(BasePlugin[DigestConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.session: DigestSession | None = None
        self.build: DigestBuild | None = None  # the current or last build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.session = DigestSession(command, dirty)
        if command == "serve":
            # A warm first build never needs the model; load it now so the first edit does not wait.
            self.session.load_model_now()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.session is None:
            self.session = DigestSession(told_by_mkdocs=False)
        self.build = self.session.start_build(self.config, config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.session is not None:  # MkDocs cleans site_dir right after this event
            self.session.before_clean(config.site_dir)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        return self._current().add_pages(files)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        return self._current().prepare_env(env)

    def _page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._current().page_markdown(markdown, page)

    @event_priority(-100)  # last, so the Markdown it sees is what MkDocs converts
    def _before_conversion(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._current().before_conversion(markdown, page, files)

    on_page_markdown = CombinedEvent(_page_markdown, _before_conversion)

    @event_priority(100)  # first, so every other plugin sees the page as converted
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._current().after_conversion(html, page)

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        return self._current().page_context(context, page)

    @event_priority(100)  # first: other plugins' on_post_build (Pagefind, ours) may walk site_dir
    def _old_site_gone(self, *, config: MkDocsConfig) -> None:
        if self.session is not None:
            self.session.old_site_gone()

    def _finish(self, *, config: MkDocsConfig) -> None:
        self._current().finish()

    @event_priority(-100)  # last of all plugins' on_post_build: the garbage collection waits for them
    def _after_every_plugin(self, *, config: MkDocsConfig) -> None:
        if self.session is not None:
            self.session.build_over()

    on_post_build = CombinedEvent(_old_site_gone, _finish, _after_every_plugin)

    def on_build_error(self, *, error: Exception) -> None:
        if self.build is not None:
            self.build.failed()
        if self.session is not None:
            self.session.build_over()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        return self.session.serve(server, config, self.config) if self.session is not None else server

    def on_shutdown(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None  # MkDocs may keep this instance for the next build in the process

    def _current(self) -> DigestBuild:
        if self.build is None:
            raise RuntimeError("digest: a build event arrived before on_config")
        return self.build
