"""A series of development conversations: the next session starts from the last one's agreements."""

from __future__ import annotations

from pathlib import Path

from samspill_tui.content.library import Library
from samspill_tui.session import referat
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.steps import GapReview, rated
from samspill_tui.session.summary import load_session


async def follow_up(session: Session, data_dir: Path, previous: str, library: Library) -> int:
    """Copy session ``previous``'s agreements into ``session``, status empty: into the first agenda
    item, or, in a programme with a gap view, onto the statement (or step) they were made on, with
    last time's distance per statement as it was shown there (only once both had finished).

    Raises UnknownSessionError for an unknown ``previous`` and Rejected("no-agenda") when
    ``session``'s programme has neither to hold them; returns how many were added.
    """
    if previous == session.name:
        raise Rejected("same-session")
    agenda = referat.agenda(session.steps)
    gaps = [s for s in session.steps if isinstance(s.body, GapReview)]
    if not agenda and not gaps:
        raise Rejected("no-agenda")
    stored = load_session(data_dir, previous, library)
    reading = stored.reading
    trend = {row.step.key: row.distance for step in stored.steps if isinstance(step.body, GapReview)
             for row in reading.gap(step).rows or ()}
    here = {s.key for s in rated(session.steps)}
    home = agenda[0].key if agenda else gaps[0].key
    carried = [referat.carried_copy(previous, a, a.step_key if not agenda and a.step_key in here else home)
               for a in referat.to_carry(stored.record, stored.steps)]
    return await session.carry_over(previous, carried, trend)
