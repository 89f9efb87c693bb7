"""Helpers for the lobby and QR tests: the screen rasterised for a QR decoder, and the real app
with a phone face whose list of networks the test chooses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import zxingcpp
from rich.segment import Segment
from textual.app import App
from textual.widgets import Static

from samspill_tui.content import Library
from samspill_tui.session.live import Session
from samspill_tui.tui.app import SamspillApp
from samspill_tui.web.server import WebServer

UPPER, LOWER, FULL = "▀", "▄", "█"


@dataclass(frozen=True)
class Raster:
    """A greyscale image for the decoder: ``width`` × ``height`` bytes, 0 black to 255 white."""

    data: bytes
    width: int
    height: int

    @classmethod
    def from_rows(cls, rows: Sequence[bytes], pixels: int) -> Raster:
        """``rows`` (padded with white to the widest) with each pixel drawn ``pixels`` times larger."""
        width = max(len(row) for row in rows)
        scaled = [bytes(b for b in row.ljust(width, b"\xff") for _ in range(pixels)) for row in rows]
        return cls(b"".join(row for row in scaled for _ in range(pixels)), width * pixels,
                   len(rows) * pixels)


def screen_image(app: App[None], pixels: int = 3) -> Raster:
    """Every cell the screen draws, as two half-cell pixels (top, bottom) in its real colours.

    Block characters paint their foreground over the half they cover; every other character is
    taken as its background (letters are thin strokes, not areas).
    """
    strips = app.screen._compositor.render_strips()
    rows: list[bytes] = []
    for strip in strips:
        top, bottom = bytearray(), bytearray()
        for seg in strip:
            fg, bg = _grey(seg, fg=True), _grey(seg, fg=False)
            for ch in seg.text:
                top.append(fg if ch in (UPPER, FULL) else bg)
                bottom.append(fg if ch in (LOWER, FULL) else bg)
        rows += [bytes(top), bytes(bottom)]
    return Raster.from_rows(rows, pixels)


def _grey(seg: Segment, *, fg: bool) -> int:
    colour = seg.style and (seg.style.color if fg else seg.style.bgcolor)
    if not colour:
        return 255 if not fg else 0
    r, g, b = colour.get_truecolor()
    return round(0.299 * r + 0.587 * g + 0.114 * b)


def read(image: Raster) -> list[zxingcpp.Barcode]:
    """The QR codes found in ``image``, read as they are (an inverted code is not read)."""
    view = memoryview(image.data).cast("B", (image.height, image.width))
    return list(zxingcpp.read_barcodes(view, try_invert=False))


def decode(image: Raster) -> list[str]:
    """The text of the QR codes found in ``image``."""
    return [r.text for r in read(image)]


def inverted(image: Raster) -> Raster:
    """``image`` in negative: what a QR code drawn in a dark theme's colours would look like."""
    return Raster(image.data.translate(bytes(range(255, -1, -1))), image.width, image.height)


class NetServer(WebServer):
    """The real server on 127.0.0.1, claiming the networks ``nets`` (interface, address)."""

    def __init__(self, session: Session, nets: list[tuple[str, str]]) -> None:
        super().__init__(session, "127.0.0.1", 0)
        self.nets = nets

    def candidates(self) -> list[tuple[str, str]]:
        return list(self.nets)


def face_of(app: SamspillApp) -> NetServer:
    """The app's phone face, as the test server it is."""
    assert isinstance(app.face, NetServer)
    return app.face


def lobby_app(library: Library, data_dir: Path, name: str, *, nets: list[tuple[str, str]] | None = None,
              theme: str = "light") -> SamspillApp:
    """The real app started at the lobby of session ``name``, with a real server on port 0."""
    async def serve(session: Session) -> WebServer:
        server = NetServer(session, nets if nets is not None else [("lo", "127.0.0.1")])
        await server.start()
        return server

    return SamspillApp(library=library, lang="nb", data_dir=data_dir, serve=serve,
                       start=("folkevalgtdag", name), theme=theme)


def shown_url(app: App[None]) -> str:
    """The join address as the lobby shows it in text (the line under «Skann QR-koden…»)."""
    return str(app.screen.query_one("#join-text", Static).render()).splitlines()[1]
