"""Session events as Textual messages: the core never runs the projector's code in a phone's request.

A session listener only posts a :class:`SessionChanged`; Textual handles it on the app's own
turn. Under load, a change to the counts waiting in the queue is replaced by the next one, so
a hall voting at once costs the projector one redraw, not one per vote.
"""

from __future__ import annotations

from textual.message import Message

from samspill_tui.session.events import (
    Event,
    JoiningChanged,
    LimitReached,
    RoleChosen,
    StepChanged,
    StoreFailed,
)

# Events that must each be handled: the rest only ask for a redraw of the counts.
_DISTINCT = (StepChanged, StoreFailed, JoiningChanged, RoleChosen, LimitReached)


class SessionChanged(Message):
    """Something in the session changed: a join, a vote, an answer, a step, the store."""

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event

    @property
    def redraw_only(self) -> bool:
        """Whether the change needs nothing but a redraw from the session."""
        return not isinstance(self.event, _DISTINCT)

    def can_replace(self, message: Message) -> bool:
        """A redraw waiting in the queue is superseded by a later one."""
        return self.redraw_only and isinstance(message, SessionChanged) and message.redraw_only
