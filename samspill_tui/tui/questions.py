"""The questions of a questions step on the projector: the room's top questions, re-ordered calmly.

Counts change in place as upvotes come; the order changes at most once every REORDER_SECONDS, and
questions with as many upvotes keep the order they came in, so a hall upvoting at once never makes
the list jump about. Hidden and unapproved questions are never here (the read model leaves them out).
"""

from __future__ import annotations

import contextlib
import time
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samspill_tui.i18n import t
from samspill_tui.session.live import Rejected
from samspill_tui.session.reading import AskedQuestion
from samspill_tui.session.store import StoreError
from samspill_tui.tui.views import StepView, plain, redraw

REORDER_SECONDS = 1.0
ANSWERED_STYLE = "italic $text-muted"


def calm_order(shown: list[str], ranked: list[str], reorder: bool) -> list[str]:
    """The keys in the order to show: ``ranked`` when ``reorder``, else the order ``shown`` kept
    (questions gone left out, new ones after)."""
    if reorder:
        return ranked
    kept = [key for key in shown if key in set(ranked)]
    return kept + [key for key in ranked if key not in set(kept)]


class QuestionsView(StepView):
    """The room's questions with their upvotes; ``h`` hides one, ``b`` marks it answered."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "hide_question", "Skjul"),
        Binding("b", "answer_question", "Besvart"),
    ]
    DEFAULT_CSS = """
    #prompt { height: auto; text-style: bold; margin-bottom: 1; }
    #asked { height: 1fr; border: round $primary; }
    #asked > .option-list--option { padding: 0 1; }
    #asked-counts { color: $text-muted; height: 1; }
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.order: list[str] = []
        self.items: dict[str, AskedQuestion] = {}
        self._reordered = 0.0
        self._settle_due = False

    def compose(self) -> ComposeResult:
        lang = self.session.lang
        yield Static(plain(t(lang, "questions.prompt")), id="prompt", markup=False)
        yield Static(id="asked-counts", markup=False)
        yield OptionList(id="asked", markup=False)

    def on_mount(self) -> None:
        with contextlib.suppress(NoMatches):  # a step change that came meanwhile took it down
            self.refresh_data()
            self.query_one("#asked", OptionList).focus()

    def prompt(self, q: AskedQuestion) -> Content:
        """One question as the room sees it: its upvotes, its text (never markup), answered or not."""
        line = f"▲ {q.upvotes:>3}  {q.text}"
        if q.answered:
            return Content.styled(f"{line}  ({t(self.session.lang, 'questions.answered')})", ANSWERED_STYLE)
        return Content(line)

    def refresh_data(self) -> None:
        reading, lang = self.session.reading, self.session.lang
        ranked = reading.questions(self.step)
        now = time.monotonic()
        keys = [q.key for q in ranked]
        reorder = now - self._reordered >= REORDER_SECONDS
        order = calm_order(self.order, keys, reorder)
        if reorder and order != self.order:
            self._reordered = now
        if order != keys:
            self._settle_later()  # the order held back: look again once it may change
        items = {q.key: q for q in ranked}
        counts = [t(lang, "questions.none")] if not ranked else []
        waiting = len(reading.pending(self.step))
        if waiting:
            counts.append(t(lang, "questions.waiting", n=waiting))
        hidden = reading.hidden(self.step)
        if hidden:
            counts.append(t(lang, "questions.hidden", n=hidden))
        redraw(self.query_one("#asked-counts", Static), Text("  ·  ".join(counts)))
        self._draw(order, items)

    def _draw(self, order: list[str], items: dict[str, AskedQuestion]) -> None:
        """Change only what changed: a count or mark in place, the whole list when the order did."""
        box = self.query_one("#asked", OptionList)
        if order != self.order:
            selected, at = self.selected(), box.highlighted
            box.clear_options()
            box.add_options(Option(self.prompt(items[key]), id=key) for key in order)
            if selected is not None and selected.key in order:
                box.highlighted = order.index(selected.key)  # the cursor stays on its question
            elif at is not None and order:
                box.highlighted = min(at, len(order) - 1)
        else:
            for n, key in enumerate(order):
                if items[key] != self.items.get(key):
                    box.replace_option_prompt_at_index(n, self.prompt(items[key]))
        self.order, self.items = order, items

    def _settle_later(self) -> None:
        if not self._settle_due:
            self._settle_due = True
            self.set_timer(REORDER_SECONDS, self._settle)

    def _settle(self) -> None:
        self._settle_due = False
        with contextlib.suppress(NoMatches):
            self.refresh_data()

    def selected(self) -> AskedQuestion | None:
        """The question under the cursor, if any."""
        box = self.query_one("#asked", OptionList)
        option = box.highlighted_option
        return self.items.get(option.id) if option is not None and option.id else None

    async def _moderate(self, **change: bool) -> None:
        question = self.selected()
        if question is None:
            self.notify(t(self.session.lang, "questions.select"))
            return
        with contextlib.suppress(Rejected, StoreError):  # a write error is shown by its event
            await self.session.moderate(self.step.key, question.key, **change)
        self.refresh_data()

    async def action_hide_question(self) -> None:
        """Hide the selected question from the projector, the phones and the exports."""
        await self._moderate(hidden=True)

    async def action_answer_question(self) -> None:
        """Mark the selected question answered, or take the mark away."""
        question = self.selected()
        await self._moderate(answered=not question.answered if question else True)
