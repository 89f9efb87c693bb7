"""What one session holds at most, sized for a hall of 2,000, so that one hostile phone cannot
fill the laptop: participants, answers per participant and step, the text of all answers, and
the phones' open connections.
When a limit is reached the facilitator is told and can raise it; the room goes on meanwhile."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields, replace

from samspill_tui.session.record import Record


@dataclass(frozen=True)
class Limits:
    """The limits of a session."""

    participants: int = 2_500
    answers_per_step: int = 30  # one participant's answers on one step
    text_chars: int = 10_000_000  # all answers' text together (about 10-20 MB on disk)
    connections: int = 6_000  # open phone connections in all (a live stream and a request each)
    connections_per_address: int = 128  # from one address (a venue NAT with dozens of phones)


class Bounds:
    """A session's limits and how much it holds against them, kept as answers come and go."""

    def __init__(self, record: Record, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        answers = [a for by_key in record.answers.values() for a in by_key.values()]
        self.per_step = Counter((a.step_key, a.pid) for a in answers)
        self.chars = sum(len(a.text) for a in answers)
        self.reached: set[str] = set()  # limits hit since the facilitator last raised them

    def refuse_join(self, joined: int) -> bool:
        """Whether a new participant would go over the limit (and note that it was reached)."""
        return self._over("participants", joined + 1 > self.limits.participants)

    def refuse_connection(self, total: int, from_address: int, room: int) -> str | None:
        """Why one more connection is refused (``connections``, ``connections_per_address``,
        ``descriptors`` when the process has only ``room`` file descriptors to spare), or None."""
        if self._over("connections_per_address", from_address >= self.limits.connections_per_address):
            return "connections_per_address"
        if self._over("connections", total >= self.limits.connections):
            return "connections"
        return "descriptors" if self._over("descriptors", total >= room) else None

    def refusal(self, step_key: str, pid: str, text: str) -> str | None:
        """Why an answer may not be stored (``answer-limit``, ``session-full``), or None."""
        if self.per_step[step_key, pid] >= self.limits.answers_per_step:
            return "answer-limit"  # one phone's business: the facilitator need not act
        if self._over("text_chars", self.chars + len(text) > self.limits.text_chars):
            return "session-full"
        return None

    def added(self, step_key: str, pid: str, text: str) -> None:
        """An answer was stored."""
        self.per_step[step_key, pid] += 1
        self.chars += len(text)

    def removed(self, step_key: str, pid: str, text: str) -> None:
        """An answer was deleted (a step reset)."""
        self.per_step[step_key, pid] -= 1
        self.chars -= len(text)

    def raise_reached(self) -> Limits:
        """Double every limit that was reached; returns the limits now in force."""
        self.limits = replace(self.limits, **{f.name: 2 * getattr(self.limits, f.name)
                                              for f in fields(self.limits) if f.name in self.reached})
        self.reached.clear()
        return self.limits

    def _over(self, name: str, over: bool) -> bool:
        if over:
            self.reached.add(name)
        return over
