"""The voting step: a statement or poll, results hidden until revealed, by role on request."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Markdown, Static

from samspill_tui.i18n import t
from samspill_tui.session.results import Distribution
from samspill_tui.session.steps import Step
from samspill_tui.tui.views import StepView, plain, redraw

BAR_WIDTH = 60


def tally_text(dist: Distribution, labels: list[str], bar_width: int = BAR_WIDTH) -> Text:
    """Bars with counts and shares, one line per option, as plain text."""
    width = max(len(label) for label in labels)
    text = Text()
    for label, (value, count) in zip(labels, dist.counts, strict=True):
        share = dist.share(value)
        text.append(f"{label:<{width}}  ")
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
        if step.statement is not None:
            yield Label(plain(step.statement.theme), id="theme")
            yield Static(plain(step.statement.text), id="prompt", markup=False)
        elif step.poll is not None:
            yield Static(plain(step.poll.question), id="prompt", markup=False)
        if self.session.programme.compares_pair:
            yield Static(plain(t(lang, "pair.notice")), id="pair-notice", markup=False)
        with VerticalScroll(id="results"):
            yield Static(id="hidden-note", markup=False)
            yield Static(id="tally", markup=False)
            yield Horizontal(id="roles")
            yield Markdown(id="answer-key")

    def on_mount(self) -> None:
        self.refresh_data()

    def follow(self, step: Step) -> bool:
        """The next statement: its theme and text in place of this one's, results hidden again."""
        if step.statement is None or self.step.statement is None:
            return False
        self.step, self.by_role, self.show_key = step, False, False
        self.query_one("#theme", Label).update(plain(step.statement.theme))
        self.query_one("#prompt", Static).update(plain(step.statement.text))
        self.refresh_data()
        return True

    def _labels(self) -> list[str]:
        poll = self.step.poll
        if poll is not None:
            return [o.text for o in poll.options]
        return [t(self.session.lang, f"scale.{v}") for v in self.session.vote_options(self.step)]

    def refresh_data(self) -> None:
        session, lang = self.session, self.session.lang
        state = session.state(self.step.key)
        note = self.query_one("#hidden-note", Static)
        tally = self.query_one("#tally", Static)
        roles = self.query_one("#roles", Horizontal)
        key = self.query_one("#answer-key", Markdown)
        note.display = not state.revealed
        tally.display = state.revealed and not self.by_role
        roles.display = state.revealed and self.by_role
        key.display = state.revealed and self.show_key and self.step.poll is not None
        if not state.revealed:
            redraw(note, plain(t(lang, "results.hidden")))
        elif self.by_role:
            self._show_roles(roles)
        else:
            labels = self._labels()
            room = self.content_size.width - max(len(label) for label in labels) - 14
            redraw(tally, tally_text(session.tally(self.step), labels, max(10, min(BAR_WIDTH, room))))
        if key.display and self.step.poll is not None:
            key.update(self._answer_key())

    def _show_roles(self, roles: Horizontal) -> None:
        lang = self.session.lang
        result = self.session.breakdown(self.step, self.min_group)
        roles.remove_children()
        if result.no_roles:
            roles.mount(Static(plain(t(lang, "roles.none")), classes="role-why", markup=False))
        elif not result.shown:
            names = ", ".join(t(lang, f"role.{r}") for r in result.too_small)
            roles.mount(Static(plain(t(lang, "roles.too_small", groups=names,
                                       n=self.min_group)),
                               classes="role-why", markup=False))
        else:
            labels = self._labels()
            for role, dist in result.groups:
                column = Static(classes="role-column", markup=False)
                text = Text(f"{t(lang, f'role.{role}')} ({dist.total})\n", style="bold")
                text.append_text(tally_text(dist, labels, bar_width=12))
                column.update(text)
                roles.mount(column)

    def _answer_key(self) -> str:
        lang, step = self.session.lang, self.step
        assert step.poll is not None
        option = step.poll.option(step.poll.answer)
        parts = [f"**{t(lang, 'poll.key')}:** {option.text if option else step.poll.answer}",
                 step.poll.explanation]
        if step.case is not None and step.case.notes:
            parts.append(f"**{t(lang, 'poll.notes')}**\n\n{step.case.notes}")
        return "\n\n".join(p for p in parts if p)
