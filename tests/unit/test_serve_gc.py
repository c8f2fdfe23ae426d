"""The garbage collector's pause for serve's rebuilds (digest_plugin/serve_gc.py)."""

from __future__ import annotations

import gc
import time

import pytest

from digest_plugin.serve_gc import CollectorPause


@pytest.fixture(autouse=True)
def collector_on_again():
    yield
    gc.enable()


def _wait_until(condition, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_a_paused_collector_is_back_on_after_the_delay_with_the_garbage_collected():
    pause = CollectorPause(delay=0.05)
    pause.pause()
    assert not gc.isenabled()
    cycle = []
    cycle.append(cycle)  # garbage only the cyclic collector frees
    del cycle
    collected = []
    gc.callbacks.append(lambda phase, info: collected.append(info["collected"]) if phase == "stop" else None)
    try:
        pause.collect_later()
        assert not gc.isenabled()  # not before the delay: the browser's request comes first
        assert _wait_until(gc.isenabled)
        assert sum(collected) >= 1
    finally:
        gc.callbacks.pop()
    assert not pause.paused


def test_a_rebuild_starting_before_the_collection_keeps_the_collector_off():
    pause = CollectorPause(delay=0.2)
    pause.pause()
    pause.collect_later()
    pause.pause()  # the editor saved again
    time.sleep(0.4)
    assert not gc.isenabled()
    pause.collect_later()
    assert _wait_until(gc.isenabled)


def test_a_collector_switched_off_by_someone_else_stays_off():
    gc.disable()
    pause = CollectorPause(delay=0.01)
    pause.pause()
    assert not pause.paused
    pause.collect_later()
    time.sleep(0.1)
    assert not gc.isenabled()
    pause.resume()
    assert not gc.isenabled()


def test_resume_switches_it_on_at_once_and_leaves_no_timer():
    import threading

    pause = CollectorPause(delay=30)
    before = threading.active_count()
    pause.pause()
    pause.collect_later()
    assert threading.active_count() == before + 1
    pause.resume()
    assert gc.isenabled()
    assert _wait_until(lambda: threading.active_count() == before)
