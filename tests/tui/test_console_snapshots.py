"""SVG snapshots of the presenter console (pytest-textual-snapshot), fed by a fixed app.

Regenerate after a deliberate change with
``pytest tests/tui/test_console_snapshots.py --snapshot-update`` and look at the report first.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from samspill_tui.console.app import ConsoleApp
from samspill_tui.console.protocol import encode
from samspill_tui.console.snapshot import snapshot
from samspill_tui.content import Library
from samspill_tui.session.live import Session
from tests.tui.helpers import wait_for
from tests.tui.test_snapshots import JOIN_URL, SIZES

ANSWERS = ["Mer tid til saksforberedelse", "Tydeligere roller mellom politikk og administrasjon",
           "Hyppigere dialogmøter"]


def _view(data_dir: Path, library: Library, step: int, lang: str = "nb") -> dict[str, Any]:
    """The snapshot a real session sends at ``step`` (three answers on the reflection, one hidden)."""

    async def run() -> dict[str, Any]:
        s = await Session.open(data_dir, "snap", "folkevalgtdag", library, lang)
        await s.go_to(step)
        if s.step.accepts_answers:
            pid = (await s.join()).id
            for n, text in enumerate(ANSWERS):
                await s.answer(pid, s.step.key, 0, text, f"s{n}")
            first = next(iter(s.answers[s.step.key]))
            await s.moderate(s.step.key, first, hidden=True)
        view = snapshot(s, {"timer": {"left": 272, "running": True, "closes": ""}, "join_url": JOIN_URL,
                            "gap": None})
        await s.close()
        return {**view, "code": "KJ7MXA"}

    return asyncio.run(run())


@contextlib.contextmanager
def fixed_app(path: Path, view: dict[str, Any]) -> Iterator[None]:
    """A stand-in for the running app: every console that attaches gets ``view``."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen()
    server.settimeout(0.05)
    stop, attached = threading.Event(), []

    def serve() -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                conn, _ = server.accept()
                conn.sendall(encode("hello", session="snap") + encode("snapshot", **view))
                attached.append(conn)

    thread = threading.Thread(target=serve)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        for conn in attached:
            conn.close()
        server.close()


async def _shown(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, ConsoleApp)
    await wait_for(pilot, lambda: bool(app.view))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize(("name", "step"), [("poll", 3), ("reflection", 2)])
def test_console(name: str, step: int, size: tuple[int, int], snap_compare: Any, tmp_path: Path,
                 library: Library) -> None:
    path = tmp_path / "snap.console.sock"
    with fixed_app(path, _view(tmp_path, library, step)):
        assert snap_compare(ConsoleApp(path, "snap", "nb"), terminal_size=size, run_before=_shown)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_console_dark_nynorsk(size: tuple[int, int], snap_compare: Any, tmp_path: Path,
                              library: Library) -> None:
    path = tmp_path / "snap.console.sock"
    with fixed_app(path, _view(tmp_path, library, 2, "nn")):
        assert snap_compare(ConsoleApp(path, "snap", "nn", "dark"), terminal_size=size, run_before=_shown)


async def test_the_notes_markdown_is_drawn_not_shown_as_source(tmp_path: Path, library: Library) -> None:
    """Content notes are Markdown: the console draws them, it does not show their asterisks."""
    from tests.tui.test_console import screen_text_of

    view = await asyncio.to_thread(_view, tmp_path, library, 3)
    view["step"]["notes"] = "**Slik bruker du steget:** les *høyt*.\n\n- Først dette\n- Så dette"
    path = tmp_path / "snap.console.sock"
    with fixed_app(path, view):
        console = ConsoleApp(path, "snap", "nb")
        async with console.run_test(size=(100, 30)) as pilot:
            await _shown(pilot)
            text = screen_text_of(console)
            assert "Slik bruker du steget: les høyt." in text and "• Først dette" in text
            assert "*" not in text
