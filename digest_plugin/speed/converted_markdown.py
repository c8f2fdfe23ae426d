"""Markdown conversion of unchanged articles, reused from the last build.

MkDocs converts every page's Markdown to HTML at every build: in a warm build of 19,000
articles that is seconds of work whose result is already known. `ConvertedMarkdown` keeps, per
article page, the HTML, table of contents and anchor ids that MkDocs' conversion produced, under
a key of everything that conversion reads:

- the Markdown as the last `on_page_markdown` handler receives it, and the cross-links that
  handler adds (which it then adds only on a miss: linking is deterministic in both),
- the page's own path and URL, the Markdown extensions and their settings, the link validation
  settings, `use_directory_urls`, and the versions of MkDocs, Python-Markdown, PyMdown Extensions
  and Material,
- for every relative link target in the Markdown: whether that file exists in this build, and
  its URL (MkDocs rewrites such links, and warns about missing ones).

On a hit, the plugin's last `on_page_markdown` handler hands MkDocs an empty page and replaces,
for this one call, the page's `render` (MkDocs' conversion, which builds a Python-Markdown
instance with every extension for each page: 0.2 to 0.4 ms even for an empty page, seconds over
a big digest) by one that puts the stored HTML, table of contents and anchors in place, as an
empty page's conversion would have set them; its first `on_page_content` handler removes that
replacement before any other plugin sees the page. A conversion is stored only
if it logged nothing and links to no anchor on another page (MkDocs validates those only while
converting), as MkDocs recorded them: never from a build at DEBUG level, which records none.
A page with something to say is converted, and says it, every time.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

import mkdocs
from mkdocs.structure.toc import get_toc

from digest_plugin.speed.page_store import RenderedPageStore

# Link targets of Markdown links and reference definitions (a superset is fine: it only adds to the key).
_TARGETS = re.compile(r"\]\(\s*<?([^)\s>]+)|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _setting(value: Any) -> object:
    """A Markdown setting in the key, the same in every process: functions (Material's emoji
    and fence settings, `!!python/name:`) by their import path, not their address; extension
    objects by class and settings. A `functools.partial` (what `!!python/object/apply:` of a
    factory such as `pymdownx.slugs.slugify` gives) by its function and arguments: they change
    the output (a slug's case) and its repr names only an address."""
    if isinstance(value, functools.partial):
        return ["functools.partial", _setting(value.func), list(value.args), value.keywords]
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    configs = getattr(value, "getConfigs", None)
    if callable(configs):
        return [f"{type(value).__module__}.{type(value).__qualname__}", configs()]
    text = repr(value)
    return f"{type(value).__module__}.{type(value).__qualname__}" if " at 0x" in text else text


def _put_known_conversion(page: Any, conversion: dict, config: Any = None, files: Any = None) -> None:
    """In place of `Page.render(config, files)` on a hit: what MkDocs' conversion of this page
    set, from the store (for the empty page MkDocs was handed: no title, no links to anchors)."""
    page.content = conversion["html"]
    page.toc = get_toc(conversion["toc"])
    page._title_from_render = None
    page.present_anchor_ids = set(conversion["anchors"])
    page.links_to_anchors = {}


def _toc_tokens(items: Any) -> list[dict]:
    return [{"level": item.level, "id": item.id, "name": item.title, "children": _toc_tokens(item.children)}
            for item in items]


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class _Pending:
    key: str
    warnings_before: int
    markdown: str  # as this event received it, before the plugin's cross-links


class ConvertedMarkdown:
    """The conversion cache of one build (see the module docstring)."""

    def __init__(self, store: RenderedPageStore, config: Any) -> None:
        self.store = store
        self._settings = json.dumps([
            config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"],
            str(config.get("validation")), [_version(name) for name in
                                            ("mkdocs", "properdocs", "markdown", "pymdown-extensions",
                                             "mkdocs-material")],
        ], sort_keys=True, default=_setting)
        self._hits: dict[str, dict] = {}  # src_uri -> stored conversion, between the two events
        self._pending: dict[str, _Pending] = {}  # src_uri -> key of a conversion to store
        self._warnings = _Warnings()
        self._logger = logging.getLogger(mkdocs.__name__)  # "properdocs" under ProperDocs
        self._logger.addHandler(self._warnings)
        self.used: set[str] = set()

    def before_conversion(self, markdown: str, page: Any, files: Any, transform: Callable[[str], str],
                          key_extra: object = None, finish_stamp: str = "") -> str:
        """The last on_page_markdown: an empty page for MkDocs to convert when the result is
        known, else `transform(markdown)` (whose inputs beyond the Markdown are `key_extra`;
        `finish_stamp` names what `after_conversion`'s `finish` does to the HTML)."""
        src_uri = page.file.src_uri
        key = self._key(markdown, page, files, key_extra, finish_stamp)
        self.used.add(src_uri)
        stored = self.store.get(src_uri, key)
        if stored is not None:
            conversion = self._hits[src_uri] = json.loads(stored)
            conversion["markdown"] = markdown  # back in page.markdown for plugins that read it later
            page.render = functools.partial(_put_known_conversion, page, conversion)
            return ""
        self._pending[src_uri] = _Pending(key, self._warnings.count, markdown)
        return transform(markdown)

    def after_conversion(self, html: str, page: Any, finish: Callable[[str], str] | None = None) -> str:
        """The first on_page_content: the stored conversion back in place, or this one, passed
        through `finish` (the plugin's HTML allowlist for articles), stored. A stored conversion
        is already finished."""
        src_uri = page.file.src_uri
        stored = self._hits.pop(src_uri, None)
        if stored is not None:
            page.__dict__.pop("render", None)  # MkDocs' own conversion again for the next build
            page.markdown = stored["markdown"]  # (as received: without the cross-links a miss adds)
            if page.content != stored["html"]:  # another plugin converted it, not our render
                _put_known_conversion(page, stored)
            return stored["html"]
        if finish is not None:
            html = finish(html)
        pending = self._pending.pop(src_uri, None)
        if pending is not None:
            # The article as written, as after a reused conversion: the cross-links are made for
            # the conversion only, so a later plugin (reading time, a Markdown export) reads the
            # same text on a cold build and a warm one.
            page.markdown = pending.markdown
        # links_to_anchors is None when MkDocs did not record them (1.6 skips that at DEBUG level,
        # `--verbose`): a conversion reused later would then hide its links from the anchor check.
        if pending is not None and self._warnings.count == pending.warnings_before \
                and page.links_to_anchors is not None and not page.links_to_anchors:
            self.store.put(src_uri, pending.key, json.dumps({
                "html": html, "toc": _toc_tokens(page.toc), "anchors": sorted(page.present_anchor_ids or ())}))
        return html

    def close(self, *, complete: bool) -> None:
        self._logger.removeHandler(self._warnings)
        if complete:
            self.store.keep_only(self.used)
        self.store.close()

    def _key(self, markdown: str, page: Any, files: Any, key_extra: object, finish_stamp: str) -> str:
        folder = posixpath.dirname(page.file.src_uri)
        targets = [match.group(1) or match.group(2) or "" for match in _TARGETS.finditer(markdown)]
        targets += [target for _, target in key_extra] if isinstance(key_extra, list) else []
        links = []
        for target in targets:
            if not target or _ABSOLUTE.match(target):
                continue
            path = posixpath.normpath(posixpath.join(folder, target.split("#", 1)[0].split("?", 1)[0]))
            linked = files.get_file_from_path(path)
            links.append((target, linked.url if linked is not None else None))
        text = json.dumps([self._settings, page.file.src_uri, page.file.url, links, key_extra, finish_stamp],
                          sort_keys=True)
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16)
        digest.update(markdown.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
