"""A discussion timer per step, in large digits, that signals when time is up."""

from __future__ import annotations

from dataclasses import dataclass

from textual.widgets import Digits

TICK_SECONDS = 0.5


@dataclass
class TimerState:
    """One step's timer: seconds left (negative when over time) and whether it runs."""

    left: float
    running: bool = False


class StepTimer(Digits):
    """Counts down the current step's minutes; ``overtime`` class once time is up."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.states: dict[str, TimerState] = {}
        self.key = ""

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self._tick)

    def show_step(self, key: str, minutes: int | None) -> None:
        """Switch to the timer of step ``key``; its default comes from the programme's minutes."""
        self.key = key
        if key not in self.states and minutes:
            self.states[key] = TimerState(minutes * 60.0)
        self._draw()

    @property
    def state(self) -> TimerState | None:
        """The current step's timer, if the step has one."""
        return self.states.get(self.key)

    def toggle(self) -> None:
        """Start or pause (a step without minutes gets a 5-minute timer)."""
        state = self.states.setdefault(self.key, TimerState(5 * 60.0))
        state.running = not state.running
        self._draw()

    def adjust(self, minutes: int) -> None:
        """Add or take away whole minutes."""
        state = self.states.setdefault(self.key, TimerState(0.0))
        state.left += minutes * 60
        self._draw()

    def _tick(self) -> None:
        state = self.state
        if state is not None and state.running:
            state.left -= TICK_SECONDS
            self._draw()

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
