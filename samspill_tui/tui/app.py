"""The Textual app the facilitator projects."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.app import App

from samspill_tui.content.library import Library
from samspill_tui.i18n import t
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.store import SessionLockedError
from samspill_tui.tui.home import HomeScreen
from samspill_tui.tui.run import SessionScreen
from samspill_tui.tui.views import Face

ServeFn = Callable[[Session], Awaitable[Face]]


class SamspillApp(App[None]):
    """Home screen to pick a programme, then the session screen that runs it.

    Dependencies are injected: ``serve`` starts the phone face for a session (the
    aiohttp server in production, on port 0 in tests).
    """

    CSS_PATH = "samspill.tcss"
    TITLE = "Samspill"

    def __init__(self, *, library: Library, lang: str, data_dir: Path, serve: ServeFn,
                 start: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.library, self.lang, self.data_dir = library, lang, data_dir
        self.serve = serve
        self.start = start
        self.session: Session | None = None
        self.face: Face | None = None

    def on_mount(self) -> None:
        self.theme = "textual-light"
        self.title = t(self.lang, "app.title")
        if self.start is not None:
            self.run_worker(self._start_directly(*self.start), exclusive=True)
        else:
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
        await self.push_screen(SessionScreen(session, face))

    async def on_unmount(self) -> None:
        if self.face is not None:
            await self.face.stop()
        if self.session is not None:
            await self.session.close()
