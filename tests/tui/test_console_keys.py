"""The presenter console's keys and text fields, against the projector app under Pilot: every
facilitator key acts on the projector; the minutes and the gap view's agreements are typed on the
console and reach the session only when saved, never the projector while typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, TextArea

from samspill_tui.console.app import ConsoleApp
from samspill_tui.console.protocol import socket_path
from samspill_tui.console.screens import FormScreen, MinutesScreen, StepsScreen
from samspill_tui.content import Library
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.gap import agreement_key
from tests.conftest import go_to_kind
from tests.e2e.test_promises import screen_text
from tests.tui.helpers import make_app, wait_for
from tests.tui.test_console import Client, screen_text_of
from tests.tui.test_typing import SENTENCE, _pair_ready


def _recorded(app: SamspillApp) -> tuple[Any, ...]:
    """What a key could change in the session: its step, code, joining and minutes."""
    s = app.session
    assert s is not None
    return (s.current, s.token, s.joining_open, dict(s.record.states), dict(s.record.notes),
            dict(s.record.agreements), dict(s.participants))


async def _type(cpilot: Any, console: ConsoleApp, field: Input | TextArea, app: SamspillApp) -> None:
    """Type the sentence of every command key into ``field``: it all goes into the field, nothing
    is sent, and the projector shows none of it."""
    before = _recorded(app)
    await cpilot.press(*SENTENCE)
    await cpilot.pause(0.3)
    assert (field.value if isinstance(field, Input) else field.text) == SENTENCE
    assert console.screen.focused is field
    assert _recorded(app) == before
    assert "alt på alvor" not in screen_text(app)


async def test_every_facilitator_key_acts_on_the_projector(projector: tuple[SamspillApp, Any],
                                                           tmp_path: Path) -> None:
    app, pilot = projector
    session = app.session
    assert session is not None
    client = await Client.attach(socket_path(tmp_path, "talk"))
    client.send("goto", step=3)  # the poll
    await client.snapshot_where(lambda s: s["step"]["index"] == 3)
    key = session.step.key
    for action, done in [("reveal", lambda: session.state(key).revealed),
                         ("phone_results", lambda: session.state(key).on_phones),
                         ("lock", lambda: session.state(key).locked)]:
        client.send("action", action=action)
        await client.snapshot_where(lambda s, done=done: done())
    client.send("action", action="timer_closes")
    assert (await client.snapshot_where(lambda s: s["timer"]["closes"] == "lock"))
    token = session.token
    client.send("action", action="new_code")
    await client.snapshot_where(lambda s: session.token != token)
    client.send("action", action="raise_limits")
    assert "Grensene er nå" in (await client.snapshot_where(lambda m: True, "notice"))["text"]
    client.send("action", action="qr")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "QRScreen")
    client.send("action", action="qr")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "SessionScreen")
    client.send("meeting", meeting={"organ": "Formannskapet", "date": "14.03.2026"})
    await client.snapshot_where(lambda s: s["meeting"]["organ"] == "Formannskapet")
    assert session.meeting.date == "2026-03-14"
    client.send("meeting", meeting={"date": "31.02.2026"})  # refused, in Norwegian
    assert "dd.mm.åååå" in (await client.snapshot_where(lambda m: True, "error"))["reason"]
    await client.close()


async def test_step_list_on_the_console_moves_the_projector(projector: tuple[SamspillApp, Any],
                                                            tmp_path: Path) -> None:
    app, pilot = projector
    console = ConsoleApp(socket_path(tmp_path, "talk"), "talk", "nb")
    async with console.run_test(size=(80, 24)) as cpilot:
        await wait_for(cpilot, lambda: bool(console.view))
        await cpilot.press("g")
        await wait_for(cpilot, lambda: isinstance(console.screen, StepsScreen))
        await cpilot.press("n")  # a dialog takes the keys: nothing moves
        await cpilot.press("down", "down", "enter")
        await wait_for(pilot, lambda: app.session is not None and app.session.current == 2)
        assert app.session is not None and app.session.current == 2


async def test_minutes_typed_on_the_console(projector: tuple[SamspillApp, Any], tmp_path: Path) -> None:
    app, pilot = projector
    session = app.session
    assert session is not None
    await session.go_to(1)
    step_key = session.step.key
    console = ConsoleApp(socket_path(tmp_path, "talk"), "talk", "nb")
    async with console.run_test(size=(80, 24)) as cpilot:
        await wait_for(cpilot, lambda: console.view.get("step", {}).get("index") == 1)
        await cpilot.press("m")
        await wait_for(cpilot, lambda: isinstance(console.screen, MinutesScreen))
        note = console.screen.query_one("#note", TextArea)
        await wait_for(cpilot, lambda: console.screen.focused is note)
        await _type(cpilot, console, note, app)
        await cpilot.press("ctrl+s")
        await wait_for(cpilot, lambda: session.record.notes.get(step_key) == SENTENCE)
        await cpilot.press("ctrl+n")
        await wait_for(cpilot, lambda: isinstance(console.screen, FormScreen))
        text = console.screen.query_one("#field-text", Input)
        text.focus()
        await _type(cpilot, console, text, app)
        due = console.screen.query_one("#field-due", Input)
        due.value = "31.02.2026"
        await cpilot.press("ctrl+s")  # a date that does not exist: the form stays, with what was typed
        await cpilot.pause(0.2)
        assert isinstance(console.screen, FormScreen) and text.value == SENTENCE
        assert "dd.mm.åååå" in screen_text_of(console)
        due.value = "30.06.2026"
        await cpilot.press("ctrl+s")
        await wait_for(cpilot, lambda: len(session.record.agreements) == 1)
        agreement = next(iter(session.record.agreements.values()))
        assert (agreement.step_key, agreement.text, agreement.due) == (step_key, SENTENCE, "2026-06-30")
        await wait_for(cpilot, lambda: isinstance(console.screen, MinutesScreen)
                       and SENTENCE[:30] in screen_text_of(console))
        await cpilot.press("escape")
        await wait_for(cpilot, lambda: not isinstance(console.screen, MinutesScreen))
    await pilot.pause()


async def test_gap_agreement_typed_on_the_console(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("samspill", "gap"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.channel is not None)
        assert app.session is not None
        session = app.session
        await _pair_ready(session)
        await go_to_kind(session, "gap")
        console = ConsoleApp(socket_path(tmp_path, "gap"), "gap", "nb")
        async with console.run_test(size=(80, 24)) as cpilot:
            await wait_for(cpilot, lambda: bool((console.view.get("gap") or {}).get("rows")))
            await wait_for(cpilot, lambda: console.main.query_one("#gap").display)
            first = console.view["gap"]["rows"][0]["statement"]
            field = console.main.query_one("#gap-agreement", Input)
            await cpilot.press("s")
            await wait_for(cpilot, lambda: console.screen.focused is field)
            await _type(cpilot, console, field, app)
            await cpilot.press("escape")  # leaves the field, the text kept and not saved
            await cpilot.pause(0.2)
            assert field.value == SENTENCE and not session.record.agreements
            await cpilot.press("s", "enter")
            key = agreement_key(first)
            await wait_for(cpilot, lambda: key in session.record.agreements)
            assert session.record.agreements[key].text == SENTENCE
            await wait_for(pilot, lambda: app.screen.query_one("#gap-agreement", Input).value == SENTENCE)
            await cpilot.press("S")
            await wait_for(cpilot, lambda: isinstance(console.screen, FormScreen))
            console.screen.query_one("#field-due", Input).value = "01.09.2026"
            await cpilot.press("ctrl+s")
            await wait_for(cpilot, lambda: session.record.agreements[key].due == "2026-09-01")
            assert session.record.agreements[key].text == SENTENCE
