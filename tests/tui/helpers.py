"""Helpers for driving the real app under Pilot."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from textual.geometry import Region
from textual.pilot import Pilot

from samspill_tui.content import Library
from samspill_tui.session.live import Session
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.qr import QRCode
from samspill_tui.web.server import WebServer


def make_app(library: Library, data_dir: Path, start: tuple[str, str] | None) -> SamspillApp:
    async def serve(session: Session) -> WebServer:
        server = WebServer(session, "127.0.0.1", 0)
        await server.start()
        return server

    return SamspillApp(library=library, lang="nb", data_dir=data_dir, serve=serve, start=start)


async def wait_for(pilot: Pilot[None], condition: Callable[[], object], timeout: float = 10) -> None:
    """Wait until ``condition()`` is true, letting the app run meanwhile."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


def qr_image(widget: QRCode, pixels_per_module: int = 4) -> Image.Image:
    """Rasterise what the widget actually draws (characters and their colours) to an image."""
    width, height = widget.size
    strips = widget.render_lines(Region(0, 0, width, height))
    rows: list[list[bool]] = [[], []]
    image_rows: list[list[bool]] = []
    for strip in strips:
        rows = [[], []]
        for seg in strip:
            for ch in seg.text:
                fg = seg.style.color.get_truecolor() if seg.style and seg.style.color else None
                bg = seg.style.bgcolor.get_truecolor() if seg.style and seg.style.bgcolor else None
                top = fg if ch in "▀█" else bg
                bottom = fg if ch in "▄█" else bg
                rows[0].append(_dark(top))
                rows[1].append(_dark(bottom))
        image_rows += rows
    img = Image.new("L", (len(image_rows[0]) * pixels_per_module, len(image_rows) * pixels_per_module))
    for y, row in enumerate(image_rows):
        for x, dark in enumerate(row):
            value = 0 if dark else 255
            for dy in range(pixels_per_module):
                for dx in range(pixels_per_module):
                    img.putpixel((x * pixels_per_module + dx, y * pixels_per_module + dy), value)
    return img


def _dark(rgb: object) -> bool:
    if rgb is None:
        return False
    r, g, b = rgb  # type: ignore[misc]
    return (0.299 * r + 0.587 * g + 0.114 * b) < 128
