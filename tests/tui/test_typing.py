"""While a text field has focus, every printable key goes into it: no single-letter command fires."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input, TextArea

from samspill_tui.content import Library
from samspill_tui.session.live import Session
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.home import HomeScreen
from samspill_tui.tui.minutes import AgreementScreen, MinutesScreen
from samspill_tui.tui.run import SessionScreen
from tests.conftest import confirm_pair, go_to_kind
from tests.tui.helpers import make_app, wait_for

# Every key the app binds to a single character, in a sentence.
SENTENCE = "Jeg q-er: d e m n p r l v f h a t g k j J x i s y ? + - og mellomrom, alt på alvor."


def _state(app: SamspillApp) -> tuple[Any, ...]:
    """What a command key could change: the screens, the theme, the session and its files."""
    session = app.session
    files = sorted(p.name for p in app.data_dir.rglob("*")) if app.data_dir.exists() else []
    recorded = () if session is None else (
        session.current, session.token, session.code, session.joining_open,
        dict(session.record.states), dict(session.record.notes), dict(session.record.agreements))
    return (app.is_running, [type(s).__name__ for s in app.screen_stack], app.theme, recorded, files)


async def _type_into(pilot: Any, app: SamspillApp, field: Input | TextArea, text: str = SENTENCE) -> None:
    """Type ``text`` key by key into ``field`` and check that nothing but the field changed."""
    field.focus()
    await pilot.pause()
    # the console's socket appears once the lobby is painted: part of the session, not of typing
    await wait_for(pilot, lambda: app.session is None or app.channel is not None)
    before = _state(app)
    await pilot.press(*text)
    await pilot.pause(0.3)  # let any action a key might have started run
    value = field.value if isinstance(field, Input) else field.text
    expected = text[: field.max_length] if isinstance(field, Input) and field.max_length else text
    assert value == expected
    assert _state(app) == before
    assert app.screen.focused is field


async def test_home_screen_name_field_takes_every_key(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, None)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        field = app.screen.query_one("#name", Input)
        field.value = ""
        await _type_into(pilot, app, field)


async def _pair_ready(session: Session) -> None:
    """The ordfører and the kommunedirektør have rated every statement: the gap view has a ranking."""
    o, k = await session.join(), await session.join()
    await session.choose_role(o.id, "ordforer")
    await session.choose_role(k.id, "kommunedirektor")
    await confirm_pair(session)
    for step in [st for st in session.steps if st.kind == "statement"]:
        await session.go_to(session.steps.index(step))
        await session.vote(o.id, step.key, "4")
        await session.vote(k.id, step.key, "1")


async def test_gap_view_agreement_field_is_one_key_away_and_takes_every_key(
        tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("samspill", "skriv"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.session is not None
        await _pair_ready(app.session)
        await go_to_kind(app.session, "gap")
        await wait_for(pilot, lambda: app.screen.query("#gap-list") and app.screen.query_one("#gap").display)
        field = app.screen.query_one("#gap-agreement", Input)
        await pilot.press("s")  # one key puts the cursor in the field
        await wait_for(pilot, lambda: app.screen.focused is field)
        await _type_into(pilot, app, field)
        await pilot.press("escape")  # and Esc leaves it, the text kept
        await wait_for(pilot, lambda: app.screen.focused is not field)
        assert field.value == SENTENCE
        await pilot.press("right")
        await wait_for(pilot, lambda: app.session is not None and app.session.step.kind == "summary")


async def test_minutes_and_agreement_fields_take_every_key(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "notat"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen))
        note = app.screen.query_one("#minutes-note", TextArea)
        await wait_for(pilot, lambda: app.screen.focused is note)
        await _type_into(pilot, app, note)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen))
        for selector in ("#agreement-text", "#agreement-due", "#agreement-status"):
            await _type_into(pilot, app, app.screen.query_one(selector, Input))
