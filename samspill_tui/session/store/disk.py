"""The session's files on disk: names, the atomic whole-file write, and the journal's records.

A journal is a sequence of records, each ``LLLLLLLL CCCCCCCC payload\\n``: the payload's length
and its CRC-32 in hex, then the payload (one line of JSON). Reading stops at the first record
whose length, checksum or end does not match: a torn last record, cut short by a crash in the
middle of an append, is dropped (it was never acknowledged).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path

from samspill_tui.session.lock import sync_folder

NAME_RE = re.compile(r"^[\w][\w.-]{0,63}$")
HEAD = 18  # "LLLLLLLL CCCCCCCC "


class BadSessionNameError(ValueError):
    """A session name that cannot be a file name."""


def check_name(name: str) -> str:
    """Return ``name`` if it is a valid session name, else raise BadSessionNameError."""
    if not NAME_RE.match(name) or name.endswith(".lock"):
        raise BadSessionNameError(name)
    return name


def session_path(data_dir: Path, name: str) -> Path:
    """The TinyDB file of session ``name``."""
    return data_dir / f"{check_name(name)}.json"


def journal_path(path: Path) -> Path:
    """The journal beside session file ``path``."""
    return path.with_suffix(".journal")


def temp_files(path: Path) -> list[Path]:
    """Temp files an interrupted atomic write of ``path`` or of its journal left behind."""
    folder = path.parent
    return [*folder.glob(f".{path.name}.*.tmp"), *folder.glob(f".{journal_path(path).name}.*.tmp")]


def write_all(fd: int, parts: Iterable[bytes]) -> None:
    """Write every part to ``fd`` at its position, however many calls it takes."""
    for part in parts:
        view = memoryview(part)
        while view:
            view = view[os.write(fd, view):]


def write_atomically(path: Path, parts: Iterable[bytes]) -> None:
    """Write ``parts`` to a temp file beside ``path``, fsync, rename over it, fsync the folder."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            write_all(fd, parts)  # no joined copy: large parts go straight to the kernel
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(path.parent)


def record(payload: bytes) -> bytes:
    """One journal record holding ``payload`` (which must not contain a newline)."""
    return b"%08x %08x " % (len(payload), zlib.crc32(payload)) + payload + b"\n"


def read_records(data: bytes) -> tuple[list[bytes], int]:
    """The payloads of the sound records at the start of ``data``, and where they end."""
    payloads, at = [], 0
    while len(data) - at >= HEAD:
        try:
            size, crc = int(data[at:at + 8], 16), int(data[at + 9:at + 17], 16)
        except ValueError:
            break
        end = at + HEAD + size
        payload = data[at + HEAD:end]
        if len(payload) != size or data[end:end + 1] != b"\n" or zlib.crc32(payload) != crc:
            break
        payloads.append(payload)
        at = end + 1
    return payloads, at


class Journal:
    """The open journal of a session: records appended at its sound end and fsynced.

    A failed append is cut off again (``ftruncate`` to the sound end), so a batch that was not
    acknowledged never comes back at replay; if the cut fails too, the next append cuts first.
    """

    def __init__(self, path: Path, end: int) -> None:
        self.path, self.end = path, end
        self._fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        self._dirty = os.fstat(self._fd).st_size != end  # a torn record left by a crash

    def append(self, data: bytes) -> None:
        """Write ``data`` at the end and fsync; on failure, cut it off again and raise."""
        try:
            if self._dirty:
                self._cut()
            os.lseek(self._fd, self.end, os.SEEK_SET)
            write_all(self._fd, [data])
            os.fsync(self._fd)
        except OSError:
            self._dirty = True
            with contextlib.suppress(OSError):
                self._cut()
            raise
        self.end += len(data)

    def _cut(self) -> None:
        os.ftruncate(self._fd, self.end)
        os.fsync(self._fd)
        self._dirty = False

    def close(self) -> None:
        """Close the file."""
        os.close(self._fd)
