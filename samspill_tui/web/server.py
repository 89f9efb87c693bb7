"""Start and stop the phone face inside the running asyncio loop (Textual's)."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from samspill_tui.session.live import Session
from samspill_tui.session.store import StoreError
from samspill_tui.web.limits import Limits
from samspill_tui.web.net import announce_host, interface_addresses, reachable_from_lan

if TYPE_CHECKING:
    from aiohttp import web

SHUTDOWN_TIMEOUT = 2.0  # seconds open requests get on exit (live streams end at once)
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


class WebServer:
    """The aiohttp server of one session: ``listen``, then ``start`` in the app's mount, ``stop`` on exit.

    ``listen`` binds the port with the standard library only, so the join address is known (and a
    busy port fails) before aiohttp is imported; phones that connect before ``start`` wait in the
    listen backlog.
    """

    def __init__(self, session: Session, host: str, port: int, *, again: tuple[str, int] | None = None,
                 limits: Limits | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.session = session
        self.bind_host = host
        self.requested_port = port
        self.again = again  # the host and port announced before: taken again when they can be
        self.moved = False  # announced before on another address: phones must scan again
        self.host = announce_host(host)
        self._announced = {self.host}  # phones that joined on an earlier address keep working
        self.port = 0
        empty: frozenset[str] = frozenset()
        self._allowed_for: tuple[object, tuple[frozenset[str], frozenset[str]]] = (None, (empty, empty))
        self._limits = limits or Limits()
        self.clock = clock
        self._socket: socket.socket | None = None
        self._runner: web.AppRunner | None = None
        self._listener: asyncio.Server | None = None

    def listen(self) -> None:
        """Bind the configured host and port (0 picks a free one); OSError if it is taken.

        With ``again``, its port is bound (a free one if it is taken) and its host announced if this
        laptop still has it; ``moved`` tells whether the address phones know has changed.
        """
        if self._socket is not None:
            return
        bind = self.bind_host or "0.0.0.0"
        if self.again is None:
            self._socket = _bind(bind, self.requested_port)
        else:
            host, port = self.again
            try:
                self._socket = _bind(bind, port)
            except OSError:
                self._socket = _bind(bind, 0)
            if host != self.host and bind in ("0.0.0.0", "::") and _is_local(host):
                self.announce(host)
        self.port = self._socket.getsockname()[1]
        self.moved = self.again is not None and (self.host, self.port) != self.again

    async def start(self) -> None:
        """Serve phones on the bound socket (binding it first if needed); once started, does nothing."""
        self.listen()
        if self._runner is not None or self._socket is None:
            return
        from aiohttp import web  # deferred: the lobby is painted before this import

        from samspill_tui.web.gate import Gate
        from samspill_tui.web.routes import build_app

        runner = web.AppRunner(build_app(self.session, self), access_log=None,
                               shutdown_timeout=SHUTDOWN_TIMEOUT,
                               keepalive_timeout=self.limits.keepalive,
                               # phones never compress what they send: a body is read as sent, so
                               # a bogus Content-Encoding is our own 400 page, not aiohttp's bare one
                               auto_decompress=False)
        sock = self._socket
        await runner.setup()
        if self._socket is not sock:  # stopped meanwhile (the app quit while this was starting)
            await runner.cleanup()
            return
        assert runner.server is not None
        try:
            self._listener = await asyncio.get_running_loop().create_server(
                Gate(runner.server, self.session), sock=sock)
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner

    async def stop(self) -> None:
        """End live streams, close every connection and stop listening."""
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    @property
    def limits(self) -> Limits:
        """The rate and size limits of the phone face (the defaults unless given)."""
        return self._limits

    @property
    def origin(self) -> str:
        """The scheme, host and port phones use."""
        return f"http://{_bracketed(self.host)}:{self.port}"

    @property
    def hosts(self) -> frozenset[str]:
        """The Host headers served: each announced host:port, and loopback names when bound there."""
        return self._allowed()[0]

    @property
    def origins(self) -> frozenset[str]:
        """The Origin headers a post may carry."""
        return self._allowed()[1]

    def _allowed(self) -> tuple[frozenset[str], frozenset[str]]:
        """Hosts and origins, worked out again only when an address or the port changed."""
        key = (frozenset(self._announced), self.port)
        if self._allowed_for[0] != key:
            names = {_bracketed(host).lower() for host in self._announced}
            if _is_loopback(self.bind_host):
                names.update(LOOPBACK_NAMES)
            found = {f"{name}:{self.port}" for name in names}
            hosts = frozenset(found | names if self.port == 80 else found)
            self._allowed_for = (key, (hosts, frozenset(f"http://{h}" for h in hosts)))
        return self._allowed_for[1]

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
        """The participant cookie's name: the session's, whatever the port, so a phone is recognised
        after a resume on another port and two sessions never clash (cookies ignore the port)."""
        return f"samspill_{self.session.ident}"


async def listen_for(session: Session, host: str, port: int | None, default_port: int) -> WebServer:
    """The session's web server, listening, with its address remembered in the session.

    A resumed session takes the host and port it announced before unless another ``port`` is asked
    for (0 picks a free port for a new session only); a new one listens on ``port`` (``None``:
    ``default_port``). OSError if that port is taken.
    """
    again = session.address if port in (None, 0) else None
    server = WebServer(session, host, default_port if port is None else port, again=again)
    server.listen()
    with contextlib.suppress(StoreError):  # a disk that fails now fails loudly at the first vote
        await session.remember_address(server.host, server.port)
    return server


def _bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on the first address ``host`` resolves to, as aiohttp's TCPSite binds it."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(address)
        sock.listen(128)
        sock.setblocking(False)
    except BaseException:
        sock.close()
        raise
    return sock


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _is_local(host: str) -> bool:
    """Whether this laptop has address ``host`` (it can be bound)."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.bind((host, 0))
    except OSError:
        return False
    return True


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
