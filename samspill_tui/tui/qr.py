"""A QR code drawn with half-block characters: dark modules on an explicit light background."""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

QUIET_ZONE = 4
DARK, LIGHT = "#000000", "#ffffff"


def qr_matrix(data: str) -> list[list[bool]]:
    """Modules of the QR code for ``data`` (True = dark), with a 4-module quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(data)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def render_matrix(matrix: list[list[bool]], scale: int = 1) -> Text:
    """Draw ``matrix`` with each module ``scale`` cells wide and ``scale`` half-rows high."""
    rows = [[cell for cell in row for _ in range(scale)] for row in matrix for _ in range(scale)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    text = Text(no_wrap=True, end="")
    for top, bottom in zip(rows[0::2], rows[1::2], strict=True):
        for upper, lower in zip(top, bottom, strict=True):
            style = Style(color=DARK if upper else LIGHT, bgcolor=DARK if lower else LIGHT)
            text.append("▀", style)
        text.append("\n")
    text.rstrip()
    return text


class QRCode(Widget):
    """The join address as a QR code, scaled to the space the widget has."""

    DEFAULT_CSS = """
    QRCode { width: auto; height: auto; }
    """

    def __init__(self, data: str, *, max_scale: int = 3, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.data = data
        self.matrix = qr_matrix(data)
        self.max_scale = max_scale

    @property
    def scale(self) -> int:
        """How many cells one module takes, to fill the space available."""
        size = len(self.matrix)
        region = self.parent.size if isinstance(self.parent, Widget) else self.size
        fit = min((region.width - 30) // size, (region.height * 2) // size)
        return max(1, min(self.max_scale, fit))

    def get_content_width(self, container: object, viewport: object) -> int:
        return len(self.matrix) * self.scale

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return (len(self.matrix) * self.scale + 1) // 2

    def render(self) -> Text:
        return render_matrix(self.matrix, self.scale)
