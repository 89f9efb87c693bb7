"""The projector app under Pilot, with its real server and real session files."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Digits, Markdown, Select, Static

from samspill_tui.content import Library
from samspill_tui.session.archive import export_folder
from samspill_tui.session.live import Session
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.home import HomeScreen
from samspill_tui.tui.run import SessionScreen
from samspill_tui.web.server import WebServer, listen_for
from tests.conftest import Phone
from tests.tui.helpers import make_app, wait_for, wall_rows


async def test_steps_advance_and_tally_follows_real_votes(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "flow"), k=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        server = app.face
        assert isinstance(server, WebServer)
        phones = [Phone(server) for _ in range(3)]
        try:
            for phone in phones:
                await phone.join()
            await wait_for(pilot, lambda: str(app.screen.query_one("#joined", Digits).value) == "3")
            await pilot.press("right")
            await wait_for(pilot, lambda: app.screen.query(Markdown))
            assert app.session is not None and app.session.step.kind == "case"
            await pilot.press("right", "right", "right")  # reflection, poll, first statement
            await wait_for(pilot, lambda: app.session.step.kind == "statement")  # type: ignore[union-attr]
            await wait_for(pilot, lambda: app.screen.query("#tally"))
            answered = app.screen.query_one("#answered-n", Digits)
            assert answered.value == "0"
            assert "av 3 har svart" in str(app.screen.query_one("#answered-of", Static).render())
            for phone in phones:
                assert (await phone.vote("4"))[0] == 200
            await wait_for(pilot, lambda: answered.value == "3")
            assert not app.screen.query_one("#tally", Static).display  # hidden while voting
            await pilot.press("r")
            await wait_for(pilot, lambda: app.screen.query_one("#tally", Static).display)
            tally = str(app.screen.query_one("#tally", Static).render())
            assert "Delvis enig" in tally and "100 %" in tally
            await pilot.press("left")
            await wait_for(pilot, lambda: app.session.step.kind == "poll")  # type: ignore[union-attr]
        finally:
            for phone in phones:
                await phone.close()


async def test_reflection_answers_shown_as_plain_text(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "wall"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert isinstance(app.face, WebServer) and app.session is not None
        phone = Phone(app.face)
        try:
            await phone.join()
            await pilot.press("right", "right")
            await wait_for(pilot, lambda: app.session.step.kind == "reflection")  # type: ignore[union-attr]
            nasty = "[bold red]Hei[/] [@click=app.quit]x[/] \x1b[2J"
            assert (await phone.answer(0, nasty, "s1"))[0] == 200
            await wait_for(pilot, lambda: wall_rows(app)[0][0])
            assert wall_rows(app)[0][0] == "1. [bold red]Hei[/] [@click=app.quit]x[/] [2J"
            assert app.is_running
        finally:
            await phone.close()


async def test_home_screen_starts_and_resume_continues(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, None)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.screen.query_one("#programme", Select).value == "folkevalgtdag"
        name = app.screen.query_one("#name")
        name.value = "hjem"  # type: ignore[attr-defined]
        await pilot.click("#start")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.press("right", "right")
        await wait_for(pilot, lambda: app.session.current == 2)  # type: ignore[union-attr]
    again = make_app(library, tmp_path, ("folkevalgtdag", "hjem"))
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(again.screen, SessionScreen)
                       and again.screen.query(".step-view"))
        assert again.session is not None and again.session.current == 2
        assert again.session.step.kind == "reflection"


@pytest.mark.parametrize("attempt", range(3))
async def test_quitting_during_a_step_change_ends_cleanly(
    tmp_path: Path, library: Library, attempt: int
) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "slutt"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen)
                       and app.screen.query(".step-view"))
        assert app.session is not None
        await app.session.go_to(1)
        await app.session.go_to(2)  # still mounting its view when the app closes its screens
    assert app.return_code in (None, 0)


async def test_home_screen_rejects_bad_name(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, None)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.screen.query_one("#name").value = "../etc/passwd"  # type: ignore[attr-defined]
        await pilot.click("#start")
        await wait_for(
            pilot, lambda: "Navnet kan bare" in str(app.screen.query_one("#error", Static).render())
        )
        assert isinstance(app.screen, HomeScreen)
        assert list(tmp_path.iterdir()) == []


async def test_summary_screen_exports_markdown_with_e(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "eks"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.session is not None
        await app.session.go_to(len(app.session.steps) - 1)
        await wait_for(pilot, lambda: app.screen.query("#summary"))
        await pilot.press("e")
        folder = export_folder(tmp_path, "eks")
        await wait_for(pilot, lambda: all((folder / f"eks.{ext}").exists()
                                          for ext in ("md", "html", "csv", "json")))
        text = (folder / "eks.md").read_text()
        assert text.startswith("# Folkevalgtdag") and "**Deltakere:** 0" in text


def _exit_messages(app: SamspillApp) -> list[str]:
    """The messages ``app`` exits with, as the terminal will show them."""
    messages: list[str] = []
    exit_ = app.exit

    def recording(*args: Any, **kwargs: Any) -> None:
        messages.append(str(kwargs.get("message", "")))
        exit_(*args, **kwargs)

    app.exit = recording  # type: ignore[method-assign]
    return messages


async def test_second_app_on_same_session_exits_with_clear_message(tmp_path: Path, library: Library) -> None:
    from samspill_tui.session.store import SessionStore

    holder = SessionStore(tmp_path / "opptatt.json")  # another app has the session open
    app = make_app(library, tmp_path, ("folkevalgtdag", "opptatt"))
    messages = _exit_messages(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == 1
    assert app.session is None
    assert messages == ["Økta «opptatt» er allerede åpen i en annen Samspill."]
    await holder.close()


async def test_a_taken_port_exits_with_clear_message_and_frees_the_session(
    tmp_path: Path, library: Library
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        async def serve(session: Session) -> WebServer:
            return await listen_for(session, "127.0.0.1", port, 0)

        app = SamspillApp(library=library, lang="nb", data_dir=tmp_path, serve=serve,
                          start=("folkevalgtdag", "port"))
        messages = _exit_messages(app)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == 1 and app.session is None
    [message] = messages
    assert message.startswith("Kunne ikke starte nettsiden for mobilene") and "--port" in message
    assert list(tmp_path.iterdir()) == []  # no session file, no lock
    reopened = await Session.open(tmp_path, "port", "folkevalgtdag", library, "nb")  # not left locked
    await reopened.close()


@pytest.mark.parametrize("damage", ["file", "lock"])
async def test_a_session_that_cannot_be_opened_says_why_and_is_left_as_it_was(
        tmp_path: Path, library: Library, damage: str) -> None:
    """Every file-system error used to say «Prøv en annen --port»."""
    if damage == "file":
        (tmp_path / "skadet.json").write_text('{"meta": {"1": {"k":')
        before = (tmp_path / "skadet.json").read_bytes()
        expected = "Øktfila for «skadet»"
    else:
        (tmp_path / "skadet.lock").mkdir()  # the lock's path is a folder
        expected = "Kunne ikke åpne økta «skadet»: det ligger en mappe der en fil skulle vært."

    async def serve(session: Session) -> WebServer:
        return await listen_for(session, "127.0.0.1", 0, 0)

    app = SamspillApp(library=library, lang="nb", data_dir=tmp_path, serve=serve,
                      start=("folkevalgtdag", "skadet"))
    messages = _exit_messages(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == 1
    [message] = messages
    assert message.startswith(expected) and "--port" not in message
    if damage == "file":
        assert (tmp_path / "skadet.json").read_bytes() == before  # never overwritten
        assert "er skadet og kan ikke leses. Den er ikke endret." in message
