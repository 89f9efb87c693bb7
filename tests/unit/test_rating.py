"""The self-paced rating step: votes per statement, «Ferdig» and its undo, kept across a resume."""

from __future__ import annotations

from pathlib import Path

import pytest

from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.steps import DeckRating, Step
from tests.conftest import confirm_pair, go_to_kind
from tests.web.helpers import rating_library


async def _pair(session: Session) -> tuple[str, str, Step]:
    ids = []
    for role in ("ordforer", "kommunedirektor"):
        p = await session.join()
        await session.choose_role(p.id, role)
        ids.append(p.id)
    await confirm_pair(session)
    await go_to_kind(session, "rating")
    return ids[0], ids[1], session.step


async def test_ratings_and_ferdig_survive_a_resume_and_a_reset_clears_them(tmp_path: Path) -> None:
    library = rating_library(tmp_path)
    session = await Session.open(tmp_path, "r", "samspill", library, "nb")
    first, second, step = await _pair(session)
    assert isinstance(step.body, DeckRating)
    with pytest.raises(Rejected, match="unrated"):
        await session.finish(first, step.key, True)
    await session.rate(first, step.key, 0, "5")
    await session.rate(first, step.key, 1, "2")
    await session.finish(first, step.key, True)
    with pytest.raises(Rejected, match="finished"):
        await session.rate(first, step.key, 0, "1")
    with pytest.raises(Rejected, match="bad-value"):
        await session.rate(second, step.key, 2, "1")
    assert session.reading.answered(step) == 1
    assert [(p.role, p.rated, p.finished) for p in session.reading.progress(step)] == [
        ("ordforer", 2, True), ("kommunedirektor", 0, False)]
    await session.close()

    session = await Session.open(tmp_path, "r", "samspill", library, "nb")  # resumed
    assert session.votes["statement:dekk/s01"] == {first: "5"}
    assert session.finished(first, step.key) and not session.finished(second, step.key)
    await session.finish(first, step.key, False)
    await session.finish(first, step.key, True)
    await session.reset_step(step.key)
    assert not session.finished(first, step.key)
    assert session.votes.get("statement:dekk/s01") is None
    await session.close()
    session = await Session.open(tmp_path, "r", "samspill", library, "nb")
    assert not session.finished(first, step.key) and session.votes.get("statement:dekk/s01") is None
    await session.close()
