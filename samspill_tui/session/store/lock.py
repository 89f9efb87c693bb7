"""One app per session: an exclusive OS lock on ``NAME.lock`` that names its owner."""

from __future__ import annotations

import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path

from samspill_tui.session.lock import try_lock, unlock


class SessionLockedError(Exception):
    """Another running app has this session open; ``owner`` describes it when known."""

    def __init__(self, name: str, owner: str) -> None:
        super().__init__(f"session {name!r} is open in another app ({owner or 'owner unknown'})")
        self.name, self.owner = name, owner


class SessionLock:
    """The lock of one session, taken on creation.

    The OS releases it when the app dies; the file names the owning process, for the refusal
    message and to recognise a lock left by a crashed app (``stale_owner``, None if the session
    was closed properly or is new).
    """

    def __init__(self, path: Path, name: str) -> None:
        self._file = open(path, "a+")  # noqa: SIM115 - held until release()
        if not try_lock(self._file):
            owner = self._read_owner()
            self._file.close()
            raise SessionLockedError(name, owner)
        # An owner still named in the file left without closing: its app crashed.
        self.stale_owner = self._read_owner() or None
        self._file.truncate(0)
        self._file.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                     "since": datetime.now(UTC).isoformat(timespec="seconds")}))
        self._file.flush()

    def _read_owner(self) -> str:
        self._file.seek(0)
        try:
            owner = json.loads(self._file.read() or "null")
        except (ValueError, OSError):  # Windows: the owner's lock makes the bytes unreadable
            return ""
        if not isinstance(owner, dict):
            return ""
        return f"pid {owner.get('pid')} on {owner.get('host')}, since {owner.get('since')}"

    def release(self) -> None:
        """Empty the owner line (a clean close) and unlock."""
        self._file.truncate(0)
        unlock(self._file)
        self._file.close()
