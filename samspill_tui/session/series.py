"""A series of development conversations: the next session starts from the last one's agreements."""

from __future__ import annotations

from pathlib import Path

from samspill_tui.content.library import Library
from samspill_tui.session import referat
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.summary import load_session


async def follow_up(session: Session, data_dir: Path, previous: str, library: Library) -> int:
    """Copy session ``previous``'s agreements into ``session``'s first agenda item, status empty.

    Raises UnknownSessionError for an unknown ``previous`` and Rejected("no-agenda") when
    ``session``'s programme has no agenda item to hold them; returns how many were added.
    """
    if previous == session.name:
        raise Rejected("same-session")
    agenda = referat.agenda(session.steps)
    if not agenda:
        raise Rejected("no-agenda")
    stored = load_session(data_dir, previous, library)
    carried = [referat.carried_copy(previous, a, agenda[0].key)
               for a in referat.to_carry(stored.record, stored.steps)]
    return await session.carry_over(previous, carried)
