"""Small modal screens of the session screen: confirm, step list, help, facilitator notes."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from samspill_tui.i18n import t
from samspill_tui.session.steps import StatementVote, Step
from samspill_tui.tui.footer import KeyFooter
from samspill_tui.tui.views import plain


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True only on an explicit yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "dismiss(False)", "Nei"),
        Binding("y,j", "dismiss(True)", "Ja"),
    ]

    def __init__(self, question: str, lang: str, yes: str = "dialog.yes") -> None:
        super().__init__()
        self.question, self.lang, self.yes = question, lang, yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question), markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t(self.lang, self.yes), id="yes", variant="error")
                yield Button(t(self.lang, "dialog.no"), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class NotesScreen(ModalScreen[None]):
    """A step's facilitator notes, only when asked for, under a heading that says who they are for."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,o", "dismiss(None)", "Lukk")]

    def __init__(self, title: str, notes: str, lang: str) -> None:
        super().__init__()
        self.title_text, self.notes, self.lang = title, notes, lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="facilitator-notes"):
            yield Static(plain(t(self.lang, "notes.heading", step=self.title_text)), classes="dialog-heading",
                         markup=False)
            with VerticalScroll():
                yield Markdown(self.notes)
        yield KeyFooter()


class StepListScreen(ModalScreen[int | None]):
    """Every step of the programme; Enter jumps to the chosen one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,g", "dismiss(None)", "Lukk")]

    def __init__(self, steps: list[Step], current: int, lang: str) -> None:
        super().__init__()
        self.steps, self.current, self.lang = steps, current, lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(plain(t(self.lang, "steps.heading")), classes="dialog-heading", markup=False)
            options = []
            for n, step in enumerate(self.steps):
                prompt = Text(f"{n + 1:>3}. ", style="bold" if n == self.current else "")
                prompt.append(step.title, style="bold" if n == self.current else "")
                detail = (step.prompt if isinstance(step.body, StatementVote)
                          else t(self.lang, f"kind.{step.kind}"))
                prompt.append(f"  {detail}", style="dim")
                options.append(Option(prompt, id=str(n)))
            yield OptionList(*options, id="step-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option_id or 0))


class HelpScreen(ModalScreen[None]):
    """The keys of the session screen and what they do."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "dismiss", "Lukk")]

    def __init__(self, bindings: list[Binding], lang: str) -> None:
        super().__init__()
        self.bindings, self.lang = bindings, lang

    def compose(self) -> ComposeResult:
        text = Text()
        text.append(t(self.lang, "help.asks") + "\n\n", style="italic")
        for binding in self.bindings:
            keys = " / ".join(_key_label(k) for k in binding.key.split(","))
            text.append(f"{keys:<18}", style="bold")
            text.append(f"{t(self.lang, f'help.{binding.action}')}\n")
        with VerticalScroll(classes="dialog wide"):  # at 80×24 the list scrolls (↑/↓)
            yield Static(plain(t(self.lang, "help.heading")), classes="dialog-heading", markup=False)
            yield Static(text, id="help-keys", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()


KEY_LABELS = {"right": "→", "left": "←", "space": "mellomrom", "question_mark": "?",
              "plus": "+", "minus": "-", "ctrl+p": "ctrl+p", "ctrl+q": "ctrl+q"}


def _key_label(key: str) -> str:
    return KEY_LABELS.get(key, key)
