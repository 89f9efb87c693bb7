"""Helpers for driving the real app under Pilot."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Callable, Iterator
from pathlib import Path

from textual.pilot import Pilot

from samspill_tui.content import Library
from samspill_tui.demo import QUICK_PACE
from samspill_tui.session.live import Session
from samspill_tui.session.policy import K_DEFAULT
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.wall import AnswerWall
from samspill_tui.web.server import WebServer, listen_for


def make_app(library: Library, data_dir: Path, start: tuple[str, str] | None, demo: int = 0,
             lang: str = "nb", k: int = K_DEFAULT) -> SamspillApp:
    async def serve(session: Session) -> WebServer:
        server = await listen_for(session, "127.0.0.1", 0, 0)  # a resume takes its port again
        await server.start()
        return server

    return SamspillApp(library=library, lang=lang, data_dir=data_dir, serve=serve, start=start,
                       demo=demo, demo_pace=QUICK_PACE, k=k)


async def wait_for(pilot: Pilot[None], condition: Callable[[], object], timeout: float = 10) -> None:
    """Wait until ``condition()`` is true, letting the app run meanwhile."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


def wall_rows(app: SamspillApp) -> list[tuple[str, set[str]]]:
    """The answer wall's lines as drawn: their text and the background colours of that text."""
    wall = app.screen.query_one(AnswerWall)
    rows = []
    for y in range(wall.scrollable_content_region.height):
        strip = wall.render_line(y)
        backgrounds = {seg.style.bgcolor.get_truecolor().hex for seg in strip
                       if seg.text.strip() and seg.style and seg.style.bgcolor}
        rows.append((strip.text.strip(), backgrounds))
    return rows


@contextlib.contextmanager
def kept_gc() -> Iterator[None]:
    """Give the garbage collector back as it was: enabled or not, its thresholds, nothing frozen."""
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        if enabled:
            gc.enable()
        else:
            gc.disable()
