"""The garbage collector's pause for serve's rebuilds (digest_plugin/speed/gc_pause.py)."""

from __future__ import annotations

import gc
import time

import pytest

from digest_plugin.speed.gc_pause import CollectorPause


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
    pause = CollectorPause(delay=1.0)
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
    pause = CollectorPause(delay=30)
    pause.pause()
    pause.collect_later()
    timer = pause._timer
    assert timer is not None and timer.is_alive()
    pause.resume()
    assert gc.isenabled()
    assert pause._timer is None
    timer.join(timeout=5)
    assert not timer.is_alive()  # cancelled, not left waiting 30 s


def test_a_late_timer_from_before_a_new_rebuild_neither_collects_nor_switches_the_collector_on():
    pause = CollectorPause(delay=30)
    pause.pause()
    pause.collect_later()
    earlier_rebuild = pause._rebuilds
    pause.pause()  # a save: the next rebuild starts before the timer is cancelled
    collections = []
    gc.callbacks.append(lambda phase, info: collections.append(phase) if phase == "start" else None)
    try:
        pause._collect(earlier_rebuild)  # what the timer runs if it fired just then
    finally:
        gc.callbacks.pop()
    assert collections == []
    assert not gc.isenabled()
    pause.resume()
