"""Fixtures of the TUI tests: every test leaves the garbage collector as it found it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from samspill_tui.content import Library
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.run import SessionScreen
from tests.tui.helpers import kept_gc, make_app, wait_for


@pytest.fixture(autouse=True)
def restore_gc() -> Iterator[None]:
    """The app freezes start-up's objects and pauses the collector while the room is busy
    (``tui/quiet_gc.py``); undo both after each test."""
    with kept_gc():
        yield


@pytest.fixture
async def projector(tmp_path: Path, library: Library) -> AsyncIterator[tuple[SamspillApp, Any]]:
    """The projector app under Pilot, running session «talk» in ``tmp_path``, its lobby shown."""
    app = make_app(library, tmp_path, ("folkevalgtdag", "talk"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen) and app.session_shown.is_set())
        yield app, pilot
