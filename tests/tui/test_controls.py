"""The facilitator's controls on the session screen, driven by keys under Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label, Markdown, OptionList, Select, Static

from samspill_tui.content import Library
from samspill_tui.session.limits import Limits
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.steps import StatementVote
from samspill_tui.session.summary import Summary
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.dialogs import ConfirmScreen, HelpScreen, NotesScreen, StepListScreen
from samspill_tui.tui.gap import agreement_key
from samspill_tui.tui.minutes import AgreementScreen
from samspill_tui.tui.reading import MarkdownLines
from samspill_tui.tui.roles import RolesScreen
from samspill_tui.tui.run import SessionScreen
from samspill_tui.tui.timer import StepTimer
from samspill_tui.tui.vote import VoteView
from samspill_tui.tui.wall import WINDOW, AnswerWall
from tests.conftest import answers_of, confirm_pair, go_to_kind
from tests.tui.helpers import make_app, wait_for, wall_rows


def _text(app: SamspillApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _started(pilot: object, app: SamspillApp) -> Session:
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))  # type: ignore[arg-type]
    assert app.session is not None
    return app.session


async def test_reveal_lock_and_reset(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "ctl"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        p, q, *others = [await s.join() for _ in range(6)]
        await go_to_kind(s, "statement")
        await wait_for(pilot, lambda: app.screen.query("#tally"))
        await s.vote(p.id, s.step.key, "5")
        tally = app.screen.query_one("#tally", Static)
        assert not tally.display and "Trykk r" in _text(app, "#hidden-note")

        await pilot.press("r")  # one vote: the result waits for five
        waiting = "vises når minst 5 har svart (1 så langt)"
        await wait_for(pilot, lambda: waiting in _text(app, "#hidden-note"))
        assert not tally.display
        for other in others:
            await s.vote(other.id, s.step.key, "2")
        await wait_for(pilot, lambda: tally.display)
        assert "Helt enig" in _text(app, "#tally")
        assert s.state(s.step.key).revealed and "Resultat vises" in _text(app, "#step-heading")
        await pilot.press("r")
        await wait_for(pilot, lambda: not tally.display)

        await pilot.press("l")
        await wait_for(pilot, lambda: s.state(s.step.key).locked)
        with pytest.raises(Rejected):
            await s.vote(q.id, s.step.key, "1")
        await wait_for(pilot, lambda: "låst" in _text(app, "#step-heading"))
        await pilot.press("l")
        await wait_for(pilot, lambda: not s.state(s.step.key).locked)
        await s.vote(q.id, s.step.key, "1")

        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")  # no: nothing is deleted
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert s.reading.answered(s.step) == 6
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.click("#yes")
        await wait_for(pilot, lambda: s.reading.answered(s.step) == 0)


async def test_step_list_jumps_and_help_lists_every_key(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "liste"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, StepListScreen))
        await pilot.press("down", "down", "down", "enter")
        await wait_for(pilot, lambda: s.current == 3)
        assert s.step.kind == "poll"

        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        keys = str(app.screen.query_one("#help-keys", Static).render())
        screen_bindings = SessionScreen.BINDINGS
        assert len(screen_bindings) >= 18
        for phrase in ("Lås avstemningen", "Vis eller skjul resultatene", "Slett stemmer",
                       "Lag ny QR-kode", "Framhev valgt svar", "Vis alle steg"):
            assert phrase in keys
        assert keys.count("spør først") == 4  # closing joining, a new code, a reset, quitting
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Resultat", "Lås", "Fasit", "Steg", "Klokke", "Nullstill…", "Ny kode…"} <= titles
        assert "Skjul svar" not in titles  # only on a reflection step


async def test_timer_counts_down_from_the_programme_and_signals_overtime(
    tmp_path: Path, library: Library
) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "klokke"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        await go_to_kind(s, "poll")  # 5 minutes in the fixture programme
        timer = app.screen.query_one(StepTimer)
        await wait_for(pilot, lambda: timer.value == "05:00")
        assert "paused" in timer.classes
        await pilot.press("t")
        await wait_for(pilot, lambda: timer.value == "04:59")
        await pilot.press("t")
        await pilot.press(*["minus"] * 5)
        await wait_for(pilot, lambda: "overtime" in timer.classes)
        assert timer.value.startswith("-00:0")
        await pilot.press("plus")
        await wait_for(pilot, lambda: "overtime" not in timer.classes)


async def test_answer_wall_hides_and_highlights(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "vegg"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        p = await s.join()
        await go_to_kind(s, "reflection")
        await s.answer(p.id, s.step.key, 0, "Uheldig navn på en kollega", "a1")
        await s.answer(p.id, s.step.key, 1, "Godt poeng", "a2")
        wall = await _wall(pilot, app)
        await wait_for(pilot, lambda: wall.option_count == 2)
        accent = app.theme_variables["accent"].lower()

        def row(start: str) -> tuple[str, set[str]]:
            return next(r for r in wall_rows(app) if r[0].startswith(start))

        await pilot.press("up", "h")  # the cursor follows the newest answer; up selects the first
        await wait_for(pilot, lambda: answers_of(s)[0].hidden)
        await wait_for(pilot, lambda: "(skjult svar)" in [r[0] for r in wall_rows(app)])
        assert not any("Uheldig" in text for text, _ in wall_rows(app))
        await pilot.press("down", "a")
        await wait_for(pilot, lambda: answers_of(s)[1].highlighted)
        await wait_for(pilot, lambda: accent in row("2. Godt poeng")[1])
        await pilot.press("up", "h")  # show it again
        await wait_for(pilot, lambda: not answers_of(s)[0].hidden)
        await wait_for(pilot, lambda: any("Uheldig" in text for text, _ in wall_rows(app)))
        assert accent not in row("1. Uheldig")[1] and accent in row("2. Godt poeng")[1]


async def test_answer_wall_follows_a_thousand_answers_and_a_reset(
    tmp_path: Path, library: Library
) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "mange"))
    async with app.run_test(size=(80, 24)) as pilot:
        s = await _started(pilot, app)
        await go_to_kind(s, "reflection")
        wall = await _wall(pilot, app)
        people = [await s.join() for _ in range(500)]
        for n, p in enumerate(people):
            await s.answer(p.id, s.step.key, 0, f"Svar {n}", f"a{n}")
            await s.answer(p.id, s.step.key, 1, f"Tanke {n}", f"b{n}")
        await wait_for(pilot, lambda: len(wall.answers) == 1000)
        assert wall.option_count <= WINDOW * 3 // 2  # a window of them is laid out, not all
        selected = wall.selected()
        assert selected is not None and selected.text == "Tanke 499"
        assert "2. Tanke 499" in [r[0] for r in wall_rows(app)]
        await pilot.press("home", "a")  # moving up the wall stops it following new answers
        await wait_for(pilot, lambda: answers_of(s)[0].highlighted)
        late = await s.join()
        await s.answer(late.id, s.step.key, 0, "Sent svar", "c0")
        await wait_for(pilot, lambda: len(wall.answers) == 1001)
        selected = wall.selected()
        assert selected is not None and selected.key == answers_of(s)[0].key
        await pilot.press("end", "up", "up")  # the window moves with the cursor, both ways
        assert wall.selected() == wall.answers[-3]
        await pilot.press("home")
        wall.highlighted = wall.option_count - 1  # the window's last answer, as if walked down to
        await pilot.press("down", "down")
        assert wall.selected() == wall.answers[WINDOW + 1] and "1. Svar 0" not in wall_rows(app)[0][0]
        wall.highlighted = 0  # the window's first answer (the window now starts at WINDOW // 2)
        await pilot.press("up")
        assert wall.first == 0 and wall.selected() == wall.answers[WINDOW // 2 - 1]
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.click("#yes")
        await wait_for(pilot, lambda: wall.option_count == 0 and not s.answers.get(s.step.key))
        await s.answer(people[1].id, s.step.key, 0, "Ny start", "d1")
        await wait_for(pilot, lambda: wall_rows(app)[0][0] == "1. Ny start")


async def _wall(pilot: object, app: SamspillApp) -> AnswerWall:
    await wait_for(pilot, lambda: app.screen.query(AnswerWall))  # type: ignore[arg-type]
    return app.screen.query_one(AnswerWall)


@pytest.mark.parametrize("admins", [4, 5])
async def test_role_comparison_shows_only_groups_of_five(
    tmp_path: Path, library: Library, admins: int
) -> None:
    app = make_app(library, tmp_path, ("roller", "roller"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        await go_to_kind(s, "statement")
        for role, n in (("folkevalgt", 5), ("administrasjon", admins)):
            for _ in range(n):
                p = await s.join()
                await s.choose_role(p.id, role)
                await s.vote(p.id, s.step.key, "4" if role == "folkevalgt" else "2")
        await wait_for(pilot, lambda: app.screen.query("#roles"))
        await pilot.press("r", "v")
        roles = app.screen.query_one("#roles")
        await wait_for(pilot, lambda: roles.display and roles.children)
        columns = [str(c.render()) for c in roles.query(".role-column")]
        if admins < 5:  # the four are withheld, and so the five: the room's total would give them away
            why = str(roles.query_one(".role-why", Static).render())
            assert why.startswith("Vises ikke: Administrasjonen, Folkevalgt (under 5 svar")
            assert columns == []
        else:
            assert len(columns) == 2 and not roles.query(".role-why")
            assert columns[0].startswith("Administrasjonen (5)") and columns[1].startswith("Folkevalgt (5)")
        await pilot.press("v")
        await wait_for(pilot, lambda: app.screen.query_one("#tally").display)


async def test_gap_view_ranks_and_records_the_pairs_agreement(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("samspill", "par"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        o, k = await s.join(), await s.join()
        await s.choose_role(o.id, "ordforer")
        await s.choose_role(k.id, "kommunedirektor")
        await confirm_pair(s)
        statements = [st for st in s.steps if st.kind == "statement"]
        await s.go_to(s.steps.index(statements[0]))
        await wait_for(pilot, lambda: app.screen.query("#pair-notice"))
        assert "vises bare i gjennomgangen, side om side" in _text(app, "#pair-notice")
        await s.vote(o.id, statements[0].key, "4")
        await s.vote(k.id, statements[0].key, "3")
        await go_to_kind(s, "gap")
        await wait_for(pilot, lambda: app.screen.query("#gap-wait"))
        await wait_for(pilot, lambda: "1 av 2" in _text(app, "#gap-wait"))
        assert not app.screen.query_one("#gap").display

        await s.go_to(s.steps.index(statements[1]))
        await s.vote(o.id, statements[1].key, "5")
        await s.vote(k.id, statements[1].key, "1")
        await go_to_kind(s, "gap")
        await wait_for(pilot, lambda: app.screen.query("#gap-list")
                       and app.screen.query_one("#gap-list", OptionList).option_count == 2)
        options = app.screen.query_one("#gap-list", OptionList)
        assert [options.get_option_at_index(i).id for i in range(2)] == [statements[1].key,
                                                                       statements[0].key]
        detail = _text(app, "#gap-statement")
        assert "Ordfører: Helt enig" in detail and "Kommunedirektør: Helt uenig" in detail
        field = app.screen.query_one("#gap-agreement", Input)
        field.focus()
        await pilot.press(*"Vi tar det opp hver uke", "enter")
        key = agreement_key(statements[1].key)
        await wait_for(pilot, lambda: key in s.record.agreements)
        assert s.record.agreements[key].text == "Vi tar det opp hver uke"
        timer = app.screen.query_one(StepTimer)  # each statement has its own discussion timer
        assert timer.key == key and timer.state is not None and timer.state.left == 5 * 60

        await pilot.press("S")  # who follows it up, by when: the agreement dialog
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen))
        app.screen.query_one("#agreement-owner", Select).value = "ordforer"
        app.screen.query_one("#agreement-due", Input).value = "01.04.2026"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: s.record.agreements[key].due == "2026-04-01")
        assert s.record.agreements[key].owner == "ordforer"
        assert s.record.agreements[key].text == "Vi tar det opp hver uke"
        await wait_for(pilot, lambda: "Ordføreren · 01.04.2026" in _text(app, "#gap-owner"))
        field = app.screen.query_one("#gap-agreement", Input)
        field.focus()
        await pilot.press("end", *" og ved behov", "enter")  # the text changes, who and when stay
        await wait_for(pilot, lambda: s.record.agreements[key].text.endswith("ved behov"))
        assert s.record.agreements[key].owner == "ordforer"


async def test_poll_answer_key_after_reveal(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "fasit"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        await go_to_kind(s, "poll")
        await wait_for(pilot, lambda: app.screen.query("#answer-key"))
        key = app.screen.query_one("#answer-key", Markdown)
        await pilot.press("f")
        assert not key.display  # not before the results are shown
        await pilot.press("r")
        await wait_for(pilot, lambda: key.display)
        assert "Kommunedirektøren" in key.source and "§ 13-1" in key.source
        assert "KUN-FASILITATOR" not in key.source  # the notes are never bundled with the key
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesScreen))
        heading = str(app.screen.query_one(".dialog-heading", Static).render())
        assert heading.startswith("Fasilitatornotat – bare for fasilitatoren")
        assert "KUN-FASILITATOR" in app.screen.query_one(Markdown).source
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))


async def test_joining_keys_close_and_rotate(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "kode"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        token = s.token
        await pilot.press("j")  # closing asks first
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert s.joining_open
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: not s.joining_open)
        await wait_for(pilot, lambda: "stengt" in _text(app, "#step-heading"))
        await pilot.press("j")  # opening again does not ask
        await wait_for(pilot, lambda: s.joining_open)
        await pilot.press("J")  # a new code asks first
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert s.token == token
        await pilot.press("j")
        await wait_for(pilot, lambda: s.token != token)


async def test_quit_asks_first_once_phones_have_joined(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "slutt"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        await s.join()
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Mobilene som er med (1)" in _text(app, "ConfirmScreen Static")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.is_running
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: not app.is_running)


async def test_quit_without_phones_and_ctrl_q_do_not_ask(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "tom"))
    async with app.run_test(size=(120, 40)) as pilot:
        await _started(pilot, app)
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running)
    app = make_app(library, tmp_path, ("folkevalgtdag", "tom"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        await s.join()
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)


async def test_agenda_item_shows_the_input_sent_beforehand(tmp_path: Path) -> None:
    from samspill_tui.content import load_library
    from tests.conftest import REPO_CONTENT

    app = make_app(load_library(REPO_CONTENT), tmp_path, ("utviklingssamtale", "us"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        p = await s.join()
        await go_to_kind(s, "reflection")  # the input step comes first
        assert s.step.key == "reflection:us-innspill"
        await s.answer(p.id, s.step.key, 1, "Mer tid til [b]dialog[/b]", "x1")
        await s.answer(p.id, s.step.key, 2, "Noe om et annet punkt", "x2")
        item = next(i for i, st in enumerate(s.steps) if st.key == "reflection:us-2-arbeidssituasjon")
        await s.go_to(item)
        await wait_for(pilot, lambda: app.screen.query("#input") and "(1)" in _text(app, "#input"))
        shown = _text(app, "#input")
        assert "(1)" in shown and "Mer tid til [b]dialog[/b]" in shown
        assert "annet punkt" not in shown


async def test_arrow_keys_change_step_even_when_the_case_text_has_focus(
    tmp_path: Path, library: Library
) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "sak"))
    async with app.run_test(size=(80, 24)) as pilot:
        s = await _started(pilot, app)
        await go_to_kind(s, "case")
        case = s.current
        await wait_for(pilot, lambda: app.screen.query("#case-text"))
        await pilot.press("tab")
        await wait_for(pilot, lambda: app.focused is not None)  # the text has focus
        await pilot.press("down")  # scrolls the text, stays on the step
        await pilot.press("right")
        await wait_for(pilot, lambda: s.current == case + 1)
        await pilot.press("left")
        await wait_for(pilot, lambda: s.current == case)


async def test_the_next_statement_reuses_the_view_with_its_own_text_and_state(
    tmp_path: Path, library: Library
) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "neste"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        phones = [await s.join() for _ in range(5)]
        await go_to_kind(s, "statement")
        await wait_for(pilot, lambda: app.screen.query(VoteView))
        first, view = s.step, app.screen.query_one(VoteView)
        for p in phones:
            await s.vote(p.id, first.key, "5")
        await pilot.press("r", "v")  # results shown, by role
        await wait_for(pilot, lambda: view.by_role)

        await pilot.press("right")
        await wait_for(pilot, lambda: s.current == s.steps.index(first) + 1)
        second = s.step
        assert isinstance(second.body, StatementVote)
        await wait_for(pilot, lambda: view.step is second)
        await pilot.pause()
        assert app.screen.query_one(VoteView) is view  # the same view, not a new one
        assert _text(app, "#prompt") == second.prompt
        assert str(app.screen.query_one("#theme", Label).render()) == second.body.statement.theme
        assert not view.by_role and not app.screen.query_one("#tally").display  # not revealed here
        assert "Trykk r" in _text(app, "#hidden-note")
        for p in phones:
            await s.vote(p.id, second.key, "1")
        await pilot.press("r")
        await wait_for(pilot, lambda: app.screen.query_one("#tally").display)
        assert "  5  100 %" in _text(app, "#tally").split("\n")[0]  # this statement's votes: Helt uenig

        await pilot.press("left")  # and back: the first statement's own state
        await wait_for(pilot, lambda: view.step is first)
        await pilot.pause()
        assert _text(app, "#prompt") == first.prompt
        assert app.screen.query_one("#tally").display  # revealed there


async def test_the_facilitator_confirms_or_releases_the_named_roles(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("samspill", "roller"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        o, k = await s.join(), await s.join()
        await s.choose_role(o.id, "ordforer")
        await s.choose_role(k.id, "kommunedirektor")
        await wait_for(pilot, lambda: any("valgte rollen Ordfører" in str(n.message)
                                          for n in app._notifications))
        await go_to_kind(s, "gap")
        await wait_for(pilot, lambda: app.screen.query("#gap-wait")
                       and "bekrefter rollene med R" in _text(app, "#gap-wait"))
        await pilot.press("R")
        await wait_for(pilot, lambda: isinstance(app.screen, RolesScreen))
        await pilot.press("enter")  # the ordfører is who they say
        await wait_for(pilot, lambda: s.participants[o.id].confirmed)
        await pilot.press("down", "delete")  # this phone was not the kommunedirektør
        await wait_for(pilot, lambda: s.participants[k.id].role is None)
        assert s.record.pair() is None
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))


async def test_the_summary_is_rebuilt_calmly_while_the_hall_keeps_joining(
        tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """A join every half second used to rebuild the whole summary each time: keys went unheard."""
    from samspill_tui.tui import reading

    built: list[int] = []
    real = reading.summary_markdown

    def counted(summary: Summary) -> str:
        built.append(summary.participants)
        return real(summary)

    monkeypatch.setattr(reading, "summary_markdown", counted)
    monkeypatch.setattr(reading.SummaryView, "SUMMARY_SECONDS", 0.6)
    app = make_app(library, tmp_path, ("folkevalgtdag", "oppsummering"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        await go_to_kind(s, "summary")
        await wait_for(pilot, lambda: built == [0])
        for _ in range(40):
            await s.join()
            await pilot.pause(0.01)
        assert len(built) <= 2  # at most one rebuild in the time 40 joins took
        await wait_for(pilot, lambda: built[-1] == 40)  # and the last one shows them all
        summary = app.screen.query_one("#summary", MarkdownLines)
        await wait_for(pilot, lambda: "Deltakere: 40" in summary.text())  # laid out and shown
        assert "**Deltakere:** 40" in summary.source
        await pilot.press("g")  # keys are heard at once
        await wait_for(pilot, lambda: isinstance(app.screen, StepListScreen), timeout=2)


async def test_a_limit_reached_is_told_on_the_projector_and_raised_with_l(tmp_path: Path,
                                                                         library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "grense"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        s.bounds.limits = Limits(participants=1)
        await s.join()
        with pytest.raises(Rejected):
            await s.join()
        await wait_for(pilot, lambda: any("Grensen på 1 deltakere er nådd" in str(n.message)
                                          for n in app._notifications))
        await pilot.press("L")
        await wait_for(pilot, lambda: s.bounds.limits.participants == 2)
        await s.join()
        assert len(s.participants) == 2


async def test_the_wall_keeps_its_cursor_when_an_earlier_answer_is_approved(tmp_path: Path,
                                                                            library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "godkjent"))
    async with app.run_test(size=(120, 40)) as pilot:
        s = await _started(pilot, app)
        await go_to_kind(s, "reflection")
        await s.set_state(s.step.key, premoderated=True)
        p = await s.join()
        for n, text in enumerate(("Først sendt", "Andre", "Tredje")):
            await s.answer(p.id, s.step.key, 0, text, f"s{n}")
        first, second, third = answers_of(s)
        for answer in (second, third):
            await s.moderate(s.step.key, answer.key, approved=True)
        wall = await _wall(pilot, app)
        await wait_for(pilot, lambda: len(wall.answers) == 2)
        await pilot.press("up")  # from the newest to «Andre»: the wall no longer follows
        assert (wall.selected() or first).key == second.key
        await s.moderate(s.step.key, first.key, approved=True)  # approved late, shown first
        await wait_for(pilot, lambda: len(wall.answers) == 3)
        assert (wall.selected() or first).key == second.key
