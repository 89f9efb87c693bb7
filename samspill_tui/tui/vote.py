"""The voting step: a statement or poll, results hidden until revealed, by role on request."""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Label, Markdown, Static

from samspill_tui.i18n import t
from samspill_tui.session.reading import Held, RoleSplit, Standing, Tally, held_text
from samspill_tui.session.steps import PollVote, StatementVote, Step, label
from samspill_tui.tui.views import StepView, plain, redraw

BAR_WIDTH = 60


def tally_text(tally: Tally, bar_width: int = BAR_WIDTH) -> Text:
    """Bars with counts and shares, one line per option, as plain text."""
    width = max(len(c.label) for c in tally.choices)
    text = Text()
    for choice, count, share in tally.rows():
        text.append(f"{choice.label:<{width}}  ")
        text.append(f"{'█' * round(share * bar_width):<{bar_width}}", style="bold")
        text.append(f" {count:>3}  {round(share * 100):>3} %\n")
    return text


class VoteView(StepView):
    """A statement or poll with its live results; ``by_role`` and ``show_key`` are toggled by keys."""

    DEFAULT_CSS = """
    #theme {
        color: $text-muted;
    }
    #prompt {
        text-style: bold;
        padding: 1 2;
        margin: 1 0;
        border: round $primary;
    }
    #tally {
        height: auto;
    }
    #results {
        height: 1fr;
    }
    #hidden-note, .role-why {
        color: $text-muted;
        text-style: italic;
        margin: 1 0;
    }
    #pair-notice {
        color: $warning;
        text-style: bold;
    }
    #roles {
        height: auto;
    }
    .role-column {
        width: 1fr;
        padding: 0 1;
    }
    #answer-key {
        margin-top: 1;
        border: round $success;
    }
    """

    by_role = False
    show_key = False

    def compose(self) -> ComposeResult:
        step, lang = self.step, self.session.lang
        if isinstance(step.body, StatementVote):
            yield Label(plain(step.body.statement.theme), id="theme")
        yield Static(plain(step.prompt), id="prompt", markup=False)
        if self.session.reading.policy.named is not None:
            yield Static(plain(t(lang, "pair.notice")), id="pair-notice", markup=False)
        with VerticalScroll(id="results"):
            yield Static(id="hidden-note", markup=False)
            yield Static(id="tally", markup=False)
            yield Horizontal(id="roles")
            yield Markdown(id="answer-key")

    def on_mount(self) -> None:
        with contextlib.suppress(NoMatches):  # a step change that came meanwhile took it down
            self.refresh_data()

    def follow(self, step: Step) -> bool:
        """The next statement: its theme and text in place of this one's, results hidden again."""
        if not (isinstance(step.body, StatementVote) and isinstance(self.step.body, StatementVote)):
            return False
        self.step, self.by_role, self.show_key = step, False, False
        self.query_one("#theme", Label).update(plain(step.body.statement.theme))
        self.query_one("#prompt", Static).update(plain(step.prompt))
        self.refresh_data()
        return True

    def refresh_data(self) -> None:
        session, lang = self.session, self.session.lang
        state = session.state(self.step.key)
        note = self.query_one("#hidden-note", Static)
        tally = self.query_one("#tally", Static)
        roles = self.query_one("#roles", Horizontal)
        key = self.query_one("#answer-key", Markdown)
        room = self.room() if state.revealed else None
        shown = room is not None and not isinstance(room, Held)
        note.display = not shown
        tally.display = shown and not self.by_role
        roles.display = shown and self.by_role
        key.display = state.revealed and self.show_key and isinstance(self.step.body, PollVote)
        if room is None:
            redraw(note, plain(t(lang, "results.hidden")))
        elif isinstance(room, Held):
            redraw(note, plain(held_text(lang, room)))
        elif self.by_role:
            self._show_roles(roles)
        else:
            redraw(tally, self.result_text(room, self.content_size.width))
        if key.display and isinstance(self.step.body, PollVote):
            key.update(self._answer_key(self.step.body))

    def room(self) -> Tally | Standing | Held:
        """The room's result as the policy allows it."""
        return self.session.reading.room(self.step)

    def split(self) -> RoleSplit[Tally] | RoleSplit[Standing]:
        """The result by role as the policy allows it."""
        return self.session.reading.by_role(self.step)

    def result_text(self, result: Tally | Standing, width: int) -> Text:
        """A result drawn in ``width`` cells (a role's column is narrow)."""
        assert isinstance(result, Tally)
        labels = max(len(c.label) for c in result.choices)
        return tally_text(result, max(10, min(BAR_WIDTH, width - labels - 14)))

    def group_text(self, group: Tally | Standing) -> Text:
        """One role's result in its narrow column."""
        assert isinstance(group, Tally)
        return tally_text(group, bar_width=12)

    def _show_roles(self, roles: Horizontal) -> None:
        lang = self.session.lang
        split = self.split()
        roles.remove_children()
        if split.no_roles:
            roles.mount(Static(plain(t(lang, "roles.none")), classes="role-why", markup=False))
            return
        for role, group in split.groups:
            column = Static(classes="role-column", markup=False)
            text = Text(f"{t(lang, f'role.{role}')} ({group.total})\n", style="bold")
            text.append_text(self.group_text(group))
            column.update(text)
            roles.mount(column)
        if split.withheld:
            names = ", ".join(t(lang, f"role.{r}") for r in split.withheld)
            roles.mount(Static(plain(t(lang, "roles.withheld", groups=names, k=split.k)),
                               classes="role-why", markup=False))

    def _answer_key(self, body: PollVote) -> str:
        """The answer key and its explanation, which the room may see; never the facilitator notes."""
        lang, poll = self.session.lang, body.poll
        parts = [f"**{t(lang, 'poll.key')}:** {label(self.step, lang, poll.answer)}", poll.explanation]
        return "\n\n".join(p for p in parts if p)
