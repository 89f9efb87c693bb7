"""The door of the phone face: how many connections may be open, from one address and in all.

Each accepted connection is handed to aiohttp's protocol; one over a limit gets a short page
(429 from one address, 503 in all) and is closed before aiohttp sees it. File descriptors are
kept in reserve, so the store can always open, write and fsync its files however many phones
connect.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable

from samspill_tui.i18n import t
from samspill_tui.session.live import Session
from samspill_tui.web.descriptors import descriptor_room
from samspill_tui.web.guard import HEADERS

LINGER = 2.0  # seconds a refused connection stays half-open so the phone reads the page


class Gate:
    """A protocol factory for ``loop.create_server`` that admits connections under the limits."""

    def __init__(self, inner: Callable[[], asyncio.Protocol], session: Session) -> None:
        self.inner, self.session = inner, session
        self.open: Counter[str] = Counter()  # open connections by address
        self.total = 0  # admitted and open
        self.refused = 0  # refused, still open while the phone reads why
        self.room = descriptor_room()

    def __call__(self) -> asyncio.Protocol:
        return _Guarded(self)

    def admit(self, address: str) -> str | None:
        """Count a new connection from ``address`` if the limits allow it; else the limit that stops it."""
        reason = self.session.connection_refusal(self.total, self.open[address], self.room)
        if reason is None:
            self.open[address] += 1
            self.total += 1
        return reason

    def release(self, address: str) -> None:
        """A connection from ``address`` closed."""
        self.total -= 1
        self.open[address] -= 1
        if not self.open[address]:
            del self.open[address]

    def refusal(self, reason: str) -> bytes:
        """The whole response to a connection ``reason`` stopped: 429 from one address, else 503."""
        status = "429 Too Many Requests" if reason == "connections_per_address" else "503 Service Unavailable"
        body = (t(self.session.lang, "err.connections") + "\n").encode()
        headers = {**HEADERS, "Content-Type": "text/plain; charset=utf-8", "Retry-After": "10",
                   "Cache-Control": "no-store", "Connection": "close",
                   "Content-Length": str(len(body))}
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        return f"HTTP/1.1 {status}\r\n{head}\r\n".encode() + body


class _Guarded(asyncio.Protocol):
    """One connection: aiohttp's handler behind the gate, or a refusal."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        self.inner: asyncio.Protocol | None = None
        self.address = ""
        self.lingering = False  # refused, and counted in ``gate.refused``

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        self.address = str(peer[0]) if peer else "?"
        reason = self.gate.admit(self.address)
        if reason is not None:
            assert isinstance(transport, asyncio.Transport)
            self.refuse(transport, reason)
            return
        self.inner = self.gate.inner()
        self.inner.connection_made(transport)

    def refuse(self, transport: asyncio.Transport, reason: str) -> None:
        """Say why and close; with no descriptors to spare, close at once."""
        gate = self.gate
        if gate.total + gate.refused >= gate.room:
            transport.abort()
            return
        gate.refused += 1
        self.lingering = True
        transport.write(gate.refusal(reason))
        if transport.can_write_eof():
            transport.write_eof()  # the phone reads the page before the connection goes
        asyncio.get_running_loop().call_later(LINGER, transport.close)

    def data_received(self, data: bytes) -> None:
        if self.inner is not None:
            self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self.inner.eof_received() if self.inner is not None else None

    def connection_lost(self, exc: Exception | None) -> None:
        if self.inner is None:
            self.gate.refused -= self.lingering
            return
        self.gate.release(self.address)
        self.inner.connection_lost(exc)

    def pause_writing(self) -> None:
        if self.inner is not None:
            self.inner.pause_writing()

    def resume_writing(self) -> None:
        if self.inner is not None:
            self.inner.resume_writing()
