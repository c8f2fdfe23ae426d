"""A piece of work done in a forked child process while the build goes on.

A build spends long stretches on one core (MkDocs reading and converting every page, then
rendering them) while the other idles. Work that needs only what the parent already holds and
writes its own files (the feeds and digest.json, once the digest is assembled) can run beside
it in a child forked from the parent, sharing its memory. The parent asks `succeeded()` where
it needs the work done; if the child failed or cannot run, the parent does the work itself, so
a failure is reported by the parent, once, the usual way.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable


def fork_available() -> bool:
    """Whether forking the build is safe here: Linux (macOS' system libraries do not survive a
    fork), and no other thread in this process (a lock one holds would stay locked in a child
    forever, and the parent would wait on that child)."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() \
        and threading.active_count() == 1


def usable_cores(setting: int) -> int:
    """Cores a build may use: `setting` if positive (the plugin's `processes`), else those this
    process may run on."""
    if setting > 0:
        return setting
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class ForkedTask:
    """`work()` running in a forked child from construction on."""

    def __init__(self, work: Callable[[], object], name: str = "digest-task") -> None:
        context = multiprocessing.get_context("fork")
        self._process = context.Process(target=_run, args=(work,), name=name, daemon=True)
        self._process.start()

    def succeeded(self) -> bool:
        """Wait for the child; True if `work()` returned without an exception."""
        self._process.join()
        return self._process.exitcode == 0

    def cancel(self) -> None:
        """The build failed: let the child finish. Killed, it could leave a temporary file of
        an atomic write behind in site/, and MkDocs' cleaning skips hidden files."""
        self._process.join()


def _run(work: Callable[[], object]) -> None:
    try:
        work()
        status = 0
    except BaseException:
        status = 1  # (Ctrl+C included: multiprocessing would print a traceback for the child too)
    os._exit(status)  # no atexit handlers or finalisers of the parent's objects
