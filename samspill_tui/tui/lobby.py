"""The lobby: the join QR code, the address and code in text, who has joined, and which network
the address is announced on.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Digits, Label, OptionList, Static
from textual.widgets.option_list import Option

from samspill_tui.i18n import t
from samspill_tui.session.live import Session
from samspill_tui.session.results import MIN_GROUP
from samspill_tui.session.steps import Step
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


class LobbyView(StepView):
    """Join QR code, the address and short code as text, the live count, and the network chooser.

    The facilitator picks the network to announce with ``i`` or in the list (Enter, mouse); the QR
    code and the address follow at once, as they follow a new join token.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("i", "next_interface", "Nettverk")]
    can_focus = True  # so that ``i`` works without the list taking the arrow keys

    def __init__(self, session: Session, step: Step, face: Face, min_group: int = MIN_GROUP) -> None:
        super().__init__(session, step, face, min_group)
        self.web = face
        self.interfaces: list[tuple[str, str]] = []
        self._unsubscribe: Callable[[], None] = lambda: None

    def compose(self) -> ComposeResult:
        lang = self.session.lang
        with Horizontal(id="lobby"):
            yield QRCode(self.web.join_url, reserve=(INFO_COLUMNS, 0), id="qr")
            with VerticalScroll(id="lobby-info"):
                yield Static(t(lang, "lobby.scan"), id="scan", markup=False)
                yield Static(id="join-url", markup=False)
                yield Static(id="join-code", markup=False)
                yield Static(id="net-warning", markup=False)
                yield Static(id="joining", markup=False)
                with Horizontal(id="joined-row"):
                    yield Digits("0", id="joined")
                    yield Label(t(lang, "lobby.joined"), id="joined-label")
                yield Label(t(lang, "lobby.network"), id="net-heading")
                yield OptionList(id="interfaces")

    def on_mount(self) -> None:
        self._unsubscribe = follow_joining(self.session, self.sync)  # the count: refresh_data()
        self.interfaces = self.web.candidates()
        self.sync()
        self.refresh_data()
        self.focus()
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
        self.query_one("#join-url", Static).update(face.join_url)
        self.query_one("#join-code", Static).update(code_line(lang, face, session.code))
        joining = self.query_one("#joining", Static)
        joining.update(t(lang, "lobby.open" if session.joining_open else "status.closed"))
        joining.set_class(not session.joining_open, "closed")
        warnings = []
        if not face.reachable:
            key = unreachable_reason(face.host) or "lobby.unreachable"
            warnings.append(t(lang, key, host=face.host))
        if all(unreachable_reason(address) for _, address in self.interfaces):
            warnings.append(t(lang, "lobby.no_lan"))
        warning = self.query_one("#net-warning", Static)
        warning.update("\n".join(warnings))
        warning.display = bool(warnings)
        self._show_interfaces()
        for corner in self.screen.query(JoinCorner):
            corner.sync()

    def rescan(self) -> None:
        """Read the networks again; redraw when they changed."""
        found = self.web.candidates()
        if found != self.interfaces:
            self.interfaces = found
            self.sync()

    def _show_interfaces(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for name, address in self.interfaces:
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
            self.web.announce(address)
            self.sync()

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
        self.web.announce(hosts[(at + 1) % len(hosts)])
        self.sync()
