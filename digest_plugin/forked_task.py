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
from collections.abc import Callable


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


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
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def _run(work: Callable[[], object]) -> None:
    try:
        work()
        status = 0
    except Exception:  # noqa: BLE001 - the parent redoes the work and reports what goes wrong
        status = 1
    os._exit(status)  # no atexit handlers or finalisers of the parent's objects
