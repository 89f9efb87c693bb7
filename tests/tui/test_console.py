"""The presenter console: the projector app under Pilot with consoles on its real socket."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import stat
from pathlib import Path
from typing import Any

import pytest

from samspill_tui.cli import main
from samspill_tui.console.app import ConsoleApp
from samspill_tui.console.protocol import VERSION, socket_path
from samspill_tui.content import Library
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.run import SessionScreen
from tests.e2e.test_promises import screen_text
from tests.tui.helpers import make_app, wait_for

NOTES = "KUN-FASILITATOR: spør salen før du viser fasit."


class Client:
    """A console as a bare socket client: it sends commands and reads snapshots."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def attach(cls, path: Path) -> Client:
        reader, writer = await asyncio.open_unix_connection(str(path), limit=2**24)
        client = cls(reader, writer)
        assert (await client.receive())["type"] == "hello"
        return client

    async def receive(self) -> dict[str, Any]:
        line = await asyncio.wait_for(self.reader.readline(), 5)
        assert line, "the app closed the connection"
        message: dict[str, Any] = json.loads(line)
        assert message["v"] == VERSION
        return message

    async def snapshot_where(self, check: Any, kind: str = "snapshot") -> dict[str, Any]:
        """The first message of ``kind`` for which ``check`` holds."""
        while True:
            message = await self.receive()
            if message["type"] == kind and check(message):
                return message

    def send(self, kind: str, **fields: Any) -> None:
        self.writer.write(json.dumps({"v": VERSION, "type": kind, **fields}).encode() + b"\n")

    async def close(self) -> None:
        self.writer.close()
        await self.writer.wait_closed()


def _screen(app: SamspillApp) -> SessionScreen:
    assert isinstance(app.screen, SessionScreen)
    return app.screen


async def test_a_console_key_moves_the_projector(projector: tuple[SamspillApp, Any], tmp_path: Path) -> None:
    app, pilot = projector
    console = ConsoleApp(socket_path(tmp_path, "talk"), "talk", "nb")
    async with console.run_test(size=(80, 24)) as cpilot:
        await wait_for(cpilot, lambda: console.view.get("step", {}).get("index") == 0)
        await cpilot.press("n")
        await wait_for(pilot, lambda: app.session is not None and app.session.current == 1)
        await wait_for(pilot, lambda: _screen(app)._shown == 1)
        await wait_for(cpilot, lambda: console.view["step"]["index"] == 1)
        assert NOTES in screen_text_of(console)  # the case's notes, on the console
        assert NOTES not in screen_text(app)  # and never on the projector
        await cpilot.press("p")
        await wait_for(pilot, lambda: app.session is not None and app.session.current == 0)
        await cpilot.press("t")  # the projector's timer, shown on the console
        await wait_for(cpilot, lambda: (console.view.get("timer") or {}).get("running") is True)


def screen_text_of(console: ConsoleApp) -> str:
    """What the console shows now (its screenshot's text)."""
    import html
    import re

    svg = console.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<>]*)</text>", svg))).replace("\xa0", " ")


async def test_notes_and_answer_key_reach_the_console_only(projector: tuple[SamspillApp, Any],
                                                            tmp_path: Path) -> None:
    app, pilot = projector
    client = await Client.attach(socket_path(tmp_path, "talk"))
    for index in (1, 3):  # the case, then its poll with an answer key
        client.send("goto", step=index)
        shown = await client.snapshot_where(lambda s, i=index: s["step"]["index"] == i)
        await wait_for(pilot, lambda i=index: _screen(app)._shown == i)
        assert shown["step"]["notes"] == NOTES
        assert NOTES not in screen_text(app)
    assert shown["step"]["answer_key"].startswith("Kommunedirektøren")
    await client.close()


async def test_two_consoles_disconnect_and_reconnect(projector: tuple[SamspillApp, Any],
                                                     tmp_path: Path) -> None:
    app, pilot = projector
    path = socket_path(tmp_path, "talk")
    first, second = await Client.attach(path), await Client.attach(path)
    first.send("action", action="next")
    for client in (first, second):  # both consoles follow whoever pressed the key
        await client.snapshot_where(lambda s: s["step"]["index"] == 1)
    first.writer.transport.abort()  # a console that vanishes mid-session
    second.send("action", action="next")
    await second.snapshot_where(lambda s: s["step"]["index"] == 2)
    await wait_for(pilot, lambda: _screen(app)._shown == 2)
    await pilot.press("n")  # the projector keeps its own keys
    await second.snapshot_where(lambda s: s["step"]["index"] == 3)
    again = await Client.attach(path)  # and a console comes back
    assert (await again.snapshot_where(lambda s: True))["step"]["index"] == 3
    again.send("action", action="previous")
    await wait_for(pilot, lambda: app.session is not None and app.session.current == 2)
    again.send("nonsense")  # an unknown command is answered, not fatal
    assert "nonsense" in (await again.snapshot_where(lambda m: True, "error"))["reason"]
    again.send("action", action="next")
    await again.snapshot_where(lambda s: s["step"]["index"] == 3)
    await again.close()
    await second.close()


async def test_moderation_from_the_console(projector: tuple[SamspillApp, Any], tmp_path: Path) -> None:
    app, pilot = projector
    session = app.session
    assert session is not None
    await session.go_to(2)  # the reflection
    await wait_for(pilot, lambda: _screen(app)._shown == 2)
    pid = (await session.join()).id
    await session.answer(pid, session.step.key, 0, "Mer tid til saksforberedelse", "s1")
    console = ConsoleApp(socket_path(tmp_path, "talk"), "talk", "nb")
    async with console.run_test(size=(80, 24)) as cpilot:
        await wait_for(cpilot, lambda: len(console.view.get("answer_list", [])) == 1)
        assert "Mer tid til saksforberedelse" in screen_text_of(console)
        await cpilot.press("h")
        answer = next(iter(session.answers[session.step.key].values()))
        await wait_for(cpilot, lambda: session.answers[session.step.key][answer.key].hidden)
        await cpilot.press("x")  # asks first: nothing is deleted yet
        await cpilot.pause(0.3)
        assert session.answers[session.step.key]
        await cpilot.press("x")
        await wait_for(cpilot, lambda: not session.answers.get(session.step.key))
    await pilot.pause()


async def test_pre_moderation_keeps_answers_off_the_wall_until_approved(
        projector: tuple[SamspillApp, Any], tmp_path: Path) -> None:
    app, pilot = projector
    session = app.session
    assert session is not None
    await session.go_to(2)  # the reflection
    await wait_for(pilot, lambda: _screen(app)._shown == 2)
    console = ConsoleApp(socket_path(tmp_path, "talk"), "talk", "nb")
    async with console.run_test(size=(80, 24)) as cpilot:
        await wait_for(cpilot, lambda: console.view.get("step", {}).get("index") == 2)
        await cpilot.press("F")  # pre-moderate this step
        await wait_for(cpilot, lambda: session.state(session.step.key).premoderated)
        pid = (await session.join()).id
        await session.answer(pid, session.step.key, 0, "Ventende innspill om budsjett", "s1")
        await wait_for(cpilot, lambda: any(a["pending"] for a in console.view.get("answer_list", [])))
        await pilot.pause(0.5)  # the projector has redrawn: the answer is not on its wall
        assert "Ventende innspill om budsjett" in screen_text_of(console)
        assert "Ventende innspill om budsjett" not in screen_text(app)
        assert session.reading.wall(session.step) == ()
        await cpilot.press("enter")  # approved on the console
        await wait_for(pilot, lambda: "Ventende innspill om budsjett" in screen_text(app))
        assert not any(a["pending"] for a in console.view["answer_list"])


async def test_socket_is_for_the_user_alone_and_goes_with_the_app(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "talk"))
    path = socket_path(tmp_path, "talk")
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: app.session_shown.is_set())
        info = path.lstat()
        assert stat.S_ISSOCK(info.st_mode)
        assert stat.S_IMODE(info.st_mode) == 0o600
        assert info.st_uid == os.getuid()
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".console-")]
    assert not path.exists()


def test_console_without_a_running_app(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["console", "ingen", "--data-dir", str(tmp_path)]) == 1
    assert "Ingen Samspill kjører økta «ingen» nå" in capsys.readouterr().err
    assert main(["console", "ingen", "--data-dir", str(tmp_path), "--lang", "nn"]) == 1
    assert "Ingen Samspill køyrer økta «ingen» no" in capsys.readouterr().err


def test_a_stale_socket_is_recognised_and_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = socket_path(tmp_path, "krasj")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as left:  # bound, nobody listens: a crashed app
        left.bind(str(path))
    assert path.exists()
    assert main(["console", "krasj", "--data-dir", str(tmp_path)]) == 1
    assert "Samspill ble avbrutt sist" in capsys.readouterr().err
    assert not path.exists()


def test_another_users_socket_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = socket_path(tmp_path, "annen")
    path.write_text("")  # not a socket of this user's app
    assert main(["console", "annen", "--data-dir", str(tmp_path)]) == 1
    assert "en annen bruker" in capsys.readouterr().err
    assert path.exists()


async def test_the_projector_runs_on_when_no_socket_can_be_made(tmp_path: Path, library: Library) -> None:
    deep = tmp_path / ("lang-mappe-" * 10)  # a socket path longer than the system allows
    deep.mkdir()
    app = make_app(library, deep, ("folkevalgtdag", "talk"))
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: app.session_shown.is_set())
        assert app.channel is None
        await wait_for(pilot, lambda: any("Fasilitatorkonsollen kan ikke kobles til" in n.message
                                          for n in app._notifications))
        await pilot.press("n")  # the projector's own keys work as before
        await wait_for(pilot, lambda: app.session is not None and app.session.current == 1)
    assert not [p for p in deep.iterdir() if p.name.startswith(".console-")]
