"""The facilitator's minutes of one step: a note, and agreements with who follows up and by when."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from samspill_tui.export.markdown import date as due_label
from samspill_tui.i18n import t
from samspill_tui.session import referat
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.meeting import parse_date
from samspill_tui.session.record import OWNERS, Agreement
from samspill_tui.session.steps import Step
from samspill_tui.session.store import StoreError
from samspill_tui.tui.footer import KeyFooter
from samspill_tui.tui.views import plain


class AgreementScreen(ModalScreen[Agreement | None]):
    """Add or change one agreement: what, who follows it up, by when, and its status."""

    DEFAULT_CSS = """
    AgreementScreen { align: center middle; }
    AgreementScreen #agreement-fields {
        grid-size: 2;
        grid-columns: 22 1fr;
        grid-rows: 3;
        height: auto;
    }
    AgreementScreen #agreement-fields Label { height: 3; content-align: left middle; }
    AgreementScreen #agreement-error { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Lagre"),
        Binding("escape", "dismiss(None)", "Avbryt"),
    ]

    def __init__(self, lang: str, step_key: str, agreement: Agreement | None = None) -> None:
        super().__init__()
        self.lang, self.step_key, self.agreement = lang, step_key, agreement

    def compose(self) -> ComposeResult:
        lang, a = self.lang, self.agreement
        with Vertical(classes="dialog wide"):
            heading = t(lang, "minutes.edit" if a else "minutes.new")
            yield Static(plain(heading), classes="dialog-heading", markup=False)
            with Grid(id="agreement-fields"):  # label beside field: all of it fits 80×24
                yield Label(plain(t(lang, "minutes.text")))
                yield Input(a.text if a else "", id="agreement-text", max_length=500)
                yield Label(plain(t(lang, "minutes.owner")))
                options = [(Text(t(lang, f"owner.{o}")), o) for o in OWNERS]
                yield Select(options, value=a.owner if a and a.owner else Select.NULL,
                             id="agreement-owner", prompt=t(lang, "sum.no_owner"))
                yield Label(plain(t(lang, "minutes.due")))
                yield Input(due_label(a.due) if a and a.due else "", id="agreement-due",
                            placeholder="30.06.2026", max_length=10)
                yield Label(plain(t(lang, "minutes.status")))
                yield Input(a.status if a else "", id="agreement-status", max_length=300)
            yield Static(id="agreement-error", markup=False)
        yield KeyFooter()

    def _error(self, key: str) -> None:
        self.query_one("#agreement-error", Static).update(plain(t(self.lang, key)))

    @on(Input.Submitted)
    def action_save(self) -> None:
        """Check the fields and hand the agreement back to the minutes screen."""
        text = self.query_one("#agreement-text", Input).value.strip()
        due = parse_date(self.query_one("#agreement-due", Input).value)
        if not text:
            self._error("minutes.empty")
            self.query_one("#agreement-text", Input).focus()
            return
        if due is None:
            self._error("minutes.bad_due")
            self.query_one("#agreement-due", Input).focus()
            return
        owner = self.query_one("#agreement-owner", Select).value
        key = self.agreement.key if self.agreement else f"a-{secrets.token_hex(6)}"
        self.dismiss(Agreement(key, self.step_key, text, owner if isinstance(owner, str) else "", due,
                               self.query_one("#agreement-status", Input).value.strip()))


class AgreementList(OptionList):
    """The agreements of a step; Enter changes the highlighted one, Delete removes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete,backspace", "screen.delete_agreement", "Slett"),
    ]


class MinutesScreen(ModalScreen[None]):
    """Type the note of a step and keep its agreements; everything is stored as it is saved."""

    DEFAULT_CSS = """
    MinutesScreen { align: center middle; }
    MinutesScreen .dialog { height: 90%; max-height: 36; }
    MinutesScreen #minutes-note { height: 1fr; min-height: 3; }
    MinutesScreen #minutes-agreements { height: auto; max-height: 12; }
    MinutesScreen Label { margin-top: 1; }
    MinutesScreen #minutes-withheld { color: $warning; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Lagre notat"),
        Binding("ctrl+n", "new", "Ny avtale"),
        Binding("escape", "close", "Lukk"),
    ]

    def __init__(self, session: Session, step: Step) -> None:
        super().__init__()
        self.session, self.step = session, step

    def compose(self) -> ComposeResult:
        lang, step = self.session.lang, self.step
        with Vertical(classes="dialog wide"):
            yield Static(plain(t(lang, "minutes.title", step=step.title)), classes="dialog-heading",
                         markup=False)
            if self.session.reading.policy.never_written(step):
                yield Static(plain(t(lang, "minutes.withheld")), id="minutes-withheld", markup=False)
            yield Label(plain(t(lang, "minutes.note")))
            yield TextArea(self.session.record.notes.get(step.key, ""), id="minutes-note", soft_wrap=True)
            yield Label(plain(t(lang, "minutes.agreements")))
            yield AgreementList(id="minutes-agreements")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#minutes-note", TextArea).focus()

    def _agreements(self) -> list[Agreement]:
        return [a for a in self.session.record.agreements.values() if a.step_key == self.step.key]

    def _fill(self) -> None:
        """Show the step's agreements as plain text (never markup)."""
        lang = self.session.lang
        options = self.query_one("#minutes-agreements", AgreementList)
        index = options.highlighted
        options.clear_options()
        for a in self._agreements():
            prompt = Text(a.text)
            details = [t(lang, f"owner.{a.owner}") if a.owner else t(lang, "sum.no_owner")]
            if a.due:
                details.append(due_label(a.due))
            if referat.is_carried(a) or a.status:
                details.append(f"{t(lang, 'minutes.status')}: {a.status or t(lang, 'sum.no_status')}")
            prompt.append(f"  ({', '.join(details)})", style="dim")
            options.add_option(Option(prompt, id=a.key))
        if not options.option_count:
            options.add_option(Option(plain(t(lang, "minutes.none")), disabled=True))
        else:
            options.highlighted = min(index or 0, options.option_count - 1)

    async def _store(self, change: Awaitable[None]) -> bool:
        """Await a session change; on failure say so and keep what was typed."""
        try:
            await change
        except (StoreError, Rejected) as exc:
            self.notify(t(self.session.lang, "minutes.failed", reason=str(exc)), severity="error")
            return False
        return True

    async def action_save(self) -> bool:
        """Store the note if it changed."""
        text = self.query_one("#minutes-note", TextArea).text
        if text.strip() == self.session.record.notes.get(self.step.key, "").strip():
            return True
        saved = await self._store(self.session.set_note(self.step.key, text))
        if saved:
            self.notify(t(self.session.lang, "minutes.saved"))
        return saved

    async def action_close(self) -> None:
        """Store the note and close; stays open if it could not be stored."""
        if await self.action_save():
            self.dismiss(None)

    def _open(self, agreement: Agreement | None) -> None:
        async def done(result: Agreement | None) -> None:
            if result is not None and await self._store(self.session.save_agreement(result)):
                self._fill()
                self.notify(t(self.session.lang, "minutes.saved"))
            self.query_one("#minutes-agreements", AgreementList).focus()

        self.app.push_screen(AgreementScreen(self.session.lang, self.step.key, agreement), done)

    def action_new(self) -> None:
        """Add an agreement to this step."""
        self._open(None)

    @on(OptionList.OptionSelected, "#minutes-agreements")
    def _edit(self, event: OptionList.OptionSelected) -> None:
        agreement = self.session.record.agreements.get(event.option_id or "")
        if agreement is not None:
            self._open(agreement)

    async def action_delete_agreement(self) -> None:
        """Remove the highlighted agreement."""
        options = self.query_one("#minutes-agreements", AgreementList)
        if options.highlighted is None:
            return
        key = options.get_option_at_index(options.highlighted).id
        if key and await self._store(self.session.delete_agreement(key)):
            self._fill()
            self.notify(t(self.session.lang, "minutes.deleted"))
