"""Events a session publishes to its listeners (the TUI, the web face), in the past tense."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParticipantJoined:
    """A phone joined the session."""

    count: int


@dataclass(frozen=True)
class RoleChosen:
    """A phone chose ``role``; ``named`` roles wait for the facilitator to confirm them."""

    role: str
    named: bool


@dataclass(frozen=True)
class VoteRecorded:
    """A vote on step ``step_key`` is on disk."""

    step_key: str


@dataclass(frozen=True)
class AnswerRecorded:
    """A free-text answer on step ``step_key`` is on disk."""

    step_key: str


@dataclass(frozen=True)
class UpvoteRecorded:
    """An upvote of a question on step ``step_key`` was given or withdrawn, on disk."""

    step_key: str


@dataclass(frozen=True)
class StepChanged:
    """The facilitator moved to step ``index``."""

    index: int


@dataclass(frozen=True)
class StepStateChanged:
    """A step's results were revealed or hidden, its voting locked or reopened, or it was reset.

    ``phones`` says whether the phones' page changes too (a lock or a reset does; results are
    shown only on the projector).
    """

    step_key: str
    phones: bool = True


@dataclass(frozen=True)
class JoiningChanged:
    """Joining was opened or closed, or the join token was replaced."""

    open: bool
    token: str


@dataclass(frozen=True)
class NotesChanged:
    """The facilitator's notes or agreements on step ``step_key`` changed."""

    step_key: str


@dataclass(frozen=True)
class MeetingChanged:
    """The meeting details (organ, place, time, who was present, møteleder, referent) changed."""


@dataclass(frozen=True)
class LimitReached:
    """A limit of the session was reached (``participants`` or ``text_chars``); phones are refused
    until the facilitator raises it."""

    name: str
    value: int


@dataclass(frozen=True)
class StoreFailed:
    """Writing to disk failed; the phones concerned were told nothing was saved."""

    reason: str


Event = (ParticipantJoined | RoleChosen | VoteRecorded | AnswerRecorded | UpvoteRecorded | StepChanged
         | StepStateChanged | JoiningChanged | NotesChanged | MeetingChanged | LimitReached | StoreFailed)
