"""One negative test per rule of «Safe on a shared network»; each fails if its rule is removed."""

from __future__ import annotations

import asyncio
import base64
import re
from collections.abc import Mapping
from http.cookies import SimpleCookie
from pathlib import Path

import aiohttp
import pytest

from samspill_tui.content import Library
from samspill_tui.session.live import Session
from samspill_tui.web.limits import Limits, Rate
from samspill_tui.web.routes import ROUTES
from samspill_tui.web.server import WebServer
from tests.conftest import Phone, answers_of, go_to_kind, hidden
from tests.web.helpers import FrozenClock, roles_library, served


def _bits(token: str) -> int:
    return len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8


# -- the join token -----------------------------------------------------------------------


async def test_join_token_is_random_with_at_least_128_bits(tmp_path: Path, library: Library) -> None:
    tokens = set()
    for n in range(3):
        s = await Session.open(tmp_path, f"s{n}", "folkevalgtdag", library, "nb")
        tokens.add(s.token)
        assert _bits(s.token) >= 128
        await s.close()
    assert len(tokens) == 3


async def test_token_is_exchanged_for_a_strict_httponly_cookie_named_by_the_session(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    async with phones[0].http.get(server.join_url, allow_redirects=False) as r:
        assert r.status == 303 and r.headers["Location"] == "/"  # the address loses the token
        (raw,) = r.headers.getall("Set-Cookie")
    cookie = SimpleCookie(raw)[f"samspill_{session.ident}"]  # not the port: it may change on resume
    assert cookie["httponly"] is True and cookie["samesite"] == "Strict" and cookie["path"] == "/"
    assert cookie.value in session.participants and cookie.value != session.token


async def test_wrong_token_gets_a_clear_page_and_joins_nobody(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    for bad in ("not-the-token", session.token[:-1], session.token + "x", "x" * 500):
        status, page = await phones[0].join(f"{server.origin}/j/{bad}")
        assert status == 403 and "Lenken er ikke gyldig" in page
    assert session.participants == {}


async def test_closed_joining_refuses_new_phones_but_keeps_joined_ones(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await session.set_joining(False)
    for attempt in (phones[1].join(), phones[1].post("/kode", {"code": session.code})):
        status, page = await attempt
        assert status == 403 and "ikke lenger mulig å bli med" in page
    status, page = await phones[1].get("/")
    assert "ikke lenger mulig å bli med" in page and 'name="code"' not in page
    assert len(session.participants) == 1
    await go_to_kind(session, "statement")
    assert (await phones[0].vote("4"))[0] == 200  # the joined phone carries on
    await session.set_joining(True)
    assert (await phones[1].join())[0] == 200
    assert len(session.participants) == 2


async def test_rotating_the_token_retires_the_old_address_and_code(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    old_url, old_code = server.join_url, session.code
    await session.rotate_token()
    assert server.join_url != old_url
    status, page = await phones[1].join(old_url)
    assert status == 403 and "Lenken er ikke gyldig" in page
    status, page = await phones[1].post("/kode", {"code": old_code})
    assert status == 403 and "Koden stemmer ikke" in page
    assert len(session.participants) == 1
    await go_to_kind(session, "statement")
    assert (await phones[0].vote("2"))[0] == 200  # the joined phone keeps working
    assert (await phones[1].join(server.join_url))[0] == 200  # the new QR code works
    assert len(session.participants) == 2


# -- requests -----------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "127.0.0.2:{port}",
                                  "127.0.0.1.nip.io:{port}", ""])
async def test_host_header_other_than_the_announced_one_is_refused(
    server: WebServer, session: Session, phones: list[Phone], host: str
) -> None:
    headers = {"Host": host.format(port=server.port)}
    async with phones[0].http.get(server.join_url, headers=headers) as r:
        status, page = r.status, await r.text()
    assert status == 421 and "Ukjent adresse" in page
    assert session.participants == {}
    status, _ = await phones[0].join()  # the announced host works
    assert status == 200


async def test_announcing_another_address_accepts_it_and_keeps_the_earlier_one(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    first, origin = server.join_url, server.origin

    async def status(host: str) -> int:
        async with phones[0].http.get(origin + "/", headers={"Host": f"{host}:{server.port}"}) as r:
            return r.status

    assert await status("192.0.2.77") == 421
    server.announce("192.0.2.77")  # the facilitator picks another network in the lobby
    assert server.join_url.startswith(f"http://192.0.2.77:{server.port}/j/")
    assert await status("192.0.2.77") == 200
    assert (await phones[0].join(first))[0] == 200  # phones on the first address carry on
    assert await status("192.0.2.78") == 421


async def test_post_from_another_origin_is_refused(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "statement")
    _, page = await phones[0].get("/")
    form = {"step": hidden(page, "step"), "value": "4", "csrf": hidden(page, "csrf")}
    for headers in ({"Origin": "http://evil.example"}, {"Origin": f"http://127.0.0.1:{server.port + 1}"},
                    {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}):
        status, page = await phones[0].post("/vote", form, headers=headers)
        assert status == 403 and "Skjemaet er utløpt" in page
    status, _ = await phones[1].post("/kode", {"code": session.code}, headers={"Origin": "http://evil.example"})
    assert status == 403 and len(session.participants) == 1  # no login CSRF either
    assert session.reading.answered(session.step) == 0
    status, _ = await phones[0].post("/vote", form, headers={"Origin": server.origin,
                                                             "Sec-Fetch-Site": "same-origin"})
    assert status == 200


async def test_post_without_the_participants_csrf_token_is_refused(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await phones[1].join()
    await go_to_kind(session, "statement")
    _, page = await phones[0].get("/")
    _, other = await phones[1].get("/")
    step = hidden(page, "step")
    for csrf in ({}, {"csrf": ""}, {"csrf": "wrong"}, {"csrf": hidden(other, "csrf")}):
        status, _ = await phones[0].post("/vote", {"step": step, "value": "4", **csrf})
        assert status == 403
    assert session.reading.answered(session.step) == 0


async def test_request_bodies_are_capped(server: WebServer, session: Session, phones: list[Phone]) -> None:
    await phones[0].join()
    await go_to_kind(session, "reflection")
    _, page = await phones[0].get("/")
    form = {"step": hidden(page, "step"), "q": "0", "csrf": hidden(page, "csrf"), "submission": "big"}
    status, page = await phones[0].post("/answer", {**form, "text": "x" * 17000})
    assert status == 413 and "for stor" in page
    status, _ = await phones[0].post("/answer", {**form, "text": "x" * 900, "pad": "y" * 16000})
    assert status == 413
    assert answers_of(session) == []


@pytest.mark.parametrize("text", ["👨‍👩‍👧" * 125, "字" * 1000, "😀" * 500, "ی\u200cی." * 250],
                         ids=["family", "cjk", "emoji", "persian"])
async def test_a_full_answer_in_any_script_fits_and_is_kept_as_typed(
        server: WebServer, session: Session, phones: list[Phone], text: str) -> None:
    """What the page's counter calls 1,000 (UTF-16 units, as maxlength counts) is accepted whole."""
    await phones[0].join()
    await go_to_kind(session, "reflection")
    status, _ = await phones[0].answer(0, text, "full")
    assert status == 200
    assert [a.text for a in answers_of(session)] == [text]
    status, page = await phones[0].answer(0, text + "x", "over")
    assert status == 400 and "for langt" in page


async def test_free_text_is_capped(server: WebServer, session: Session, phones: list[Phone]) -> None:
    await phones[0].join()
    await go_to_kind(session, "reflection")
    status, page = await phones[0].answer(0, "å" * 1001, "long")
    assert status == 400 and "for langt (høyst 1000 tegn)" in page
    assert answers_of(session) == []
    status, _ = await phones[0].answer(0, "å" * 1000, "max")
    assert status == 200 and len(answers_of(session)[0].text) == 1000


async def test_free_text_is_normalised_and_stripped_of_control_and_bidi_characters(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "reflection")
    raw = "Ha\u0301kon\u202e\u2066 sier\x00 \x1b[2Jhei\u200f\u0007"
    assert (await phones[0].answer(0, raw, "clean"))[0] == 200
    (stored,) = answers_of(session)
    assert stored.text == "Hákon sier [2Jhei"


async def test_each_participant_is_rate_limited(tmp_path: Path, library: Library) -> None:
    clock = FrozenClock()
    limits = Limits(posts=Rate(5, 1.0))
    async with served(tmp_path, library, limits=limits, clock=clock) as (session, server):
        one, two = Phone(server), Phone(server)
        try:
            await one.join()
            await two.join()
            await go_to_kind(session, "statement")
            _, page = await one.get("/")
            form = {"step": hidden(page, "step"), "value": "4", "csrf": hidden(page, "csrf")}
            for _ in range(5):
                assert (await one.post("/vote", form))[0] == 200
            async with one.http.post(server.origin + "/vote", data=form) as r:
                assert r.status == 429 and r.headers["Retry-After"] == "1"
                assert "For mange forsøk" in await r.text()
            assert (await two.vote("3"))[0] == 200  # another phone is not slowed down
            clock.now += 1
            assert (await one.post("/vote", form))[0] == 200
        finally:
            await one.close()
            await two.close()


async def test_wrong_codes_are_rate_limited_per_address(tmp_path: Path, library: Library) -> None:
    clock = FrozenClock()
    limits = Limits(failures=Rate(3, 0.1))
    async with served(tmp_path, library, limits=limits, clock=clock) as (session, server):
        phone, scanner = Phone(server), Phone(server)
        try:
            for attempt in ("AAAAAA", "BBBBBB", "CCCCCC"):
                assert (await phone.post("/kode", {"code": attempt}))[0] == 403
            status, page = await phone.post("/kode", {"code": session.code})  # even the right one
            assert status == 429 and "Skann QR-koden på skjermen i stedet" in page
            assert session.participants == {}
            assert (await scanner.join())[0] == 200  # the QR code (128 bits) still works from there
            clock.now += 10
            assert (await phone.post("/kode", {"code": session.code}))[0] == 200
            assert len(session.participants) == 2
        finally:
            await phone.close()
            await scanner.close()


async def test_joins_per_address_are_limited_generously(tmp_path: Path, library: Library) -> None:
    async with served(tmp_path, library, limits=Limits(joins=Rate(3, 0.01)), clock=FrozenClock()) as (
        session, server,
    ):
        made = [Phone(server) for _ in range(4)]
        try:
            assert [(await p.join())[0] for p in made] == [200, 200, 200, 429]
            assert len(session.participants) == 3
        finally:
            for p in made:
                await p.close()
    assert Limits().joins.burst >= 300  # 500 phones behind one venue NAT address can join


async def test_open_live_streams_per_participant_are_capped(tmp_path: Path, library: Library) -> None:
    async with served(tmp_path, library, limits=Limits(streams=2)) as (_, server):
        phone = Phone(server)
        try:
            await phone.join()
            a = await phone.http.get(server.origin + "/events")
            b = await phone.http.get(server.origin + "/events")
            async with phone.http.get(server.origin + "/events") as c:
                assert (a.status, b.status, c.status) == (200, 200, 429)
            a.close()
            b.close()
        finally:
            await phone.close()


# -- headers ------------------------------------------------------------------------------


def _check_headers(headers: Mapping[str, str]) -> None:
    csp = headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'" and directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY" and headers["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/", "/state", "/no-such-page", "/static/app.js", "/static/style.css",
                                  "/j/wrong", "/events", "BAD-HOST"])
async def test_every_response_carries_the_security_headers(
    server: WebServer, session: Session, phones: list[Phone], path: str
) -> None:
    await phones[0].join()
    bad_host = path == "BAD-HOST"
    headers = {"Host": "evil.example"} if bad_host else {}
    async with phones[0].http.get(server.origin + ("/" if bad_host else path), headers=headers) as r:
        _check_headers(r.headers)
        if path.startswith("/static/"):
            assert r.status == 200 and "max-age" in r.headers["Cache-Control"]
        else:
            assert r.headers["Cache-Control"] == "no-store"


async def test_pages_hold_no_inline_script_or_style(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    pages = [(await phones[1].get("/"))[1], (await phones[1].join(server.origin + "/j/x"))[1]]
    await phones[0].join()
    for index in range(len(session.steps)):
        await session.go_to(index)
        pages.append((await phones[0].get("/"))[1])
    for html in pages:
        assert not re.search(r"<script(?![^>]*\ssrc=)", html)
        assert not re.search(r"\son[a-z]+\s*=", html) and " style=" not in html
        assert not re.search(r"<style", html)


# -- what the network can do --------------------------------------------------------------


async def test_only_joining_reading_voting_and_answering_are_routed(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    app = server._runner.app if server._runner else None
    assert app is not None
    routed = {(r.method, r.resource.canonical) for r in app.router.routes()
              if r.resource is not None and not r.resource.canonical.startswith("/static")}
    assert routed == set(ROUTES) | {("HEAD", path) for method, path in ROUTES
                                    if method == "GET" and path != "/j/{token}"}
    await phones[0].join()
    (participant,) = session.participants.values()
    csrf = participant.csrf
    for path in ("/next", "/go_to", "/lock", "/reveal", "/reset", "/joining", "/rotate", "/export",
                 "/moderate", "/state", "/events", "/", "/static/../routes.py"):
        status, _ = await phones[0].post(path, {"csrf": csrf, "index": "3", "step": "lobby"})
        assert status in (404, 405)
    status, _ = await phones[0].get("/static/../routes.py")
    assert status in (403, 404)
    assert session.current == 0 and session.joining_open and len(session.participants) == 1


async def test_participant_text_is_never_interpreted_as_html(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "reflection")
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">&amp;'
    assert (await phones[0].answer(0, evil, "xss"))[0] == 200
    _, page = await phones[0].get("/")
    assert "<script>alert" not in page and "<img src=x" not in page
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&#34;alert(2)&#34;&gt;&amp;amp;"
    assert escaped in page


async def test_an_idle_connection_is_closed_after_the_keepalive(tmp_path: Path) -> None:
    """400 idle connections left open for an hour kept a hall out; now they go after seconds."""
    library = roles_library(tmp_path)
    async with served(tmp_path, library, limits=Limits(keepalive=0.3)) as (_, server):
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        try:
            writer.write(f"GET / HTTP/1.1\r\nHost: {server.host}:{server.port}\r\n\r\n".encode())
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
            assert head.startswith(b"HTTP/1.1 200")
            length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length")))
            await reader.readexactly(length)
            assert await asyncio.wait_for(reader.read(), 5) == b""  # closed by the server, idle
        finally:
            writer.close()


async def test_guesses_sent_at_once_are_paid_for_before_they_are_read(tmp_path: Path,
                                                                    library: Library) -> None:
    """The limit held only for guesses sent one by one: 2,000 guesses whose headers were sent
    first, each waiting for its body, were all read and checked."""
    limits = Limits(failures=Rate(5, 0.01), rotate_after=10_000)
    async with served(tmp_path, library, limits=limits, clock=FrozenClock()) as (session, server):
        codes = ["AAAAAA"] * 59 + [session.code]  # the right one last
        conns = [await asyncio.open_connection("127.0.0.1", server.port) for _ in codes]
        try:
            for (_, writer), code in zip(conns, codes, strict=True):
                body = f"code={code}"
                writer.write((f"POST /kode HTTP/1.1\r\nHost: {server.host}:{server.port}\r\n"
                              "Content-Type: application/x-www-form-urlencoded\r\n"
                              f"Content-Length: {len(body)}\r\n\r\n").encode())
                await writer.drain()
            await asyncio.sleep(0.3)  # every handler is now waiting for its body
            for (_, writer), code in zip(conns, codes, strict=True):
                writer.write(f"code={code}".encode())
                await writer.drain()
            heads = [await asyncio.wait_for(reader.readline(), 10) for reader, _ in conns]
            statuses = [int(head.split()[1]) for head in heads]
            assert statuses.count(429) >= 55 and statuses.count(403) <= 5
            assert statuses[-1] == 429 and session.participants == {}  # the flood got nowhere
        finally:
            for _, writer in conns:
                writer.close()


async def test_wrong_codes_from_many_addresses_change_the_code(tmp_path: Path, library: Library) -> None:
    """A flood from anywhere (many addresses, or one venue NAT) cannot go on guessing one code."""
    limits = Limits(failures=Rate(2, 0.01), rotate_after=6)
    async with served(tmp_path, library, limits=limits, clock=FrozenClock()) as (session, server):
        first = session.code
        for n in range(2, 8):  # six addresses on loopback, one wrong guess each
            connector = aiohttp.TCPConnector(local_addr=(f"127.0.0.{n}", 0))
            async with aiohttp.ClientSession(connector=connector) as http, http.post(
                    server.origin + "/kode", data={"code": "AAAAAA"}) as r:
                assert r.status == 403
        assert session.code != first and session.check_code(session.code)
        phone = Phone(server)
        try:
            assert (await phone.post("/kode", {"code": first}))[0] == 403  # the old code is gone
            assert (await phone.post("/kode", {"code": session.code}))[0] == 200
        finally:
            await phone.close()
