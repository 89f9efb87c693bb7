"""The base of the step views; each redraws itself from the session on ``refresh_data``."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from samspill_tui.session.live import Session
from samspill_tui.session.steps import Step
from samspill_tui.tui.join import Face


def plain(text: str) -> Text:
    """Participant or content text as a Text that is never read as markup."""
    return Text(text, no_wrap=False)


def redraw(widget: Static, text: Text) -> None:
    """Show ``text`` in ``widget``: nothing when it is unchanged, and no new layout of the screen
    when its lines keep their widths (live counts redraw several times a second)."""
    old = widget.content
    if isinstance(old, Text) and old == text:
        return
    widget.update(text, layout=not isinstance(old, Text) or _shape(old) != _shape(text))


def _shape(text: Text) -> list[int]:
    return [cell_len(line) for line in text.plain.split("\n")]


class StepView(Vertical):
    """Base of the step views."""

    def __init__(self, session: Session, step: Step, face: Face) -> None:
        super().__init__(classes="step-view")
        self.session, self.step, self.face = session, step, face

    def refresh_data(self) -> None:
        """Redraw what depends on votes, answers or participants."""

    def follow(self, step: Step) -> bool:
        """Show ``step`` in this view instead of a new one, if the view can; returns whether it did.
        (Mounting a view costs the projector's loop far more than changing a few texts.)"""
        return False
