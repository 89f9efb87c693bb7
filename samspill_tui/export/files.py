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

FORMATS: dict[str, Callable[[Summary], str]] = {
    "md": summary_markdown,
    "html": summary_html,
    "csv": summary_csv,
    "json": summary_json,
}


def render(summary: Summary, fmt: str) -> str:
    """The summary as text in format ``fmt`` (one of FORMATS)."""
    return FORMATS[fmt](summary)


def write_exports(summary: Summary, folder: Path, note: Attachment | None = None) -> list[Path]:
    """Write the summary in every format into ``folder`` (created if needed), and an attached
    ``note`` as its own confidential file; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt, renderer in FORMATS.items():
        path = folder / f"{summary.session}.{fmt}"
        write_atomically(path, [renderer(summary).encode()])
        paths.append(path)
    if note is not None:
        paths.append(write_attachment(note, attachment_path(folder, note)))
    return paths
