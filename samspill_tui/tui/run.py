"""The session screen: shows the current step and follows votes and answers live."""

from __future__ import annotations

import asyncio
import contextlib
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Footer, Label

from samspill_tui.export.markdown import summary_markdown
from samspill_tui.export.summary import summary_from_session
from samspill_tui.i18n import t
from samspill_tui.session.events import Event, StepChanged, StoreFailed
from samspill_tui.session.live import Session
from samspill_tui.session.store import StoreError
from samspill_tui.tui.views import VIEWS, Face, StepView

REFRESH_SECONDS = 0.2


class SessionScreen(Screen[None]):
    """The facilitator's view of a running session, one step at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n,space", "next", "Neste"),
        Binding("left,p", "previous", "Forrige"),
        Binding("e", "export", "Eksporter"),
        Binding("q,ctrl+q", "app.quit", "Avslutt"),
    ]

    def __init__(self, session: Session, face: Face) -> None:
        super().__init__()
        self.session, self.face = session, face
        self._dirty = False
        self._unsubscribe = session.subscribe(self._on_event)

    def compose(self) -> ComposeResult:
        yield Label(id="step-title")
        yield Container(id="body")
        yield Footer()

    async def on_mount(self) -> None:
        await self.show_step()
        self.set_interval(REFRESH_SECONDS, self._refresh_if_dirty)

    def on_unmount(self) -> None:
        self._unsubscribe()

    def _on_event(self, event: Event) -> None:
        """Called by the session; bursts of votes collapse into one redraw per tick."""
        if isinstance(event, StoreFailed):
            self.notify(t(self.session.lang, "store.failed", reason=event.reason),
                        severity="error", timeout=10)
        elif isinstance(event, StepChanged):
            self.run_worker(self.show_step(), exclusive=True, group="step")
        else:
            self._dirty = True

    def _refresh_if_dirty(self) -> None:
        if self._dirty:
            self._dirty = False
            for view in self.query(StepView):
                view.refresh_data()

    async def show_step(self) -> None:
        """Replace the body with the view of the current step."""
        session = self.session
        step = session.step
        header = Text(f"{step.title}   ")
        header.append(t(session.lang, "step.of", n=session.current + 1, total=len(session.steps)),
                      style="dim")
        if step.minutes:
            header.append(f"   {t(session.lang, 'minutes', n=step.minutes)}", style="dim")
        self.query_one("#step-title", Label).update(header)
        body = self.query_one("#body", Container)
        await body.remove_children()
        await body.mount(VIEWS[step.kind](session, step, self.face))

    async def _go(self, delta: int) -> None:
        # On a write error the StoreFailed event has already warned the facilitator.
        with contextlib.suppress(StoreError):
            await self.session.go_to(self.session.current + delta)

    async def action_next(self) -> None:
        """Move the room to the next step."""
        await self._go(1)

    async def action_previous(self) -> None:
        """Move the room to the previous step."""
        await self._go(-1)

    async def action_export(self) -> None:
        """Write the Markdown summary next to the session file."""
        lang = self.session.lang
        path = self.session.store.path.with_suffix(".md")
        text = summary_markdown(summary_from_session(self.session))
        try:
            await asyncio.to_thread(path.write_text, text, encoding="utf-8")
        except OSError as exc:
            self.notify(t(lang, "export.failed", reason=exc.strerror), severity="error")
        else:
            self.notify(t(lang, "export.done", path=path))
