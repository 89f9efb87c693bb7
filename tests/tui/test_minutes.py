"""The minutes screen under Pilot: a note and agreements typed with the keyboard, stored on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from samspill_tui.content import Library, load_library
from samspill_tui.session.meeting import parse_date
from samspill_tui.session.record import Agreement
from samspill_tui.session.store import read_snapshot
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.minutes import AgreementScreen, MinutesScreen
from samspill_tui.tui.run import SessionScreen
from samspill_tui.tui.views import StepView
from tests.conftest import REPO_CONTENT
from tests.tui.helpers import make_app, wait_for


@pytest.fixture(scope="module")
def repo_library() -> Library:
    lib = load_library(REPO_CONTENT)
    lib.require_valid()
    return lib


async def _type(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


async def _open(app: SamspillApp, pilot: Pilot[None], step_key: str) -> None:
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
    session = app.session
    assert session is not None
    await session.go_to(next(i for i, s in enumerate(session.steps) if s.key == step_key))
    await wait_for(pilot, lambda: any(v.step.key == step_key for v in app.screen.query(StepView)))
    await pilot.press("m")
    await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen))


def _options(app: SamspillApp) -> list[str]:
    options = app.screen.query_one("#minutes-agreements", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_note_and_agreements_are_typed_and_stored(tmp_path: Path, repo_library: Library) -> None:
    app = make_app(repo_library, tmp_path, ("utviklingssamtale", "us"))
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "reflection:us-3-forventninger-folkevalgte")
        session = app.session
        assert session is not None
        assert app.screen.focused is app.screen.query_one("#minutes-note", TextArea)
        assert _options(app) == ["Ingen avtaler ennå. Trykk ctrl+n for å legge til en."]
        await _type(pilot, "Tre forventninger ble enige om")

        # a new agreement: text, owner from the list, due date
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen))
        await _type(pilot, "Plan for budsjettarbeidet")
        await pilot.press("tab", "enter", "down", "down", "enter")  # owner: Arbeidsgiversiden
        await pilot.press("tab")
        await _type(pilot, "31.02.2026")
        await pilot.press("enter")  # no such date: told so, nothing stored
        await wait_for(pilot, lambda: "dd.mm.åååå" in str(app.screen.query_one("#agreement-error",
                                                                                  Static).render()))
        assert session.record.agreements == {}
        await pilot.press(*["backspace"] * 10)
        await _type(pilot, "30.06.2026")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen) and session.record.agreements)
        (agreement,) = session.record.agreements.values()
        assert (agreement.text, agreement.owner, agreement.due, agreement.status) == (
            "Plan for budsjettarbeidet", "arbeidsgiver", "2026-06-30", "")
        assert agreement.step_key == "reflection:us-3-forventninger-folkevalgte"
        await wait_for(pilot, lambda: _options(app) == [
            "Plan for budsjettarbeidet  (Arbeidsgiversiden, 30.06.2026)"])

        # change it: Enter on the list opens it filled in; add a status
        assert app.screen.focused is app.screen.query_one("#minutes-agreements", OptionList)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen))
        await pilot.press("tab", "tab", "tab")
        await _type(pilot, "Startet")
        await pilot.press("enter")
        await wait_for(pilot, lambda: session.record.agreements[agreement.key].status == "Startet")
        assert session.record.agreements[agreement.key].due == "2026-06-30"

        # Escape stores the note and closes
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        key = "reflection:us-3-forventninger-folkevalgte"
        assert session.record.notes[key] == "Tre forventninger ble enige om"
    tables = read_snapshot(tmp_path / "us.json")
    assert [d["text"] for d in tables["notes"]] == ["Tre forventninger ble enige om"]
    assert [(d["text"], d["owner"], d["status"]) for d in tables["agreements"]] == [
        ("Plan for budsjettarbeidet", "arbeidsgiver", "Startet")]


async def test_agreements_show_as_plain_text_and_delete(tmp_path: Path, repo_library: Library) -> None:
    app = make_app(repo_library, tmp_path, ("utviklingssamtale", "us"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.session
        assert session is not None
        step = "reflection:us-5-samarbeid"
        await session.save_agreement(Agreement("x", step, "[bold red]Ikke markup[/] [@click=app.quit]q[/]"))
        await _open(app, pilot, step)
        assert _options(app) == ["[bold red]Ikke markup[/] [@click=app.quit]q[/]  (Ikke avklart)"]
        await pilot.press("tab", "delete")
        await wait_for(pilot, lambda: session.record.agreements == {})
        assert _options(app) == ["Ingen avtaler ennå. Trykk ctrl+n for å legge til en."]
        assert app.is_running


async def test_pay_item_warns_that_nothing_here_is_exported(tmp_path: Path, repo_library: Library) -> None:
    app = make_app(repo_library, tmp_path, ("utviklingssamtale", "us"))
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, "reflection:us-6-lonn")
        warning = str(app.screen.query_one("#minutes-withheld", Static).render())
        assert warning.startswith("Dette punktet skrives ikke i referatet.")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await _open(app, pilot, "reflection:us-5-samarbeid")
        assert not app.screen.query("#minutes-withheld")


@pytest.mark.parametrize(("typed", "stored"), [("30.06.2026", "2026-06-30"), ("1.2.2027", "2027-02-01"),
                                                ("2026-12-24", "2026-12-24"), ("", ""), ("31.02.2026", None),
                                                ("snart", None)])
def test_due_dates_are_read_as_norwegian_dates(typed: str, stored: str | None) -> None:
    assert parse_date(typed) == stored
