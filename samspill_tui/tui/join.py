"""How phones join, on the projector: the phone face as the TUI knows it, the corner for late
joiners, and the QR code shown large.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import ClassVar, Protocol

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from samspill_tui.i18n import t
from samspill_tui.session.events import Event, JoiningChanged
from samspill_tui.session.live import Session
from samspill_tui.tui.footer import KeyFooter
from samspill_tui.tui.qr import QRCode

# The corner QR code is drawn at one module per cell, and only when it takes at most this share
# of the terminal's width and height (a 41-module code: from 164×53); otherwise the corner
# shows the address and the short code as text.
CORNER_SHARE = (0.25, 0.4)
# Columns kept beside the large QR code for the address and the code (#qr-large-info's min-width).
LARGE_TEXT_COLUMNS = 34


class Face(Protocol):
    """What the projector knows of the phone face (implemented by ``web.server.WebServer``)."""

    @property
    def join_url(self) -> str:
        """The address the QR code encodes."""
        ...

    @property
    def origin(self) -> str:
        """The address of the phone page, where the short code can be typed."""
        ...

    @property
    def host(self) -> str:
        """The host announced to phones."""
        ...

    @property
    def port(self) -> int:
        """The port announced to phones."""
        ...

    @property
    def moved(self) -> bool:
        """Whether the session was announced on another address before (phones must scan again)."""
        ...

    @property
    def cookie_name(self) -> str:
        """The name of the participant cookie (rehearsal phones that come back carry it)."""
        ...

    @property
    def reachable(self) -> bool:
        """Whether phones on the network can reach the announced host."""
        ...

    def candidates(self) -> list[tuple[str, str]]:
        """(interface name, address) pairs that may be announced, best first."""
        ...

    def announce(self, host: str) -> None:
        """Announce ``host`` to phones from now on (the server listens on all interfaces)."""
        ...

    async def stop(self) -> None:
        """Stop serving the phones."""
        ...


def code_line(lang: str, face: Face, code: str) -> Content:
    """«Or go to ADDRESS and type the code CODE», for phones that cannot scan; the code in bold."""
    return Content.assemble(f"{t(lang, 'join.code', origin=face.origin)} ", (code, "bold"))


def follow_joining(session: Session, widget: Widget, sync: Callable[[], None]) -> Callable[[], None]:
    """Have ``widget`` call ``sync`` on its own turn whenever joining is opened, closed or given
    a new code (never inside the session's call); returns the unsubscribe function."""
    def synced() -> None:
        with contextlib.suppress(NoMatches):  # halfway through being removed
            sync()

    def on_event(event: Event) -> None:
        if isinstance(event, JoiningChanged):
            widget.call_later(synced)

    return session.subscribe(on_event)


class JoinCorner(Vertical):
    """The join QR code (when the terminal is large enough), address and short code, for late joiners.

    It follows token rotation and joining being opened or closed; while joining is closed it says so
    instead of showing a code that would not work.
    """

    DEFAULT_CSS = """
    JoinCorner {
        width: auto;
        max-width: 48;
        height: auto;
        padding: 0 1;
    }
    JoinCorner > Static {
        width: auto;
    }
    #corner-origin, #corner-code {
        text-style: bold;
    }
    #corner-closed {
        color: $error;
        text-style: bold;
    }
    """

    def __init__(self, session: Session, face: Face, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session, self.face = session, face
        self._unsubscribe: Callable[[], None] = lambda: None

    def compose(self) -> ComposeResult:
        yield QRCode(self.face.join_url, max_scale=1, share=CORNER_SHARE, id="corner-qr")
        yield Static(id="corner-origin", markup=False)
        yield Static(id="corner-code", markup=False)
        yield Static(t(self.session.lang, "status.closed"), id="corner-closed", markup=False)

    def on_mount(self) -> None:
        self._unsubscribe = follow_joining(self.session, self, self.sync)
        self.sync()

    def on_unmount(self) -> None:
        self._unsubscribe()

    def sync(self) -> None:
        """Redraw from the face and the session (address, token, code, joining open)."""
        session, lang, is_open = self.session, self.session.lang, self.session.joining_open
        self.query_one(QRCode).set_data(self.face.join_url)
        self.query_one("#corner-origin", Static).update(self.face.origin)
        self.query_one("#corner-code", Static).update(t(lang, "join.code_short", code=session.code))
        for node in self.query("#corner-qr, #corner-origin, #corner-code"):
            node.display = is_open
        self.query_one("#corner-closed").display = not is_open


class QRScreen(ModalScreen[None]):
    """The join QR code as large as the terminal allows, with the address and the short code."""

    DEFAULT_CSS = """
    QRScreen {
        background: $background;
    }
    #qr-large {
        height: 1fr;
        align: center middle;
    }
    #qr-large-code {
        margin-right: 2;
    }
    #qr-large-info {
        width: 1fr;
        min-width: 34;
        max-width: 72;
        height: auto;
    }
    #qr-large-info > Static {
        margin-bottom: 1;
    }
    #qr-large-scan {
        color: $primary;
        text-style: bold;
    }
    #qr-large-url {
        text-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,k", "dismiss", "Lukk")]

    def __init__(self, session: Session, face: Face) -> None:
        super().__init__()
        self.session, self.face = session, face
        self._unsubscribe: Callable[[], None] = lambda: None

    def compose(self) -> ComposeResult:
        lang = self.session.lang
        with Horizontal(id="qr-large"):
            yield QRCode(self.face.join_url, reserve=(LARGE_TEXT_COLUMNS, 0), id="qr-large-code")
            with Vertical(id="qr-large-info"):
                yield Static(t(lang, "lobby.scan"), id="qr-large-scan", markup=False)
                yield Static(id="qr-large-url", markup=False)
                yield Static(id="qr-large-code-line", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._unsubscribe = follow_joining(self.session, self, self.sync)
        self.sync()

    def on_unmount(self) -> None:
        self._unsubscribe()

    def sync(self) -> None:
        """Redraw from the face and the session."""
        lang = self.session.lang
        self.query_one(QRCode).set_data(self.face.join_url)
        self.query_one("#qr-large-url", Static).update(self.face.join_url)
        line = (code_line(lang, self.face, self.session.code) if self.session.joining_open
                else Content(t(lang, "status.closed")))
        self.query_one("#qr-large-code-line", Static).update(line)
