"""Year over year: with --follows, the gap view and the referat show last time's distance beside
this time's and last time's agreement with its status."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from samspill_tui.export.markdown import summary_markdown
from samspill_tui.session.live import Session
from samspill_tui.session.record import Agreement
from samspill_tui.session.series import follow_up
from samspill_tui.session.summary import load_session
from samspill_tui.tui.gap import agreement_key
from samspill_tui.tui.minutes import AgreementScreen
from samspill_tui.tui.run import SessionScreen
from tests.conftest import confirm_pair, go_to_kind
from tests.tui.helpers import make_app, wait_for
from tests.web.helpers import rating_library


async def _rate_both(session: Session, first: str, second: str) -> None:
    """The ordfører and the kommunedirektør rate both statements and finish; ``first`` is the
    ordfører's ratings of s01 and s02, ``second`` the kommunedirektør's."""
    pids = []
    for role in ("ordforer", "kommunedirektor"):
        p = await session.join()
        await session.choose_role(p.id, role)
        pids.append(p.id)
    await confirm_pair(session)
    await go_to_kind(session, "rating")
    for pid, values in zip(pids, (first, second), strict=True):
        for n, value in enumerate(values):
            await session.rate(pid, session.step.key, n, value)
        await session.finish(pid, session.step.key, True)
    await go_to_kind(session, "gap")


async def test_the_gap_view_and_the_referat_show_the_trend_from_last_time(tmp_path: Path) -> None:
    library = rating_library(tmp_path)
    s01 = "statement:dekk/s01"
    last = await Session.open(tmp_path, "samspill-2025", "samspill", library, "nb")
    await _rate_both(last, "53", "13")  # s01: 4 apart, s02: the same
    await last.save_agreement(Agreement(agreement_key(s01), s01, "Faste møter hver mandag", "ordforer",
                                        "2025-06-01"))
    await last.close()

    app = make_app(library, tmp_path, ("samspill", "samspill-2026"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        s = app.session
        assert s is not None
        assert await follow_up(s, tmp_path, "samspill-2025", library) == 1
        await _rate_both(s, "45", "41")  # s01: closer (0), s02: further apart (4)
        def shown() -> str:  # "" until the gap view is drawn
            found = app.screen.query("#gap-statement").results(Static)
            return "".join(str(node.render()) for node in found)

        await wait_for(pilot, lambda: "Avstand sist: 0 · nå: 4 – lenger fra hverandre" in shown())
        await pilot.press("down")  # the second statement in the ranking: s01, now agreed
        await wait_for(pilot, lambda: "Avstand sist: 4 · nå: 0 – nærmere hverandre" in shown())
        assert "Avtalt sist: Faste møter hver mandag (Ordføreren, 01.06.2025)" in shown()
        await pilot.press("F")  # how it went: last time's agreement, its status recorded now
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen))
        app.screen.query_one("#agreement-status", Input).value = "Gjennomført"
        await pilot.press("ctrl+s")
        carried = next(a for a in s.record.agreements.values() if a.step_key == s01)
        await wait_for(pilot, lambda: s.record.agreements[carried.key].status == "Gjennomført")
    md = summary_markdown(load_session(tmp_path, "samspill-2026", library).summary())
    assert "| Avstand sist | Utvikling | Avtalt sist (status) |" in md
    assert "| 0 |  | 4 | nærmere hverandre | Faste møter hver mandag (Gjennomført) |" in md
    assert "| 0 | lenger fra hverandre | – |" in md
