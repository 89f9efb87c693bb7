"""Live following: a server-sent event stream of where the room is, and /state for polling."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any

from aiohttp import web

from samspill_tui.session.events import AnswerRecorded, Event, StepChanged, StepStateChanged, UpvoteRecorded
from samspill_tui.session.live import Session

# Seconds between repeats of the room's position on a quiet stream: a phone that hears nothing for
# a few of them knows the laptop is gone (asleep, off the network), and a dropped phone is found.
BEAT = 2.0
# Seconds between changes of the room's list of questions as the phones are told: a hall upvoting
# at once refetches its list at most this often, not once per upvote.
LIST_SECONDS = 2.0


class Pulse:
    """Wakes every open stream when the room's step changes, or the current step's state in a way
    the phones see (locked, reopened, reset; not results being revealed on the projector); on a
    questions step, also when its list changed, at most every LIST_SECONDS (``listed``)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.revision = 0
        self.listed = 0  # the revision of the current step's list of questions the phones are told
        self._list_due: asyncio.TimerHandle | None = None
        self.closed = False
        self.streams: dict[str, int] = {}  # participant id -> open streams
        self._event = asyncio.Event()
        self._message: tuple[dict[str, int], bytes] = ({}, b"")
        self._unsubscribe = session.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, StepChanged) or (
            isinstance(event, StepStateChanged) and event.phones
            and event.step_key == self.session.step.key
        ):
            self.revision += 1
            self._wake()
        elif isinstance(event, AnswerRecorded | UpvoteRecorded) and self._list_due is None \
                and self.session.step.accepts_questions and event.step_key == self.session.step.key:
            self._list_due = asyncio.get_running_loop().call_later(LIST_SECONDS, self._relist)

    def _relist(self) -> None:
        self._list_due = None
        self.listed += 1
        self._wake()

    def _wake(self) -> None:
        woken, self._event = self._event, asyncio.Event()
        woken.set()

    def snapshot(self) -> dict[str, int]:
        """What a phone compares with the page it shows: the step and a revision of its state; while
        the step's timer will lock it, when (``ends``) by the laptop's clock (``now``), in seconds."""
        now = {"step": self.session.current, "rev": self.revision}
        if self.session.step.accepts_questions:
            now["q"] = self.listed
        ends = self.session.deadline(self.session.step.key)
        return now if ends is None else {**now, "ends": round(ends), "now": round(time.time())}

    def message(self) -> bytes:
        """The snapshot as a server-sent event; the same object until the snapshot changes, so a
        hall of streams shares one encoding."""
        now = self.snapshot()
        if self._message[0] != now:
            self._message = (now, f"data: {json.dumps(now)}\n\n".encode())
        return self._message[1]

    async def wait(self, timeout: float) -> None:
        """Return on the next change, on shutdown, or after ``timeout`` seconds."""
        event = self._event
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):  # no task per wait, unlike wait_for
                await event.wait()

    async def close(self, _app: Any = None) -> None:
        """End every open stream now (the server is shutting down)."""
        if not self.closed:
            self.closed = True
            self._unsubscribe()
            if self._list_due is not None:
                self._list_due.cancel()
            self._wake()


async def stream(request: web.Request, pulse: Pulse, pid: str,
                 headers: dict[str, str]) -> web.StreamResponse:
    """Send the room's position now and on every change until the phone or the server leaves."""
    response = web.StreamResponse(headers={**headers, "Content-Type": "text/event-stream; charset=utf-8",
                                           "Cache-Control": "no-store"})
    pulse.streams[pid] = pulse.streams.get(pid, 0) + 1
    try:
        await response.prepare(request)
        await response.write(b"retry: 3000\n\n")
        while not pulse.closed:
            await response.write(pulse.message())  # one encoding shared by every stream
            await pulse.wait(BEAT)
    except ConnectionError:
        pass  # the phone went away
    finally:
        pulse.streams[pid] -= 1
        if not pulse.streams[pid]:
            del pulse.streams[pid]
    return response
