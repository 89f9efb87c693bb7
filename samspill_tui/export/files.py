"""Rendering a summary in a named format and writing export files atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from samspill_tui.export.csvexport import summary_csv
from samspill_tui.export.html import summary_html
from samspill_tui.export.jsonexport import summary_json
from samspill_tui.export.markdown import summary_markdown
from samspill_tui.export.summary import Summary
from samspill_tui.session.store import write_atomically

FORMATS: dict[str, Callable[[Summary], str]] = {
    "md": summary_markdown,
    "html": summary_html,
    "csv": summary_csv,
    "json": summary_json,
}
EXPORT_SUFFIX = ".export"  # a session's exports: DATA_DIR/NAME.export/NAME.{md,html,csv,json}


def render(summary: Summary, fmt: str) -> str:
    """The summary as text in format ``fmt`` (one of FORMATS)."""
    return FORMATS[fmt](summary)


def export_folder(data_dir: Path, name: str) -> Path:
    """Where the app writes the exports of session ``name`` (never a session file's name)."""
    return data_dir / f"{name}{EXPORT_SUFFIX}"


def write_exports(summary: Summary, folder: Path) -> list[Path]:
    """Write the summary in every format into ``folder`` (created if needed); returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt, renderer in FORMATS.items():
        path = folder / f"{summary.session}.{fmt}"
        write_atomically(path, [renderer(summary).encode()])
        paths.append(path)
    return paths
