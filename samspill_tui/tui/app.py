"""The Textual app the facilitator projects."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from samspill_tui.content.library import Library
from samspill_tui.i18n import os_reason, t
from samspill_tui.session.live import Session
from samspill_tui.session.meeting import Meeting
from samspill_tui.session.policy import K_DEFAULT
from samspill_tui.theme import DARK, LIGHT, THEMES
from samspill_tui.tui.builtins import palette, quit_notice, system_commands
from samspill_tui.tui.failures import ListenError, open_failure
from samspill_tui.tui.join import Face
from samspill_tui.tui.quiet_gc import QuietCollector
from samspill_tui.tui.run import SessionScreen

if TYPE_CHECKING:
    from samspill_tui.console.server import ConsoleServer
    from samspill_tui.demo import Pace

ServeFn = Callable[[Session], Awaitable[Face]]


class SamspillApp(App[None]):
    """Home screen to pick a programme, then the session screen that runs it.

    Dependencies are injected: ``serve`` starts the phone face for a session (the
    aiohttp server in production, on port 0 in tests).
    """

    CSS_PATH = "samspill.tcss"
    TITLE = "Samspill"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "toggle_theme", "Lys/mørk"),
        # Textual's own, with a Norwegian description (the footer shows it on the right).
        Binding("ctrl+p", "command_palette", "Meny", show=False, priority=True),
    ]

    def __init__(self, *, library: Library, lang: str, data_dir: Path, serve: ServeFn,
                 start: tuple[str, str] | None = None, demo: int = 0,
                 demo_pace: Pace | None = None, k: int = K_DEFAULT, theme: str = "light") -> None:
        super().__init__()
        for registered in THEMES.values():
            self.register_theme(registered)
        self.theme = THEMES[theme].name  # set before start: the stylesheet is built once, with it
        self.library, self.lang, self.data_dir = library, lang, data_dir
        self.serve = serve
        self.start = start
        self.k = k  # a new session's anonymity threshold
        self.session: Session | None = None
        self.face: Face | None = None
        self.demo, self.demo_pace = demo, demo_pace
        self._demo_task: asyncio.Task[None] | None = None
        self.channel: ConsoleServer | None = None  # the presenter console's channel
        self._console_task: asyncio.Task[None] | None = None  # starting it, after the lobby
        self._crashed: BaseException = RuntimeError("unknown")  # the error that ended the app
        self.session_shown = asyncio.Event()
        """Set once the session screen has been refreshed; slow set-up may wait for it."""

    async def on_load(self) -> None:
        """``samspill run``: open the session before the first screen, so that the first frame
        drawn is its lobby; or exit with a clear message before the terminal is taken over."""
        if self.start is None:
            return
        programme_id, name = self.start
        try:
            await self._open(programme_id, name)
        except Exception as exc:
            message = open_failure(self.lang, name, exc)
            if message is None:
                raise
            self.exit(return_code=1, message=message)

    def get_default_screen(self) -> Screen[Any]:
        """The session opened by ``on_load``, else Textual's empty screen under the home screen."""
        if self.session is not None and self.face is not None:
            return SessionScreen(self.session, self.face)
        return super().get_default_screen()

    def on_mount(self) -> None:
        self.title = t(self.lang, "app.title")
        if isinstance(self.screen, SessionScreen):
            self.screen.call_after_refresh(self._shown)
        elif self.start is None:
            from samspill_tui.tui.home import HomeScreen  # deferred: `samspill run` never shows it

            self.push_screen(HomeScreen(self.library, self.lang, self.open_session, self.data_dir))

    async def open_session(self, programme_id: str, name: str, meeting: Meeting | None = None) -> None:
        """Open (or resume) a session, start its phone face and show its screen; ``meeting``
        details typed on the home screen are stored in the session (over any it had)."""
        await self._open(programme_id, name)
        assert self.session is not None and self.face is not None
        if meeting is not None:
            await self.session.set_meeting(self.session.meeting.merged(meeting))
        screen = SessionScreen(self.session, self.face)
        await self.push_screen(screen)
        screen.call_after_refresh(self._shown)

    async def _open(self, programme_id: str, name: str) -> None:
        """Open (or resume) a session and start its phone face."""
        session = await Session.open(self.data_dir, name, programme_id, self.library, self.lang, self.k)
        try:
            face = await self.serve(session)
        except BaseException as exc:
            await session.discard()  # a new session that could not start leaves nothing on disk
            if isinstance(exc, OSError):
                raise ListenError(exc.errno, exc.strerror) from exc
            raise
        self.session, self.face = session, face
        self.lang = session.lang  # a resumed session keeps its language form: so does the app
        if self.demo > 0:  # rehearsal: simulated phones through the real web face
            from samspill_tui.demo import HUMAN_PACE, run_demo

            # On a resume of a rehearsal the simulated people who joined before come back with their
            # cookies (never the people of a real session).
            if session.fresh:
                await session.mark_rehearsal()
            returning = {face.cookie_name: list(session.participants)[: self.demo]
                         if session.rehearsal else []}
            self._demo_task = asyncio.create_task(
                run_demo(lambda: face.join_url, self.demo, self.demo_pace or HUMAN_PACE, returning))

    async def _open_console(self, session: Session, face: Face) -> None:
        """Let presenter consoles attach (``samspill console``), once the lobby is on screen (it
        is not part of start-up); the projector works without."""
        from samspill_tui.console.protocol import channel_path
        from samspill_tui.console.server import ConsoleServer
        from samspill_tui.tui.remote import extras, perform

        console = ConsoleServer(session, channel_path(self.data_dir, session.name),
                                lambda message: perform(self.screen_stack, message),
                                lambda: extras(self.screen_stack, face))
        try:
            await console.start()
        except OSError as exc:  # a path too long for a socket, a folder it cannot be made in
            reason = os_reason(self.lang, exc)
            self.notify(t(self.lang, "console.unavailable", reason=reason), severity="warning", timeout=15)
        else:
            self.channel = console

    def _shown(self) -> None:
        """The session is on screen: what start-up made is frozen out of later garbage
        collections, which run again (if start-up paused them), but not while the room is
        busy (``QuietCollector``)."""
        collector = QuietCollector()
        collector.start()
        if self.session is not None:
            self.session.subscribe(collector.activity)
        self.set_interval(1.0, collector.tick)
        self.session_shown.set()
        if self.session is not None and self.face is not None and self._console_task is None:
            self._console_task = asyncio.create_task(self._open_console(self.session, self.face))
        if self.face is not None and self.face.moved:
            self.notify(t(self.lang, "lobby.moved", origin=self.face.origin), severity="warning",
                        timeout=30)

    def _handle_exception(self, error: Exception) -> None:
        """Any unexpected error ends the app through ``_fatal_error``; remember which (a worker's
        own error, not the wrapper around it)."""
        from textual.worker import WorkerFailed

        self._crashed = error.error if isinstance(error, WorkerFailed) else error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Never Textual's traceback with its local variables (join token, code, cookies, CSRF
        tokens, answers) on the projected screen: a short message and where the details are."""
        from rich.text import Text

        from samspill_tui.crash import crash_report

        self.bell()
        if self._exit_renderables:  # one message (and one log) however many errors follow
            self._close_messages_no_wait()
            return
        session = self.session
        secrets = [session.token, session.code, *(x for p in session.participants.values()
                                                  for x in (p.id, p.csrf))] if session else []
        try:
            path = crash_report(self._crashed, secrets, self.data_dir)
            message = t(self.lang, "crash.message", path=path)
        except OSError as exc:
            message = t(self.lang, "crash.unlogged", reason=exc.strerror or exc)
        self._exit_renderables.append(Text(message))
        self._close_messages_no_wait()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette lists every action of the session screen too, all in Norwegian."""
        yield from system_commands(self, screen, self.lang)
        yield SystemCommand(t(self.lang, "theme.command"), t(self.lang, "theme.help"),
                            self.action_toggle_theme)
        if isinstance(screen, SessionScreen):
            for title, help_text, callback in screen.commands():
                yield SystemCommand(title, help_text, callback)

    def action_command_palette(self) -> None:
        """Open the command palette (its placeholder in the session's language form)."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(palette(self.lang))

    def action_help_quit(self) -> None:
        """Ctrl+C: say which key quits, in the session's language form."""
        quit_notice(self, self.lang)

    def action_toggle_theme(self) -> None:
        """Switch between the light projector theme and the dark one."""
        self.theme = LIGHT.name if self.theme == DARK.name else DARK.name

    async def on_unmount(self) -> None:
        if self._demo_task is not None:
            self._demo_task.cancel()
            await asyncio.wait([self._demo_task])
        if self._console_task is not None:  # let a start under way finish, so it is stopped too
            await asyncio.wait([self._console_task])
        if self.channel is not None:
            await self.channel.stop()
        if self.face is not None:
            await self.face.stop()
        if self.session is not None:
            await self.session.close()
