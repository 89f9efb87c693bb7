"""One view per kind of step; each redraws itself from the session on ``refresh_data``."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Markdown

from samspill_tui.session.live import Session
from samspill_tui.session.results import MIN_GROUP
from samspill_tui.session.steps import Step
from samspill_tui.tui.join import Face


def plain(text: str) -> Text:
    """Participant or content text as a Text that is never read as markup."""
    return Text(text, no_wrap=False)


class StepView(Vertical):
    """Base of the step views."""

    def __init__(self, session: Session, step: Step, face: Face, min_group: int = MIN_GROUP) -> None:
        super().__init__(classes="step-view")
        self.session, self.step, self.face, self.min_group = session, step, face, min_group

    def refresh_data(self) -> None:
        """Redraw what depends on votes, answers or participants."""


class CaseView(StepView):
    """The case text rendered from Markdown."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self.step.markdown, id="case-text")


class SummaryView(StepView):
    """The session summary, as it would be exported."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(id="summary")

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        from samspill_tui.export.markdown import summary_markdown
        from samspill_tui.export.summary import summary_from_session

        self.query_one("#summary", Markdown).update(
            summary_markdown(summary_from_session(self.session)))
