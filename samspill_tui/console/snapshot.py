"""What a console shows, read from the session through its read model (never the phones' view)."""

from __future__ import annotations

from typing import Any

from samspill_tui.i18n import t
from samspill_tui.session.live import Session
from samspill_tui.session.record import PAIR, public_id
from samspill_tui.session.steps import PollVote, StatementVote, label

MAX_ANSWERS = 500  # the newest answers of the step; a console shows a screenful at a time


def snapshot(session: Session, extras: dict[str, Any]) -> dict[str, Any]:
    """The console's view of the session now; ``extras`` are the projector's own (timer, join
    address, gap view)."""
    step, reading, lang = session.step, session.reading, session.lang
    state = session.state(step.key)
    upcoming = session.steps[session.current + 1] if session.current + 1 < len(session.steps) else None
    answer_key = ""
    if isinstance(step.body, PollVote):
        poll = step.body.poll
        answer_key = f"{label(step, lang, poll.answer)}. {poll.explanation}".strip()
    # answers by their public id: the key holds the phone's id, which is its cookie
    waiting = [{"key": public_id(a.key), "text": a.text, "hidden": False, "highlighted": False,
                "answered": False, "pending": True} for a in reading.pending(step)[:MAX_ANSWERS]]
    wall = [{"key": public_id(a.key), "text": a.text, "hidden": a.hidden, "highlighted": a.highlighted,
             "answered": a.answered, "pending": False} for a in reading.wall(step)[-MAX_ANSWERS:]]
    agreements = [{"key": a.key, "text": a.text, "owner": a.owner, "due": a.due, "status": a.status}
                  for a in session.record.agreements.values() if a.step_key == step.key]
    roles = None
    if reading.policy.named is not None:
        holders = {p.role: p for p in session.participants.values() if p.role in PAIR}
        roles = [{"role": role, "held": role in holders,  # never the phone's id: it is its cookie
                  "confirmed": role in holders and holders[role].confirmed} for role in PAIR]
    return {
        "session": session.name,
        "lang": lang,
        "step": {"index": session.current, "count": len(session.steps), "title": step.title,
                 "votes": step.accepts_votes, "answers": step.accepts_answers or step.accepts_questions,
                 "questions": step.accepts_questions,
                 "notes": step.facilitator_notes, "answer_key": answer_key,
                 "revealed": state.revealed, "locked": state.locked, "on_phones": state.on_phones,
                 "premoderated": state.premoderated or bool(reading.pending(step))},
        "steps": [{"title": s.title, "detail": s.prompt if isinstance(s.body, StatementVote)
                   else t(lang, f"kind.{s.kind}")} for s in session.steps],
        "next": upcoming.title if upcoming else None,
        "answered": reading.answered(step),
        "participants": len(session.participants),
        "joining": session.joining_open,
        "code": session.code,
        "answer_list": waiting + wall,  # those waiting for approval first, then the wall
        "minutes": {"note": session.record.notes.get(step.key, ""), "agreements": agreements},
        "meeting": session.meeting.doc(),
        "roles": roles,
        **extras,
    }
