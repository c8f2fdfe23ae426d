"""Skip re-rendering a page whose every input is unchanged since the last build (MkDocs glue).

A warm build of a digest renders thousands of pages whose HTML would come out byte for byte as
before. MkDocs renders each page as `template.render(context)`; installed on the Jinja
environment (`install`), the page templates become `_CachingTemplate`s whose `render` first
computes a key over everything the output can depend on:

- the whole template context: the page (URL, title, meta, rendered Markdown, table of contents,
  neighbours, ancestors), the digest's own context for it (already plain data), any other
  plugin's additions, the nav, and the configuration with every plugin's settings;
- the template's name and the theme: name, options, and the size and mtime of every file in
  its template folders (custom_dir and the plugin's templates included), plus the versions of
  MkDocs and Material;
- the Jinja environment's globals, filters and tests, which other plugins extend: plain values
  by content, functions by module, name and compiled code, other objects by type and repr
  (an object whose repr is only an address makes every page render, uncached);

and serves the stored HTML when the key matches (`RenderedPageStore`), else renders and stores.
Anything in a context that is not plain data (an object we cannot see into) makes that page
render every time, uncached. The context's `pages` (every Markdown file) and `build_date_utc`
enter the key only when some file in the template folders names them: Material's templates and
the plugin's do not, and with them in the key one added article, or the clock, would re-render
every page. So do the settings that say where the sources are on disk (`docs_dir`,
`config_file_path`): a CI job that checks out into a new folder keeps its rendered pages.
Turn the cache off with the plugin option `render_cache: false`.

On a full build, the cache also decides, from the first pages, whether to have a forked helper
render pages beside MkDocs (render_ahead.py): only when most of them had to be rendered.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import jinja2
from mkdocs.structure.pages import Page

from digest_plugin.speed.forks import fork_available
from digest_plugin.speed.page_store import RenderedPageStore
from digest_plugin.speed.render_ahead import AHEAD_SAMPLE, MIN_PAGES, RenderAhead, page_context_is_pure

# What MkDocs' get_context puts in every page's context, fingerprinted per build, not per page.
_BUILD_WIDE = {"nav", "pages", "config", "build_date_utc", "mkdocs_version"}
# Config entries that only shape page.content (already in the key through the HTML itself),
# that get their own treatment below, and where the site is written (serve picks a new
# temporary folder each time; no page prints it).
_CONFIG_SKIPPED = {"nav", "plugins", "theme", "markdown_extensions", "mdx_configs", "site_dir"}
# Where the sources are on disk: a CI job checks out into a new folder each time, and no page of
# Material's or the plugin's prints it, so these are in the key only if a template names them.
_SOURCE_PATHS = {"docs_dir", "config_file_path"}


@dataclass(frozen=True)
class Deferred:
    """A context value that the key reads as `data` and a render receives as `build(data)`:
    work that only a page actually rendered needs (the digest's escaping of its context)."""

    data: object
    build: Callable[[object], object]


def _ready(context: Mapping) -> dict:
    return {name: value.build(value.data) if isinstance(value, Deferred) else value
            for name, value in context.items()}


class Uncacheable(Exception):
    """A context holds a value whose content a key cannot capture: render without the cache."""


def _plain(value):
    if isinstance(value, Deferred):
        return value.data
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return dict(value)
    raise Uncacheable(type(value).__name__)


def _lenient(value):
    """For settings: unknown objects by repr, unless the repr is an address (then no caching)."""
    try:
        return _plain(value)
    except Uncacheable:
        text = repr(value)
        if " at 0x" in text:
            raise
        return text


def _dumps(value, default=_plain) -> str:
    return json.dumps(value, sort_keys=True, default=default, ensure_ascii=False)


def _nav_items(items) -> list:
    return [[type(item).__name__, getattr(item, "title", None), getattr(item, "url", None),
             _nav_items(getattr(item, "children", None) or [])] for item in items]


def _toc(items) -> list:
    return [[item.title, item.id, item.level, _toc(item.children)] for item in items]


def _link(page) -> list | None:
    return None if page is None else [page.title, page.url]


def _digest_of(text: str) -> str:
    # Hashing the rendered Markdown is cheaper than escaping it into the key's JSON.
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _page_fingerprint(page: Page) -> list:
    return [page.file.src_uri, page.url, page.canonical_url, page.abs_url, page.edit_url, page.title,
            page.is_homepage, page.update_date, page.meta, _digest_of(page.content or ""), _toc(page.toc),
            _link(page.previous_page), _link(page.next_page),
            [getattr(ancestor, "title", None) for ancestor in page.ancestors]]


# A template that reads the context's `pages` or `build_date_utc` (not `x.pages`): Material's
# and the plugin's do not, so those two stay out of the key unless a template folder uses them.
_READS_PAGES = re.compile(r"(?<![.\w])pages\b")
_READS_BUILD_DATE = re.compile(r"(?<![.\w])build_date_utc\b")
_READS_SOURCE_PATHS = re.compile(r"\b(?:docs_dir|config_file_path)\b")
_TEMPLATE_SUFFIXES = (".html", ".htm", ".xml", ".j2", ".jinja", ".jinja2")


@dataclass
class ThemeScan:
    stamps: list = field(default_factory=list)  # (folder number, relative path, content hash) of each file
    reads_pages: bool = False
    reads_build_date: bool = False
    reads_source_paths: bool = False


def scan_theme(dirs: list[str], static_templates: set[str] | frozenset[str] = frozenset()) -> ThemeScan:
    """Fingerprint every file of the template folders by its content (Material's icon set goes by
    its version) and note whether any page template reads `pages` or `build_date_utc` (static
    templates such as sitemap.xml render without a page, never from the cache).

    By content and by path inside its folder, not by mtime and absolute path: a CI job that
    restores the cache folder into a fresh checkout (new mtimes, often a new path) still finds
    its pages. Hashing Material's ~160 template and asset files takes a few milliseconds."""
    scan = ThemeScan()
    for number, folder in enumerate(dirs):
        for root, subdirs, names in os.walk(folder):
            subdirs[:] = sorted(d for d in subdirs if d != ".icons")
            for name in sorted(names):
                path = os.path.join(root, name)
                try:
                    content = Path(path).read_bytes()
                except OSError:
                    continue
                relative = os.path.relpath(path, folder).replace(os.sep, "/")
                if name.endswith(_TEMPLATE_SUFFIXES) and relative not in static_templates:
                    text = content.decode("utf-8", errors="replace")
                    scan.reads_pages = scan.reads_pages or bool(_READS_PAGES.search(text))
                    scan.reads_build_date = scan.reads_build_date or bool(_READS_BUILD_DATE.search(text))
                    scan.reads_source_paths = scan.reads_source_paths or bool(_READS_SOURCE_PATHS.search(text))
                scan.stamps.append([number, relative, hashlib.blake2b(content, digest_size=16).hexdigest()])
    return scan


def _callable_fingerprint(value: Callable) -> list:
    code = getattr(value, "__code__", None) or getattr(getattr(value, "__func__", None), "__code__", None)
    return [getattr(value, "__module__", None), getattr(value, "__qualname__", type(value).__qualname__),
            hashlib.blake2b(code.co_code, digest_size=8).hexdigest() if code is not None else None]


def _environment_fingerprint(env: jinja2.Environment) -> list:
    """What a page's HTML can depend on in the Jinja environment besides the template files:
    its globals, filters and tests, which MkDocs, the theme and any plugin (on_env) may add."""
    def entry(value: object) -> object:
        if isinstance(value, type):
            return [value.__module__, value.__qualname__]
        if callable(value):
            return _callable_fingerprint(value)
        return _lenient(value)

    return [sorted((name, _dumps(entry(value), _lenient)) for name, value in table.items())
            for table in (env.globals, env.filters, env.tests)]


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


class RenderCache:
    """Keys for page contexts, and the store behind them, for one build."""

    def __init__(self, store: RenderedPageStore, config, *, render_ahead: bool = False) -> None:
        """`render_ahead`: if the first pages mostly need rendering (a cold cache, a changed
        template), fork a helper that renders pages from the other end of the list (for a full
        build with a core to spare; see render_ahead.py). A warm build never starts it."""
        self.store = store
        self.rendered: set[str] = set()  # pages this build rendered or served from the store
        self._config = config
        self._wide_key: tuple | None = None
        self._wide_digest = ""
        self._ahead_wanted = render_ahead
        self._sampled = 0  # pages seen while deciding on the helper
        self._sample_misses = 0
        self.ahead: RenderAhead | None = None

    def after_page(self, template: jinja2.Template, context: Mapping, *, rendered: bool) -> None:
        """Called after each page: decides on the helper once the first pages are in."""
        if not self._ahead_wanted:
            return
        self._sampled += 1
        self._sample_misses += rendered
        if self._sampled < AHEAD_SAMPLE:
            return
        self._ahead_wanted = False
        pages, nav = context.get("pages"), context.get("nav")
        if self._sample_misses * 2 < self._sampled or not isinstance(pages, list) or nav is None \
                or len(pages) < MIN_PAGES:
            return
        if context["page"].file.src_uri not in {file.src_uri for file in pages} or not fork_available() \
                or not page_context_is_pure(self._config):
            return
        self.store.stored_key("")  # read the stored keys now, so the helper never queries the database
        self.ahead = RenderAhead(pages, nav, self._config, template.environment, key_of=self._key_or_none,
                                 stored_key=self.store.stored_key, render=_render_plain,
                                 done_through=context["page"].file.src_uri)

    def close_ahead(self) -> int | None:
        """Stop the helper; how many of its pages this build used (None: no helper ran)."""
        ahead, self.ahead = self.ahead, None
        if ahead is None:
            return None
        ahead.close()
        return ahead.served

    def _key_or_none(self, template: jinja2.Template, context: Mapping) -> str | None:
        try:
            return self.key(template, context)
        except Uncacheable:
            return None

    def _build_wide(self, env: jinja2.Environment, context: Mapping) -> str:
        """The part of the key shared by all pages of this build, computed once."""
        nav, pages = context.get("nav"), context.get("pages")
        identity = (id(nav), id(pages), len(pages or ()), id(env), len(env.globals), len(env.filters))
        if identity != self._wide_key:
            config = self._config
            theme = config.theme
            scan = scan_theme(theme.dirs, set(theme.static_templates))
            skipped = _CONFIG_SKIPPED if scan.reads_source_paths else _CONFIG_SKIPPED | _SOURCE_PATHS
            settings = {key: value for key, value in config.items() if key not in skipped}
            # A `hooks:` module is a plugin without a config: by its file (its events that change
            # a context are in the key through the context itself).
            plugins = {name: dict(plugin.config) if isinstance(getattr(plugin, "config", None), Mapping)
                       else getattr(plugin, "__file__", type(plugin).__qualname__)
                       for name, plugin in config.plugins.items()}
            wide = [
                _dumps(settings, _lenient), _dumps(plugins, _lenient),
                theme.name, _dumps(dict(theme.items()), _lenient), scan.stamps,
                _version("mkdocs"), _version("properdocs"), _version("mkdocs-material"), _version("news-digest"),
                _nav_items(nav.items) if nav is not None else None,
                # Only if a template reads them (an added article changes the list; the build date
                # changes every time, so such templates always render).
                [file.src_uri for file in pages or ()] if scan.reads_pages else None,
                str(context.get("build_date_utc")) if scan.reads_build_date else None,
                context.get("mkdocs_version"),
                _environment_fingerprint(env),
            ]
            self._wide_digest = hashlib.blake2b(_dumps(wide, _lenient).encode(), digest_size=16).hexdigest()
            self._wide_key = identity
        return self._wide_digest

    def key(self, template: jinja2.Template, context: Mapping) -> str:
        """The page's key; raises Uncacheable if some value in the context is opaque."""
        own = {name: value for name, value in context.items() if name not in _BUILD_WIDE and name != "page"}
        wide = self._build_wide(template.environment, context)
        text = _dumps([template.name or "", wide, _page_fingerprint(context["page"]), own])
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class _CachingTemplate(jinja2.Template):
    """A Jinja template whose top-level `render` of a page consults the render cache.

    Only `render` is changed: `{% extends %}`, `{% include %}` and macros call the template's
    render functions directly, so they behave as before.
    """

    render_cache: RenderCache | None = None

    def render(self, *args, **kwargs) -> str:
        cache = self.render_cache
        context = args[0] if len(args) == 1 and not kwargs and isinstance(args[0], Mapping) else None
        page = context.get("page") if context is not None else None
        if cache is None or context is None or not isinstance(page, Page):
            return super().render(*args, **kwargs)
        try:
            key = cache.key(self, context)
        except Uncacheable:
            return super().render(_ready(context))
        src_uri = page.file.src_uri
        cache.rendered.add(src_uri)
        helpers_page = cache.ahead is not None and cache.ahead.claim(src_uri)
        html = cache.store.get(src_uri, key)
        if html is None:
            found = cache.ahead.html(src_uri, key) if helpers_page and cache.ahead is not None else None
            if found is not None:
                html, compressed = found
                cache.store.put_compressed(src_uri, key, compressed)
            else:
                html = super().render(_ready(context))
                cache.store.put(src_uri, key, html)
                cache.after_page(self, context, rendered=True)
                return html
        cache.after_page(self, context, rendered=False)
        return html


def _render_plain(template: jinja2.Template, context: Mapping) -> str:
    return jinja2.Template.render(template, _ready(context))


def install(env: jinja2.Environment, cache: RenderCache) -> None:
    """Make every template this environment loads from now on consult `cache` when rendering a page."""
    env.template_class = type("DigestCachingTemplate", (_CachingTemplate,), {"render_cache": cache})
