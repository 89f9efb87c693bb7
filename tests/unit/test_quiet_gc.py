"""Garbage collection waits for a quiet room (the real collector, a fake clock)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from samspill_tui.tui import quiet_gc
from samspill_tui.tui.quiet_gc import MAX_WAIT, QUIET_SECONDS, THRESHOLDS, QuietCollector


@pytest.fixture
def restored_gc() -> Iterator[None]:
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    yield
    gc.set_threshold(*thresholds)
    if enabled:
        gc.enable()
    else:
        gc.disable()


def _collections(generation: int) -> int:
    return int(gc.get_stats()[generation]["collections"])


def _cycles(n: int) -> None:
    """Make ``n`` garbage cycles: only the cycle collector can free them."""
    for _ in range(n):
        a: list[object] = []
        a.append(a)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_nothing_is_collected_while_the_room_is_busy(restored_gc: None) -> None:
    clock = Clock()
    collector = QuietCollector(clock)
    collector.start()
    assert gc.get_threshold() == THRESHOLDS and gc.isenabled()
    young, full = _collections(0), _collections(2)

    clock.now += 10
    assert not collector.tick()  # nothing happened: nothing to collect
    collector.activity()
    assert not gc.isenabled()
    _cycles(10 * THRESHOLDS[0])  # would set off ten young collections
    clock.now += QUIET_SECONDS / 2
    assert not collector.tick()  # the room is busy
    collector.activity()
    clock.now += QUIET_SECONDS / 2
    assert not collector.tick()
    assert (_collections(0), _collections(2)) == (young, full)
    assert gc.get_count()[0] > 5 * THRESHOLDS[0]  # all still there, uncollected

    clock.now += QUIET_SECONDS
    assert collector.tick()  # quiet at last: everything at once, and Python collects again
    assert _collections(2) == full + 1
    assert gc.isenabled() and gc.get_count()[0] < THRESHOLDS[0]
    clock.now += QUIET_SECONDS * 3
    assert not collector.tick()  # and nothing since


def test_a_room_that_is_never_quiet_is_collected_now_and_then(restored_gc: None) -> None:
    clock = Clock()
    collector = QuietCollector(clock)
    before = _collections(2)
    while clock.now < 1000.0 + MAX_WAIT - 1:
        collector.activity()
        assert not collector.tick()
        clock.now += 1
    clock.now += 1
    collector.activity()
    assert collector.tick()
    assert _collections(2) == before + 1
    clock.now += MAX_WAIT * 2
    assert not collector.tick()  # quiet ever since: nothing new to collect


def test_a_pile_of_objects_is_collected_even_in_a_busy_room(
        restored_gc: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quiet_gc, "BUSY_LIMIT", 5_000)
    clock = Clock()
    collector = QuietCollector(clock)
    collector.activity()
    before = _collections(2)
    _cycles(1_000)
    assert not collector.tick()
    _cycles(5_000)
    assert collector.tick()
    assert _collections(2) == before + 1 and gc.get_count()[0] < 5_000
