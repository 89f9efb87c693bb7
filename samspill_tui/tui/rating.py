"""The rating step on the projector: how far each of the pair has come, never what they rated."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static

from samspill_tui.i18n import t
from samspill_tui.session.live import Rejected
from samspill_tui.session.steps import DeckRating, statement_of
from samspill_tui.session.store import StoreError
from samspill_tui.tui.footer import KeyFooter
from samspill_tui.tui.views import StepView, plain, redraw


class ChooseScreen(ModalScreen[list[str] | None]):
    """Tick the statements (and so the themes) the pair will rate; every one is ticked at first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Lagre"),
        Binding("escape", "dismiss(None)", "Avbryt"),
    ]

    def __init__(self, lang: str, body: DeckRating) -> None:
        super().__init__()
        self.lang, self.body = lang, body

    def compose(self) -> ComposeResult:
        chosen = {item.key for item in self.body.items}
        with Vertical(classes="dialog wide"):
            yield Static(plain(t(self.lang, "rating.choose")), classes="dialog-heading", markup=False)
            statements = [(statement_of(i), i.key in chosen) for i in self.body.every]
            options = ((f"{s.theme}: {s.text}", s.id, on) for s, on in statements)
            yield SelectionList[str](*options, id="choose")
        yield KeyFooter()

    def action_save(self) -> None:
        """Hand the ticked statements back."""
        self.dismiss(list(self.query_one("#choose", SelectionList).selected))


class RatingView(StepView):
    """Each of the named pair's progress («12 av 25», then «ferdig»); once both have finished, that
    the reveal is the next step. Without a named pair, how many phones have finished. Before anyone
    has rated, ``c`` chooses the statements."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("c", "choose", "Velg påstander")]
    can_focus = True  # so that its key reaches it; every other key goes on to the session screen

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
        self.focus()

    def action_choose(self) -> None:
        """Choose the statements the phones get (refused once anyone has rated)."""
        step = self.session.step_by_key(self.step.key)
        assert isinstance(step.body, DeckRating)

        async def store(ids: list[str] | None) -> None:
            if ids is None:
                return
            try:
                await self.session.choose(step.key, ids)
            except Rejected as exc:
                self.notify(t(self.session.lang, f"rating.{exc.code}"), severity="warning")
            except StoreError:
                return
            self.refresh_data()

        self.app.push_screen(ChooseScreen(self.session.lang, step.body), store)

    def refresh_data(self) -> None:
        lang, reading = self.session.lang, self.session.reading
        self.step = self.session.step_by_key(self.step.key)  # the statements may have been chosen anew
        assert isinstance(self.step.body, DeckRating)
        body = self.step.body
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
        if len(body.items) < len(body.every):
            lines.append(t(lang, "rating.chosen", n=len(body.items), m=len(body.every)))
        redraw(self.query_one("#rating-progress", Static), Text("\n".join(lines)))
