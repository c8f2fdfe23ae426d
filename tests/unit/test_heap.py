"""The extraction workers' heap setting (digest_plugin/core/entities/heap.py)."""

from __future__ import annotations

import multiprocessing
import platform
import sys

import pytest

from digest_plugin.speed import heap


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


class _LibcWithout:
    """A C library without mallopt, as musl's."""


class _LibcRefusing:
    """A C library whose mallopt refuses every setting (returns 0)."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

        def mallopt(param: int, value: int) -> int:
            self.calls.append((param, value))
            return 0

        self.mallopt = mallopt


def test_a_c_library_without_mallopt_is_declined(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(heap.ctypes, "CDLL", lambda name: _LibcWithout())
    assert heap.keep_freed_memory() is False


def test_a_refused_setting_is_reported(monkeypatch):
    libc = _LibcRefusing()
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(heap.ctypes, "CDLL", lambda name: libc)
    assert heap.keep_freed_memory() is False
    assert libc.calls == [(-3, 32 * 1024 * 1024)]  # the mmap threshold first; nothing after a refusal


def test_giving_memory_back_trims_on_glibc_and_declines_elsewhere(monkeypatch):
    assert heap.give_back_freed_memory() is True  # this Linux has glibc's malloc_trim
    monkeypatch.setattr(heap.ctypes, "CDLL", lambda name: _LibcWithout())
    assert heap.give_back_freed_memory() is False
    monkeypatch.setattr(sys, "platform", "darwin")
    assert heap.give_back_freed_memory() is False
