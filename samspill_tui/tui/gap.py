"""The gap view: where the ordfører and the kommunedirektør see their cooperation differently."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from samspill_tui.export.markdown import date, owner
from samspill_tui.i18n import t
from samspill_tui.session.reading import GapRow
from samspill_tui.session.record import Agreement
from samspill_tui.session.steps import StatementVote
from samspill_tui.session.store import StoreError
from samspill_tui.tui.minutes import AgreementScreen
from samspill_tui.tui.timer import StepTimer
from samspill_tui.tui.views import StepView, plain

DISCUSSION_MINUTES = 5  # the discussion timer of each statement (t starts it, + and - adjust it)


def agreement_key(statement_key: str) -> str:
    """The key of the agreement the pair makes about one statement."""
    return f"gap|{statement_key}"


class GapView(StepView):
    """Nothing until both have rated every statement; then the statements ranked by distance, the
    highlighted one with both positions, its dialogue questions, its own discussion timer and what
    the pair agrees to do about it.

    ``s`` (or Enter on a statement) puts the cursor in the agreement field; Esc leaves it. While
    the field has focus every printable key goes into it. ``S`` opens the agreement with who
    follows it up and by when.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "write", "Skriv avtale"),
        Binding("S", "follow_up", "Ansvar og frist"),
        Binding("F", "last_time", "Avtalt sist"),
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
                yield Static(id="gap-owner", markup=False)

    def on_mount(self) -> None:
        with contextlib.suppress(NoMatches):  # a step change that came meanwhile took it down
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
        if row.trend is not None:
            before, now = (str(d) if d is not None else "–" for d in (row.trend.before, row.trend.now))
            change = t(lang, row.trend.change)
            text.append(f"\n\n{t(lang, 'gap.trend', before=before, now=now, change=change)}", style="bold")
        for last in row.last:
            status = last.status or t(lang, "sum.no_status")
            text.append(f"\n{t(lang, 'gap.last')}: {last.text} ({owner(lang, last.owner)}"
                        f"{f', {date(last.due)}' if last.due else ''}) – {t(lang, 'sum.status')}: {status}")
        self.query_one("#gap-statement", Static).update(text)
        questions = "\n".join(f"• {q}" for q in statement.questions)
        self.query_one("#gap-questions", Static).update(plain(questions))
        self._show_agreement(row.step.key)
        self.screen.query_one(StepTimer).show_step(agreement_key(row.step.key), DISCUSSION_MINUTES)

    def _show_agreement(self, statement_key: str) -> None:
        lang = self.session.lang
        saved = self.session.record.agreements.get(agreement_key(statement_key))
        self.query_one("#gap-agreement", Input).value = saved.text if saved else ""
        who = (f"{t(lang, 'minutes.owner')} {owner(lang, saved.owner)}"
               f"{f' · {date(saved.due)}' if saved.due else ''}") if saved else ""
        self.query_one("#gap-owner", Static).update(plain(who))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Writing an agreement needs the ranking on screen; last time's, a statement that has one."""
        if action == "last_time":
            row = self._highlighted()
            return row is not None and bool(row.last)
        return self.ranking is not None if action in ("write", "follow_up") else True

    @on(OptionList.OptionSelected, "#gap-list")
    def action_write(self) -> None:
        """Put the cursor in the agreement field of the highlighted statement."""
        if self.ranking is not None:
            self.query_one("#gap-agreement", Input).focus()

    def action_follow_up(self) -> None:
        """Open the highlighted statement's agreement with who follows it up and by when."""
        options = self.query_one("#gap-list", OptionList)
        if options.highlighted is None or self.ranking is None:
            return
        statement_key = self.ranking[options.highlighted].step.key
        key = agreement_key(statement_key)
        saved = self.session.record.agreements.get(key)
        typed = self.query_one("#gap-agreement", Input).value
        current = saved or Agreement(key, statement_key, typed)

        async def store(agreement: Agreement | None) -> None:
            if agreement is None:
                return
            try:
                await self.session.save_agreement(replace(agreement, key=key))
            except StoreError:
                return
            self._show_agreement(statement_key)
            self.notify(t(self.session.lang, "gap.saved"))

        self.app.push_screen(AgreementScreen(self.session.lang, statement_key, current), store)

    def _highlighted(self) -> GapRow | None:
        index = self.query_one("#gap-list", OptionList).highlighted
        return None if index is None or self.ranking is None else self.ranking[index]

    def action_last_time(self) -> None:
        """Open last time's agreement on the highlighted statement, to record how it went (its status)."""
        row = self._highlighted()
        if row is None or not row.last:
            return

        async def store(agreement: Agreement | None) -> None:
            if agreement is not None:
                with contextlib.suppress(StoreError):
                    await self.session.save_agreement(agreement)
                self.ranking = None  # redrawn with the new status
                self.refresh_data()

        self.app.push_screen(AgreementScreen(self.session.lang, row.step.key, row.last[0]), store)

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
                saved = self.session.record.agreements.get(key) or Agreement(key, statement_key, "")
                await self.session.save_agreement(replace(saved, text=event.value))
            else:
                await self.session.delete_agreement(key)
        except StoreError:
            return  # the projector already shows the store warning; the text stays in the field
        self.notify(t(self.session.lang, "gap.saved"))
        options.focus()
