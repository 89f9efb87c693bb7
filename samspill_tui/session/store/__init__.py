"""Durable session storage: one TinyDB file per session, a journal beside it, one writer.

A vote is acknowledged once its batch is appended to the journal and fsynced; checkpoints write
the whole TinyDB file atomically off that path. ``lock`` keeps a second app out, ``disk`` holds
the files' names, the atomic write and the journal's records, ``tables`` the file's tables in
memory and the reading of file + journal, ``writer`` the store itself. See docs/store.md.
"""

from samspill_tui.session.store.disk import (
    NAME_RE,
    BadSessionNameError,
    check_name,
    journal_path,
    session_path,
    temp_files,
    write_atomically,
)
from samspill_tui.session.store.lock import SessionLockedError
from samspill_tui.session.store.tables import (
    SHARDED,
    TABLES,
    Clear,
    Delete,
    Op,
    Put,
    Tables,
    read_snapshot,
    shard,
)
from samspill_tui.session.store.writer import SessionStore, StoreError

__all__ = [
    "NAME_RE", "SHARDED", "TABLES", "BadSessionNameError", "Clear", "Delete", "Op", "Put",
    "SessionLockedError", "SessionStore", "StoreError", "Tables", "check_name", "journal_path",
    "read_snapshot", "session_path", "shard", "temp_files", "write_atomically",
]
