"""A resumed session is served where it was announced, and every phone that joined is recognised."""

from __future__ import annotations

import socket
from pathlib import Path

from samspill_tui.content import Library
from samspill_tui.session.live import Session
from samspill_tui.web.server import WebServer, listen_for
from tests.conftest import Phone


async def _serve(tmp_path: Path, library: Library, port: int | None) -> tuple[Session, WebServer]:
    session = await Session.open(tmp_path, "igjen", "folkevalgtdag", library, "nb")
    server = await listen_for(session, "127.0.0.1", port, 0)
    await server.start()
    return session, server


async def _stop(session: Session, server: WebServer) -> None:
    await server.stop()
    await session.close()


async def test_a_resume_takes_the_announced_port_again_and_knows_the_phone(
        tmp_path: Path, library: Library) -> None:
    session, server = await _serve(tmp_path, library, 0)  # a new session: a free port
    first = server.port
    phone = Phone(server)
    try:
        await phone.join()
        assert session.address == ("127.0.0.1", first)
        await _stop(session, server)

        session, server = await _serve(tmp_path, library, 0)  # --port 0 again: the same port
        assert server.port == first and not server.moved
        phone.server = server
        status, page = await phone.get("/")
        assert status == 200 and "Du er med!" in page
        await phone.join()
        assert len(session.participants) == 1
    finally:
        await phone.close()
        await _stop(session, server)


async def test_when_the_port_is_taken_the_phone_is_still_known_on_the_new_one(
        tmp_path: Path, library: Library) -> None:
    session, server = await _serve(tmp_path, library, 0)
    first = server.port
    phone = Phone(server)
    try:
        await phone.join()
        await _stop(session, server)
        with socket.socket() as squatter:  # another program took the port meanwhile
            squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            squatter.bind(("127.0.0.1", first))
            squatter.listen()
            session, server = await _serve(tmp_path, library, 0)
            assert server.port != first and server.moved
            assert session.address == ("127.0.0.1", server.port)  # remembered for the next resume
            phone.server = server
            status, page = await phone.get("/")  # the same cookie, another port
            assert status == 200 and "Du er med!" in page
            await phone.join(server.join_url)  # scanning the new code: still one participant
            assert len(session.participants) == 1
    finally:
        await phone.close()
        await _stop(session, server)


async def test_an_explicit_port_on_resume_is_taken_and_phones_told_to_scan_again(
        tmp_path: Path, library: Library) -> None:
    session, server = await _serve(tmp_path, library, 0)
    first = server.port
    await _stop(session, server)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        other = probe.getsockname()[1]
    session, server = await _serve(tmp_path, library, other)
    try:
        assert server.port == other != first and server.moved is False  # asked for: not "moved"
    finally:
        await _stop(session, server)
