"""The console's local channel: where its socket is, and its line-based JSON messages (docs/console.md)."""

from __future__ import annotations

import json
import os
import socket
import stat
from enum import StrEnum
from pathlib import Path
from typing import Any

from samspill_tui.session.store import check_name

VERSION = 1
# What a console may ask the app to do: the facilitator's keys (docs/console.md).
ACTIONS = frozenset({"next", "previous", "reveal", "lock", "timer", "timer_more", "timer_less",
                     "qr", "joining", "reset", "export", "premoderate"})
MAX_LINE = 64 * 1024  # a console's command is a few dozen bytes


class ProtocolError(ValueError):
    """A line that is not a message of this protocol version."""


class Probe(StrEnum):
    """What a console finds at a session's socket before it attaches."""

    RUNNING = "running"
    NONE = "none"  # no socket: no app runs the session
    STALE = "stale"  # a socket left by an app that crashed (removed)
    FOREIGN = "foreign"  # another user's socket: refused


def socket_path(data_dir: Path, name: str) -> Path:
    """The console socket of session ``name``, beside its file."""
    return data_dir / f"{check_name(name)}.console.sock"


def encode(kind: str, **fields: Any) -> bytes:
    """One message as a line of JSON."""
    return json.dumps({"v": VERSION, "type": kind, **fields}, ensure_ascii=False).encode() + b"\n"


def decode(line: bytes) -> dict[str, Any]:
    """The message on one line; a line of another version or shape raises ``ProtocolError``."""
    try:
        message = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProtocolError("not JSON") from exc
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ProtocolError("not a message")
    if message.get("v") != VERSION:
        raise ProtocolError(f"version {message.get('v')!r}, expected {VERSION}")
    return message


def probe(path: Path) -> Probe:
    """Whether an app runs the session whose socket is ``path``; a stale socket is removed."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return Probe.NONE
    if info.st_uid != os.getuid() or not stat.S_ISSOCK(info.st_mode):
        return Probe.FOREIGN
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        try:
            sock.connect(str(path))
        except PermissionError:
            return Probe.FOREIGN
        except OSError:  # refused: nobody listens, the app that made it is gone
            path.unlink(missing_ok=True)
            return Probe.STALE
    return Probe.RUNNING
