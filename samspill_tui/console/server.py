"""The app's end of the console channel: a Unix socket in the session's folder, for its user only."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import shutil
import socket
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from samspill_tui.console.protocol import MAX_LINE, decode, encode
from samspill_tui.console.snapshot import snapshot
from samspill_tui.session.events import Event
from samspill_tui.session.live import Session

COALESCE_SECONDS = 0.2  # session changes sent at most five times a second
TICK_SECONDS = 1.0  # the projector's own state (the timer) looked at once a second

Perform = Callable[[dict[str, Any]], Awaitable[None]]
Extras = Callable[[], dict[str, Any]]


class ConsoleServer:
    """Sends consoles snapshots of the session and hands their commands to ``perform``."""

    def __init__(self, session: Session, path: Path, perform: Perform, extras: Extras) -> None:
        self.session, self.path = session, path
        self._perform, self._extras = perform, extras
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._sent: dict[str, Any] | None = None
        self._due: asyncio.TimerHandle | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._unsubscribe: Callable[[], None] = lambda: None

    async def start(self) -> None:
        """Listen on the socket: bound in a private folder, made user-only, then moved in place
        (over a socket left by an app that crashed: this app holds the session's lock)."""
        if not hasattr(socket, "AF_UNIX"):  # Windows: the app runs without a console
            raise OSError(errno.EOPNOTSUPP, os.strerror(errno.EOPNOTSUPP))
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
        self._unsubscribe = self.session.subscribe(self._changed)
        self._ticker = asyncio.create_task(self._tick())

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

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One console: hello and a snapshot, then its commands until it leaves."""
        self._writers.add(writer)
        try:
            writer.write(encode("hello", session=self.session.name))
            writer.write(encode("snapshot", **snapshot(self.session, self._extras())))
            while line := await reader.readline():
                try:
                    await self._perform(decode(line))
                except ValueError as exc:  # not a message, or a command the session refused
                    writer.write(encode("error", reason=str(exc)))
                self.send(force=True)
                await writer.drain()
        except (ConnectionError, ValueError):  # gone, or a line over the limit
            pass
        finally:
            self._writers.discard(writer)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()
