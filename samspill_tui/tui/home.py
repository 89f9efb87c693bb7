"""Home screen: choose a programme and a session name, then start or resume it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Select, Static

from samspill_tui.content.library import Library
from samspill_tui.i18n import t
from samspill_tui.session.meeting import Meeting
from samspill_tui.session.store import BadSessionNameError, check_name
from samspill_tui.tui.failures import open_failure
from samspill_tui.tui.footer import KeyFooter

OpenSession = Callable[[str, str, Meeting | None], Awaitable[None]]


class HomeScreen(Screen[None]):
    """Pick a programme, name the session (a date-based default), start it."""

    DEFAULT_CSS = """
    #home {
        padding: 1 4;
        max-width: 90;
    }
    #home-heading {
        text-style: bold;
        margin-bottom: 1;
    }
    #home Label {
        margin-top: 1;
    }
    #home-buttons {
        height: auto;
        margin-top: 1;
    }
    #home-buttons Button {
        margin-right: 2;
    }
    #error {
        color: $error;
        margin-top: 1;
    }
    #description, #where, #meeting-set {
        color: $text-muted;
        margin-top: 1;
    }
    """

    # A priority binding, so that the footer shows it in place of Textual's hidden one.
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "app.quit", "Avslutt", priority=True)]

    def __init__(self, library: Library, lang: str, open_session: OpenSession, data_dir: Path) -> None:
        super().__init__()
        self.library, self.lang, self.open_session = library, lang, open_session
        self.data_dir = data_dir
        self.meeting: Meeting | None = None  # typed before the session starts, stored when it does

    def compose(self) -> ComposeResult:
        lang = self.lang
        programmes = self.library.runnable(lang)
        first = next(iter(sorted(programmes)), None)
        yield Header()
        with Vertical(id="home"):
            yield Label(t(lang, "home.heading"), id="home-heading")
            yield Label(t(lang, "home.programme"))
            yield Select(
                [(p.title, p.id) for p in sorted(programmes.values(), key=lambda p: p.title)],
                value=first if first else Select.BLANK, allow_blank=False, id="programme",
            )
            yield Label(t(lang, "home.session"))
            yield Input(self._default_name(first or ""), id="name")
            with Horizontal(id="home-buttons"):
                yield Button(t(lang, "home.start"), variant="primary", id="start")
                yield Button(t(lang, "home.meeting"), id="meeting")
            yield Static(id="meeting-set", markup=False)
            yield Static(id="error", markup=False)
            yield Static(t(lang, "home.where", path=self.data_dir.resolve()), id="where", markup=False)
            yield Static(id="description", markup=False)  # last: at 80×24 the button shows first
        yield KeyFooter()

    def _default_name(self, programme: str) -> str:
        return f"{date.today().isoformat()}-{programme}"

    def on_mount(self) -> None:
        self._describe()

    def _describe(self) -> None:
        pid = self.query_one("#programme", Select).value
        programme = self.library.lang(self.lang).programmes.get(str(pid))
        text = " ".join(programme.description.split()) if programme else ""  # one paragraph
        self.query_one("#description", Static).update(text)

    @on(Select.Changed, "#programme")
    def programme_changed(self, event: Select.Changed) -> None:
        self._describe()
        name = self.query_one("#name", Input)
        if name.value.startswith(date.today().isoformat()):
            name.value = self._default_name(str(event.value))

    @on(Button.Pressed, "#meeting")
    def edit_meeting(self) -> None:
        """The meeting details, kept here until the session starts."""
        from samspill_tui.tui.meeting import MeetingScreen

        def keep(meeting: Meeting | None) -> None:
            if meeting is not None:
                self.meeting = meeting
                self.query_one("#meeting-set", Static).update(t(self.lang, "home.meeting_set"))

        self.app.push_screen(MeetingScreen(self.lang, self.meeting or Meeting()), keep)

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#start")
    async def start(self) -> None:
        lang = self.lang
        name = self.query_one("#name", Input).value.strip()
        programme = str(self.query_one("#programme", Select).value)
        error = self.query_one("#error", Static)
        try:
            check_name(name)
            await self.open_session(programme, name, self.meeting)
        except BadSessionNameError:
            error.update(t(lang, "home.bad_name"))
        except Exception as exc:
            message = open_failure(lang, name, exc)
            if message is None:
                raise
            error.update(message)
