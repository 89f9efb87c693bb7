"""A discussion timer per step, in large digits, that signals when time is up."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

from textual.message import Message
from textual.widgets import Digits

TICK_SECONDS = 0.5


class Closes(StrEnum):
    """What a step's timer does at zero: nothing, lock the step, or lock it and reveal its results."""

    OFF = ""
    LOCK = "lock"
    REVEAL = "reveal"


@dataclass
class TimerState:
    """One step's timer: seconds left (negative when over time), whether it runs, what it does at zero."""

    left: float
    running: bool = False
    closes: Closes = Closes.OFF
    fired: bool = False  # it has locked the step at zero (again after time is added)


class StepTimer(Digits):
    """Counts down the current step's minutes; ``overtime`` class once time is up."""

    class Deadline(Message):
        """When step ``key``'s timer will lock it (epoch seconds), or ``None``: it will not."""

        def __init__(self, key: str, ends: float | None) -> None:
            super().__init__()
            self.key, self.ends = key, ends

    class Expired(Message):
        """Step ``key``'s timer reached zero and is to lock it (and reveal its results)."""

        def __init__(self, key: str, reveal: bool) -> None:
            super().__init__()
            self.key, self.reveal = key, reveal

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.states: dict[str, TimerState] = {}
        self.key = ""

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self._tick)

    def show_step(self, key: str, minutes: int | None, closes: Closes = Closes.OFF) -> None:
        """Switch to the timer of step ``key``; its default comes from the programme's minutes and
        what its line says the timer does at zero (``closes``, which T still changes)."""
        if self.key and self.key != key:
            self.post_message(self.Deadline(self.key, None))  # a timer not shown does not run down
        self.key = key
        if key not in self.states and (minutes or closes):
            self.states[key] = TimerState((minutes or 5) * 60.0, closes=closes)
        self._changed()

    @property
    def state(self) -> TimerState | None:
        """The current step's timer, if the step has one."""
        return self.states.get(self.key)

    def toggle(self) -> None:
        """Start or pause (a step without minutes gets a 5-minute timer)."""
        state = self.states.setdefault(self.key, TimerState(5 * 60.0))
        state.running = not state.running
        self._changed()

    def adjust(self, minutes: int) -> None:
        """Add or take away whole minutes."""
        state = self.states.setdefault(self.key, TimerState(0.0))
        state.left += minutes * 60
        state.fired = state.fired and state.left <= 0
        self._changed()

    def cycle_closes(self) -> Closes:
        """Step through what the timer does at zero (a step without minutes gets a 5-minute timer)."""
        state = self.states.setdefault(self.key, TimerState(5 * 60.0))
        modes = list(Closes)
        state.closes = modes[(modes.index(state.closes) + 1) % len(modes)]
        self._changed()
        return state.closes

    def _tick(self) -> None:
        state = self.state
        if state is not None and state.running:
            state.left -= TICK_SECONDS
            self._draw()
            if state.left <= 0 and state.closes and not state.fired:
                state.fired = True
                self.post_message(self.Expired(self.key, state.closes == Closes.REVEAL))
                self.post_message(self.Deadline(self.key, None))

    def _changed(self) -> None:
        """Redraw, and tell when the current step's timer will lock it."""
        self._draw()
        state, ends = self.state, None
        if state is not None and state.running and state.closes and state.left > 0:
            ends = time.time() + state.left
        if self.key:
            self.post_message(self.Deadline(self.key, ends))

    def _draw(self) -> None:
        state = self.state
        self.display = state is not None
        if state is None:
            return
        seconds = int(abs(state.left) + (0 if state.left <= 0 else 0.999))
        sign = "-" if state.left < 0 else ""
        self.update(f"{sign}{seconds // 60:02d}:{seconds % 60:02d}")
        self.set_class(state.left <= 0, "overtime")
        self.set_class(not state.running, "paused")
