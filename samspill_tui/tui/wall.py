"""The answer wall of a reflection step: answers as plain text, hidden or highlighted by the facilitator."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import ListItem, ListView, Static

from samspill_tui.export.referat import input_for, input_source
from samspill_tui.i18n import t
from samspill_tui.session.record import Answer
from samspill_tui.tui.views import StepView, plain


class AnswerItem(ListItem):
    """One answer on the wall; a hidden answer shows a placeholder, never its text."""

    def __init__(self, answer: Answer, lang: str) -> None:
        super().__init__(Static(self._text(answer, lang), markup=False))
        self.answer, self.lang = answer, lang
        self._set_classes(answer)

    @staticmethod
    def _text(answer: Answer, lang: str) -> Text:
        return plain(t(lang, "wall.hidden") if answer.hidden
                     else f"{answer.question + 1}. {answer.text}")

    def _set_classes(self, answer: Answer) -> None:
        self.set_class(answer.hidden, "hidden")
        self.set_class(answer.highlighted and not answer.hidden, "highlighted")

    def show(self, answer: Answer) -> None:
        """Draw ``answer`` (the same key, perhaps newly hidden or highlighted)."""
        self.answer = answer
        self._set_classes(answer)
        self.query_one(Static).update(self._text(answer, self.lang))


class ReflectionView(StepView):
    """The questions, and the answers as they arrive; ``h`` hides and ``a`` highlights one."""

    def compose(self) -> ComposeResult:
        yield Static(plain("\n".join(f"{n}. {q}" for n, q in enumerate(self.step.questions, 1))),
                     id="questions", markup=False)
        if input_source(self.session.steps, self.step) is not None:
            yield VerticalScroll(Static(id="input", markup=False), id="input-box")
        yield Static(plain(t(self.session.lang, "answers.none")), id="no-answers", markup=False)
        yield ListView(id="answers")

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#answers", ListView).focus()

    @property
    def items(self) -> dict[str, AnswerItem]:
        """The answers on the wall by key."""
        return {item.answer.key: item for item in self.query(AnswerItem)}

    def _show_input(self) -> None:
        """Under an agenda item: what council members sent in beforehand, as plain text."""
        for box in self.query("#input").results(Static):
            collected = input_for(self.session.record, self.session.steps, self.step)
            text = Text(t(self.session.lang, "wall.input", n=len(collected)) + "\n", style="bold")
            for answer in collected:
                text.append(f"• {answer.text}\n")
            box.update(text)

    def refresh_data(self) -> None:
        self._show_input()
        wall = self.query_one("#answers", ListView)
        answers = self.session.step_answers(self.step)
        self.query_one("#no-answers").display = not answers
        shown = self.items
        for answer in answers:
            item = shown.get(answer.key)
            if item is not None and item.answer != answer:
                item.show(answer)
        new = [AnswerItem(a, self.session.lang) for a in answers if a.key not in shown]
        if len(shown) > len(answers):  # a reset removed answers: start over
            wall.clear()
            new = [AnswerItem(a, self.session.lang) for a in answers]
        if new:
            follow = wall.index is None or wall.index >= len(wall.children) - 1
            wall.extend(new)
            if follow:  # keep the newest in view unless the facilitator moved up the wall
                wall.index = len(wall.children) - 1
                wall.scroll_end(animate=False)

    def selected(self) -> Answer | None:
        """The answer under the wall's cursor, if any."""
        item = self.query_one("#answers", ListView).highlighted_child
        return item.answer if isinstance(item, AnswerItem) else None
