"""Render pages in a forked helper process while MkDocs renders the others.

MkDocs builds pages one after another on one core; on a cold build of a big digest, Jinja is most of
that time. On a full `mkdocs build` with a core to spare, when most of the first pages miss the
render cache, the cache starts a `RenderAhead`: a forked copy of the build that walks MkDocs' page
list from the end, makes each page's context as MkDocs does (`get_context`, then every plugin's
`on_page_context`: the helper starts only when all of those handlers are known to change nothing
outside the page and its context, see `page_context_is_pure`), renders it, and appends (page, key,
compressed HTML) to a scratch file. MkDocs walks the same list from the start. Each side claims a
page before rendering it, under one lock, so they meet in the middle and no page is rendered twice.

When MkDocs reaches a page the helper claimed, it waits for the helper to finish its last page and
from then on takes the helper's HTML, but only under the key it computes from its own context: a
page whose context came out different in the helper is rendered again. So is a page whose render
logged anything in the helper (the helper's log goes nowhere), so every warning still reaches MkDocs
and `--strict`. If the helper fails, MkDocs renders its pages itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import struct
import tempfile
import zlib
from collections.abc import Callable, Sequence

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.structure.files import File

from digest_plugin.speed.page_store import compress, decompress

log = logging.getLogger(__name__)

# A fork and a second process are not worth it for a handful of pages.
MIN_PAGES = 200
# Pages MkDocs renders before the render cache decides whether a helper is worth forking.
AHEAD_SAMPLE = 50
_HEADER = struct.Struct("<III")  # lengths of page id, key and compressed HTML


class _LogFlag(logging.Handler):
    """In the helper: remembers that something was logged (and prints nothing)."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.raised = False

    def emit(self, record: logging.LogRecord) -> None:
        self.raised = True


class RenderAhead:
    """One helper process rendering pages from the end of MkDocs' page list."""

    def __init__(self, doc_files: Sequence, nav, config, env: jinja2.Environment,
                 key_of: Callable[[jinja2.Template, dict], str | None], stored_key: Callable[[str], str | None],
                 render: Callable[[jinja2.Template, dict], str], done_through: str | None = None) -> None:
        """`key_of(template, context)` is the render cache's key (None: not cacheable),
        `stored_key(page)` the key the store already holds for a page (read before the fork),
        `render(template, context)` a plain Jinja render of a page; `done_through` the page
        MkDocs is at (it and those before it are MkDocs')."""
        # MkDocs' own list, not a copy: the render cache keys a build by the list's identity.
        self._files = doc_files
        self._index = {file.src_uri: number for number, file in enumerate(self._files)}
        done = self._index.get(done_through, -1)
        self._nav, self._config, self._env = nav, config, env
        self._key_of, self._stored_key, self._render = key_of, stored_key, render
        context = multiprocessing.get_context("fork")
        # [highest page MkDocs has claimed, lowest page the helper has claimed]
        self._claims = context.Array("q", [done, len(self._files)], lock=True)
        # Anonymous, gone with the process whatever happens; closed in close(), after the helper.
        self._scratch = tempfile.TemporaryFile()  # noqa: SIM115
        self._results: dict[str, tuple[str, int, int]] | None = None
        self.served = 0  # pages whose helper HTML MkDocs used
        self._process = context.Process(target=self._helper_main, name="digest-render-ahead", daemon=True)
        self._process.start()

    # -- MkDocs' side ---------------------------------------------------------------------

    def claim(self, src_uri: str) -> bool:
        """Called as MkDocs renders each page, in order: False if the page is MkDocs' to render
        (now claimed), True if the helper claimed it first."""
        number = self._index.get(src_uri)
        if number is None:
            return False
        with self._claims.get_lock():
            if number >= self._claims[1]:
                return True
            self._claims[0] = max(self._claims[0], number)
            return False

    def html(self, src_uri: str, key: str) -> tuple[str, bytes] | None:
        """The helper's (HTML, compressed HTML) of a page it claimed, if rendered under `key`."""
        results = self._finished()
        found = results.get(src_uri)
        if found is None or found[0] != key:
            return None
        _, offset, length = found
        blob = os.pread(self._scratch.fileno(), length, offset)
        try:
            html = decompress(blob)
        except (zlib.error, UnicodeDecodeError):
            return None
        self.served += 1
        return html, blob

    def close(self) -> None:
        """Stop the helper if it still runs and drop its scratch file."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._scratch.close()

    def _finished(self) -> dict[str, tuple[str, int, int]]:
        if self._results is None:
            self._process.join()
            if self._process.exitcode != 0:
                log.debug("render helper stopped with status %s; rendering its pages here",
                          self._process.exitcode)
            self._results = _read_records(self._scratch.fileno())
        return self._results

    # -- the helper -----------------------------------------------------------------------

    def _helper_main(self) -> None:
        flag = _LogFlag()
        for name in (None, "mkdocs"):
            logger = logging.getLogger(name)
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.addHandler(flag)
        out = os.fdopen(os.dup(self._scratch.fileno()), "wb")
        # Forked while MkDocs is inside one of its pages, which is still marked active: in the
        # helper, only the page being rendered may be (the nav marks the active page).
        for file in self._files:
            if file.page is not None:
                file.page.active = False
        status = 0
        try:
            for number in range(len(self._files) - 1, -1, -1):
                with self._claims.get_lock():
                    if number <= self._claims[0]:
                        break
                    self._claims[1] = number
                record = self._render_page(self._files[number], flag)
                if record is not None:
                    out.write(record)
        except BaseException:
            status = 1  # (Ctrl+C included: multiprocessing would print a traceback for the helper too)
        finally:
            out.close()
        os._exit(status)  # no atexit handlers or finalisers of the parent's objects

    def _render_page(self, file: File, flag: _LogFlag) -> bytes | None:
        page, config = file.page, self._config
        if page is None or file.inclusion.is_excluded():
            return None
        page.active = True
        flag.raised = False
        try:
            context = get_context(self._nav, self._files, config, page)
            template = self._env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self._nav)
            key = self._key_of(template, context)
            if key is None or self._stored_key(file.src_uri) == key:
                return None  # not cacheable, or MkDocs will find it in the store
            html = self._render(template, context)
        finally:
            page.active = False
        if flag.raised:
            return None  # MkDocs renders it again and logs what it has to say
        uri, key_bytes = file.src_uri.encode("utf-8"), key.encode("ascii")
        blob = compress(html)
        return _HEADER.pack(len(uri), len(key_bytes), len(blob)) + uri + key_bytes + blob


# Plugins whose on_page_context only changes the context and the page in memory (the digest's
# own, and MkDocs' and Material's search, which also indexes the page for its own output): the
# helper can run them, and anything they do there dies with it. Another plugin's handler may
# write files or count pages, which a forked copy must not do, so a site with one renders on one
# core (`page_context_is_pure`).
_PURE_PAGE_CONTEXT = ("digest_plugin.", "material.plugins.search.", "mkdocs.contrib.search")


def page_context_is_pure(config) -> bool:
    """Whether every plugin's on_page_context may run in the helper as well as in MkDocs."""
    handlers = config.plugins.events.get("page_context", [])
    return all(getattr(getattr(handler, "__self__", None), "__module__", "").startswith(_PURE_PAGE_CONTEXT)
               for handler in handlers)


def _read_records(fd: int) -> dict[str, tuple[str, int, int]]:
    """page -> (key, offset, length) of each whole record in the scratch file."""
    results: dict[str, tuple[str, int, int]] = {}
    size = os.fstat(fd).st_size
    offset = 0
    while offset + _HEADER.size <= size:
        uri_length, key_length, blob_length = _HEADER.unpack(os.pread(fd, _HEADER.size, offset))
        start = offset + _HEADER.size
        end = start + uri_length + key_length + blob_length
        if end > size:
            break  # a record cut short: the helper stopped while writing it
        names = os.pread(fd, uri_length + key_length, start)
        key = names[uri_length:].decode("ascii")
        results[names[:uri_length].decode("utf-8")] = (key, start + uri_length + key_length, blob_length)
        offset = end
    return results
