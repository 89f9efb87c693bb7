"""The rating step on the projector: how far each of the pair has come, never what they rated."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from samspill_tui.i18n import t
from samspill_tui.session.steps import DeckRating
from samspill_tui.tui.views import StepView, plain, redraw


class RatingView(StepView):
    """Each of the named pair's progress («12 av 25», then «ferdig»); once both have finished, that
    the reveal is the next step. Without a named pair, how many phones have finished."""

    DEFAULT_CSS = """
    #rating-progress {
        margin: 1 0;
        text-style: bold;
    }
    """

    def compose(self) -> ComposeResult:
        assert isinstance(self.step.body, DeckRating)
        yield Static(plain(self.step.body.intro), id="rating-intro")
        yield Static(id="rating-progress", markup=False)
        yield Static(plain(t(self.session.lang, "rating.hidden")), id="rating-hidden")

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        lang, reading = self.session.lang, self.session.reading
        rows = reading.progress(self.step)
        if rows:
            done = t(lang, "rating.finished")
            lines = [f"{t(lang, f'role.{p.role}')}: "
                     f"{done if p.finished else t(lang, 'web.progress', n=p.rated, m=p.total)}" for p in rows]
            if all(p.finished for p in rows):
                lines.append(f"\n{t(lang, 'rating.both_done')}")
        elif reading.policy.named is not None:
            lines = [t(lang, "gap.need_pair")]
        else:
            lines = [t(lang, "rating.count", n=reading.answered(self.step))]
        redraw(self.query_one("#rating-progress", Static), Text("\n".join(lines)))
