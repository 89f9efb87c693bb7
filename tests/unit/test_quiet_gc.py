"""Garbage collection of the oldest generation waits for a quiet room (a real collector, a fake
clock)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from samspill_tui.tui.quiet_gc import MAX_WAIT, QUIET_SECONDS, THRESHOLDS, QuietCollector


@pytest.fixture
def restored_gc() -> Iterator[None]:
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    yield
    gc.set_threshold(*thresholds)
    if not enabled:
        gc.disable()


def _full_collections() -> int:
    return int(gc.get_stats()[2]["collections"])


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_oldest_generation_waits_for_quiet(restored_gc: None) -> None:
    clock = Clock()
    collector = QuietCollector(clock)
    collector.start()
    assert gc.get_threshold() == THRESHOLDS and gc.isenabled()
    before = _full_collections()

    clock.now += 10
    assert not collector.tick()  # nothing happened: nothing to collect
    collector.activity()
    clock.now += QUIET_SECONDS / 2
    assert not collector.tick()  # the room is busy
    collector.activity()
    clock.now += QUIET_SECONDS / 2
    assert not collector.tick()
    assert _full_collections() == before

    clock.now += QUIET_SECONDS
    assert collector.tick()  # quiet at last
    assert _full_collections() == before + 1
    clock.now += QUIET_SECONDS * 3
    assert not collector.tick()  # and nothing since


def test_a_room_that_is_never_quiet_is_collected_now_and_then(restored_gc: None) -> None:
    clock = Clock()
    collector = QuietCollector(clock)
    before = _full_collections()
    while clock.now < 1000.0 + MAX_WAIT - 1:
        collector.activity()
        assert not collector.tick()
        clock.now += 1
    clock.now += 1
    collector.activity()
    assert collector.tick()
    assert _full_collections() == before + 1
    clock.now += MAX_WAIT * 2
    assert not collector.tick()  # quiet ever since: nothing new to collect
