"""Rendering a summary in a named format and writing export files atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from samspill_tui.export.attachment import attachment_path, write_attachment
from samspill_tui.export.csvexport import summary_csv
from samspill_tui.export.html import summary_html
from samspill_tui.export.jsonexport import summary_json
from samspill_tui.export.markdown import summary_markdown
from samspill_tui.session.store import write_atomically
from samspill_tui.session.summary import Attachment, Summary

# Text formats, and the binary ones (imported when used: WeasyPrint and openpyxl are large).
FORMATS: dict[str, Callable[[Summary], str]] = {
    "md": summary_markdown,
    "html": summary_html,
    "csv": summary_csv,
    "json": summary_json,
}
BINARY = ("xlsx", "pdf")
ALL_FORMATS = (*FORMATS, *BINARY)


class ExportIncomplete(Exception):
    """Every format but one or more was written; ``written`` lists the files, ``reason`` says why."""

    def __init__(self, written: list[Path], reason: str) -> None:
        super().__init__(reason)
        self.written, self.reason = written, reason


def render(summary: Summary, fmt: str) -> str:
    """The summary as text in text format ``fmt`` (one of FORMATS)."""
    return FORMATS[fmt](summary)


def render_bytes(summary: Summary, fmt: str, *, csv_dialect: str = "standard") -> bytes:
    """The summary as the bytes of a file in any format (one of ALL_FORMATS).

    Raises :class:`samspill_tui.export.pdf.PdfUnavailable` for ``pdf`` where Pango is missing.
    """
    if fmt == "pdf":
        from samspill_tui.export.pdf import summary_pdf

        return summary_pdf(summary)
    if fmt == "xlsx":
        from samspill_tui.export.xlsx import summary_xlsx

        return summary_xlsx(summary)
    if fmt == "csv":
        return summary_csv(summary, csv_dialect).encode()
    return render(summary, fmt).encode()


def write_exports(summary: Summary, folder: Path, note: Attachment | None = None) -> list[Path]:
    """Write the summary in every format into ``folder`` (created if needed), and an attached
    ``note`` as its own confidential file; returns the paths.

    Where the PDF cannot be made (Pango missing), every other file is still written and
    :class:`ExportIncomplete` says so.
    """
    from samspill_tui.export.pdf import PdfUnavailable

    folder.mkdir(parents=True, exist_ok=True)
    paths, missing = [], ""
    for fmt in ALL_FORMATS:
        path = folder / f"{summary.session}.{fmt}"
        try:
            data = render_bytes(summary, fmt)
        except PdfUnavailable as exc:
            missing = str(exc)
            continue
        write_atomically(path, [data])
        paths.append(path)
    if note is not None:
        paths.append(write_attachment(note, attachment_path(folder, note)))
    if missing:
        raise ExportIncomplete(paths, missing)
    return paths
