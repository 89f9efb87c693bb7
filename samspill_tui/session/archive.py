"""The stored sessions of a data folder: list them, and delete one with everything exported from it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from samspill_tui.session.lock import try_lock, unlock
from samspill_tui.session.store import (
    NAME_RE,
    SessionLockedError,
    journal_path,
    read_snapshot,
    session_path,
    temp_files,
)

EXPORT_SUFFIX = ".export"  # a session's exports: DATA_DIR/NAME.export/NAME.{md,html,csv,json,xlsx,pdf}
_OLDER_EXPORTS = ("md", "html", "csv")  # written beside the session file by older versions


def export_folder(data_dir: Path, name: str) -> Path:
    """Where the app writes the exports of session ``name`` (never a session file's name)."""
    return data_dir / f"{name}{EXPORT_SUFFIX}"


@dataclass(frozen=True)
class StoredSession:
    """One session file as listed: what it is and how much it holds."""

    name: str
    programme: str
    created: str
    participants: int
    size: int  # bytes on disk, the session file and its exports


def _size(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


def session_files(data_dir: Path, name: str) -> list[Path]:
    """Every file of session ``name`` that exists: the data, its journal and lock, leftovers, the
    exports."""
    path = session_path(data_dir, name)
    folder = export_folder(data_dir, name)
    candidates = [path, journal_path(path), path.with_suffix(".lock"), *temp_files(path)]
    candidates += [data_dir / f"{name}.{fmt}" for fmt in _OLDER_EXPORTS]
    if folder.is_dir() and not folder.is_symlink():
        candidates += [p for p in folder.iterdir() if p.is_file() or p.is_symlink()]
    return [p for p in candidates if p.is_file() or p.is_symlink()]


def list_sessions(data_dir: Path) -> list[StoredSession]:
    """The sessions in ``data_dir``, oldest first; unreadable files are listed with what is known."""
    found = []
    for path in sorted(data_dir.glob("*.json")):
        name = path.stem
        if not path.is_file() or not NAME_RE.match(name):
            continue
        meta: dict[str, object] = {}
        participants = 0
        with contextlib.suppress(OSError, ValueError, AttributeError, IndexError):
            tables = read_snapshot(path)
            participants = len(tables["participants"])
            meta = tables["meta"][0]
        found.append(StoredSession(name, str(meta.get("programme", "?")), str(meta.get("created", "")),
                                   participants, _size(session_files(data_dir, name))))
    return sorted(found, key=lambda s: (s.created, s.name))


@contextlib.contextmanager
def _locked(data_dir: Path, name: str) -> Iterator[None]:
    """Hold session ``name``'s lock; SessionLockedError if a running app has it open."""
    lock = session_path(data_dir, name).with_suffix(".lock")
    with open(lock, "a+") as f:
        if not try_lock(f):
            raise SessionLockedError(name, "")
        try:
            yield
        finally:
            unlock(f)


def delete_session(data_dir: Path, name: str) -> list[Path]:
    """Remove session ``name``'s data, lock and exports from disk; returns what was removed.

    Raises FileNotFoundError if there is no such session and SessionLockedError while it is open.
    """
    path = session_path(data_dir, name)
    if not path.is_file():
        raise FileNotFoundError(path)
    with _locked(data_dir, name):
        removed = []
        for file in session_files(data_dir, name):
            file.unlink(missing_ok=True)
            removed.append(file)
    folder = export_folder(data_dir, name)
    if folder.name.endswith(EXPORT_SUFFIX) and folder.is_dir() and not folder.is_symlink():
        with contextlib.suppress(OSError):  # left in place if someone put other files there
            folder.rmdir()
    return removed
