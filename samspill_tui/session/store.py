"""Durable session storage: one TinyDB file per session, written atomically by one writer.

Only the writer thread touches TinyDB. Writes are applied in batches (group commit):
everything submitted while a batch is being written goes into the next one. A caller's
``commit`` returns only after its batch is on disk (temp file, fsync, ``os.replace``,
fsync of the folder); if writing fails, the in-memory database is rolled back to the
file on disk and the caller gets :class:`StoreError`.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import os
import re
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import TinyDB, where
from tinydb.storages import Storage

NAME_RE = re.compile(r"^[\w][\w.-]{0,63}$")
TABLES = ("meta", "participants", "votes", "answers", "steps", "notes", "agreements")


class StoreError(Exception):
    """Writing to disk failed; nothing of the failed batch was acknowledged."""


class SessionLockedError(Exception):
    """Another running app has this session open."""


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


class AtomicJSONStorage(Storage):
    """TinyDB storage kept in memory, flushed to disk atomically on request."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self._data: dict[str, Any] | None = None
        self.reload()

    def reload(self) -> None:
        """Replace the in-memory data by what is on disk."""
        try:
            with open(self.path, "rb") as f:
                self._data = json.loads(f.read() or b"{}")
        except FileNotFoundError:
            self._data = {}

    def read(self) -> dict[str, Any] | None:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data

    def flush(self) -> None:
        """Write the data to a temp file in the same folder, fsync, rename, fsync the folder."""
        payload = json.dumps(self._data, ensure_ascii=False, separators=(",", ":")).encode()
        folder = self.path.parent
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(payload)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@dataclass(frozen=True)
class Put:
    """Insert or replace the document with key ``doc['k']`` in ``table``."""

    table: str
    doc: dict[str, Any]


@dataclass(frozen=True)
class Delete:
    """Remove the document with key ``key`` from ``table`` (nothing if there is none)."""

    table: str
    key: str


Op = Put | Delete


def read_snapshot(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Read a session file as it is on disk, without locking it (for exports)."""
    with open(path, "rb") as f:
        raw = json.loads(f.read() or b"{}")
    return {t: list(raw.get(t, {}).values()) for t in TABLES}


class SessionStore:
    """The durable store of one session, with its lock and its single writer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_file = open(path.with_suffix(".lock"), "a+")  # noqa: SIM115
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_file.close()
            raise SessionLockedError(path.stem) from None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samspill-writer")
        self._db: TinyDB | None = None
        self._pending: list[tuple[Sequence[Op], asyncio.Future[None]]] = []
        self._drain_task: asyncio.Task[None] | None = None

    async def load(self) -> dict[str, list[dict[str, Any]]]:
        """Open the database in the writer and return every table's documents."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._load)

    def _load(self) -> dict[str, list[dict[str, Any]]]:
        self._db = TinyDB(str(self.path), storage=AtomicJSONStorage)
        return {t: [dict(d) for d in self._db.table(t).all()] for t in TABLES}

    async def commit(self, ops: Sequence[Op]) -> None:
        """Return once ``ops`` are on disk; raise StoreError if they could not be written."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((ops, future))
        if self._drain_task is None:
            self._drain_task = asyncio.create_task(self._drain())
        await future

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                ops = [op for ops, _ in batch for op in ops]
                error: BaseException | None = None
                try:
                    await loop.run_in_executor(self._executor, self._write, ops)
                except OSError as exc:
                    error = StoreError(f"{exc.strerror or exc}")
                for _, future in batch:
                    if future.done():
                        continue
                    if error is None:
                        future.set_result(None)
                    else:
                        future.set_exception(error)
        finally:
            self._drain_task = None

    def _write(self, ops: list[Op]) -> None:
        """In the writer thread: apply ``ops`` and flush; roll back on failure."""
        assert self._db is not None, "load() first"
        storage = self._db.storage
        assert isinstance(storage, AtomicJSONStorage)
        try:
            for op in ops:
                if isinstance(op, Put):
                    self._db.table(op.table).upsert(op.doc, where("k") == op.doc["k"])
                else:
                    self._db.table(op.table).remove(where("k") == op.key)
            storage.flush()
        except OSError:
            storage.reload()
            raise

    async def close(self) -> None:
        """Wait for pending writes, stop the writer and release the lock."""
        while self._drain_task is not None:
            await asyncio.shield(self._drain_task)
        self._executor.shutdown(wait=True)
        fcntl.flock(self._lock_file, fcntl.LOCK_UN)
        self._lock_file.close()
