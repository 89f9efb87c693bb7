"""The console's local channel: where it is, how a console attaches, and its line-based JSON
messages (docs/console.md)."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import os
import secrets
import socket
import stat
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Any

from samspill_tui.session.store import check_name

VERSION = 1
# What a console may ask the app to do: the facilitator's keys (docs/console.md).
ACTIONS = frozenset({"next", "previous", "reveal", "phone_results", "lock", "by_role", "timer",
                     "timer_more", "timer_less", "timer_closes", "qr", "joining", "new_code", "reset",
                     "raise_limits", "export", "premoderate"})
MAX_LINE = 64 * 1024  # a console's command is a few hundred bytes at most
# Windows has no asyncio Unix server: there the channel is a loopback TCP port whose number and
# secret are in a user-only file beside the session (tests force it on Linux).
USE_TCP = not hasattr(socket, "AF_UNIX")
LOOPBACK = "127.0.0.1"


class ProtocolError(ValueError):
    """A line that is not a message of this protocol version."""


class Probe(StrEnum):
    """What a console finds at a session's channel before it attaches."""

    RUNNING = "running"
    NONE = "none"  # no channel: no app runs the session
    STALE = "stale"  # a channel left by an app that crashed (removed)
    FOREIGN = "foreign"  # another user's: refused


def socket_path(data_dir: Path, name: str) -> Path:
    """The console socket of session ``name``, beside its file."""
    return data_dir / f"{check_name(name)}.console.sock"


def ticket_path(data_dir: Path, name: str) -> Path:
    """Where the loopback transport keeps the port and secret of session ``name``'s channel."""
    return data_dir / f"{check_name(name)}.console.json"


def channel_path(data_dir: Path, name: str) -> Path:
    """The file a console of session ``name`` attaches through: the socket, or the ticket."""
    return ticket_path(data_dir, name) if USE_TCP else socket_path(data_dir, name)


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


def _foreign(info: os.stat_result, kind: int) -> bool:
    """Whether a channel file is not this user's own (of file type ``kind``)."""
    getuid = getattr(os, "getuid", None)  # Windows: the data folder's permissions protect the ticket
    return (getuid is not None and info.st_uid != getuid()) or stat.S_IFMT(info.st_mode) != kind


def _ticket(path: Path) -> tuple[int, str]:
    """The port and secret in a ticket; a damaged one raises ``ValueError``."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return int(doc["port"]), str(doc["secret"])
    except (UnicodeDecodeError, KeyError, TypeError) as exc:
        raise ValueError("not a ticket") from exc


def probe(path: Path) -> Probe:
    """Whether an app runs the session whose channel is ``path``; a stale one is removed."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return Probe.NONE
    if _foreign(info, stat.S_IFREG if USE_TCP else stat.S_IFSOCK):
        return Probe.FOREIGN
    try:
        if USE_TCP:
            port, _ = _ticket(path)
            socket.create_connection((LOOPBACK, port), timeout=2).close()
        else:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.connect(str(path))
    except PermissionError:
        return Probe.FOREIGN
    except (OSError, ValueError):  # refused: nobody listens, the app that made it is gone
        path.unlink(missing_ok=True)
        return Probe.STALE
    return Probe.RUNNING


async def connect(path: Path) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Attach to the channel at ``path`` (on the loopback transport, presenting its secret)."""
    if not USE_TCP:
        return await asyncio.open_unix_connection(str(path), limit=MAX_LINE * 64)
    port, secret = _ticket(path)
    reader, writer = await asyncio.open_connection(LOOPBACK, port, limit=MAX_LINE * 64)
    writer.write(encode("auth", secret=secret))
    return reader, writer


def new_secret() -> str:
    """A secret for a loopback channel's ticket."""
    return secrets.token_urlsafe(32)


def is_secret(message: dict[str, Any], secret: str) -> bool:
    """Whether ``message`` is an ``auth`` line that presents ``secret``."""
    given = message.get("secret")
    return (message["type"] == "auth" and isinstance(given, str)
            and hmac.compare_digest(given.encode(), secret.encode()))


def write_ticket(path: Path, port: int, secret: str) -> None:
    """Write the loopback channel's port and secret where only this user can read them."""
    fd, temporary = tempfile.mkstemp(prefix=".console-", dir=path.parent)  # created 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"v": VERSION, "port": port, "secret": secret}, out)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
