"""The answer wall of a reflection step: answers as plain text, hidden or highlighted by the facilitator.

The wall is one ``OptionList`` holding a window of the answers: it measures each answer in
the window once and draws only the lines in view, so a hall sending thousands of answers does
not stall the projector the way a widget per answer, or a list of every answer, would.
"""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samspill_tui.i18n import t
from samspill_tui.session import referat
from samspill_tui.session.reading import WallItem
from samspill_tui.tui.views import StepView, plain

HIDDEN_STYLE = "italic $text-muted"
HIGHLIGHT_STYLE = "bold $text on $accent"


WINDOW = 400  # answers the wall lays out at once; moving past either end brings the next ones


class AnswerWall(OptionList):
    """The answers in arrival order, a rule after each; a hidden answer shows a placeholder.

    Textual's ``OptionList`` wraps every option to know its height: 30,000 answers took 10 s.
    The wall holds a window of about ``WINDOW`` answers instead (the newest, while it follows
    them) and moves it when the cursor goes past either end, so its cost does not grow with
    the session's.
    """

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)
        self.lang = lang
        self.answers: list[WallItem] = []  # every answer of the step
        self.first = 0  # the index in ``answers`` of the window's first answer
        self._window: list[WallItem] = []  # the answers the options show

    def prompt(self, answer: WallItem) -> Content:
        """What the wall shows for ``answer``: participant text is never read as markup."""
        if answer.hidden:
            return Content.styled(t(self.lang, "wall.hidden"), HIDDEN_STYLE)
        text = f"{answer.question + 1}. {answer.text}"
        return Content.styled(text, HIGHLIGHT_STYLE) if answer.highlighted else Content(text)

    def show(self, answers: list[WallItem]) -> None:
        """Bring the wall up to ``answers``: new ones are appended, changed ones redrawn."""
        following = self.highlighted is None or self.first + self.highlighted >= len(self.answers) - 1
        chosen = None if following else self.selected()
        self.answers = answers
        if self.first >= len(answers) or (following and len(answers) - self.first > WINDOW * 3 // 2):
            self.first = max(0, len(answers) - WINDOW)  # the window moves on with the newest
        self._sync(answers[self.first:self.first + WINDOW * 3 // 2])
        if following and self._window:  # keep the newest in view unless the facilitator moved up
            self.highlighted = self.option_count - 1
        elif chosen is not None:  # an answer approved above it, or a list laid out anew: stay on it
            self.highlighted = next((n for n, a in enumerate(self._window) if a.key == chosen.key),
                                    self.highlighted)

    def _sync(self, window: list[WallItem]) -> None:
        """Make the options show ``window``: appended to where they can be, else laid out anew."""
        if [a.key for a in window[:len(self._window)]] != [a.key for a in self._window]:
            self._window = []  # a reset removed answers, or the window moved: start over
            self.clear_options()
        for n, answer in enumerate(window[:len(self._window)]):
            if answer != self._window[n]:
                self._window[n] = answer
                self.replace_option_prompt_at_index(n, self.prompt(answer))
        new = window[len(self._window):]
        if new:
            self._window.extend(new)
            self.add_options(item for a in new for item in (Option(self.prompt(a)), None))

    def _move(self, first: int, at: int) -> None:
        """Show the window starting at answer ``first`` with the cursor on answer ``at``."""
        self.first = max(0, min(first, len(self.answers) - 1))
        self._sync(self.answers[self.first:self.first + WINDOW])
        self.highlighted = at - self.first

    def action_cursor_up(self) -> None:
        if self.highlighted == 0 and self.first > 0:
            self._move(self.first - WINDOW // 2, self.first - 1)
        else:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        last = self.first + len(self._window)
        if self.highlighted == len(self._window) - 1 and last < len(self.answers):
            self._move(last - WINDOW // 2, last)
        else:
            super().action_cursor_down()

    def action_page_up(self) -> None:
        if self.highlighted == 0 and self.first > 0:
            self._move(self.first - WINDOW, self.first - 1)
        else:
            super().action_page_up()  # type: ignore[no-untyped-call]

    def action_page_down(self) -> None:
        last = self.first + len(self._window)
        if self.highlighted == len(self._window) - 1 and last < len(self.answers):
            self._move(last, last)
        else:
            super().action_page_down()  # type: ignore[no-untyped-call]

    def action_first(self) -> None:
        if self.answers:
            self._move(0, 0)

    def action_last(self) -> None:
        if self.answers:
            self._move(len(self.answers) - WINDOW, len(self.answers) - 1)

    def selected(self) -> WallItem | None:
        """The answer under the cursor, if any."""
        return None if self.highlighted is None else self.answers[self.first + self.highlighted]


class ReflectionView(StepView):
    """The questions, and the answers as they arrive; ``h`` hides and ``a`` highlights one."""

    DEFAULT_CSS = """
    #questions {
        height: auto;
        max-height: 50%;
        text-style: bold;
        margin-bottom: 1;
    }
    #answers {
        height: 1fr;
        border: round $primary;
    }
    #answers > .option-list--option {
        padding: 0 1;
    }
    #input-box {
        height: auto;
        max-height: 40%;
        border: round $secondary;
        padding: 0 1;
        margin-bottom: 1;
    }
    #input {
        height: auto;
    }
    #no-answers {
        color: $text-muted;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(plain("\n".join(f"{n}. {q}" for n, q in enumerate(self.step.questions, 1))),
                     id="questions", markup=False)
        if referat.input_source(self.session.steps, self.step) is not None:
            yield VerticalScroll(Static(id="input", markup=False), id="input-box")
        yield Static(plain(t(self.session.lang, "answers.none")), id="no-answers", markup=False)
        yield AnswerWall(self.session.lang, id="answers")

    def on_mount(self) -> None:
        with contextlib.suppress(NoMatches):  # a step change that came meanwhile took it down
            self.refresh_data()
            self.query_one(AnswerWall).focus()

    def _show_input(self) -> None:
        """Under an agenda item: what council members sent in beforehand, as plain text."""
        for box in self.query("#input").results(Static):
            collected = self.session.reading.input(self.step)
            shown = [a for a in collected if not a.hidden]
            text = Text(t(self.session.lang, "wall.input", n=len(shown)) + "\n", style="bold")
            for answer in shown:
                text.append(f"• {answer.text}\n")
            if len(shown) < len(collected):
                text.append(t(self.session.lang, "sum.hidden_count", n=len(collected) - len(shown)),
                            style="italic")
            box.update(text)

    def refresh_data(self) -> None:
        self._show_input()
        answers = list(self.session.reading.wall(self.step))
        self.query_one("#no-answers").display = not answers
        self.query_one(AnswerWall).show(answers)

    def selected(self) -> WallItem | None:
        """The answer under the wall's cursor, if any."""
        return self.query_one(AnswerWall).selected()
