"""The Textual app the facilitator projects."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from samspill_tui.content.library import Library
from samspill_tui.i18n import t
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.results import MIN_GROUP
from samspill_tui.session.store import SessionLockedError
from samspill_tui.tui.join import Face
from samspill_tui.tui.run import SessionScreen
from samspill_tui.tui.theme import DARK, LIGHT, THEMES

if TYPE_CHECKING:
    from samspill_tui.demo import Pace

ServeFn = Callable[[Session], Awaitable[Face]]


class SamspillApp(App[None]):
    """Home screen to pick a programme, then the session screen that runs it.

    Dependencies are injected: ``serve`` starts the phone face for a session (the
    aiohttp server in production, on port 0 in tests).
    """

    CSS_PATH = "samspill.tcss"
    TITLE = "Samspill"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("d", "toggle_theme", "Lys/mørk")]

    def __init__(self, *, library: Library, lang: str, data_dir: Path, serve: ServeFn,
                 start: tuple[str, str] | None = None, demo: int = 0,
                 demo_pace: Pace | None = None, min_group: int = MIN_GROUP, theme: str = "light") -> None:
        super().__init__()
        for registered in THEMES.values():
            self.register_theme(registered)
        self.start_theme = THEMES[theme].name
        self.library, self.lang, self.data_dir = library, lang, data_dir
        self.serve = serve
        self.start = start
        self.min_group = min_group
        self.session: Session | None = None
        self.face: Face | None = None
        self.demo, self.demo_pace = demo, demo_pace
        self._demo_task: asyncio.Task[None] | None = None
        self.session_shown = asyncio.Event()
        """Set once the session screen has been refreshed; slow set-up may wait for it."""

    def on_mount(self) -> None:
        self.theme = self.start_theme
        self.title = t(self.lang, "app.title")
        if self.start is not None:
            self.run_worker(self._start_directly(*self.start), exclusive=True)
        else:
            from samspill_tui.tui.home import HomeScreen  # deferred: `samspill run` never shows it

            self.push_screen(HomeScreen())

    async def _start_directly(self, programme_id: str, name: str) -> None:
        """``samspill run``: open the session or exit with a clear message."""
        try:
            await self.open_session(programme_id, name)
        except SessionLockedError:
            self.exit(return_code=1, message=t(self.lang, "home.locked", name=name))
        except Rejected:
            self.exit(return_code=1, message=t(self.lang, "home.mismatch", name=name))
        except OSError as exc:
            self.exit(return_code=1, message=t(self.lang, "run.listen", reason=exc.strerror or exc))

    async def open_session(self, programme_id: str, name: str) -> None:
        """Open (or resume) a session, start its phone face and show its screen."""
        session = await Session.open(self.data_dir, name, programme_id, self.library, self.lang)
        try:
            face = await self.serve(session)
        except BaseException:
            await session.close()
            raise
        self.session, self.face = session, face
        if self.demo > 0:  # rehearsal: simulated phones through the real web face
            from samspill_tui.demo import HUMAN_PACE, run_demo

            self._demo_task = asyncio.create_task(
                run_demo(lambda: face.join_url, self.demo, self.demo_pace or HUMAN_PACE))
        screen = SessionScreen(session, face, self.min_group)
        await self.push_screen(screen)
        screen.call_after_refresh(self.session_shown.set)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette lists every action of the session screen too."""
        yield from super().get_system_commands(screen)
        yield SystemCommand(t(self.lang, "theme.command"), t(self.lang, "theme.help"),
                            self.action_toggle_theme)
        if isinstance(screen, SessionScreen):
            for title, help_text, callback in screen.commands():
                yield SystemCommand(title, help_text, callback)

    def action_toggle_theme(self) -> None:
        """Switch between the light projector theme and the dark one."""
        self.theme = LIGHT.name if self.theme == DARK.name else DARK.name

    async def on_unmount(self) -> None:
        if self._demo_task is not None:
            self._demo_task.cancel()
            await asyncio.wait([self._demo_task])
        if self.face is not None:
            await self.face.stop()
        if self.session is not None:
            await self.session.close()
