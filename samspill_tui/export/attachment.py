"""The kommunedirektør's attached note as its own file, marked as confidential personnel material.

The note is never part of a summary or referat; this is the only way it leaves the session.
"""

from __future__ import annotations

from pathlib import Path

from samspill_tui.i18n import t
from samspill_tui.session.store import write_atomically
from samspill_tui.session.summary import Attachment

SUFFIX = ".vedlegg-fortrolig.md"


def attachment_markdown(note: Attachment) -> str:
    """The note under a confidentiality mark, its raw HTML made literal (outside code fences)."""
    lines, fenced = [], False
    for line in note.text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        lines.append(line if fenced else line.replace("<", "\\<"))
    head = [f"**{t(note.lang, 'attachment.mark')}**", t(note.lang, "attachment.intro", session=note.session,
                                                          name=note.name), "---"]
    return "\n\n".join([*head, "\n".join(lines)]) + "\n"


def attachment_path(folder: Path, note: Attachment) -> Path:
    """Where the note's file goes in an export folder."""
    return folder / f"{note.session}{SUFFIX}"


def write_attachment(note: Attachment, path: Path) -> Path:
    """Write the confidential note file atomically; returns its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, [attachment_markdown(note).encode()])
    path.chmod(0o600)
    return path
