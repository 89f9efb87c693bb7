"""Fixtures of the TUI tests: every test leaves the garbage collector as it found it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.tui.helpers import kept_gc


@pytest.fixture(autouse=True)
def restore_gc() -> Iterator[None]:
    """The app freezes start-up's objects and pauses the collector while the room is busy
    (``tui/quiet_gc.py``); undo both after each test."""
    with kept_gc():
        yield
