"""One fork guard for every use of forked processes: Linux only, and only with no other thread.

Extraction workers, the feeds child and the render helper all ask `forks.fork_available()`;
where it says no, the same work runs in the build's own process.
"""

from __future__ import annotations

import multiprocessing
import threading
from types import SimpleNamespace

import pytest

from digest_plugin.core.model import ArticleEntities, Mention
from digest_plugin.speed import SpeedKit, forks
from digest_plugin.speed.extraction import FastExtraction


class _StubNlp:
    pipeline = ()  # no pipes: nothing for the BLAS tuning to move


class _CountingExtractor:
    """The core Extractor's shape, without spaCy: records the process each batch ran in."""

    nlp = _StubNlp()

    def __init__(self) -> None:
        self.calls = 0

    def prepare(self) -> None:
        pass

    def extract_many(self, items, batch_size: int = 64):
        self.calls += 1
        return [ArticleEntities(people=[Mention(title)]) for title, _, _ in items]


ITEMS = [(f"Person {n}", "body", []) for n in range(10)]


@pytest.fixture
def no_forking(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("forked although the guard said no")
    monkeypatch.setattr(multiprocessing, "get_context", refuse)


def test_off_linux_nothing_forks_and_the_work_is_done_here(monkeypatch, no_forking):
    monkeypatch.setattr(forks, "sys", SimpleNamespace(platform="darwin"))  # as macOS reports itself
    assert not forks.fork_available()
    extractor = _CountingExtractor()
    found = FastExtraction(extractor, 2, parallel_min=0, batch_size=2).extract_many(ITEMS)
    assert [entities.people[0].name for entities in found] == [title for title, _, _ in ITEMS]
    assert extractor.calls == 1  # one serial run in this process
    kit = SpeedKit(command="build", processes=2)
    assert not kit.full_build_on_cores
    assert kit.start_beside(lambda: None, name="t") is False
    assert kit.beside_succeeded() is False  # the caller then writes the outputs itself


def test_another_thread_means_no_fork(no_forking):
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forks.fork_available()
        extractor = _CountingExtractor()
        FastExtraction(extractor, 2, parallel_min=0, batch_size=2).extract_many(ITEMS)
        assert extractor.calls == 1
    finally:
        stop.set()
        thread.join()


def test_serve_and_single_core_builds_never_fork(monkeypatch):
    monkeypatch.setattr(forks, "fork_available", lambda: True)
    assert not SpeedKit(command="serve", processes=2).full_build_on_cores
    assert not SpeedKit(command="build", dirty=True, processes=2).full_build_on_cores
    assert not SpeedKit(command="build", processes=1).full_build_on_cores


@pytest.mark.skipif(not forks.fork_available(), reason="forks only on Linux with one thread")
def test_where_the_guard_allows_it_workers_give_the_same_results():
    extractor = _CountingExtractor()
    serial = [e.people[0].name for e in extractor.extract_many(ITEMS)]
    forked = FastExtraction(extractor, 2, parallel_min=0, batch_size=2).extract_many(ITEMS)
    assert [e.people[0].name for e in forked] == serial
    assert extractor.calls == 1  # the batches ran in the workers, not here
