"""What a presenter console's commands do on the projector: the same as the facilitator's keys."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Awaitable, Sequence
from dataclasses import replace
from typing import Any

from textual.screen import Screen

from samspill_tui.console.protocol import ACTIONS, ProtocolError
from samspill_tui.i18n import t
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.meeting import Meeting, MeetingError
from samspill_tui.session.record import OWNERS, Agreement
from samspill_tui.session.steps import GapReview
from samspill_tui.session.store import StoreError
from samspill_tui.text import clean_text
from samspill_tui.tui.gap import GapView, agreement_key
from samspill_tui.tui.join import Face, QRScreen
from samspill_tui.tui.run import SessionScreen
from samspill_tui.tui.timer import StepTimer


def _session_screen(stack: Sequence[Screen[Any]]) -> SessionScreen | None:
    """The session screen in the app's ``stack`` (none before the session is shown)."""
    return next((s for s in reversed(stack) if isinstance(s, SessionScreen)), None)


async def perform(stack: Sequence[Screen[Any]], message: dict[str, Any]) -> str | None:
    """Carry out one console command on the session screen (a console asks first where a key
    would); returns what to tell that console, if anything."""
    screen = _session_screen(stack)
    if screen is None:
        raise ProtocolError("the session is not on screen yet")
    session, kind = screen.session, message["type"]
    if kind == "action" and message.get("action") in ACTIONS:
        return await _action(screen, str(message["action"]))
    if kind == "goto" and isinstance(message.get("step"), int):
        with contextlib.suppress(StoreError):  # shown by the StoreFailed event
            await session.go_to(message["step"])
    elif kind == "moderate" and isinstance(message.get("answer"), str):
        change = {name: bool(message[name]) for name in ("hidden", "highlighted", "answered")
                  if name in message}
        key = next((a.key for a in session.answers.get(session.step.key, {}).values()
                    if a.public == message["answer"]), None)  # consoles know an answer by its public id
        if key is None:
            raise ProtocolError("unknown answer")
        with contextlib.suppress(StoreError):
            await session.moderate(session.step.key, key, **change, approved=bool(message.get("approved")))
        screen.refresh_data()
    elif kind in RECORDS:
        await _stored(session, RECORDS[kind](session, message))
        for view in screen.query(GapView):
            view.ranking = None  # drawn again with the agreement the console saved
            view.refresh_data()
        return t(session.lang, "minutes.saved")
    else:
        raise ProtocolError(f"unknown command {kind!r}")
    return None


async def _action(screen: SessionScreen, action: str) -> str | None:
    """The facilitator's key ``action``, pressed on the projector."""
    session = screen.session
    if action == "premoderate":
        premoderated = not session.state(session.step.key).premoderated
        if session.step.accepts_answers:
            with contextlib.suppress(StoreError):
                await session.set_state(session.step.key, premoderated=premoderated)
    elif action == "reset":
        await screen.reset_step(session.step.key)
    elif action == "joining":
        await screen.switch_joining()
    elif action == "new_code":
        with contextlib.suppress(StoreError):
            await session.rotate_token()
            return t(session.lang, "joining.rotated")
    elif action == "raise_limits":
        return screen.raise_limits()
    elif action == "qr" and isinstance(screen.app.screen, QRScreen):
        screen.app.pop_screen()  # the large QR code is closed the way it was opened
    else:
        await screen.run_action(action)
    return None


async def _stored(session: Session, change: Awaitable[None]) -> None:
    """Await a change of the minutes; a refusal or a failed write goes back to the console."""
    try:
        await change
    except Rejected as exc:
        raise ProtocolError(t(session.lang, f"err.{exc.code}")) from exc
    except MeetingError as exc:
        raise ProtocolError(t(session.lang, f"err.meeting-{exc.code}")) from exc
    except StoreError as exc:
        raise ProtocolError(t(session.lang, "store.failed", reason=str(exc))) from exc


def _text(message: dict[str, Any], name: str) -> str:
    value = message.get(name, "")
    if not isinstance(value, str):
        raise ProtocolError(f"{name} is not text")
    return value


def _agreement(message: dict[str, Any], key: str, step_key: str) -> Agreement:
    owner = _text(message, "owner")
    if owner and owner not in OWNERS:
        raise ProtocolError(f"unknown owner {owner!r}")
    return Agreement(key, step_key, _text(message, "text"), owner, _text(message, "due"),
                     _text(message, "status"))


async def _note(session: Session, message: dict[str, Any]) -> None:
    """The facilitator's note on the current step."""
    await session.set_note(session.step.key, _text(message, "text"))


async def _save_agreement(session: Session, message: dict[str, Any]) -> None:
    """An agreement of the current step: a new one, or one of its own changed."""
    key = _text(message, "key") or f"a-{secrets.token_hex(6)}"
    saved = session.record.agreements.get(key)
    if saved is not None and saved.step_key != session.step.key:
        raise ProtocolError("not an agreement of this step")
    await session.save_agreement(_agreement(message, key, session.step.key))


async def _delete_agreement(session: Session, message: dict[str, Any]) -> None:
    await session.delete_agreement(_text(message, "key"))


async def _gap_agreement(session: Session, message: dict[str, Any]) -> None:
    """What the pair agrees on one statement of the gap view (an empty text removes it)."""
    statement = _text(message, "statement")
    if statement not in {row["statement"] for row in (_gap(session) or {}).get("rows", [])}:
        raise ProtocolError("not a statement of this gap view")
    key = agreement_key(statement)
    typed = _agreement(message, key, statement)
    saved = session.record.agreements.get(key)
    if not typed.text.strip():
        await session.delete_agreement(key)
    elif saved is not None and "owner" not in message:  # the text alone: who and when are kept
        await session.save_agreement(replace(saved, text=typed.text))
    else:
        await session.save_agreement(replace(typed, status=saved.status if saved else ""))


async def _meeting(session: Session, message: dict[str, Any]) -> None:
    """The meeting details, checked by the core's rules."""
    await session.set_meeting(Meeting.of(message.get("meeting")).checked(clean_text))


async def _role(session: Session, message: dict[str, Any]) -> None:
    """Confirm a named role's holder, or release the role."""
    role = _text(message, "role")
    holder = next((p for p in session.participants.values() if role and p.role == role), None)
    if holder is None or not session.reading.policy.is_named(role):
        raise ProtocolError("nobody holds that role")
    await session.set_role(holder.id, holder.role if message.get("confirm") else None)


RECORDS = {"note": _note, "agreement": _save_agreement, "delete_agreement": _delete_agreement,
           "gap_agreement": _gap_agreement, "meeting": _meeting, "role": _role}


def _gap(session: Session) -> dict[str, Any] | None:
    """The gap view as the console shows it: the statements by distance, each with its agreement."""
    step = session.step
    if not isinstance(step.body, GapReview):
        return None
    gap, lang = session.reading.gap(step), session.lang
    if gap.rows is None:
        waiting = (t(lang, "gap.waiting", n=gap.done, m=gap.total) if gap.pair_known
                   else t(lang, "gap.need_pair"))
        return {"waiting": waiting, "rows": []}
    rows = []
    for row in gap.rows:
        saved = session.record.agreements.get(agreement_key(row.step.key))
        rows.append({"statement": row.step.key, "prompt": row.step.prompt, "distance": row.distance,
                     "first": row.first.label, "second": row.second.label,
                     "agreement": None if saved is None else
                     {"text": saved.text, "owner": saved.owner, "due": saved.due}})
    return {"waiting": "", "rows": rows}


def extras(stack: Sequence[Screen[Any]], face: Face) -> dict[str, Any]:
    """What the console shows of the projector's own state: the timer, the join address, the gap view."""
    screen = _session_screen(stack)
    state = screen.query_one(StepTimer).state if screen is not None else None
    timer = None if state is None else {"left": round(state.left), "running": state.running,
                                        "closes": str(state.closes)}
    gap = _gap(screen.session) if screen is not None else None
    return {"timer": timer, "join_url": face.join_url, "gap": gap}
