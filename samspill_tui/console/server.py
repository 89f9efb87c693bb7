"""The app's end of the console channel: a Unix socket in the session's folder, for its user only
(on Windows a loopback port whose secret is in a user-only file there)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from samspill_tui.console import protocol
from samspill_tui.console.protocol import MAX_LINE, ProtocolError, decode, encode
from samspill_tui.console.snapshot import snapshot
from samspill_tui.session.events import Event
from samspill_tui.session.live import Session

COALESCE_SECONDS = 0.2  # session changes sent at most five times a second
TICK_SECONDS = 1.0  # the projector's own state (the timer) looked at once a second

Perform = Callable[[dict[str, Any]], Awaitable[str | None]]  # a command's notice for its console
Extras = Callable[[], dict[str, Any]]


class ConsoleServer:
    """Sends consoles snapshots of the session and hands their commands to ``perform``."""

    def __init__(self, session: Session, path: Path, perform: Perform, extras: Extras) -> None:
        self.session, self.path = session, path
        self._perform, self._extras = perform, extras
        self._server: asyncio.Server | None = None
        self._secret: str | None = None  # the loopback transport's: a console presents it first
        self._writers: set[asyncio.StreamWriter] = set()
        self._sent: dict[str, Any] | None = None
        self._due: asyncio.TimerHandle | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._unsubscribe: Callable[[], None] = lambda: None

    async def start(self) -> None:
        """Listen on the channel, then follow the session."""
        if protocol.USE_TCP:
            await self._start_loopback()
        else:
            await self._start_unix()
        self._unsubscribe = self.session.subscribe(self._changed)
        self._ticker = asyncio.create_task(self._tick())

    async def _start_unix(self) -> None:
        """The socket: bound in a private folder, made user-only, then moved in place (over a
        socket left by an app that crashed: this app holds the session's lock)."""
        private = Path(tempfile.mkdtemp(prefix=".console-", dir=self.path.parent))
        try:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.bind(str(private / "s"))
                os.chmod(private / "s", 0o600)
                os.replace(private / "s", self.path)
                self._server = await asyncio.start_unix_server(self._client, sock=sock, limit=MAX_LINE)
            except BaseException:
                sock.close()
                raise
        finally:
            shutil.rmtree(private, ignore_errors=True)

    async def _start_loopback(self) -> None:
        """A port on 127.0.0.1 only, its number and a new secret written to the user-only ticket."""
        self._secret = protocol.new_secret()
        self._server = await asyncio.start_server(self._client, protocol.LOOPBACK, 0, limit=MAX_LINE)
        try:
            port = self._server.sockets[0].getsockname()[1]
            protocol.write_ticket(self.path, port, self._secret)
        except BaseException:
            self._server.close()
            raise

    async def stop(self) -> None:
        """Close every console and remove the socket."""
        self._unsubscribe()
        if self._due is not None:
            self._due.cancel()
        if self._ticker is not None:
            self._ticker.cancel()
            await asyncio.wait([self._ticker])
        if self._server is not None:
            self._server.close()
            for writer in list(self._writers):
                writer.close()
            await self._server.wait_closed()
        self.path.unlink(missing_ok=True)

    def _changed(self, event: Event) -> None:
        """The session's listener: one send per burst of changes, and only with consoles attached."""
        if self._writers and self._due is None:
            self._due = asyncio.get_running_loop().call_later(COALESCE_SECONDS, self._send_due)

    def _send_due(self) -> None:
        self._due = None
        self.send()

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(TICK_SECONDS)
            if self._writers:
                self.send()

    def send(self, *, force: bool = False) -> None:
        """Send every console the snapshot, if it changed since the last one sent."""
        current = snapshot(self.session, self._extras())
        if current == self._sent and not force:
            return
        self._sent = current
        line = encode("snapshot", **current)
        for writer in list(self._writers):
            writer.write(line)

    async def _admitted(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """On the loopback transport, whether the console's first line presents the secret."""
        if self._secret is None:
            return True
        try:
            admitted = protocol.is_secret(decode(await asyncio.wait_for(reader.readline(), 5)),
                                          self._secret)
        except (ProtocolError, TimeoutError):
            admitted = False
        if not admitted:
            writer.write(encode("error", reason="wrong secret"))
        return admitted

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One console: hello and a snapshot, then its commands until it leaves."""
        try:
            if not await self._admitted(reader, writer):
                return
            self._writers.add(writer)
            writer.write(encode("hello", session=self.session.name))
            writer.write(encode("snapshot", **snapshot(self.session, self._extras())))
            while line := await reader.readline():
                try:
                    notice = await self._perform(decode(line))
                except ValueError as exc:  # not a message, or a command the session refused
                    writer.write(encode("error", reason=str(exc)))
                else:
                    if notice:
                        writer.write(encode("notice", text=notice))
                self.send(force=True)
                await writer.drain()
        except (ConnectionError, ValueError):  # gone, or a line over the limit
            pass
        finally:
            self._writers.discard(writer)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()
