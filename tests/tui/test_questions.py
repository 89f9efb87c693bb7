"""The questions view under Pilot: the top questions live, hidden and unapproved ones never shown,
the order held calm while a hall upvotes, h and b moderating, a programme line's timer locking."""

from __future__ import annotations

import time
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from samspill_tui.console.app import ConsoleApp
from samspill_tui.console.protocol import socket_path
from samspill_tui.i18n import t
from samspill_tui.session.live import Session
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.questions import QuestionsView, calm_order
from samspill_tui.tui.run import SessionScreen
from tests.tui.helpers import make_app, wait_for
from tests.web.helpers import questions_library


async def _ask(session: Session, text: str, *, approve: bool = True) -> str:
    phone = await session.join()
    await session.ask(phone.id, session.step.key, text, "s1")
    key = f"{phone.id}:s1"
    if approve:
        await session.moderate(session.step.key, key, approved=True)
    return key


async def _at_questions(app: SamspillApp, pilot: Pilot[None]) -> Session:
    """The projector's session, moved to its questions step once shown."""
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen) and app.session_shown.is_set())
    session = app.session
    assert session is not None
    await session.go_to(next(i for i, s in enumerate(session.steps) if s.accepts_questions))
    await wait_for(pilot, lambda: bool(app.screen.query(QuestionsView)))
    return session


def _shown(app: object) -> list[str]:
    box = app.screen.query_one("#asked", OptionList)  # type: ignore[attr-defined]
    return [str(box.get_option_at_index(n).prompt) for n in range(box.option_count)]


def test_calm_order_holds_then_follows() -> None:
    assert calm_order(["a", "b"], ["b", "a", "c"], reorder=False) == ["a", "b", "c"]
    assert calm_order(["a", "b"], ["b", "c"], reorder=False) == ["b", "c"]
    assert calm_order(["a", "b"], ["b", "a"], reorder=True) == ["b", "a"]


async def test_projector_shows_approved_questions_by_upvotes(tmp_path: Path) -> None:
    app = make_app(questions_library(tmp_path), tmp_path, ("folkevalgtdag", "q"))
    async with app.run_test(size=(120, 40)) as pilot:
        session = await _at_questions(app, pilot)
        first = await _ask(session, "Første spørsmål")
        await _ask(session, "Venter på godkjenning", approve=False)
        second = await _ask(session, "Andre spørsmål")
        await wait_for(pilot, lambda: len(_shown(app)) == 2)
        assert not any("Venter" in line for line in _shown(app))
        view = app.screen.query_one(QuestionsView)
        view._reordered = time.monotonic()  # an order change just happened: the next is held
        public = {q.key: q.public for q in session.reading.questions(session.step)}
        voter = await session.join()
        await session.upvote(voter.id, session.step.key, public[second], True)
        await wait_for(pilot, lambda: "▲   1  Andre" in _shown(app)[1])  # the count moves in place
        await wait_for(pilot, lambda: "Andre" in _shown(app)[0], timeout=5)  # then the order, calmly
        view.query_one("#asked", OptionList).highlighted = 1
        await pilot.press("h")
        await wait_for(pilot, lambda: len(_shown(app)) == 1)
        assert session.answers[session.step.key][first].hidden
        await pilot.press("b")
        await wait_for(pilot, lambda: session.answers[session.step.key][second].answered)


async def test_programme_line_timer_locks_the_step(tmp_path: Path) -> None:
    app = make_app(questions_library(tmp_path, "1 min, lås og vis"), tmp_path, ("folkevalgtdag", "q"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.screen.session  # type: ignore[attr-defined]
        step = next(s for s in session.steps if s.accepts_questions)
        assert step.closes == "reveal"
        await session.go_to(session.steps.index(step))
        await wait_for(pilot, lambda: bool(app.screen.query(QuestionsView)))
        await pilot.press("t")
        await wait_for(pilot, lambda: session.deadline(step.key) is not None)
        from samspill_tui.tui.timer import StepTimer

        app.screen.query_one(StepTimer).states[step.key].left = 0.4
        await wait_for(pilot, lambda: session.state(step.key).locked, timeout=5)
        assert session.state(step.key).revealed


async def test_console_approves_answers_and_hides_questions_and_a_highlights_none(tmp_path: Path) -> None:
    app = make_app(questions_library(tmp_path), tmp_path, ("folkevalgtdag", "q"))
    async with app.run_test(size=(120, 40)) as pilot:
        session = await _at_questions(app, pilot)
        key = await _ask(session, "Hvem leder arbeidsutvalget?", approve=False)
        console = ConsoleApp(socket_path(tmp_path, "q"), "q", "nb")
        async with console.run_test(size=(80, 24)) as cpilot:
            await wait_for(cpilot, lambda: any(a["pending"] for a in console.view.get("answer_list", [])))
            assert console.check_action("moderate", ("highlighted",)) is False  # no highlight here
            assert console.check_action("moderate", ("hidden",)) is True
            await cpilot.press("enter")  # approved on the console: on the projector
            await wait_for(pilot, lambda: any("Hvem leder" in line for line in _shown(app)))
            await wait_for(cpilot, lambda: not any(a["pending"] for a in console.view["answer_list"]))
            await cpilot.press("a")
            await cpilot.pause(0.3)
            assert not session.answers[session.step.key][key].highlighted
            await cpilot.press("b")  # answered, as the projector's b marks it
            await wait_for(pilot, lambda: session.answers[session.step.key][key].answered)
            await wait_for(pilot, lambda: any("(besvart)" in line for line in _shown(app)))
            await wait_for(cpilot, lambda: any(a["answered"] for a in console.view["answer_list"]))
            await cpilot.press("h")
            await wait_for(pilot, lambda: _shown(app) == [])
            assert session.answers[session.step.key][key].hidden


async def test_projector_a_does_nothing_and_help_lists_the_questions_keys(tmp_path: Path) -> None:
    app = make_app(questions_library(tmp_path), tmp_path, ("folkevalgtdag", "q"))
    async with app.run_test(size=(120, 40)) as pilot:
        session = await _at_questions(app, pilot)
        key = await _ask(session, "Hva skjer med budsjettet?")
        await wait_for(pilot, lambda: len(_shown(app)) == 1)
        assert app.screen.check_action("highlight_answer", ()) is False
        await pilot.press("a")
        await pilot.pause(0.2)
        assert not session.answers[session.step.key][key].highlighted
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: bool(app.screen.query("#help-keys")))
        listed = str(app.screen.query_one("#help-keys", Static).render())
        assert t("nb", "help.hide_question") in listed and t("nb", "help.answer_question") in listed
        assert t("nb", "help.hide_answer") not in listed  # h is the question's key here
        await pilot.press("escape", "g")  # the step list names the questions step's kind
        await wait_for(pilot, lambda: bool(app.screen.query("#step-list")))
        steps = app.screen.query_one("#step-list", OptionList)
        assert t("nb", "kind.questions") in str(steps.get_option_at_index(session.current).prompt)
