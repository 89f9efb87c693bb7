"""TUI tests leave the process as they found it: the app's garbage-collection policy is undone."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from samspill_tui.content import Library
from samspill_tui.tui.run import SessionScreen
from tests.tui.helpers import kept_gc, make_app, wait_for


async def test_the_app_pauses_and_freezes_the_collector_and_kept_gc_gives_it_back(
        tmp_path: Path, library: Library) -> None:
    gc.enable()
    thresholds = gc.get_threshold()
    with kept_gc():
        app = make_app(library, tmp_path, ("folkevalgtdag", "gc"))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
            await wait_for(pilot, app.session_shown.is_set)
            assert app.session is not None
            await app.session.join()  # activity: the quiet collector pauses collection
            assert gc.get_freeze_count() > 0 and not gc.isenabled()
    assert gc.isenabled() and gc.get_threshold() == thresholds and gc.get_freeze_count() == 0


def test_every_tui_test_restores_the_collector(request: pytest.FixtureRequest) -> None:
    assert "restore_gc" in request.fixturenames
