"""What the store needs from the operating system, the same on Linux, macOS and Windows.

- The session lock: an exclusive, non-blocking lock on an open file (``<name>.lock``), released
  by the OS when the process dies: ``fcntl.flock`` on Linux and macOS, ``msvcrt.locking`` on
  Windows, each imported only on its own platform. It locks a handle we already hold, so the lock
  file keeps the record of its owner (the refusal message, a crashed owner recognised);
  ``filelock`` owns the path instead, and deletes or truncates the file on release. (portalocker
  did the same, but importing it took about 30 ms of the start-up: its package pulls in redis
  support, uuid and platform.)
- The folder fsync after a rename, which makes the rename itself durable: POSIX systems have it;
  Windows cannot open a folder as a file and has none (NTFS journals the rename), so it is skipped.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Any

HAS_FOLDER_FSYNC = sys.platform != "win32"

if sys.platform == "win32":
    import msvcrt

    def try_lock(file: IO[Any]) -> bool:
        """Take an exclusive lock on ``file`` without waiting; False if another process holds it."""
        file.seek(0)
        try:
            msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def unlock(file: IO[Any]) -> None:
        """Release the lock taken by :func:`try_lock`."""
        file.seek(0)
        msvcrt.locking(file.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def try_lock(file: IO[Any]) -> bool:
        """Take an exclusive lock on ``file`` without waiting; False if another process holds it."""
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def unlock(file: IO[Any]) -> None:
        """Release the lock taken by :func:`try_lock`."""
        fcntl.flock(file, fcntl.LOCK_UN)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where the OS has no folder fsync)."""
    if not HAS_FOLDER_FSYNC:
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
