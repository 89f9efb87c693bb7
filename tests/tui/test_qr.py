"""The join QR code as the projector draws it: it decodes from the screen's own cells at every
size, never inverted, in the lobby, in the corner for late joiners and shown large.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Size
from textual.widgets import Static

from samspill_tui.content import Library
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.join import JoinCorner, QRScreen
from samspill_tui.tui.lobby import LobbyView
from samspill_tui.tui.qr import QUIET_ZONE, QRCode, fit_scale, qr_matrix
from samspill_tui.tui.run import SessionScreen
from tests.tui.helpers import wait_for
from tests.tui.qr_helpers import Raster, decode, face_of, inverted, lobby_app, read, screen_image, shown_url

LAN = [("wlan0", "192.168.1.23"), ("lo", "127.0.0.1")]



def test_matrix_has_quiet_zone_and_ecc_m() -> None:
    matrix = qr_matrix("http://192.168.1.23:8765/j/abcdefghijklmnopqrstuv")
    n = len(matrix)
    border = [matrix[i][j] for i in range(n) for j in range(n)
              if min(i, j) < QUIET_ZONE or max(i, j) >= n - QUIET_ZONE]
    assert not any(border)
    assert any(matrix[QUIET_ZONE])  # the finder pattern starts right inside the quiet zone
    image = Raster.from_rows([bytes(0 if dark else 255 for dark in row) for row in matrix], 8)
    [found] = read(image)
    assert found.ec_level == "M"


@pytest.mark.parametrize(("modules", "width", "height", "most", "scale"), [
    (41, 78, 21, 8, 1),   # 80×24: exactly one module per column and half-row
    (41, 78, 20, 8, 0),   # one row short: it does not fit at all
    (41, 40, 30, 8, 0),   # one column short
    (41, 164, 41, 8, 2),
    (41, 400, 200, 3, 3),  # capped
])
def test_fit_scale(modules: int, width: int, height: int, most: int, scale: int) -> None:
    assert fit_scale(modules, width, height, most) == scale


def _assert_whole_and_square(app: SamspillApp, qr: QRCode) -> None:
    side = qr.modules * qr.scale
    assert qr.region.size == Size(side, (side + 1) // 2)
    assert app.screen.region.contains_region(qr.region)


@pytest.mark.parametrize(("size", "scale"), [((80, 24), 1), ((120, 40), 1), ((200, 60), 2)])
async def test_lobby_qr_decodes_to_the_address_shown(tmp_path: Path, library: Library,
                                                     size: tuple[int, int], scale: int) -> None:
    app = lobby_app(library, tmp_path, "qr", nets=LAN)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: app.screen.query(LobbyView))
        app.screen.query_one(LobbyView).choose("192.168.1.23")
        await pilot.pause()
        qr = app.screen.query_one("#qr", QRCode)
        assert qr.scale == scale
        _assert_whole_and_square(app, qr)
        shown = shown_url(app)
        assert app.face is not None and shown == app.face.join_url
        assert shown.startswith("http://192.168.1.23:")
        image = screen_image(app)
        assert decode(image) == [shown]
        assert decode(inverted(image)) == []


async def test_lobby_qr_stays_black_on_white_in_the_dark_theme(tmp_path: Path, library: Library) -> None:
    app = lobby_app(library, tmp_path, "qr", theme="dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(LobbyView))
        await pilot.pause()
        assert app.theme == "samspill-mørk"
        image = screen_image(app)
        assert app.face is not None and decode(image) == [app.face.join_url]
        assert decode(inverted(image)) == []


# The corner rule (join.CORNER_SHARE): the QR code is drawn when at one module per cell it takes
# at most a quarter of the width and 40 % of the height, otherwise the corner shows text only.
@pytest.mark.parametrize(("size", "qr_shown"), [
    ((80, 24), False), ((120, 40), False), ((200, 60), True), ((240, 70), True),
])
async def test_join_corner_for_late_joiners(tmp_path: Path, library: Library, size: tuple[int, int],
                                            qr_shown: bool) -> None:
    app = lobby_app(library, tmp_path, "hjorne", nets=LAN)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.session is not None
        face = face_of(app)
        face.announce("192.168.1.23")
        await app.session.go_to(1)
        await wait_for(pilot, lambda: app.screen.query("CaseView"))
        screen = app.screen
        await pilot.pause()
        corner = screen.query_one(JoinCorner)
        origin = str(corner.query_one("#corner-origin", Static).render())
        assert origin == face.origin == f"http://192.168.1.23:{face.port}"
        assert app.session.code in str(corner.query_one("#corner-code", Static).render())
        assert screen.region.contains_region(corner.region)
        qr = corner.query_one(QRCode)
        image = screen_image(app)
        if qr_shown:
            assert qr.scale == 1
            _assert_whole_and_square(app, qr)
            assert decode(image) == [face.join_url]
            assert face.join_url.startswith(origin + "/")
            assert decode(inverted(image)) == []
        else:
            assert qr.scale == 0 and decode(image) == []


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_qr_screen_shows_the_code_large(tmp_path: Path, library: Library,
                                              size: tuple[int, int]) -> None:
    app = lobby_app(library, tmp_path, "stor", nets=LAN)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.session is not None
        face = face_of(app)
        await app.push_screen(QRScreen(app.session, face))
        await pilot.pause()
        qr = app.screen.query_one(QRCode)
        assert qr.scale >= size[1] // 24
        _assert_whole_and_square(app, qr)
        shown = str(app.screen.query_one("#qr-large-url", Static).render())
        image = screen_image(app)
        assert decode(image) == [shown] == [face.join_url]
        assert decode(inverted(image)) == []
        await app.session.rotate_token()
        await wait_for(pilot, lambda: qr.data == face.join_url)
        await pilot.pause()
        assert decode(screen_image(app)) == [face.join_url]
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))


async def test_join_corner_hides_the_code_while_joining_is_closed(tmp_path: Path, library: Library) -> None:
    app = lobby_app(library, tmp_path, "stengt", nets=LAN)
    async with app.run_test(size=(200, 60)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.session is not None
        await app.session.go_to(1)
        await wait_for(pilot, lambda: app.screen.query("CaseView"))
        if not app.screen.query(JoinCorner):
            await app.screen.query_one("#corner").mount(JoinCorner(app.session, face_of(app)))
        await pilot.pause()
        corner = app.screen.query_one(JoinCorner)
        assert decode(screen_image(app)) == [face_of(app).join_url]
        await app.session.set_joining(False)
        await wait_for(pilot, lambda: corner.query_one("#corner-closed").display)
        await pilot.pause()
        assert not corner.query_one(QRCode).display and decode(screen_image(app)) == []
        assert str(corner.query_one("#corner-closed", Static).render()) == "Påmeldingen er stengt"
        await app.session.set_joining(True)
        await wait_for(pilot, lambda: corner.query_one(QRCode).display)
