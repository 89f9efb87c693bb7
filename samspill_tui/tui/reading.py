"""Steps to read from the projector: a case, and the session summary."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from samspill_tui.export.markdown import summary_markdown
from samspill_tui.session.steps import CaseText
from samspill_tui.tui.views import StepView

# Textual sizes a level-3 heading to its text: a long one would be cut at 80 columns, not wrapped.
WRAPPED_HEADINGS = """
Markdown > MarkdownHeader {
    width: 100%;
}
"""


class CaseView(StepView):
    """The case text rendered from Markdown."""

    DEFAULT_CSS = WRAPPED_HEADINGS

    def compose(self) -> ComposeResult:
        assert isinstance(self.step.body, CaseText)
        with VerticalScroll():
            yield Markdown(self.step.body.case.markdown, id="case-text")


class SummaryView(StepView):
    """The session summary, as it would be exported: built when shown, then again at most every
    ``SUMMARY_SECONDS`` and only when it changed (a hall still joining or answering must not
    rebuild the whole document several times a second)."""

    DEFAULT_CSS = WRAPPED_HEADINGS
    SUMMARY_SECONDS = 5.0
    _shown = ""  # the Markdown on screen
    _waiting = False  # a rebuild is due

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(id="summary")

    def on_mount(self) -> None:
        self._rebuild()

    def refresh_data(self) -> None:
        if not self._waiting:
            self._waiting = True
            self.set_timer(self.SUMMARY_SECONDS, self._rebuild)

    def _rebuild(self) -> None:
        self._waiting = False
        text = summary_markdown(self.session.summary())
        if text != self._shown:
            self._shown = text
            self.query_one("#summary", Markdown).update(text)
