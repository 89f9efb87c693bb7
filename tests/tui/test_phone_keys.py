"""The projector's keys for the phones: «T», a timer that closes the vote; «P», results on the phones."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from samspill_tui.content import Library
from samspill_tui.tui.run import SessionScreen
from samspill_tui.tui.timer import Closes, StepTimer
from samspill_tui.web.server import WebServer
from tests.conftest import Phone, go_to_kind
from tests.tui.helpers import make_app, wait_for


async def test_the_timer_locks_and_reveals_the_vote_at_zero_and_the_phones_see_the_deadline(
    tmp_path: Path, library: Library
) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "stenger"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        s, server = app.session, app.face
        assert s is not None and isinstance(server, WebServer)
        phone = Phone(server)
        try:
            await phone.join()
            await go_to_kind(s, "poll")  # 5 minutes in the fixture programme
            timer = app.screen.query_one(StepTimer)
            await wait_for(pilot, lambda: timer.value == "05:00")
            key = s.step.key
            heading = app.screen.query_one("#step-heading", Static)

            await pilot.press("T")
            assert timer.state is not None and timer.state.closes == Closes.LOCK
            await wait_for(pilot, lambda: "Låses når klokka når null" in str(heading.render()))
            assert s.deadline(key) is None  # a paused timer closes nothing yet
            await pilot.press("T")
            assert timer.state.closes == Closes.REVEAL
            await pilot.press("t")
            await wait_for(pilot, lambda: s.deadline(key) is not None)
            _, page = await phone.get("/")
            assert "Avstemningen stenger kl. " in page and "data-ends=" in page
            _, state = await phone.get("/state")
            assert '"ends"' in state and '"now"' in state

            await pilot.press("t")  # paused: the phones are no longer told a time
            await wait_for(pilot, lambda: s.deadline(key) is None)
            _, page = await phone.get("/")
            assert "stenger kl." not in page
            await pilot.press("t", *["minus"] * 5)  # running with no time left: it closes now
            await wait_for(pilot, lambda: s.state(key).locked)
            assert s.state(key).revealed and s.deadline(key) is None
            _, page = await phone.get("/")
            assert "Avstemningen er stengt." in page and "stenger kl." not in page
        finally:
            await phone.close()


async def test_the_timer_only_locks_when_asked_to(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "ikke-stenger"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        s = app.session
        assert s is not None
        await go_to_kind(s, "poll")
        timer = app.screen.query_one(StepTimer)
        await wait_for(pilot, lambda: timer.value == "05:00")
        await pilot.press("T")  # lock only
        await pilot.press("t", *["minus"] * 5)
        await wait_for(pilot, lambda: s.state(s.step.key).locked)
        assert not s.state(s.step.key).revealed
        await pilot.press("T", "T", "plus", "minus", "minus")  # off: overtime again locks nothing more
        await pilot.press("l")
        await wait_for(pilot, lambda: not s.state(s.step.key).locked)
        await wait_for(pilot, lambda: "overtime" in timer.classes)
        await pilot.pause(0.6)
        assert not s.state(s.step.key).locked


async def test_p_shows_the_revealed_results_on_the_phones_too(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "mobilresultat"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        s = app.session
        assert s is not None
        await go_to_kind(s, "statement")
        heading = app.screen.query_one("#step-heading", Static)
        await wait_for(pilot, lambda: "Resultat skjult" in str(heading.render()))
        assert not s.state(s.step.key).on_phones  # off by default
        await pilot.press("P")
        await wait_for(pilot, lambda: "Resultatet vises også på mobilene" in str(heading.render()))
        assert s.state(s.step.key).on_phones and not s.state(s.step.key).revealed
        await pilot.press("P")
        await wait_for(pilot, lambda: not s.state(s.step.key).on_phones)
