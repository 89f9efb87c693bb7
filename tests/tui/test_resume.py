"""Resuming a session under Pilot: the port it announced, and what the lobby says when it is taken."""

from __future__ import annotations

import socket
from pathlib import Path

from textual.widgets import Static

from samspill_tui.content import Library
from samspill_tui.tui.lobby import LobbyView
from samspill_tui.tui.run import SessionScreen
from samspill_tui.web.server import WebServer
from tests.tui.helpers import make_app, wait_for


async def _port_of_a_run(tmp_path: Path, library: Library) -> int:
    app = make_app(library, tmp_path, ("folkevalgtdag", "igjen"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert isinstance(app.face, WebServer)
        return app.face.port


async def test_a_resume_is_served_on_the_same_port(tmp_path: Path, library: Library) -> None:
    first = await _port_of_a_run(tmp_path, library)
    assert await _port_of_a_run(tmp_path, library) == first


async def test_when_the_port_is_taken_the_lobby_says_phones_must_scan_again(
        tmp_path: Path, library: Library) -> None:
    first = await _port_of_a_run(tmp_path, library)
    with socket.socket() as squatter:
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind(("127.0.0.1", first))
        squatter.listen()
        app = make_app(library, tmp_path, ("folkevalgtdag", "igjen"))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: app.screen.query(LobbyView))
            assert isinstance(app.face, WebServer) and app.face.port != first
            status = str(app.screen.query_one("#lobby-status", Static).render())
            assert "alle mobiler må skanne QR-koden på nytt" in status
            await wait_for(pilot, lambda: any("skanne QR-koden på nytt" in str(n.message)
                                              for n in app._notifications))
