"""Choosing the statements before rating: on the projector, kept on resume and in the exports."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import SelectionList, Static

from samspill_tui.session.steps import DeckRating, Step, gap_statements
from samspill_tui.session.summary import load_session
from samspill_tui.tui.rating import ChooseScreen, RatingView
from samspill_tui.tui.run import SessionScreen
from tests.conftest import confirm_pair, go_to_kind
from tests.tui.helpers import make_app, wait_for
from tests.web.helpers import rating_library


def _items(steps: list[Step], key: str) -> list[str]:
    body = next(s for s in steps if s.key == key).body
    assert isinstance(body, DeckRating)
    return [item.key for item in body.items]


async def test_the_facilitator_chooses_the_statements_before_anyone_rates(tmp_path: Path) -> None:
    library = rating_library(tmp_path)
    app = make_app(library, tmp_path, ("samspill", "valg"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        s = app.session
        assert s is not None
        pids = []
        for role in ("ordforer", "kommunedirektor"):
            p = await s.join()
            await s.choose_role(p.id, role)
            pids.append(p.id)
        await confirm_pair(s)
        await go_to_kind(s, "rating")
        key = s.step.key
        await wait_for(pilot, lambda: app.screen.query(RatingView))
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ChooseScreen))
        choices = app.screen.query_one("#choose", SelectionList)
        assert list(choices.selected) == ["s01", "s02"]  # every statement at first
        choices.deselect("s02")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: _items(s.steps, key) == ["statement:dekk/s01"])
        await wait_for(pilot, lambda: "1 av 2 påstander er valgt" in str(
            app.screen.query_one("#rating-progress", Static).render()))
        gap = next(st for st in s.steps if st.kind == "gap")
        assert [st.key for st in gap_statements(s.steps, gap)] == ["statement:dekk/s01"]
        for pid, value in zip(pids, "52", strict=True):
            await s.rate(pid, key, 0, value)
            await s.finish(pid, key, True)  # one statement rated is all of them
        await pilot.press("c")  # once anyone has rated, the choice stays
        await wait_for(pilot, lambda: isinstance(app.screen, ChooseScreen))
        app.screen.query_one("#choose", SelectionList).select("s02")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.pause(0.2)
        assert _items(s.steps, key) == ["statement:dekk/s01"]
        rows = s.reading.gap(gap).rows
        assert rows is not None and [r.step.key for r in rows] == ["statement:dekk/s01"]
    stored = load_session(tmp_path, "valg", library)  # the file keeps the choice
    assert _items(stored.steps, key) == ["statement:dekk/s01"]
    assert "Vi snakker sammen" not in stored.summary().results.__repr__()
