"""Every export format as text, for tests that look for what must (not) be in an export.

Text formats are their own text; an .xlsx is every cell of every sheet (sheet names first, one row
a line, cells separated by tabs); a PDF is the text pypdf extracts, whitespace folded to single
spaces (WeasyPrint breaks lines where it likes).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from samspill_tui.export.files import ALL_FORMATS, render_bytes
from samspill_tui.session.summary import Summary

__all__ = ["ALL_FORMATS", "export_text", "file_text", "pdf_pages", "readable", "xlsx_dump"]


def xlsx_dump(data: bytes) -> str:
    """Every sheet of a workbook as text: its name, then its rows (cells tab-separated)."""
    book = load_workbook(io.BytesIO(data))
    out = []
    for sheet in book.worksheets:
        out.append(f"## {sheet.title}")
        for row in sheet.iter_rows(values_only=True):
            out.append("\t".join("" if v is None else str(v) for v in row))
    return "\n".join(out) + "\n"


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def readable(fmt: str, data: bytes) -> str:
    """The text a reader of the file in format ``fmt`` can see."""
    if fmt == "xlsx":
        return xlsx_dump(data)
    if fmt == "pdf":
        return re.sub(r"\s+", " ", " ".join(pdf_pages(data)))
    return data.decode("utf-8-sig")


def export_text(summary: Summary, fmt: str) -> str:
    """The summary in ``fmt``, as text."""
    return readable(fmt, render_bytes(summary, fmt))


def file_text(path: Path) -> str:
    """An exported file as text, by its suffix."""
    return readable(path.suffix.lstrip("."), path.read_bytes())
