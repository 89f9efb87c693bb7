"""The gap view: where the ordfører and the kommunedirektør see their cooperation differently."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from samspill_tui.i18n import t
from samspill_tui.session.reading import GapRow
from samspill_tui.session.record import Agreement
from samspill_tui.session.steps import StatementVote
from samspill_tui.session.store import StoreError
from samspill_tui.tui.views import StepView, plain


def agreement_key(statement_key: str) -> str:
    """The key of the agreement the pair makes about one statement."""
    return f"gap|{statement_key}"


class GapView(StepView):
    """Nothing until both have rated every statement; then the statements ranked by distance.

    ``s`` (or Enter on a statement) puts the cursor in the agreement field; Esc leaves it. While
    the field has focus every printable key goes into it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "write", "Skriv avtale"),
        Binding("escape", "leave", "Ferdig", show=False),
    ]

    DEFAULT_CSS = """
    #gap-wait {
        margin: 1 0;
        text-style: bold;
    }
    #gap {
        height: 1fr;
    }
    #gap-list {
        width: 1fr;
        height: 1fr;
    }
    #gap-detail {
        width: 1fr;
        height: 1fr;
        padding: 0 1;
    }
    #gap-questions {
        margin: 1 0;
    }
    """

    ranking: tuple[GapRow, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="gap-wait", markup=False)
        with Horizontal(id="gap"):
            yield OptionList(id="gap-list")
            with VerticalScroll(id="gap-detail", can_focus=False):  # Tab: list, then the field
                yield Static(id="gap-statement", markup=False)
                yield Static(id="gap-questions", markup=False)
                yield Static(plain(t(self.session.lang, "gap.agree")), classes="gap-label",
                             markup=False)
                yield Input(id="gap-agreement", max_length=500)

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        gap = self.session.reading.gap(self.step)
        wait = self.query_one("#gap-wait", Static)
        wait.display = gap.rows is None
        self.query_one("#gap").display = gap.rows is not None
        if gap.rows is None:
            lang = self.session.lang
            wait.update(plain(t(lang, "gap.waiting", n=gap.done, m=gap.total) if gap.pair_known
                              else t(lang, "gap.need_pair")))
            return
        if gap.rows == self.ranking:
            return
        self.ranking = gap.rows
        options = self.query_one("#gap-list", OptionList)
        index = options.highlighted or 0
        options.clear_options()
        for row in gap.rows:
            distance = "–" if row.distance is None else str(row.distance)
            prompt = Text(f"{distance:>2}  ", style="bold")
            prompt.append(row.step.prompt)
            options.add_option(Option(prompt, id=row.step.key))
        options.highlighted = min(index, len(gap.rows) - 1)
        if self.screen.focused is None:
            options.focus()

    @on(OptionList.OptionHighlighted, "#gap-list")
    def _show(self, event: OptionList.OptionHighlighted) -> None:
        lang = self.session.lang
        row = next(r for r in self.ranking or () if r.step.key == event.option_id)
        assert isinstance(row.step.body, StatementVote)
        statement = row.step.body.statement
        text = Text(f"{statement.theme}\n", style="dim")
        text.append(f"{statement.text}\n\n", style="bold")
        text.append(f"{t(lang, 'role.ordforer')}: {row.first.label}\n")
        text.append(f"{t(lang, 'role.kommunedirektor')}: {row.second.label}")
        self.query_one("#gap-statement", Static).update(text)
        questions = "\n".join(f"• {q}" for q in statement.questions)
        self.query_one("#gap-questions", Static).update(plain(questions))
        saved = self.session.record.agreements.get(agreement_key(row.step.key))
        self.query_one("#gap-agreement", Input).value = saved.text if saved else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Writing an agreement needs the ranking on screen."""
        return self.ranking is not None if action == "write" else True

    @on(OptionList.OptionSelected, "#gap-list")
    def action_write(self) -> None:
        """Put the cursor in the agreement field of the highlighted statement."""
        if self.ranking is not None:
            self.query_one("#gap-agreement", Input).focus()

    def action_leave(self) -> None:
        """Leave the agreement field (unsaved text stays in it) and go back to the list."""
        self.query_one("#gap-list", OptionList).focus()

    @on(Input.Submitted, "#gap-agreement")
    async def _save(self, event: Input.Submitted) -> None:
        options = self.query_one("#gap-list", OptionList)
        if options.highlighted is None or self.ranking is None:
            return
        statement_key = self.ranking[options.highlighted].step.key
        key = agreement_key(statement_key)
        try:
            if event.value.strip():
                await self.session.save_agreement(Agreement(key, statement_key, event.value))
            else:
                await self.session.delete_agreement(key)
        except StoreError:
            return  # the projector already shows the store warning; the text stays in the field
        self.notify(t(self.session.lang, "gap.saved"))
        options.focus()
