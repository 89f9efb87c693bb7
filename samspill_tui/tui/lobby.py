"""The lobby: the join QR code, the address and code in text, who has joined, and which network
the address is announced on.
"""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Digits, OptionList, Static
from textual.widgets.option_list import Option

from samspill_tui.i18n import t
from samspill_tui.session.live import Session
from samspill_tui.session.steps import Step
from samspill_tui.session.store import StoreError
from samspill_tui.tui.join import Face, JoinCorner, code_line, follow_joining
from samspill_tui.tui.qr import QRCode
from samspill_tui.tui.views import StepView

# Columns kept beside the QR code for the text column (its min-width in samspill.tcss).
INFO_COLUMNS = 34
# How often the list of networks is read again (a cable plugged in, a hotspot switched on).
RESCAN_SECONDS = 5.0


def unreachable_reason(host: str) -> str | None:
    """The i18n key saying why phones cannot reach ``host``; None when they can (or it is a name)."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    if ip.is_loopback:
        return "lobby.loopback"
    if ip.is_link_local:
        return "lobby.link_local"
    return "lobby.unreachable" if ip.is_unspecified else None


def join_text(lang: str, face: Face, code: str) -> Content:
    """«Scan the code», the join address, and the short code for phones that cannot scan."""
    return Content.assemble((t(lang, "lobby.scan"), "bold $primary"), "\n",
                            (face.join_url, "bold"), "\n\n", code_line(lang, face, code))


def status_text(lang: str, face: Face, session: Session,
                interfaces: list[tuple[str, str]] | None) -> Content:
    """Why phones cannot reach the announced address, if so, and whether joining is open."""
    lines = []
    if face.moved:
        lines.append(Content.styled(t(lang, "lobby.moved", origin=face.origin), "bold $error"))
    if not face.reachable:
        key = unreachable_reason(face.host) or "lobby.unreachable"
        lines.append(Content.styled(t(lang, key, host=face.host), "bold $error"))
    if interfaces is not None and all(unreachable_reason(address) for _, address in interfaces):
        lines.append(Content.styled(t(lang, "lobby.no_lan"), "bold $error"))
    if session.joining_open:
        lines.append(Content.styled(t(lang, "lobby.open"), "bold $success"))
    else:
        lines.append(Content.styled(t(lang, "status.closed"), "bold $error"))
    return Content("\n\n").join(lines)


class LobbyView(StepView):
    """Join QR code, the address and short code as text, the live count, and the network chooser.

    The facilitator picks the network to announce with ``i`` or in the list (Enter, mouse); the QR
    code and the address follow at once, as they follow a new join token.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("i", "next_interface", "Nettverk")]
    can_focus = True  # so that ``i`` works without the list taking the arrow keys

    def __init__(self, session: Session, step: Step, face: Face) -> None:
        super().__init__(session, step, face)
        self.web = face
        self.interfaces: list[tuple[str, str]] | None = None  # not read yet
        self._unsubscribe: Callable[[], None] = lambda: None

    def compose(self) -> ComposeResult:
        yield QRCode(self.web.join_url, reserve=(INFO_COLUMNS, 0), id="qr")
        with VerticalScroll(id="lobby-info"):
            yield Static(id="join-text", markup=False)
            with Horizontal(id="joined-row"):  # before the warnings: at 80×24 all of it shows
                yield Digits("0", id="joined")
                yield Static(t(self.session.lang, "lobby.joined"), id="joined-label", markup=False)
            yield Static(id="lobby-status", markup=False)
            interfaces = OptionList(id="interfaces")
            interfaces.border_title = t(self.session.lang, "lobby.network")
            yield interfaces

    def on_mount(self) -> None:
        self._unsubscribe = follow_joining(self.session, self, self.sync)  # the count: refresh_data()
        self.sync()
        self.refresh_data()
        self.focus()
        self.call_after_refresh(self.rescan)  # the networks: listed once the code is on screen
        self.set_interval(RESCAN_SECONDS, self.rescan)

    def on_unmount(self) -> None:
        self._unsubscribe()

    def refresh_data(self) -> None:
        for joined in self.query("#joined").results(Digits):
            joined.update(str(len(self.session.participants)))

    def sync(self) -> None:
        """Redraw the code, the address and the warnings from the face and the session."""
        lang, face, session = self.session.lang, self.web, self.session
        self.query_one(QRCode).set_data(face.join_url)
        self.query_one("#join-text", Static).update(join_text(lang, face, session.code))
        self.query_one("#lobby-status", Static).update(status_text(lang, face, session, self.interfaces))
        self._show_interfaces()
        for corner in self.screen.query(JoinCorner):
            corner.sync()

    def rescan(self) -> None:
        """Read the networks again; redraw when they changed."""
        found = self.web.candidates()
        if found != self.interfaces:
            self.interfaces = found
            with contextlib.suppress(NoMatches):  # the step changed meanwhile
                self.sync()

    def _show_interfaces(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for name, address in self.interfaces or []:
            chosen = address == self.web.host
            line = Text("● " if chosen else "  ", style="bold" if chosen else "")
            line.append(f"{name or '?'}  ", style="bold" if chosen else "")
            line.append(address)
            if unreachable_reason(address):
                line.append(f"  {t(self.session.lang, 'lobby.not_for_phones')}", style="italic")
            options.add_option(Option(line, id=address))
        if self.interfaces:
            hosts = [address for _, address in self.interfaces]
            options.highlighted = (hosts.index(self.web.host) if self.web.host in hosts
                                   else min(highlighted or 0, len(hosts) - 1))

    def choose(self, address: str) -> None:
        """Announce ``address`` to phones; the QR code and the address change at once."""
        if address != self.web.host:
            self._announce(address)

    def _announce(self, address: str) -> None:
        """Announce ``address`` from now on, remembered for a resume, and redraw."""
        self.web.announce(address)
        self.run_worker(self._remember(), group="address")
        self.sync()

    async def _remember(self) -> None:
        with contextlib.suppress(StoreError):  # the projector already shows the store warning
            await self.session.remember_address(self.web.host, self.web.port)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.choose(event.option_id)

    def action_next_interface(self) -> None:
        """Announce the next network in the list (read afresh)."""
        self.interfaces = self.web.candidates()
        hosts = [address for _, address in self.interfaces]
        if not hosts:
            self.sync()
            return
        at = hosts.index(self.web.host) if self.web.host in hosts else -1
        self._announce(hosts[(at + 1) % len(hosts)])
