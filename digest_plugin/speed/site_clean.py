"""MkDocs' cleaning of site_dir, done beside the build instead of before it.

A full build (not `--dirty`) starts by deleting everything in site_dir (MkDocs'
`clean_directory`) while every core waits: for a big digest that is tens of thousands of pages
and feeds, each unlink a metadata write (and a trim on disks mounted with `discard`), which
measured 8 to 24 s for a 19,000-article site on this project's machine. `BackgroundClean`
moves site_dir's entries into one hidden folder inside it (renames in one directory: no data
moves), so that MkDocs, which skips hidden entries, finds nothing to delete, and has a separate
`rm -rf` process delete that folder while the build reads and renders. The build waits for it
once the pages are written, before any plugin's on_post_build (Pagefind, for one, would index the
hidden folder), so a finished build leaves site_dir as MkDocs' cleaning would have; a folder left
by a build that was killed is deleted by the next build, dirty or not.

Whether a build is dirty is what MkDocs said in on_startup (glue/session.py): code that drives
MkDocs by hand and calls on_startup(dirty=False) before `build(config, dirty=True)` gets its
site_dir cleaned; without on_startup (older drivers) nothing is cleaned here.

Entries MkDocs would not delete stay where they are: hidden ones (MkDocs keeps them) and symbolic
links (its `rmtree` refuses them). An entry that cannot be moved is left for MkDocs to clean.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import threading
import time

log = logging.getLogger(__name__)

TRASH_PREFIX = ".digest-cleaning-"


class BackgroundClean:
    """The deletion of one build's old site_dir content, running from `start` until `wait`."""

    def __init__(self, site_dir: str) -> None:
        self.site_dir = site_dir
        self._paths: list[str] = []
        self._process: subprocess.Popen | None = None
        self._thread: threading.Thread | None = None
        self._started = 0.0

    def start(self, *, move: bool = True) -> int:
        """Move the old content aside (unless `move` is False: a dirty build keeps it) and start
        deleting it, with any folder an interrupted build left; returns how many entries moved."""
        try:
            entries = os.listdir(self.site_dir)
        except OSError:
            return 0  # no site_dir yet (or unreadable: MkDocs will say so)
        self._paths = [os.path.join(self.site_dir, entry) for entry in entries if entry.startswith(TRASH_PREFIX)]
        movable = [entry for entry in entries if move and not entry.startswith(".")
                   and not os.path.islink(os.path.join(self.site_dir, entry))]
        moved = 0
        if movable:
            trash = tempfile.mkdtemp(prefix=TRASH_PREFIX, dir=self.site_dir)
            self._paths.append(trash)
            for entry in movable:
                try:
                    os.rename(os.path.join(self.site_dir, entry), os.path.join(trash, entry))
                    moved += 1
                except OSError:
                    continue  # MkDocs' own cleaning deletes it
        if self._paths:
            self._started = time.monotonic()
            self._delete_beside()
        return moved

    def _delete_beside(self) -> None:
        rm = shutil.which("rm") if os.name == "posix" else None
        if rm is not None:
            # A process of its own, not a thread: it takes nothing from the build's interpreter
            # (no GIL, no thread that would stop the build from forking its helpers).
            try:
                self._process = subprocess.Popen([rm, "-rf", "--", *self._paths], stdin=subprocess.DEVNULL,
                                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                return
            except OSError:
                self._process = None
        self._thread = threading.Thread(target=self._remove_all, name="digest-clean", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Block until the old content is gone (whatever way the deletion went)."""
        if self._process is not None:
            self._process.wait()
            self._process = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._paths:
            self._remove_all()  # what `rm` could not delete, once more the Python way
            log.debug("old site content deleted beside the build in %.1f s", time.monotonic() - self._started)
            self._paths = []

    def _remove_all(self) -> None:
        for path in self._paths:
            if os.path.lexists(path):
                shutil.rmtree(path, ignore_errors=True)
