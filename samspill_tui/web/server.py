"""Start and stop the phone face inside the running asyncio loop (Textual's)."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable

from aiohttp import web

from samspill_tui.session.live import Session
from samspill_tui.web.guard import Limits
from samspill_tui.web.net import announce_host, interface_addresses, reachable_from_lan
from samspill_tui.web.routes import build_app

SHUTDOWN_TIMEOUT = 2.0  # seconds open requests get on exit (live streams end at once)
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


class WebServer:
    """The aiohttp server of one session: ``start`` in the app's mount, ``stop`` on exit."""

    def __init__(self, session: Session, host: str, port: int, *, limits: Limits | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.session = session
        self.bind_host = host
        self.requested_port = port
        self.host = announce_host(host)
        self._announced = {self.host}  # phones that joined on an earlier address keep working
        self.port = 0
        self.limits = limits or Limits()
        self.clock = clock
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Listen on the configured host and port (0 picks a free one)."""
        app = build_app(self.session, self)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.bind_host or "0.0.0.0", self.requested_port,
                               reuse_address=True)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self.port = runner.addresses[0][1]

    async def stop(self) -> None:
        """End live streams, close every connection and stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def origin(self) -> str:
        """The scheme, host and port phones use."""
        return f"http://{_bracketed(self.host)}:{self.port}"

    @property
    def hosts(self) -> frozenset[str]:
        """The Host headers served: each announced host:port, and loopback names when bound there."""
        names = {_bracketed(host).lower() for host in self._announced}
        if _is_loopback(self.bind_host):
            names.update(LOOPBACK_NAMES)
        found = {f"{name}:{self.port}" for name in names}
        return frozenset(found | names if self.port == 80 else found)

    @property
    def origins(self) -> frozenset[str]:
        """The Origin headers a post may carry."""
        return frozenset(f"http://{host}" for host in self.hosts)

    @property
    def join_url(self) -> str:
        """The address the QR code encodes."""
        return f"{self.origin}/j/{self.session.token}"

    @property
    def reachable(self) -> bool:
        """Whether phones on the network can reach the announced address."""
        return reachable_from_lan(self.host)

    def candidates(self) -> list[tuple[str, str]]:
        """(interface, address) pairs that may be announced: every one when listening on all."""
        found = interface_addresses()
        if self.bind_host in ("", "0.0.0.0", "::"):
            return found
        return [pair for pair in found if pair[1] == self.bind_host] or [("", self.bind_host)]

    def announce(self, host: str) -> None:
        """Put ``host`` in the join address from now on; no restart, the server listens on all."""
        self.host = host
        self._announced.add(host)

    @property
    def cookie_name(self) -> str:
        """The participant cookie's name; it includes the port so two sessions never clash."""
        return f"samspill_{self.port}"


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
