"""Python's cyclic garbage collector, paused while `mkdocs serve` rebuilds after an edit.

Under `mkdocs serve --dirty`, a rebuild after one save allocates a few hundred thousand objects
on top of a heap that holds the whole digest between rebuilds (every article and its entities,
the spaCy model). The collector runs after every few hundred allocations and, about once a
rebuild, walks that whole heap: 0.17-0.19 s of a 1.15 s rebuild of a 4,581-article digest
(timed with `gc.callbacks`), and MkDocs' server answers no request until the rebuild is over,
so that time is on the editor's clock. With the collector paused the same rebuild took
0.91-0.95 s.

`CollectorPause.pause()` switches the collector off when a rebuild starts; `collect_later()`
(when it ends) has a timer thread collect once the browser has had time to fetch the new page,
then switches the collector back on. A rebuild that starts meanwhile keeps it off; `resume()`
switches it on at once (serve's shutdown). The collector is never paused for a build outside
serve, nor for serve's first build, which reads the whole digest.
"""

from __future__ import annotations

import gc
import threading

# Seconds between the end of a rebuild and the collection: MkDocs' server tells the browser to
# reload when the rebuild ends, and the page request comes a few milliseconds later.
COLLECT_DELAY = 0.5


class CollectorPause:
    """Pauses the collector for a rebuild and collects after it (see the module docstring)."""

    def __init__(self, delay: float = COLLECT_DELAY) -> None:
        self.delay = delay
        self._lock = threading.Lock()
        self._paused = False  # whether this object switched the collector off
        self._rebuilds = 0  # counts pause() calls, so a late timer knows a rebuild began since
        self._timer: threading.Timer | None = None

    @property
    def paused(self) -> bool:
        return self._paused

    def pause(self) -> None:
        """Switch the collector off for a rebuild (unless something else already did)."""
        with self._lock:
            self._rebuilds += 1
            self._cancel_timer()
            if not self._paused and gc.isenabled():
                gc.disable()
                self._paused = True

    def collect_later(self) -> None:
        """After `delay` seconds, in a timer thread: collect, then switch the collector on,
        unless another rebuild has paused it since."""
        with self._lock:
            if not self._paused:
                return
            self._cancel_timer()
            self._timer = threading.Timer(self.delay, self._collect, args=(self._rebuilds,))
            self._timer.daemon = True
            self._timer.start()

    def resume(self) -> None:
        """Switch the collector on now (no collection is forced)."""
        with self._lock:
            self._cancel_timer()
            self._enable()

    def _collect(self, rebuilds: int) -> None:
        with self._lock:
            if rebuilds != self._rebuilds:
                return  # a rebuild began since: its own collect_later() schedules the collection
        gc.collect()
        with self._lock:
            if rebuilds == self._rebuilds:
                self._timer = None
                self._enable()

    def _enable(self) -> None:
        if self._paused:
            gc.enable()
            self._paused = False

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
