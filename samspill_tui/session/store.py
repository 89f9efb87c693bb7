"""Durable session storage: one TinyDB file per session, written atomically by one writer.

- Group commit: ``commit`` queues a caller's changes; one writer thread writes everything queued
  while the previous batch was on its way to disk as the next batch, and each caller returns only
  once its batch is on disk (temp file in the same folder, fsync, ``os.replace``, fsync of the
  folder). Serialisation and fsync run in the writer thread, never on the event loop.
- Sharding: votes and answers live in one TinyDB table per step inside the same file
  (``votes/<step key>``), so a batch touches small tables. An index of document keys replaces
  query scans, a batch is applied with at most two TinyDB operations per touched table, and a
  flush serialises only the batch's documents: the file is written from cached JSON fragments
  and stays plain TinyDB JSON. Callers and readers see the logical tables of :data:`TABLES`
  (shards merged).
- Failure: a failed write is retried a few times; if it still fails, the in-memory tables are
  put back as they were, the file on disk is the previous one, every caller of the batch gets
  :class:`StoreError`, and the store stays usable for the next batch.
- Lock: an exclusive ``flock`` on ``<name>.lock`` keeps a second app out. The OS releases it when
  the app dies; the file names the owning process, for the refusal message and to recognise a
  lock left by a crashed app.

See docs/store.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import os
import re
import socket
import tempfile
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

NAME_RE = re.compile(r"^[\w][\w.-]{0,63}$")
TABLES = ("meta", "participants", "votes", "answers", "steps", "notes", "agreements")
SHARDED = ("votes", "answers")  # one TinyDB table per step: "<table>/<step key>"
RETRY_DELAYS = (0.05, 0.2, 0.5)  # seconds between the attempts to write a failed batch

Tables = dict[str, list[dict[str, Any]]]


class StoreError(Exception):
    """Writing to disk failed; nothing of the failed batch was acknowledged."""


class SessionLockedError(Exception):
    """Another running app has this session open; ``owner`` describes it when known."""

    def __init__(self, name: str, owner: str) -> None:
        super().__init__(f"session {name!r} is open in another app ({owner or 'owner unknown'})")
        self.name, self.owner = name, owner


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


def physical_table(table: str, doc: Mapping[str, Any]) -> str:
    """The TinyDB table inside the file that holds ``doc`` of logical ``table``."""
    return f"{table}/{doc['step']}" if table in SHARDED else table


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def write_atomically(path: Path, parts: Iterable[bytes]) -> None:
    """Write ``parts`` to a temp file beside ``path``, fsync, rename over it, fsync the folder."""
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.writelines(parts)  # no joined copy: large parts go straight to the kernel
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class AtomicJSONStorage(Storage):
    """TinyDB storage kept in memory, written atomically by ``flush``.

    The JSON text of every table and of every document is cached, so a flush serialises only the
    documents it is told have changed and reuses the cached text of everything else.
    """

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raw = b""
        self._data: dict[str, dict[str, Any]] = json.loads(raw or b"{}")
        self._tables: dict[str, bytes] = {}  # table name -> b'"name":{...}'
        self._docs: dict[str, dict[str, bytes]] = {}  # table name -> document id -> b'"id":{...}'

    def read(self) -> dict[str, dict[str, Any]]:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data

    def flush(self, changed: Mapping[str, Collection[str]]) -> None:
        """Write every table to disk; ``changed`` names the tables and document ids to serialise
        again (anything not cached yet is serialised too)."""
        tables, docs = {}, {}
        for name, table in self._data.items():
            cached = self._tables.get(name)
            if cached is not None and name not in changed:
                tables[name] = cached
                continue
            old, dirty, texts = self._docs.get(name, {}), changed.get(name, ()), {}
            for doc_id, doc in table.items():
                text = None if doc_id in dirty else old.get(doc_id)
                texts[doc_id] = text if text is not None else _dumps(doc_id) + b":" + _dumps(doc)
            docs[name] = texts
            tables[name] = _dumps(name) + b":{" + b",".join(texts.values()) + b"}"
        parts = [b"{"]
        for text in tables.values():
            parts += (text, b",")
        if tables:
            parts.pop()  # the last comma
        parts.append(b"}")
        write_atomically(self.path, parts)
        self._tables = tables  # the caches change only once the file is written
        self._docs = {name: docs[name] if name in docs else self._docs[name] for name in tables}


@dataclass(frozen=True)
class Put:
    """Insert or replace the document with key ``doc['k']`` in ``table``.

    Documents of the sharded tables (votes, answers) must carry their step in ``doc['step']``.
    """

    table: str
    doc: dict[str, Any]


@dataclass(frozen=True)
class Delete:
    """Remove the document with key ``key`` from ``table`` (nothing if there is none)."""

    table: str
    key: str


Op = Put | Delete


def _logical_tables(raw: Mapping[str, Mapping[str, Any]]) -> Tables:
    """The documents of every logical table in a file's data, shards merged, in insertion order."""
    tables: Tables = {t: [] for t in TABLES}
    for name, docs in raw.items():
        logical = tables.get(name.split("/", 1)[0])
        if logical is not None:
            logical += [dict(docs[doc_id]) for doc_id in sorted(docs, key=int)]
    return tables


def read_snapshot(path: Path) -> Tables:
    """Read a session file as it is on disk, without locking it (for exports)."""
    with open(path, "rb") as f:
        return _logical_tables(json.loads(f.read() or b"{}"))


class SessionStore:
    """The durable store of one session, with its lock and its single writer.

    ``stale_owner`` describes the app that last held the lock and died without closing (None if
    the session was closed properly or is new).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_file = open(path.with_suffix(".lock"), "a+")  # noqa: SIM115
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = self._read_owner()
            self._lock_file.close()
            raise SessionLockedError(path.stem, owner) from None
        # An owner still named in the file left without closing: its app crashed.
        self.stale_owner = self._read_owner() or None
        self._write_owner()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samspill-writer")
        self._db: TinyDB | None = None
        # Writer thread only: logical table -> document key -> (TinyDB table, document id).
        self._index: dict[str, dict[str, tuple[str, int]]] = {}
        self._next_id: dict[str, int] = {}  # TinyDB table -> the id its next new document gets
        self._pending: list[tuple[Sequence[Op], asyncio.Future[None]]] = []
        self._drain_task: asyncio.Task[None] | None = None

    def _read_owner(self) -> str:
        self._lock_file.seek(0)
        try:
            owner = json.loads(self._lock_file.read() or "null")
        except ValueError:
            return ""
        if not isinstance(owner, dict):
            return ""
        return f"pid {owner.get('pid')} on {owner.get('host')}, since {owner.get('since')}"

    def _write_owner(self) -> None:
        self._lock_file.truncate(0)
        self._lock_file.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                          "since": datetime.now(UTC).isoformat(timespec="seconds")}))
        self._lock_file.flush()

    async def load(self) -> Tables:
        """Open the database in the writer and return every table's documents."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._load)

    def _load(self) -> Tables:
        for tmp in self.path.parent.glob(f".{self.path.name}.*.tmp"):  # left by a crash mid-write
            tmp.unlink()
        self._db = TinyDB(str(self.path), storage=AtomicJSONStorage)
        raw = self._storage().read()
        self._index, self._next_id = {}, {}
        for name, docs in raw.items():
            keys = self._index.setdefault(name.split("/", 1)[0], {})
            for doc_id, doc in docs.items():
                keys[doc["k"]] = (name, int(doc_id))
            self._next_id[name] = max(map(int, docs), default=0) + 1
        return _logical_tables(raw)

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
                except Exception as exc:  # a bad document: its batch fails, the store goes on
                    error = exc
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
        """In the writer thread: apply ``ops`` and write the file; on failure undo them."""
        assert self._db is not None, "load() first"
        final: dict[tuple[str, str], dict[str, Any] | None] = {}  # last change per document
        for op in ops:
            if isinstance(op, Put):
                final[(op.table, op.doc["k"])] = op.doc
            else:
                final[(op.table, op.key)] = None
        # Per TinyDB table: ids to remove, and documents to insert with the ids we give them (a
        # replaced document keeps its id, so documents keep their order in the file).
        removals: dict[str, list[int]] = {}
        inserts: dict[str, list[Document]] = {}
        placed: list[tuple[str, str, str, int]] = []
        for (table, key), doc in final.items():
            old = self._index.get(table, {}).get(key)
            if old is not None:
                removals.setdefault(old[0], []).append(old[1])
            if doc is not None:
                target = physical_table(table, doc)
                if old is not None and old[0] == target:
                    doc_id = old[1]
                else:
                    doc_id = self._next_id.get(target, 1)
                    self._next_id[target] = doc_id + 1
                inserts.setdefault(target, []).append(Document(doc, doc_id=doc_id))
                placed.append((table, key, target, doc_id))
        touched = removals.keys() | inserts.keys()
        data = self._storage().read()
        before = {name: data.get(name) for name in touched}  # TinyDB replaces, never mutates, these
        try:
            for name in touched:
                tinytable = self._db.table(name)
                if name in removals:
                    tinytable.remove(doc_ids=removals[name])
                if name in inserts:
                    tinytable.insert_multiple(inserts[name])
            self._flush({name: {str(i) for i in removals.get(name, [])}
                         | {str(d.doc_id) for d in inserts.get(name, [])} for name in touched})
        except BaseException:
            data = self._storage().read()
            for name, saved in before.items():
                if saved is None:
                    data.pop(name, None)
                else:
                    data[name] = saved
                self._db.table(name).clear_cache()
            raise
        for (table, key), doc in final.items():
            if doc is None:
                self._index.get(table, {}).pop(key, None)
        for table, key, name, doc_id in placed:
            self._index.setdefault(table, {})[key] = (name, doc_id)

    def _storage(self) -> AtomicJSONStorage:
        assert self._db is not None, "load() first"
        storage = self._db.storage
        assert isinstance(storage, AtomicJSONStorage)
        return storage

    def _flush(self, changed: Mapping[str, Collection[str]]) -> None:
        """Write the file, retrying a failed write after short pauses."""
        for delay in (*RETRY_DELAYS, None):
            try:
                self._storage().flush(changed)
                return
            except OSError:
                if delay is None:
                    raise
                time.sleep(delay)

    async def close(self) -> None:
        """Wait for pending writes, stop the writer and release the lock."""
        while self._drain_task is not None:
            await asyncio.shield(self._drain_task)
        self._executor.shutdown(wait=True)
        self._lock_file.truncate(0)
        fcntl.flock(self._lock_file, fcntl.LOCK_UN)
        self._lock_file.close()
