"""The store of one session: its lock, its single writer, the journal and its checkpoints.

- Group commit: ``commit`` queues a caller's changes; one writer thread takes everything queued
  while the previous batch was on its way to disk as the next batch, appends it to the journal
  as one record and fsyncs it; then every caller of the batch returns. The cost of a batch is
  that of its own operations, whatever the size of the session.
- Checkpoint: the whole TinyDB file is written atomically (temp file, fsync, ``os.replace``,
  fsync of the folder) by a thread of its own, off the path of the votes: once the room has been
  quiet for ``QUIET_SECONDS``, after ``CHECKPOINT_BATCHES`` batches or ``CHECKPOINT_SECONDS``
  when no batch is waiting, and on close; then the journal is trimmed to the batches that came
  after it. Opening replays the journal onto the file and checkpoints.
- Failure: a failed append is cut off the journal and retried a few times; if it still fails,
  nothing of the batch is applied and every caller gets :class:`StoreError`; the store stays
  usable for the next batch. A failed checkpoint loses nothing (the journal is kept) and is
  tried again later.

See docs/store.md.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from samspill_tui.session.store.disk import Journal, journal_path, record, temp_files, write_atomically
from samspill_tui.session.store.lock import SessionLock
from samspill_tui.session.store.tables import FileImage, Op, Tables, dumps, encode_batch, read_session

RETRY_DELAYS = (0.05, 0.2, 0.5)  # seconds between the attempts to append a failed batch
QUIET_SECONDS = 0.5  # a checkpoint once no batch has come for this long
CHECKPOINT_BATCHES = 5000  # ... or, in a room never quiet, after this many batches or seconds,
CHECKPOINT_SECONDS = 120.0  # as soon as no batch is waiting
log = logging.getLogger(__name__)


class StoreError(Exception):
    """Writing to disk failed; nothing of the failed batch was acknowledged."""


class SessionStore:
    """The durable store of one session, with its lock and its single writer.

    ``stale_owner`` describes the app that last held the lock and died without closing (None if
    the session was closed properly or is new).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = SessionLock(path.with_suffix(".lock"), path.stem)
        self.stale_owner = self._lock.stale_owner
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samspill-writer")
        self._checkpointer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samspill-checkpoint")
        self._image: FileImage | None = None  # writer only, like everything below
        self._journal: Journal | None = None
        self._seq = 0  # the last batch in the journal
        self._kept: list[tuple[int, bytes]] = []  # the journal's records since its checkpoint
        self._pending: list[tuple[Sequence[Op], asyncio.Future[None]]] = []
        self._drain_task: asyncio.Task[None] | None = None
        self._checkpoint_task: asyncio.Task[None] | None = None
        self._quiet: asyncio.TimerHandle | None = None
        self._since = (0, time.monotonic())  # batches and time since the last checkpoint began
        self._one_checkpoint = asyncio.Lock()  # checkpoints land in the order they were taken

    async def load(self) -> Tables:
        """Open the session (replaying its journal) in the writer; return every table's documents."""
        return await asyncio.get_running_loop().run_in_executor(self._writer, self._load)

    def _load(self) -> Tables:
        for tmp in temp_files(self.path):  # left by a crash mid-write
            tmp.unlink()
        if not self.path.exists():  # a new session: its first batch makes its files
            self._image = FileImage({})
            return self._image.logical()
        opened = read_session(self.path)
        self._image, self._seq = opened.image, opened.seq
        opened.image.cache()
        journal = opened.journal
        if opened.seq > opened.from_file or opened.image.refiled:
            write_atomically(self.path, opened.image.serialise(opened.seq))
        if journal.base == opened.seq and not journal.batches and journal.end == journal.size:
            self._journal = Journal(journal_path(self.path), journal.end)
        else:
            self._trim(opened.seq)
        return opened.image.logical()

    # -- batches --------------------------------------------------------------------------

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
                    await loop.run_in_executor(self._writer, self._write, ops)
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
                self._after_batch(loop)
        finally:
            self._drain_task = None

    def _write(self, ops: list[Op]) -> None:
        """In the writer thread: journal the batch (retrying a failed append after short
        pauses), then apply it; a batch that fails changes nothing."""
        assert self._image is not None, "load() first"
        payload, placed = encode_batch(self._seq + 1, ops)
        data = record(payload)
        if self._journal is None:  # the first batch of a new session
            write_atomically(self.path, self._image.serialise(self._seq))
            self._trim(self._seq)
        assert self._journal is not None
        for delay in (*RETRY_DELAYS, None):
            try:
                self._journal.append(data)
                break
            except OSError:
                if delay is None:
                    raise
                time.sleep(delay)
        self._seq += 1
        self._kept.append((self._seq, data))
        self._image.apply(placed)

    # -- checkpoints ----------------------------------------------------------------------

    def _after_batch(self, loop: asyncio.AbstractEventLoop) -> None:
        """Count the batch; checkpoint once the room is quiet, or when due and no batch waits."""
        batches, began = self._since
        self._since = (batches + 1, began)
        if self._quiet is not None:
            self._quiet.cancel()
        due = batches + 1 >= CHECKPOINT_BATCHES or time.monotonic() - began >= CHECKPOINT_SECONDS
        if due and not self._pending:
            self._start_checkpoint()
        else:
            self._quiet = loop.call_later(QUIET_SECONDS, self._start_checkpoint)

    def _start_checkpoint(self) -> None:
        self._quiet = None
        if self._checkpoint_task is None:
            self._since = (0, time.monotonic())
            self._checkpoint_task = asyncio.create_task(self._checkpoint_quietly())

    async def _checkpoint_quietly(self) -> None:
        try:
            await self.checkpoint()
        except OSError as exc:  # nothing lost: the journal stays, and a later one tries again
            log.warning("checkpoint of %s failed: %s", self.path.name, exc)
        finally:
            self._checkpoint_task = None

    async def checkpoint(self) -> None:
        """Write the whole file now (off the writer) and trim the journal to what came after."""
        loop = asyncio.get_running_loop()
        async with self._one_checkpoint:
            snapshot = await loop.run_in_executor(self._writer, self._snapshot)
            if snapshot is None:
                return
            seq, parts = snapshot
            await loop.run_in_executor(self._checkpointer, write_atomically, self.path, parts)
            await loop.run_in_executor(self._writer, self._trim, seq)

    def _snapshot(self) -> tuple[int, list[bytes]] | None:
        """In the writer, between two batches: the file as it stands (None if the journal holds
        nothing new)."""
        assert self._image is not None, "load() first"
        if not self._kept:
            return None
        return self._seq, self._image.serialise(self._seq)

    def _trim(self, seq: int) -> None:
        """In the writer: a new journal holding the batches after ``seq``, over the old one
        (closed meanwhile: Windows renames nothing over an open file)."""
        kept = [(n, data) for n, data in self._kept if n > seq]
        header = record(dumps({"base": seq}))
        path, old = journal_path(self.path), self._journal
        if old is not None:
            old.close()
        try:
            write_atomically(path, [header, *(data for _, data in kept)])
        except BaseException:
            if old is not None:
                self._journal = Journal(path, old.end)
            raise
        self._kept = kept
        self._journal = Journal(path, len(header) + sum(len(data) for _, data in kept))

    async def close(self) -> None:
        """Wait for pending writes, checkpoint, stop the writer and release the lock."""
        await self._settle()
        if self._image is not None:
            try:
                await self.checkpoint()
            except OSError as exc:  # the journal keeps everything: the next open replays it
                log.warning("closing checkpoint of %s failed: %s", self.path.name, exc)
        self._stop()

    async def discard(self) -> None:
        """Remove the session's file, journal and lock from disk, then close (a session that
        never started)."""
        await self._settle()
        self._stop(discard=True)

    async def _settle(self) -> None:
        """Wait for pending writes and a running checkpoint; no checkpoint starts after."""
        while self._drain_task is not None:
            await asyncio.shield(self._drain_task)
        if self._quiet is not None:
            self._quiet.cancel()
        while self._checkpoint_task is not None:
            await asyncio.shield(self._checkpoint_task)

    def _stop(self, *, discard: bool = False) -> None:
        if self._journal is not None:
            self._journal.close()
        self._writer.shutdown(wait=True)
        self._checkpointer.shutdown(wait=True)
        if discard:
            for path in (self.path, journal_path(self.path), self.path.with_suffix(".lock")):
                path.unlink(missing_ok=True)
        self._lock.release()
