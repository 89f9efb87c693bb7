"""The words and ranking steps on the projector, driven by rehearsal phones through the real server:
hidden until revealed, then the room's words and order as the read model allows."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from samspill_tui.content import load_library
from samspill_tui.demo import SAMPLE_WORDS
from samspill_tui.session.live import Session
from samspill_tui.session.steps import Step
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.ranking import RankingView
from samspill_tui.tui.run import SessionScreen
from samspill_tui.tui.words import WordsView
from tests.conftest import REPO_CONTENT
from tests.tui.helpers import make_app, wait_for


def _shown(app: object, selector: str) -> str:
    static = app.screen.query_one(selector, Static)  # type: ignore[attr-defined]
    return str(static.content) if static.display else ""


async def _given(pilot: Pilot[None], app: SamspillApp, kind: str, phones: int) -> tuple[Session, Step]:
    """Move to the first step of ``kind`` once every rehearsal phone has joined; wait until all gave."""
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
    session = app.session
    assert session is not None
    await wait_for(pilot, lambda: len(session.participants) == phones, timeout=30)
    await session.go_to(next(i for i, s in enumerate(session.steps) if s.kind == kind))
    await wait_for(pilot, lambda: app.screen.query(".step-view"))
    step = session.step
    await wait_for(pilot, lambda: len(session.votes.get(step.key, {})) == phones, timeout=30)
    return session, step


async def test_rehearsal_phones_give_words_the_projector_shows_once_revealed(
        tmp_path: Path) -> None:
    library = load_library(REPO_CONTENT)
    app = make_app(library, tmp_path, ("folkevalgtdag", "ord"), demo=7)
    async with app.run_test(size=(120, 40)) as pilot:
        session, step = await _given(pilot, app, "words", 7)
        assert app.screen.query(WordsView)
        assert "Resultatene er skjult" in _shown(app, "#cloud-note") and not _shown(app, "#cloud")
        await pilot.press("r")
        await wait_for(pilot, lambda: _shown(app, "#cloud"))
        cloud = session.reading.cloud(step)
        top = cloud.words[0][0]  # type: ignore[union-attr]
        assert top.upper() in _shown(app, "#cloud")  # the most common word, largest: upper case
        assert "fra 7 deltakere" in _shown(app, "#cloud-count")
        words = {w for v in session.votes[step.key].values() for w in v.split("\n")}
        assert words <= set(SAMPLE_WORDS["nb"])  # in the session's language form


async def test_rehearsal_phones_rank_and_the_projector_shows_the_order_and_agreement(
        tmp_path: Path) -> None:
    library = load_library(REPO_CONTENT)
    app = make_app(library, tmp_path, ("formannskap", "rang"), demo=6, lang="nn")
    async with app.run_test(size=(80, 24)) as pilot:
        session, step = await _given(pilot, app, "ranking", 6)
        assert app.screen.query(RankingView)
        await pilot.press("r")
        await wait_for(pilot, lambda: _shown(app, "#tally"))
        standing = session.reading.standing(step)
        first = standing.places[0].choice.label  # type: ignore[union-attr]
        text = " ".join(_shown(app, "#tally").split())
        assert text.index(first.split()[0]) < text.index("Einigheit (Kendalls W)")
        assert "Snittplass" in text and "1." in text and "6." in text
        await pilot.press("v")  # by group: too few phones in each for any to be shown
        await wait_for(pilot, lambda: app.screen.query_one("#roles").display)
        why = app.screen.query_one("#roles").query_one(".role-why", Static)
        assert "under 5 svar" in str(why.content)
