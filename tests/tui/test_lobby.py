"""The lobby under Pilot: choosing the network to announce, the warnings, joining and the join token."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Digits, OptionList, Static

from samspill_tui.content import Library
from samspill_tui.session.live import Session
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.lobby import LobbyView, unreachable_reason
from samspill_tui.tui.qr import QRCode
from samspill_tui.web.net import interface_addresses, reachable_from_lan
from samspill_tui.web.server import WebServer
from tests.conftest import Phone
from tests.tui.helpers import wait_for
from tests.tui.qr_helpers import decode, face_of, lobby_app, screen_image, shown_url

LAN = [address for _, address in interface_addresses() if reachable_from_lan(address)]
NETS = [("wlan0", "192.168.1.23"), ("enx0", "10.20.0.5"), ("lo", "127.0.0.1"), ("usb0", "169.254.7.9")]



def _text(app: SamspillApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _style_of(app: SamspillApp, selector: str, text: str) -> str:
    """The style of ``text`` where the widget's content shows it."""
    content = app.screen.query_one(selector, Static).render()
    assert isinstance(content, Content)
    start = content.plain.index(text)
    return " ".join(str(span.style) for span in content.spans
                    if span.start <= start and span.end >= start + len(text))


def _shows_joined(app: SamspillApp, n: int) -> Callable[[], bool]:
    return lambda: app.screen.query_one("#joined", Digits).value == str(n)


async def _lobby(app: SamspillApp, pilot: Pilot[None]) -> LobbyView:
    """The lobby once it is mounted, has taken the focus and has listed the networks."""
    await wait_for(pilot, lambda: app.screen.query(LobbyView)
                   and app.focused is app.screen.query_one(LobbyView)
                   and app.screen.query_one(LobbyView).interfaces is not None)
    return app.screen.query_one(LobbyView)


@pytest.mark.parametrize(("host", "key"), [
    ("127.0.0.1", "lobby.loopback"), ("::1", "lobby.loopback"), ("169.254.7.9", "lobby.link_local"),
    ("fe80::1", "lobby.link_local"), ("0.0.0.0", "lobby.unreachable"), ("192.168.1.23", None),
    ("10.0.0.1", None), ("laptop.local", None),
])
def test_unreachable_reason(host: str, key: str | None) -> None:
    assert unreachable_reason(host) == key


async def test_i_cycles_networks_and_the_qr_code_follows(tmp_path: Path, library: Library) -> None:
    app = lobby_app(library, tmp_path, "nett", nets=NETS)
    async with app.run_test(size=(120, 40)) as pilot:
        lobby = await _lobby(app, pilot)
        face = face_of(app)
        await pilot.pause()
        assert face.host == "127.0.0.1"  # what the server is bound to, until the facilitator chooses
        assert "127.0.0.1 er denne maskinen selv" in _text(app, "#lobby-status")
        listed = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert [tuple(line.replace("●", "").split()[:2]) for line in listed] == NETS
        assert "ikke for mobiler" in listed[2] and "ikke for mobiler" in listed[3]
        assert "ikke for mobiler" not in listed[0]

        await pilot.press("i")  # after lo comes usb0, link-local
        await wait_for(pilot, lambda: face.host == "169.254.7.9")
        assert "169.254.7.9 er en lenkelokal adresse" in _text(app, "#lobby-status")
        await pilot.press("i")  # wraps round to wlan0
        await wait_for(pilot, lambda: face.host == "192.168.1.23")
        await pilot.pause()
        assert _text(app, "#lobby-status") == "Påmeldingen er åpen"  # no warning left
        url = shown_url(app)
        assert url == face.join_url and url.startswith("http://192.168.1.23:")
        assert f"gå til http://192.168.1.23:{face.port} og skriv koden" in _text(app, "#join-text")
        assert lobby.query_one(QRCode).data == url
        assert decode(screen_image(app)) == [url]
        assert str(app.screen.query_one(OptionList).options[0].prompt).startswith("● wlan0")
        assert app.session is not None  # remembered, so that a resume announces it again
        await wait_for(pilot, lambda: app.session is not None
                       and app.session.address == ("192.168.1.23", face.port))


async def test_choosing_a_network_in_the_list(tmp_path: Path, library: Library) -> None:
    app = lobby_app(library, tmp_path, "liste", nets=NETS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _lobby(app, pilot)
        options = app.screen.query_one(OptionList)
        options.focus()
        options.highlighted = 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: face_of(app).host == "10.20.0.5")
        await pilot.pause()
        assert decode(screen_image(app)) == [shown_url(app)] == [face_of(app).join_url]
        await pilot.press("right")  # the list does not take the step keys
        await wait_for(pilot, lambda: app.session is not None and app.session.current == 1)


async def test_says_when_no_network_can_be_reached(tmp_path: Path, library: Library) -> None:
    app = lobby_app(library, tmp_path, "ingen", nets=[("lo", "127.0.0.1")])
    async with app.run_test(size=(120, 40)) as pilot:
        await _lobby(app, pilot)
        await pilot.pause()
        assert "Fant ingen nettverksadresse" in _text(app, "#lobby-status")
        await pilot.press("i")  # nothing else to choose: stays, and still says so
        await pilot.pause()
        assert face_of(app).host == "127.0.0.1"
        assert "Fant ingen nettverksadresse" in _text(app, "#lobby-status")


async def test_new_network_appears_on_rescan(tmp_path: Path, library: Library) -> None:
    app = lobby_app(library, tmp_path, "ny", nets=[("lo", "127.0.0.1")])
    async with app.run_test(size=(120, 40)) as pilot:
        lobby = await _lobby(app, pilot)
        face_of(app).nets.insert(0, ("wlan0", "192.168.1.23"))  # the laptop joins the venue Wi-Fi
        lobby.rescan()
        await pilot.pause()
        assert len(app.screen.query_one(OptionList).options) == 2
        assert "Fant ingen" not in _text(app, "#lobby-status")
        assert "127.0.0.1 er denne maskinen selv" in _text(app, "#lobby-status")


async def test_new_token_changes_the_qr_code_and_code(tmp_path: Path, library: Library) -> None:
    app = lobby_app(library, tmp_path, "token", nets=NETS)
    async with app.run_test(size=(120, 40)) as pilot:
        lobby = await _lobby(app, pilot)
        lobby.choose("192.168.1.23")
        await pilot.pause()
        old_url = face_of(app).join_url
        assert decode(screen_image(app)) == [old_url]
        assert app.session is not None
        await app.session.rotate_token()
        new_url = face_of(app).join_url
        assert new_url != old_url
        await wait_for(pilot, lambda: shown_url(app) == new_url)
        await pilot.pause()
        assert decode(screen_image(app)) == [new_url]
        assert _text(app, "#join-text").endswith(f"skriv koden {app.session.code}")


async def test_joining_open_closed_and_count(tmp_path: Path, library: Library) -> None:
    app = lobby_app(library, tmp_path, "apen", nets=NETS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _lobby(app, pilot)
        assert app.session is not None
        await wait_for(pilot, lambda: _text(app, "#lobby-status").endswith("Påmeldingen er åpen"))
        assert "$success" in _style_of(app, "#lobby-status", "Påmeldingen er åpen")
        phone = Phone(face_of(app))
        try:
            await phone.join()
            await wait_for(pilot, lambda: app.screen.query_one("#joined", Digits).value == "1")
        finally:
            await phone.close()
        await app.session.set_joining(False)
        await wait_for(pilot, lambda: _text(app, "#lobby-status").endswith("Påmeldingen er stengt"))
        assert "$error" in _style_of(app, "#lobby-status", "Påmeldingen er stengt")
        await app.session.set_joining(True)
        await wait_for(pilot, lambda: _text(app, "#lobby-status").endswith("Påmeldingen er åpen"))


async def test_candidates_follow_the_bound_host(session: Session) -> None:
    everywhere = WebServer(session, "0.0.0.0", 0)
    assert everywhere.candidates() == interface_addresses()
    assert ("lo", "127.0.0.1") in everywhere.candidates()
    assert WebServer(session, "127.0.0.1", 0).candidates() == [("lo", "127.0.0.1")]
    assert WebServer(session, "laptop.local", 0).candidates() == [("", "laptop.local")]


@pytest.mark.skipif(not LAN, reason="this machine has no LAN address")
async def test_phones_join_through_each_announced_address_without_restart(
    tmp_path: Path, library: Library
) -> None:
    async def serve(session: Session) -> WebServer:
        server = WebServer(session, "0.0.0.0", 0)
        await server.start()
        return server

    app = SamspillApp(library=library, lang="nb", data_dir=tmp_path, serve=serve,
                      start=("folkevalgtdag", "ekte"))
    async with app.run_test(size=(120, 40)) as pilot:
        await _lobby(app, pilot)
        assert isinstance(app.face, WebServer)
        face = app.face
        assert face.host == LAN[0]
        for joined, host in enumerate((LAN[0], "127.0.0.1"), 1):
            for _ in face.candidates():  # i goes round the list
                if face.host == host:
                    break
                await pilot.press("i")
            await pilot.pause()
            assert face.host == host
            [url] = decode(screen_image(app))
            assert url == face.join_url and url.startswith(f"http://{host}:")
            phone = Phone(face)
            try:
                status, page = await phone.join(url)
                assert status == 200 and "Du er med!" in page
            finally:
                await phone.close()
            await wait_for(pilot, _shows_joined(app, joined))
