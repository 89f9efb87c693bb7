"""What a presenter console's commands do on the projector: the same as the facilitator's keys."""

from __future__ import annotations

import contextlib
from typing import Any

from samspill_tui.console.protocol import ACTIONS, ProtocolError
from samspill_tui.session.store import StoreError
from samspill_tui.tui.join import QRScreen
from samspill_tui.tui.run import SessionScreen
from samspill_tui.tui.timer import StepTimer


async def perform(screen: SessionScreen, message: dict[str, Any]) -> None:
    """Carry out one console command on ``screen``; a console asks first where a key would."""
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


def extras(screen: SessionScreen) -> dict[str, Any]:
    """What the console shows of the projector's own state: the timer and the join address."""
    state = screen.query_one(StepTimer).state
    timer = None if state is None else {"left": round(state.left), "running": state.running}
    return {"timer": timer, "join_url": screen.face.join_url}
