"""Connections are bounded: from one address, in all, in time (headers and body), and never so
many that the store runs out of file descriptors. Many source addresses on loopback (127.0.0.0/8)."""

from __future__ import annotations

import asyncio
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

from samspill_tui.content import Library
from samspill_tui.session.events import Event, LimitReached
from samspill_tui.session.limits import Limits
from samspill_tui.web.descriptors import descriptor_room
from samspill_tui.web.guard import HEADERS
from samspill_tui.web.limits import Limits as WebLimits
from samspill_tui.web.server import WebServer
from tests.conftest import Phone, go_to_kind, votes_of
from tests.web.helpers import served

Conn = tuple[asyncio.StreamReader, asyncio.StreamWriter]


async def _connect(server: WebServer, source: str) -> Conn:
    return await asyncio.open_connection("127.0.0.1", server.port, local_addr=(source, 0))


async def _get(server: WebServer, conn: Conn) -> bytes:
    """The head of the answer to ``GET /`` on ``conn`` (an early refusal is read the same way)."""
    reader, writer = conn
    writer.write(f"GET / HTTP/1.1\r\nHost: {server.host}:{server.port}\r\n\r\n".encode())
    await writer.drain()
    return await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)


async def _close(conns: list[Conn]) -> None:
    for _, writer in conns:
        writer.close()
    await asyncio.sleep(0.05)  # the server sees them go


async def test_one_address_cannot_hold_more_than_its_share(tmp_path: Path, library: Library) -> None:
    async with served(tmp_path, library) as (session, server):
        session.bounds.limits = Limits(connections_per_address=3)
        told: list[Event] = []
        session.subscribe(told.append)
        held = [await _connect(server, "127.0.0.2") for _ in range(3)]
        refused = [await _connect(server, "127.0.0.2") for _ in range(2)]
        other = await _connect(server, "127.0.0.3")
        try:
            assert (await _get(server, other)).startswith(b"HTTP/1.1 200")  # the others go on
            head = await _get(server, refused[0])
            assert head.startswith(b"HTTP/1.1 429")
            for name, value in HEADERS.items():
                assert f"{name}: {value}".encode() in head
            body = await asyncio.wait_for(refused[0][0].read(), 5)
            assert "For mange tilkoblinger" in body.decode()
            assert told.count(LimitReached("connections_per_address", 3)) == 1  # told once, not per try
            assert session.raise_limits().connections_per_address == 6
            again = await _connect(server, "127.0.0.2")
            assert (await _get(server, again)).startswith(b"HTTP/1.1 200")
            held.append(again)
        finally:
            await _close([*held, *refused, other])
        session.bounds.limits = Limits(connections_per_address=1)  # the closed ones count no more
        conn = await _connect(server, "127.0.0.2")
        try:
            assert (await _get(server, conn)).startswith(b"HTTP/1.1 200")
        finally:
            await _close([conn])


async def test_connections_are_bounded_in_all(tmp_path: Path, library: Library) -> None:
    async with served(tmp_path, library) as (session, server):
        session.bounds.limits = Limits(connections=4)
        told: list[Event] = []
        session.subscribe(told.append)
        held = [await _connect(server, f"127.0.1.{n}") for n in range(1, 5)]
        late = await _connect(server, "127.0.2.1")
        try:
            head = await _get(server, late)
            assert head.startswith(b"HTTP/1.1 503") and b"Retry-After: 10" in head
            assert LimitReached("connections", 4) in told
        finally:
            await _close([*held, late])


async def test_headers_and_bodies_sent_a_byte_at_a_time_are_cut_off(tmp_path: Path,
                                                                    library: Library) -> None:
    limits = WebLimits(keepalive=0.3, body_seconds=0.3)
    async with served(tmp_path, library, limits=limits) as (_, server):
        reader, writer = await _connect(server, "127.0.0.4")
        try:
            writer.write(b"GET / HTTP/1.1\r\nHo")  # and never the rest
            await writer.drain()
            assert await asyncio.wait_for(reader.read(), 5) == b""  # closed by the server
        finally:
            writer.close()
        reader, writer = await _connect(server, "127.0.0.4")
        try:
            writer.write((f"POST /kode HTTP/1.1\r\nHost: {server.host}:{server.port}\r\n"
                          "Content-Type: application/x-www-form-urlencoded\r\n"
                          "Content-Length: 100\r\n\r\ncode=A").encode())  # 94 bytes still to come
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
            assert head.startswith(b"HTTP/1.1 408") and b"Content-Security-Policy" in head
        finally:
            writer.close()


HOLDER = textwrap.dedent("""
    import socket, sys, time
    port, count = int(sys.argv[1]), int(sys.argv[2])
    held = []
    for n in range(count):
        s = socket.socket()
        s.bind((f"127.0.{3 + n // 200}.{1 + n % 200}", 0))
        try:
            s.connect(("127.0.0.1", port))
        except OSError:
            pass
        held.append(s)
    print("holding", flush=True)
    time.sleep(60)
""")


async def test_the_store_still_writes_when_phones_hold_every_descriptor(tmp_path: Path,
                                                                        library: Library) -> None:
    """400 idle connections once used up macOS's 256 files and the store failed: phones never get
    the descriptors the store needs. The process gets a low limit, restored afterwards."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    holder = None
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft - descriptor_room() + 40, hard))
        async with served(tmp_path, library) as (session, server):
            told: list[Event] = []
            session.subscribe(told.append)
            phones = [Phone(server) for _ in range(2)]
            for phone in phones:
                await phone.join()
            await go_to_kind(session, "statement")
            holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(server.port), "400"],
                                      stdout=subprocess.PIPE, text=True,
                                      preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE,
                                                                            (soft, hard)))
            assert holder.stdout is not None
            line = await asyncio.get_running_loop().run_in_executor(None, holder.stdout.readline)
            assert line == "holding\n"
            await asyncio.sleep(0.5)
            assert any(isinstance(e, LimitReached) and e.name == "descriptors" for e in told)
            try:
                for phone, value in zip(phones, ("2", "4"), strict=True):  # on their open connections
                    assert (await phone.vote(value))[0] == 200
                assert {k: n for k, n in votes_of(session).items() if n} == {"2": 1, "4": 1}
            finally:
                for phone in phones:
                    await phone.close()
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
        if holder is not None:
            holder.kill()
            holder.wait()
