"""The console's channel: a console that loses the app (a resume) attaches again by itself, and
the loopback transport (Windows) admits only a console that presents the secret."""

from __future__ import annotations

import asyncio
import json
import os
import stat
from pathlib import Path

import pytest

from samspill_tui.cli import main
from samspill_tui.console import app as console_app
from samspill_tui.console import protocol
from samspill_tui.console.app import ConsoleApp
from samspill_tui.console.protocol import VERSION, channel_path, encode, socket_path, ticket_path
from samspill_tui.content import Library
from tests.tui.helpers import make_app, wait_for
from tests.tui.test_console import screen_text_of


async def test_a_console_attaches_again_after_a_resume(tmp_path: Path, library: Library) -> None:
    console = ConsoleApp(socket_path(tmp_path, "talk"), "talk", "nb")
    first = make_app(library, tmp_path, ("folkevalgtdag", "talk"))
    async with first.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: first.channel is not None)
        async with console.run_test(size=(80, 24)) as cpilot:
            await wait_for(cpilot, lambda: bool(console.view))
            await cpilot.press("n")
            await wait_for(cpilot, lambda: console.view["step"]["index"] == 1)
            assert first.channel is not None
            await first.channel.stop()  # the app's channel goes (as when the app quits)
            await wait_for(cpilot, lambda: console.main.query_one("#banner").display)
            assert "Kobler til økta «talk» igjen" in screen_text_of(console)
            await cpilot.press("n")  # nothing to send it to: said so, nothing lost
            await wait_for(cpilot, lambda: any("Ikke koblet til" in n.message
                                               for n in console._notifications))
            first.channel = None
            first.exit()
    # The same again with the console kept open while the app restarts and resumes the session.
    console = ConsoleApp(socket_path(tmp_path, "talk"), "talk", "nb")
    first = make_app(library, tmp_path, ("folkevalgtdag", "talk"))
    async with console.run_test(size=(80, 24)) as cpilot:
        async with first.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: first.channel is not None)
            await wait_for(cpilot, lambda: bool(console.view))
        await wait_for(cpilot, lambda: console.main.query_one("#banner").display)
        again = make_app(library, tmp_path, ("folkevalgtdag", "talk"))
        async with again.run_test(size=(120, 40)) as pilot:
            await wait_for(cpilot, lambda: not console.main.query_one("#banner").display, timeout=15)
            assert any("Koblet til igjen" in n.message for n in console._notifications)
            await cpilot.press("n")  # and its keys drive the resumed session
            await wait_for(pilot, lambda: again.session is not None and again.session.current == 2)


async def test_a_console_gives_up_on_an_app_that_stays_away(tmp_path: Path, library: Library,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    console = ConsoleApp(socket_path(tmp_path, "talk"), "talk", "nb")
    app = make_app(library, tmp_path, ("folkevalgtdag", "talk"))
    async with console.run_test(size=(80, 24)) as cpilot:
        async with app.run_test() as pilot:
            await wait_for(pilot, lambda: app.channel is not None)
            await wait_for(cpilot, lambda: bool(console.view))
            monkeypatch.setattr(console_app, "GIVE_UP_SECONDS", 0.5)
        await wait_for(cpilot, lambda: not console.is_running)
    assert console.return_code == 1


@pytest.fixture
def loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Windows transport, on Linux."""
    monkeypatch.setattr(protocol, "USE_TCP", True)


@pytest.mark.usefixtures("loopback")
async def test_loopback_channel_admits_only_the_secret(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "talk"))
    ticket = ticket_path(tmp_path, "talk")
    assert channel_path(tmp_path, "talk") == ticket
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.channel is not None)
        assert not socket_path(tmp_path, "talk").exists()
        info = ticket.stat()
        assert stat.S_IMODE(info.st_mode) == 0o600 and info.st_uid == os.getuid()
        doc = json.loads(ticket.read_text())
        assert app.channel is not None and app.channel._server is not None
        assert {s.getsockname()[0] for s in app.channel._server.sockets} == {"127.0.0.1"}
        for first_line in (encode("auth", secret="gjettet"), encode("action", action="next"), b"\n"):
            reader, writer = await asyncio.open_connection("127.0.0.1", doc["port"])
            writer.write(first_line)
            reply = json.loads(await asyncio.wait_for(reader.readline(), 5))
            assert reply["type"] == "error" and reply["v"] == VERSION
            assert await asyncio.wait_for(reader.readline(), 5) == b""  # and closed
            writer.close()
        assert app.session is not None and app.session.current == 0  # nothing was carried out
        console = ConsoleApp(ticket, "talk", "nb")  # the real console presents the secret
        async with console.run_test(size=(80, 24)) as cpilot:
            await wait_for(cpilot, lambda: bool(console.view))
            await cpilot.press("n")
            await wait_for(pilot, lambda: app.session is not None and app.session.current == 1)
        assert protocol.probe(ticket) == protocol.Probe.RUNNING
    assert not ticket.exists()


@pytest.mark.usefixtures("loopback")
def test_loopback_ticket_without_an_app(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["console", "talk", "--data-dir", str(tmp_path)]) == 1
    assert "Ingen Samspill kjører økta «talk» nå" in capsys.readouterr().err
    ticket = ticket_path(tmp_path, "talk")
    protocol.write_ticket(ticket, 9, "gammel")  # left by an app that crashed: nobody listens
    assert main(["console", "talk", "--data-dir", str(tmp_path)]) == 1
    assert "Samspill ble avbrutt sist" in capsys.readouterr().err
    assert not ticket.exists()


async def test_a_running_session_of_another_user_is_refused(tmp_path: Path, library: Library,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "talk"))
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: app.channel is not None)
        path = socket_path(tmp_path, "talk")
        assert protocol.probe(path) == protocol.Probe.RUNNING
        owner = path.lstat().st_uid
        monkeypatch.setattr(os, "getuid", lambda: owner + 1)  # the folder is seen as another user's
        assert protocol.probe(path) == protocol.Probe.FOREIGN
        assert main(["console", "talk", "--data-dir", str(tmp_path)]) == 1  # says so (tested above)
        assert path.exists()  # refused, and left alone
