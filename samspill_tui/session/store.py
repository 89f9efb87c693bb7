"""Durable session storage: one TinyDB file per session, written atomically by one writer.

- Group commit: ``commit`` queues a caller's changes; one writer thread writes everything queued
  while the previous batch was on its way to disk as the next batch, and each caller returns only
  once its batch is on disk (temp file in the same folder, fsync, ``os.replace``, fsync of the
  folder). Serialisation and fsync run in the writer thread, never on the event loop.
- Sharding: votes and answers live in one TinyDB table per step inside the same file
  (``votes/<step key>``), their documents keyed within the step and stored without it, so a batch
  touches small tables and the file stays small (it is written whole for every batch). An index
  of document keys replaces query scans, a batch is applied with at most two TinyDB operations
  per touched table, and a flush serialises only the batch's documents: the file is written from
  cached JSON fragments and stays plain TinyDB JSON. Readers see the logical tables of
  :data:`TABLES` (shards merged, each document with its ``step``).
- Failure: a failed write is retried a few times; if it still fails, the in-memory tables are
  put back as they were, the file on disk is the previous one, every caller of the batch gets
  :class:`StoreError`, and the store stays usable for the next batch.
- Lock: an exclusive OS lock on ``<name>.lock`` (``session/lock.py``, Linux, macOS and Windows)
  keeps a second app out. The OS releases it when the app dies; the file names the owning
  process, for the refusal message and to recognise a lock left by a crashed app.

See docs/store.md.
"""

from __future__ import annotations

import asyncio
import contextlib
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

from samspill_tui.session.lock import sync_folder, try_lock, unlock

NAME_RE = re.compile(r"^[\w][\w.-]{0,63}$")
TABLES = ("meta", "participants", "votes", "answers", "steps", "notes", "agreements", "finished")
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


def shard(table: str, step: str) -> str:
    """The TinyDB table inside the file that holds the documents of ``step`` of ``table``."""
    return f"{table}/{step}"


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
    sync_folder(folder)


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

    Documents of the sharded tables (votes, answers) carry their step in ``doc['step']``; their
    key need only be unique within the step.
    """

    table: str
    doc: dict[str, Any]

    def place(self) -> tuple[str, dict[str, Any]]:
        """The TinyDB table of the document, and the document as stored there."""
        if self.table not in SHARDED:
            return self.table, self.doc
        doc = dict(self.doc)
        return shard(self.table, doc.pop("step")), doc


@dataclass(frozen=True)
class Delete:
    """Remove the document with key ``key`` from unsharded ``table`` (nothing if there is none)."""

    table: str
    key: str


@dataclass(frozen=True)
class Clear:
    """Remove every document of ``step`` from sharded ``table``."""

    table: str
    step: str


Op = Put | Delete | Clear


def _logical_tables(raw: Mapping[str, Mapping[str, Any]]) -> Tables:
    """The documents of every logical table in a file's data, shards merged (each document with
    its shard's ``step``), in insertion order."""
    tables: Tables = {t: [] for t in TABLES}
    for name, docs in raw.items():
        table, _, step = name.partition("/")
        logical = tables.get(table)
        if logical is None:
            continue
        extra = {"step": step} if step else {}
        logical += [{**docs[doc_id], **extra} for doc_id in sorted(docs, key=int)]
    return tables


def _refile(raw: dict[str, dict[str, Any]]) -> None:
    """Files of older versions: documents of a sharded table that still carry their step move,
    in order, to the end of their step's shard (an emptied unsharded table goes)."""
    next_id = {name: max(map(int, docs), default=0) + 1 for name, docs in raw.items()}
    for name in [n for n in raw if n.partition("/")[0] in SHARDED]:
        docs = raw[name]
        for doc_id in [i for i in sorted(docs, key=int) if "step" in docs[i]]:
            doc = docs.pop(doc_id)
            target = shard(name.partition("/")[0], doc.pop("step"))
            raw.setdefault(target, {})[str(next_id.setdefault(target, 1))] = doc
            next_id[target] += 1
        if not docs and "/" not in name:
            del raw[name]


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
        if not try_lock(self._lock_file):
            owner = self._read_owner()
            self._lock_file.close()
            raise SessionLockedError(path.stem, owner)
        # An owner still named in the file left without closing: its app crashed.
        self.stale_owner = self._read_owner() or None
        self._write_owner()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samspill-writer")
        self._db: TinyDB | None = None
        self._index: dict[str, dict[str, int]] = {}  # writer only: TinyDB table -> key -> doc id
        self._next_id: dict[str, int] = {}  # TinyDB table -> the id its next new document gets
        self._pending: list[tuple[Sequence[Op], asyncio.Future[None]]] = []
        self._drain_task: asyncio.Task[None] | None = None

    def _read_owner(self) -> str:
        self._lock_file.seek(0)
        try:
            owner = json.loads(self._lock_file.read() or "null")
        except (ValueError, OSError):  # Windows: the owner's lock makes the bytes unreadable
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
        _refile(raw)
        self._load_index(raw)
        self._next_id = {name: max(map(int, docs), default=0) + 1 for name, docs in raw.items()}
        return _logical_tables(raw)

    def _load_index(self, raw: Mapping[str, Mapping[str, Any]]) -> None:
        self._index = {name: {doc["k"]: int(doc_id) for doc_id, doc in docs.items()}
                       for name, docs in raw.items()}

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
        final: dict[str, dict[str, dict[str, Any] | None]] = {}  # table -> key -> last change
        cleared: set[str] = set()
        for op in ops:
            if isinstance(op, Put):
                name, doc = op.place()
                final.setdefault(name, {})[doc["k"]] = doc
            elif isinstance(op, Delete):
                if op.table in SHARDED:
                    raise ValueError(f"Delete from sharded table {op.table!r}: use Clear")
                final.setdefault(op.table, {})[op.key] = None
            else:
                name = shard(op.table, op.step)
                cleared.add(name)
                final[name] = {}  # what the batch put there before is cleared too
        data = self._storage().read()
        before = {name: data.get(name) for name in final}  # TinyDB replaces, never mutates, these
        try:
            self._flush({name: self._apply(name, changes, name in cleared)
                         for name, changes in final.items()})
        except BaseException:
            data = self._storage().read()
            for name, saved in before.items():
                if saved is None:
                    data.pop(name, None)
                else:
                    data[name] = saved
                self._db.table(name).clear_cache()
            self._load_index(data)
            raise

    def _apply(self, name: str, changes: Mapping[str, dict[str, Any] | None],
               clear: bool) -> set[str]:
        """Apply one table's changes with at most two TinyDB operations (a replaced document
        keeps its id, so its place in the file) and return the ids changed; the index follows."""
        assert self._db is not None
        if clear:
            self._db.drop_table(name)
            self._index.pop(name, None)
        index = self._index.setdefault(name, {})
        table = self._db.table(name)
        removals = [index[key] for key in changes if key in index]
        if removals:
            table.remove(doc_ids=removals)
        inserts = []
        for key, doc in changes.items():
            if doc is None:
                index.pop(key, None)
                continue
            if key not in index:
                index[key] = self._next_id.get(name, 1)
                self._next_id[name] = index[key] + 1
            inserts.append(Document(doc, doc_id=index[key]))
        if inserts:
            table.insert_multiple(inserts)
        return {str(i) for i in removals} | {str(d.doc_id) for d in inserts}

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

    async def discard(self) -> None:
        """Remove the session's file and lock from disk, then close (a session that never started)."""
        while self._drain_task is not None:
            await asyncio.shield(self._drain_task)
        for path in (self.path, self.path.with_suffix(".lock")):
            path.unlink(missing_ok=True)
        await self.close()

    async def close(self) -> None:
        """Wait for pending writes, stop the writer and release the lock."""
        while self._drain_task is not None:
            await asyncio.shield(self._drain_task)
        self._executor.shutdown(wait=True)
        self._lock_file.truncate(0)
        unlock(self._lock_file)
        self._lock_file.close()
