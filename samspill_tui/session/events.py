"""Events a session publishes to its listeners (the TUI, the web face), in the past tense."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParticipantJoined:
    """A phone joined the session."""

    count: int


@dataclass(frozen=True)
class VoteRecorded:
    """A vote on step ``step_key`` is on disk."""

    step_key: str


@dataclass(frozen=True)
class AnswerRecorded:
    """A free-text answer on step ``step_key`` is on disk."""

    step_key: str


@dataclass(frozen=True)
class StepChanged:
    """The facilitator moved to step ``index``."""

    index: int


@dataclass(frozen=True)
class StoreFailed:
    """Writing to disk failed; the phones concerned were told nothing was saved."""

    reason: str


Event = ParticipantJoined | VoteRecorded | AnswerRecorded | StepChanged | StoreFailed
