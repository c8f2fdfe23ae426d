"""The extraction workers' heap setting (digest_plugin/entities/heap.py)."""

from __future__ import annotations

import multiprocessing
import platform
import sys

import pytest

from digest_plugin.entities import heap


def _set_in_child(queue) -> None:
    queue.put(heap.keep_freed_memory())


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
                    reason="mallopt is glibc's")
def test_a_forked_worker_keeps_freed_memory_on_glibc():
    # In a child, as the extraction pool does, so the test process keeps glibc's defaults.
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_set_in_child, args=(queue,))
    child.start()
    assert queue.get(timeout=30) is True
    child.join(timeout=30)
    assert child.exitcode == 0


def test_elsewhere_it_declines_without_error(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert heap.keep_freed_memory() is False
