"""A QR code drawn with half-block characters, sized to the space it has.

Each module is ``scale`` columns wide and ``scale`` half-rows high: with a terminal cell about
twice as high as it is wide, a module is square at every scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import groupby

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

QUIET_ZONE = 4
# Black on white whatever the theme: a code drawn in the theme's colours comes out inverted
# (light on dark) in a dark theme, and many phone scanners cannot read an inverted code.
DARK, LIGHT = "#000000", "#ffffff"
_STYLES = {
    (upper, lower): Style(color=DARK if upper else LIGHT, bgcolor=DARK if lower else LIGHT)
    for upper in (False, True)
    for lower in (False, True)
}


@lru_cache(maxsize=8)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """Modules of the QR code for ``data`` (True = dark), ECC M, with a 4-module quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def fit_scale(modules: int, width: int, height: int, max_scale: int) -> int:
    """The largest scale (≤ ``max_scale``) at which ``modules`` fit ``width`` × ``height`` cells, or 0."""
    if modules <= 0:
        return 0
    return max(0, min(max_scale, width // modules, (2 * height) // modules))


def render_matrix(matrix: Sequence[Sequence[bool]], scale: int = 1) -> list[Strip]:
    """Draw ``matrix`` with each module ``scale`` cells wide and ``scale`` half-rows high."""
    rows = [[cell for cell in row for _ in range(scale)] for row in matrix for _ in range(scale)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return [Strip([Segment("▀" * len(list(run)), _STYLES[pair])  # one segment per run of equal cells
                   for pair, run in groupby(zip(top, bottom, strict=True))], len(top))
            for top, bottom in zip(rows[0::2], rows[1::2], strict=True)]


class QRCode(Widget):
    """``data`` as a QR code at the largest scale that fits; it takes no space when none fits.

    The space is the container's, less ``reserve`` (columns, rows) kept for what sits beside or
    under it; or, given ``share`` (fractions of width and height), that share of the terminal, for a
    code in a container that takes its size from its content (a corner).
    """

    DEFAULT_CSS = """
    QRCode { width: auto; height: auto; }
    """

    def __init__(self, data: str, *, reserve: tuple[int, int] = (0, 0), max_scale: int = 8,
                 share: tuple[float, float] | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.reserve, self.max_scale, self.share = reserve, max_scale, share
        self.data = data
        self.matrix = qr_matrix(data)
        self._drawn: tuple[str, int, list[Strip]] = ("", 0, [])  # data, scale, lines

    @property
    def modules(self) -> int:
        """Modules per side, quiet zone included."""
        return len(self.matrix)

    @property
    def scale(self) -> int:
        """Cells per module as drawn now (0: hidden for lack of space)."""
        return fit_scale(self.modules, self.content_size.width, self.content_size.height, self.max_scale)

    def set_data(self, data: str) -> None:
        """Show a new address (e.g. after the join token changed)."""
        if data != self.data:
            self.data = data
            self.matrix = qr_matrix(data)
            self.refresh(layout=True)

    def _fit(self, container: Size, viewport: Size) -> int:
        if self.share is not None:
            width, height = int(viewport.width * self.share[0]), int(viewport.height * self.share[1])
        else:
            width, height = container.width - self.reserve[0], container.height - self.reserve[1]
        return fit_scale(self.modules, width, height, self.max_scale)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.modules * self._fit(container, viewport)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return (width + 1) // 2

    def render_line(self, y: int) -> Strip:
        data, scale, lines = self._drawn
        if (data, scale) != (self.data, self.scale):
            scale = self.scale
            lines = render_matrix(self.matrix, scale) if scale else []
            self._drawn = (self.data, scale, lines)
        return lines[y] if y < len(lines) else Strip.blank(self.size.width)
