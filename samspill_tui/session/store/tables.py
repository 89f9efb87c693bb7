"""The session file's tables in memory, the operations on them, and reading file + journal.

The file is plain TinyDB JSON. Votes and answers live in one table per step
(``votes/<step key>``), their documents keyed within the step and stored without it; readers
see the logical tables of :data:`TABLES` (shards merged, each document with its ``step``).
Table ``checkpoint`` names the last journal record the file holds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samspill_tui.session.store.disk import journal_path, read_records

TABLES = ("meta", "participants", "votes", "answers", "steps", "notes", "agreements", "finished",
          "upvotes")
SHARDED = ("votes", "answers", "upvotes")  # one TinyDB table per step: "<table>/<step key>"
CHECKPOINT = "checkpoint"  # {"1": {"k": "journal", "seq": N}}: records up to N are in the file
READ_ATTEMPTS = 20  # a reader racing checkpoints reads file and journal again this often

Tables = dict[str, list[dict[str, Any]]]
Raw = dict[str, dict[str, dict[str, Any]]]  # TinyDB table -> document id -> document
# An operation as journaled: ("put", TinyDB table, stored document, its JSON or None),
# ("delete", table, key) or ("clear", table).
Placed = tuple[Any, ...]


def shard(table: str, step: str) -> str:
    """The TinyDB table inside the file that holds the documents of ``step`` of ``table``."""
    return f"{table}/{step}"


def dumps(value: Any) -> bytes:
    """Compact JSON as UTF-8, as the file and the journal store it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


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
        doc = dict(self.doc)
        if self.table not in SHARDED:
            return self.table, doc
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


def encode_batch(seq: int, ops: Sequence[Op]) -> tuple[bytes, list[Placed]]:
    """The journal payload of batch ``seq`` and its operations as placed in the file; raises
    for an operation that cannot be stored (before anything is written)."""
    placed: list[Placed] = []
    pieces = []
    for op in ops:
        if isinstance(op, Put):
            name, doc = op.place()
            if "k" not in doc:
                raise KeyError(f"a document of {op.table!r} without its key 'k'")
            text = dumps(doc)
            placed.append(("put", name, doc, text))
            pieces.append(b'["put",' + dumps(name) + b"," + text + b"]")
        elif isinstance(op, Delete):
            if op.table in SHARDED:
                raise ValueError(f"Delete from sharded table {op.table!r}: use Clear")
            placed.append(("delete", op.table, op.key))
            pieces.append(dumps(placed[-1]))
        else:
            placed.append(("clear", shard(op.table, op.step)))
            pieces.append(dumps(placed[-1]))
    return b'{"seq":%d,"ops":[' % seq + b",".join(pieces) + b"]}", placed


class FileImage:
    """The session file in memory: its tables, an index of document keys, and the cached JSON
    text of every table and document, so a batch costs the same in a full session as in an
    empty one and a checkpoint serialises only what changed since the last."""

    def __init__(self, raw: Raw) -> None:
        self.refiled = _refile(raw)
        self.raw = raw
        self._index = {name: {doc["k"]: doc_id for doc_id, doc in docs.items()}
                       for name, docs in raw.items()}
        self._next = {name: max(map(int, docs), default=0) + 1 for name, docs in raw.items()}
        self._docs: dict[str, dict[str, bytes]] = {}  # table -> doc id -> b'"id":{...}'
        self._tables: dict[str, bytes] = {}  # table -> b'"name":{...}', for unchanged tables

    @property
    def seq(self) -> int:
        """The last journal record the file this image was read from holds."""
        return checkpoint_seq(self.raw)

    def apply(self, placed: Sequence[Placed]) -> None:
        """Apply one batch's operations (a replaced document keeps its id, so its place)."""
        for op in placed:
            name = op[1]
            if op[0] == "clear":
                for cache in (self.raw, self._index, self._next, self._docs, self._tables):
                    cache.pop(name, None)
                continue
            ids = self._index.setdefault(name, {})
            texts = self._docs.setdefault(name, {})
            self._tables.pop(name, None)
            if op[0] == "delete":
                doc_id = ids.pop(op[2], None)
                if doc_id is not None:
                    del self.raw[name][doc_id]
                    texts.pop(doc_id, None)
                continue
            doc, text = op[2], op[3]
            doc_id = ids.get(doc["k"])
            if doc_id is None:
                doc_id = ids[doc["k"]] = str(self._next.get(name, 1))
                self._next[name] = int(doc_id) + 1
            self.raw.setdefault(name, {})[doc_id] = doc
            if text is None:
                texts.pop(doc_id, None)
            else:
                texts[doc_id] = dumps(doc_id) + b":" + text

    def serialise(self, seq: int) -> list[bytes]:
        """The whole file as pieces of TinyDB JSON, marked as holding records up to ``seq``."""
        self.apply([("put", CHECKPOINT, {"k": "journal", "seq": seq}, None)])
        parts = [b"{"]
        for name in self.raw:
            parts += (self._table_text(name), b",")
        if len(parts) > 1:
            parts.pop()  # the last comma
        parts.append(b"}")
        return parts

    def cache(self) -> None:
        """Cache the text of every table (when a session is opened, not during its first
        checkpoint): one call of the JSON encoder per table."""
        for name in self.raw:
            self._table_text(name)

    def _table_text(self, name: str) -> bytes:
        """``"name":{...}``, cached until the table changes; a changed table is joined from its
        documents' cached texts (serialising only the documents that changed)."""
        text = self._tables.get(name)
        if text is not None:
            return text
        table, old = self.raw[name], self._docs.get(name)
        if old is None:  # untouched since the file was read
            text = dumps(name) + b":" + dumps(table)
        else:
            texts = {i: old.get(i) or dumps(i) + b":" + dumps(doc) for i, doc in table.items()}
            self._docs[name] = texts
            text = dumps(name) + b":{" + b",".join(texts.values()) + b"}"
        self._tables[name] = text
        return text

    def logical(self) -> Tables:
        """The documents of every logical table."""
        return logical_tables(self.raw)


def checkpoint_seq(raw: Mapping[str, Mapping[str, Any]]) -> int:
    """The last journal record a file's data holds (0 for a file of an older version)."""
    return int(raw.get(CHECKPOINT, {}).get("1", {}).get("seq", 0))


def logical_tables(raw: Mapping[str, Mapping[str, Any]]) -> Tables:
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


def _refile(raw: Raw) -> bool:
    """Files of older versions: documents of a sharded table that still carry their step move,
    in order, to the end of their step's shard (an emptied unsharded table goes). Returns
    whether anything moved."""
    next_id = {name: max(map(int, docs), default=0) + 1 for name, docs in raw.items()}
    moved = False
    for name in [n for n in raw if n.partition("/")[0] in SHARDED]:
        docs = raw[name]
        for doc_id in [i for i in sorted(docs, key=int) if "step" in docs[i]]:
            doc = docs.pop(doc_id)
            target = shard(name.partition("/")[0], doc.pop("step"))
            raw.setdefault(target, {})[str(next_id.setdefault(target, 1))] = doc
            next_id[target] += 1
            moved = True
        if not docs and "/" not in name:
            del raw[name]
    return moved


@dataclass
class JournalContents:
    """What a journal holds: the checkpoint it follows (None if it has no sound header), its
    batches as (seq, operations, record bytes), where its sound records end, and its size."""

    base: int | None = None
    batches: list[tuple[int, list[Placed], bytes]] = field(default_factory=list)
    end: int = 0
    size: int = 0


def read_journal(path: Path) -> JournalContents:
    """The sound records of the journal at ``path`` (none if there is no journal)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return JournalContents()
    payloads, end = read_records(data)
    if not payloads:
        return JournalContents(size=len(data))
    found = JournalContents(int(json.loads(payloads[0])["base"]), [], end, len(data))
    at = len(payloads[0]) + 19  # the header record
    for payload in payloads[1:]:
        batch = json.loads(payload)
        ops = [("put", op[1], op[2], None) if op[0] == "put" else tuple(op) for op in batch["ops"]]
        size = len(payload) + 19
        found.batches.append((int(batch["seq"]), ops, data[at:at + size]))
        at += size
    return found


@dataclass
class Opened:
    """A session read from disk: the file with the journal replayed onto it, and the journal."""

    image: FileImage
    journal: JournalContents
    seq: int  # the last batch in the image
    from_file: int  # the last batch the file itself holds


class JournalGapError(Exception):
    """The journal starts after the batches the file holds: a newer checkpoint was written
    while reading (read again), or the file went back in time."""


def read_session(path: Path) -> Opened:
    """The session file with its journal replayed onto it."""
    with open(path, "rb") as f:
        image = FileImage(json.loads(f.read() or b"{}"))
    journal = read_journal(journal_path(path))
    from_file = seq = image.seq
    if journal.base is not None and journal.base > seq:
        raise JournalGapError(f"journal follows batch {journal.base}, the file holds {seq}")
    for number, ops, _ in journal.batches:
        if number > seq:
            image.apply(ops)
            seq = number
    return Opened(image, journal, seq, from_file)


def _snapshot(path: Path) -> Tables:
    with open(path, "rb") as f:
        raw = json.loads(f.read() or b"{}")
    journal, seq = read_journal(journal_path(path)), checkpoint_seq(raw)
    if journal.base is not None and journal.base > seq:
        raise JournalGapError(f"journal follows batch {journal.base}, the file holds {seq}")
    batches = [ops for number, ops, _ in journal.batches if number > seq]
    if not batches:  # the file alone, read as it is
        return logical_tables(raw)
    image = FileImage(raw)
    for ops in batches:
        image.apply(ops)
    return image.logical()


def read_snapshot(path: Path) -> Tables:
    """Read a session as it is on disk, file and journal, without locking it (for exports)."""
    for _ in range(READ_ATTEMPTS - 1):
        try:
            return _snapshot(path)
        except JournalGapError:
            continue  # a checkpoint replaced the file and trimmed the journal meanwhile
    return _snapshot(path)
