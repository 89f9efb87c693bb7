"""What a presenter console's commands do on the projector: the same as the facilitator's keys."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

from textual.screen import Screen

from samspill_tui.console.protocol import ACTIONS, ProtocolError
from samspill_tui.session.store import StoreError
from samspill_tui.tui.join import Face, QRScreen
from samspill_tui.tui.run import SessionScreen
from samspill_tui.tui.timer import StepTimer


def _session_screen(stack: Sequence[Screen[Any]]) -> SessionScreen | None:
    """The session screen in the app's ``stack`` (none before the session is shown)."""
    return next((s for s in reversed(stack) if isinstance(s, SessionScreen)), None)


async def perform(stack: Sequence[Screen[Any]], message: dict[str, Any]) -> None:
    """Carry out one console command on the session screen; a console asks first where a key would."""
    screen = _session_screen(stack)
    if screen is None:
        raise ProtocolError("the session is not on screen yet")
    session, kind = screen.session, message["type"]
    if kind == "action" and message.get("action") in ACTIONS:
        action = str(message["action"])
        if action == "premoderate":
            premoderated = not session.state(session.step.key).premoderated
            if session.step.accepts_answers:
                with contextlib.suppress(StoreError):
                    await session.set_state(session.step.key, premoderated=premoderated)
        elif action == "reset":
            await screen.reset_step(session.step.key)
        elif action == "joining":
            await screen.switch_joining()
        elif action == "qr" and isinstance(screen.app.screen, QRScreen):
            screen.app.pop_screen()  # the large QR code is closed the way it was opened
        else:
            await screen.run_action(action)
    elif kind == "goto" and isinstance(message.get("step"), int):
        with contextlib.suppress(StoreError):  # shown by the StoreFailed event
            await session.go_to(message["step"])
    elif kind == "moderate" and isinstance(message.get("answer"), str):
        change = {name: bool(message[name]) for name in ("hidden", "highlighted") if name in message}
        with contextlib.suppress(StoreError):
            await session.moderate(session.step.key, message["answer"], **change,
                                   approved=bool(message.get("approved")))
        screen.refresh_data()
    else:
        raise ProtocolError(f"unknown command {kind!r}")


def extras(stack: Sequence[Screen[Any]], face: Face) -> dict[str, Any]:
    """What the console shows of the projector's own state: the timer and the join address."""
    screen = _session_screen(stack)
    state = screen.query_one(StepTimer).state if screen is not None else None
    timer = None if state is None else {"left": round(state.left), "running": state.running}
    return {"timer": timer, "join_url": face.join_url}
