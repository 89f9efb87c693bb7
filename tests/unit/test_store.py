"""The durable store: resume, atomic writes, sharding, group commit, the lock, and failing disks."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from samspill_tui.content import Library
from samspill_tui.session.live import Session
from samspill_tui.session.record import Record
from samspill_tui.session.store import (
    SHARDED,
    TABLES,
    Clear,
    Delete,
    Op,
    Put,
    SessionLockedError,
    SessionStore,
    StoreError,
    journal_path,
    read_snapshot,
)
from samspill_tui.session.store import writer as writer_module
from samspill_tui.session.store.tables import logical_tables
from tests.conftest import go_to_kind


def tiny_tables(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of the file as TinyDB itself (default storage, read-only) reads it."""
    db = TinyDB(path, access_mode="r")
    try:
        return {name: [dict(d) for d in db.table(name).all()] for name in db.tables()}
    finally:
        db.close()


def file_alone(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The logical tables of the TinyDB file by itself, without its journal (none before the
    session's first batch)."""
    return logical_tables(json.loads(path.read_bytes()) if path.exists() else {})


def abandon(store: SessionStore) -> None:
    """Leave the store as a killed app would: no checkpoint, no trim, the lock freed by the OS."""
    for handle in (store._quiet, store._checkpoint_task, store._drain_task):
        if handle is not None:
            handle.cancel()
    store._writer.shutdown(wait=True)
    store._checkpointer.shutdown(wait=True)
    if store._journal is not None:
        store._journal.close()
    store._lock._file.close()


async def test_resume_after_reopen_keeps_everything(tmp_path: Path, library: Library) -> None:
    s = await Session.open(tmp_path, "k", "folkevalgtdag", library, "nb")
    p1, p2 = await s.join(), await s.join()
    await go_to_kind(s, "statement")
    await s.vote(p1.id, s.step.key, "4")
    await s.vote(p2.id, s.step.key, "0")
    where, token = s.current, s.token
    await s.close()

    again = await Session.open(tmp_path, "k", "folkevalgtdag", library, "nb")
    try:
        assert again.current == where and again.token == token
        assert set(again.participants) == {p1.id, p2.id}
        assert again.votes[again.step.key] == {p1.id: "4", p2.id: "0"}
        assert again.my_vote(p2.id, again.step.key) == "0"
    finally:
        await again.close()


async def test_a_vote_is_journaled_and_the_file_is_tinydb_json_after_every_checkpoint(
        tmp_path: Path, library: Library) -> None:
    s = await Session.open(tmp_path, "j", "folkevalgtdag", library, "nb")
    path = tmp_path / "j.json"
    try:
        p = await s.join()
        await go_to_kind(s, "reflection")
        for n in range(5):
            before = path.read_bytes()
            await s.answer(p.id, s.step.key, 0, f"svar {n}", f"sub{n}")
            assert path.read_bytes() == before  # acknowledged from the journal alone
            assert len(read_snapshot(path)["answers"]) == n + 1  # the reader sees file + journal
        await s.store.checkpoint()
        assert [a["text"] for a in tiny_tables(path)[f"answers/{s.step.key}"]] == [
            f"svar {i}" for i in range(5)]
        assert file_alone(path) == read_snapshot(path)  # the file is the database of record
        assert len(journal_path(path).read_bytes().splitlines()) == 1  # trimmed to its header
        assert not [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]
    finally:
        await s.close()


async def test_votes_are_sharded_per_step_and_merged_for_readers(tmp_path: Path, library: Library) -> None:
    s = await Session.open(tmp_path, "v", "folkevalgtdag", library, "nb")
    path = tmp_path / "v.json"
    try:
        p, q = await s.join(), await s.join()
        await go_to_kind(s, "statement")
        first = s.step.key
        await s.vote(p.id, first, "1")
        await s.vote(q.id, first, "2")
        await s.go_to(s.current + 1)
        second = s.step.key
        await s.vote(p.id, second, "3")
        await s.vote(p.id, second, "4")  # changed: replaced, not added
        await s.reset_step(first)  # the step's whole shard goes
    finally:
        await s.close()
    tables = tiny_tables(path)
    assert f"votes/{first}" not in tables and "votes" not in tables
    assert tables[f"votes/{second}"] == [{"k": p.id, "value": "4"}]  # the shard names the step
    snapshot = read_snapshot(path)
    assert set(snapshot) == set(TABLES)
    assert snapshot["votes"] == [{"k": p.id, "value": "4", "step": second}]
    store = SessionStore(path)
    try:
        assert await store.load() == snapshot
    finally:
        await store.close()


async def test_concurrent_commits_share_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SessionStore(tmp_path / "g.json")
    await store.load()
    appended: list[int] = []
    real_lseek = os.lseek

    def counting_lseek(fd: int, at: int, how: int) -> int:  # once per journal append
        appended.append(at)
        return real_lseek(fd, at, how)

    monkeypatch.setattr(os, "lseek", counting_lseek)
    try:
        await asyncio.gather(*(store.commit([Put("votes", {"k": str(n), "step": "s", "value": "1"})])
                               for n in range(200)))
    finally:
        await store.close()
    assert len(read_snapshot(tmp_path / "g.json")["votes"]) == 200
    assert 1 <= len(appended) < 200  # group commit: many votes per journal record


# Random batches of puts, deletes and clears, checked against a plain dict model after every
# batch; documents of the sharded tables are keyed within their step.
KEYS = st.sampled_from(["a", "b", "c", "d"])
STEPS = st.sampled_from(["s1", "s2", "s/3"])
OPS = st.one_of(
    st.builds(lambda t, k, step, v: Put(t, {"k": k, "step": step, "v": v}),
              st.sampled_from(["votes", "answers", "notes"]), KEYS, STEPS, st.integers(0, 9)),
    st.builds(Delete, st.just("notes"), KEYS),
    st.builds(Clear, st.sampled_from(["votes", "answers"]), STEPS),
)


def model_key(table: str, doc: dict[str, Any]) -> tuple[str, str]:
    return (doc["step"] if table in SHARDED else "", doc["k"])


BATCHES = st.lists(OPS, min_size=1, max_size=6)
# Between batches: a checkpoint, a crash (the app killed: no checkpoint, no trim), a crash in the
# middle of an append (a torn last record), or a clean close and reopen.
EVENTS = st.sampled_from(["checkpoint", "crash", "torn", "reopen"])


def as_model(tables: dict[str, list[dict[str, Any]]]) -> dict[str, dict[tuple[str, str], dict[str, Any]]]:
    return {t: {model_key(t, d): d for d in tables[t]} for t in TABLES}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.one_of(BATCHES, EVENTS), min_size=1, max_size=12),
       torn=st.binary(min_size=1, max_size=40))
def test_store_matches_a_simple_model(tmp_path_factory: pytest.TempPathFactory,
                                      monkeypatch: pytest.MonkeyPatch,
                                      steps: list[list[Op] | str], torn: bytes) -> None:
    """Journal, checkpoints (also in the background, every two batches) and replay: after every
    batch file + journal hold what a plain dict holds; after a checkpoint the file alone does;
    after a crash, with or without a torn last record, the reopened store does."""
    monkeypatch.setattr(writer_module, "CHECKPOINT_BATCHES", 2)
    path = tmp_path_factory.mktemp("model") / "m.json"

    async def run() -> None:
        model: dict[str, dict[tuple[str, str], dict[str, Any]]] = {t: {} for t in TABLES}
        store = SessionStore(path)
        await store.load()
        try:
            for step in steps:
                if step == "checkpoint":
                    await store.checkpoint()
                    assert as_model(file_alone(path)) == model
                elif isinstance(step, str):
                    if step == "reopen":
                        await store.close()
                        assert as_model(file_alone(path)) == model
                    else:
                        abandon(store)
                        if step == "torn":  # a record cut short: never acknowledged, dropped
                            with open(journal_path(path), "ab") as journal:
                                journal.write(torn)
                    store = SessionStore(path)
                    assert as_model(await store.load()) == model
                else:
                    # one batch: everything committed together is written together
                    await asyncio.gather(*(store.commit([op]) for op in step))
                    for op in step:
                        if isinstance(op, Put):
                            model[op.table][model_key(op.table, op.doc)] = op.doc
                        elif isinstance(op, Delete):
                            model[op.table].pop(("", op.key), None)
                        else:
                            model[op.table] = {k: d for k, d in model[op.table].items()
                                               if k[0] != op.step}
                on_disk = read_snapshot(path) if path.exists() else file_alone(path)
                assert as_model(on_disk) == model
                assert all(len({model_key(t, d) for d in on_disk[t]}) == len(on_disk[t])
                           for t in TABLES)
        finally:
            await store.close()
        assert as_model(file_alone(path)) == model
        again = SessionStore(path)
        try:
            assert as_model(await again.load()) == model
        finally:
            await again.close()

    asyncio.run(run())


@pytest.mark.parametrize("old_table", ["votes", "votes/s"])
async def test_files_of_older_versions_are_read_and_refiled(tmp_path: Path, old_table: str) -> None:
    """Older versions kept every vote in one table, or in shards with the step in each vote."""
    path = tmp_path / "o.json"
    old_vote = {"k": "s|p", "step": "s", "pid": "p", "value": "2", "at": "2026-11-01T10:00:00+00:00"}
    path.write_text(json.dumps({"votes/t": {"1": {"k": "t|p", "step": "t", "pid": "p", "value": "1"}},
                                old_table: {"1": old_vote}}))
    assert Record.from_tables(read_snapshot(path)).votes == {"s": {"p": "2"}, "t": {"p": "1"}}
    store = SessionStore(path)
    try:
        assert Record.from_tables(await store.load()).votes == {"s": {"p": "2"}, "t": {"p": "1"}}
        await store.commit([Put("votes", {"k": "p", "step": "s", "value": "5"})])
        assert Record.from_tables(read_snapshot(path)).votes == {"s": {"p": "5"}, "t": {"p": "1"}}
        assert "votes" not in tiny_tables(path)
        await store.commit([Clear("votes", "s")])  # a reset step loses its older votes too
    finally:
        await store.close()
    assert Record.from_tables(read_snapshot(path)).votes == {"t": {"p": "1"}}


async def test_a_bad_document_fails_its_batch_only(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "b.json")
    await store.load()
    try:
        with pytest.raises(KeyError):
            await store.commit([Put("votes", {"k": "no step"})])
        await store.commit([Put("notes", {"k": "n", "text": "ok"})])
    finally:
        await store.close()
    assert read_snapshot(tmp_path / "b.json")["notes"] == [{"k": "n", "text": "ok"}]
    assert read_snapshot(tmp_path / "b.json")["votes"] == []


async def test_second_app_on_same_session_is_refused_and_told_who(tmp_path: Path, library: Library) -> None:
    s = await Session.open(tmp_path, "l", "folkevalgtdag", library, "nb")
    try:
        with pytest.raises(SessionLockedError) as refused:
            SessionStore(tmp_path / "l.json")
        assert f"pid {os.getpid()}" in str(refused.value)
    finally:
        await s.close()
    store = SessionStore(tmp_path / "l.json")  # released on close
    assert store.stale_owner is None  # closed properly: nothing stale
    await store.close()


LOCK_AND_WAIT = """
import sys, time
from pathlib import Path
from samspill_tui.session.store import SessionStore
store = SessionStore(Path(sys.argv[1]))
print("locked", flush=True)
time.sleep(60)
"""


def test_lock_of_a_killed_app_does_not_block_reopening(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    child = subprocess.Popen([sys.executable, "-c", LOCK_AND_WAIT, str(path)], stdout=subprocess.PIPE,
                             text=True, cwd=Path(__file__).parents[2])
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        with pytest.raises(SessionLockedError) as refused:
            SessionStore(path)
        assert f"pid {child.pid}" in str(refused.value)
    finally:
        child.kill()
        child.wait(timeout=10)
    store = SessionStore(path)  # the OS released the dead app's lock
    try:
        assert store.stale_owner is not None and f"pid {child.pid}" in store.stale_owner
    finally:
        asyncio.run(store.close())


async def test_temp_files_left_by_a_crash_are_removed(tmp_path: Path) -> None:
    leftover = tmp_path / ".t.json.abc123.tmp"
    leftover.write_text("{half")
    store = SessionStore(tmp_path / "t.json")
    await store.load()
    await store.close()
    assert not leftover.exists()


def fail_with(code: int, attempts: list[object]) -> Any:
    def failing(*args: object) -> None:
        attempts.append(args)
        raise OSError(code, os.strerror(code))

    return failing


def journal_fd(store: SessionStore) -> int:
    assert store._journal is not None
    return store._journal._fd


def write_failing(code: int, attempts: list[object], *, journal: int, on_journal: bool) -> Any:
    """``os.write`` failing with ``code`` on the journal only, or everywhere but the journal."""
    real = os.write

    def write(fd: int, data: bytes) -> int:
        if (fd == journal) == on_journal:
            attempts.append(fd)
            raise OSError(code, os.strerror(code))
        return real(fd, data)

    return write


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
@pytest.mark.parametrize("target", ["write", "fsync"])
async def test_a_failed_append_acknowledges_nothing_and_recovers(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch, code: int, target: str
) -> None:
    """The journal's append or its fsync fails: no phone is told «registrert», the batch is cut
    off the journal (it never comes back, not even after a restart), and the store goes on."""
    monkeypatch.setattr(writer_module, "RETRY_DELAYS", (0.0, 0.0))
    s = await Session.open(tmp_path, "f", "folkevalgtdag", library, "nb")
    path = tmp_path / "f.json"
    try:
        p, q = await s.join(), await s.join()
        await go_to_kind(s, "statement")
        step = s.step.key
        await s.vote(p.id, step, "2")
        before, journal_before = path.read_bytes(), journal_path(path).read_bytes()
        real, attempts = getattr(os, target), []
        monkeypatch.setattr(os, target, fail_with(code, attempts) if target == "fsync" else
                            write_failing(code, attempts, journal=journal_fd(s.store), on_journal=True))
        results = await asyncio.gather(s.vote(p.id, step, "5"), s.vote(q.id, step, "1"),
                                       return_exceptions=True)
        monkeypatch.setattr(os, target, real)
        assert all(isinstance(r, StoreError) for r in results)  # no phone told «registrert»
        assert len(attempts) >= 3  # the writer retried before giving up
        assert path.read_bytes() == before  # the file is intact
        assert journal_path(path).read_bytes() == journal_before  # the batch was cut off again
        assert s.my_vote(p.id, step) == "2"  # nothing shown as recorded
        await s.vote(p.id, step, "5")  # the disk has room again
        data = read_snapshot(path)
        assert [v["value"] for v in data["votes"]] == ["5"]  # q's failed vote is not kept
        assert len(data["participants"]) == 2
    finally:
        await s.close()
    again = await Session.open(tmp_path, "f", "folkevalgtdag", library, "nb")
    try:
        assert again.votes[step] == {p.id: "5"}
    finally:
        await again.close()


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
@pytest.mark.parametrize("target", ["write", "replace"])
async def test_a_failed_checkpoint_loses_nothing_and_is_tried_again(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch, code: int, target: str
) -> None:
    """The checkpoint's write or rename fails: votes are still acknowledged from the journal,
    the old file stays whole, the journal keeps everything, and a later checkpoint (or the next
    open, when even the closing one fails) brings the file up to date."""
    s = await Session.open(tmp_path, "c", "folkevalgtdag", library, "nb")
    path = tmp_path / "c.json"
    p, q = await s.join(), await s.join()
    await go_to_kind(s, "statement")
    step = s.step.key
    await s.vote(p.id, step, "2")
    await s.store.checkpoint()
    before = path.read_bytes()
    real, attempts = getattr(os, target), []
    monkeypatch.setattr(os, target, fail_with(code, attempts) if target == "replace" else
                        write_failing(code, attempts, journal=journal_fd(s.store), on_journal=False))
    await s.vote(q.id, step, "4")  # acknowledged: the journal is on disk
    with pytest.raises(OSError):
        await s.store.checkpoint()
    assert attempts and path.read_bytes() == before
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]
    await s.vote(p.id, step, "3")  # the app keeps running
    assert Record.from_tables(read_snapshot(path)).votes[step] == {p.id: "3", q.id: "4"}
    await s.close()  # its checkpoint fails too: logged, the lock released, the journal kept
    assert path.read_bytes() == before
    monkeypatch.setattr(os, target, real)
    again = await Session.open(tmp_path, "c", "folkevalgtdag", library, "nb")
    try:
        assert again.votes[step] == {p.id: "3", q.id: "4"}
        assert Record.from_tables(file_alone(path)).votes[step] == {p.id: "3", q.id: "4"}  # replayed
        await again.vote(q.id, step, "1")
        await again.store.checkpoint()
        assert Record.from_tables(file_alone(path)).votes[step] == {p.id: "3", q.id: "1"}
    finally:
        await again.close()


@pytest.mark.parametrize("tear", ["cut short", "cut in its header", "checksum"])
async def test_a_torn_last_record_is_dropped(tmp_path: Path, tear: str) -> None:
    """A crash in the middle of an append leaves part of a record (or one whose checksum does
    not match): reader and reopened store drop it, and the journal goes on after the sound ones."""
    path = tmp_path / "t.json"
    store = SessionStore(path)
    await store.load()
    await store.commit([Put("notes", {"k": "a", "text": "kept"})])
    journal = journal_path(path)
    sound = journal.read_bytes()
    await store.commit([Put("notes", {"k": "b", "text": "torn"})])
    last = journal.read_bytes()[len(sound):]
    abandon(store)
    torn = {"cut short": last[:-1], "cut in its header": last[:10],
            "checksum": last.replace(b"torn", b"tore")}[tear]
    journal.write_bytes(sound + torn)
    assert read_snapshot(path)["notes"] == [{"k": "a", "text": "kept"}]
    store = SessionStore(path)
    assert (await store.load())["notes"] == [{"k": "a", "text": "kept"}]
    await store.commit([Put("notes", {"k": "c", "text": "after"})])
    abandon(store)
    assert [d["k"] for d in read_snapshot(path)["notes"]] == ["a", "c"]
    store = SessionStore(path)
    try:
        assert [d["k"] for d in (await store.load())["notes"]] == ["a", "c"]
    finally:
        await store.close()


async def test_a_crash_between_checkpoint_and_trim_replays_nothing_twice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is written but the journal not yet trimmed: its records up to the checkpoint are
    skipped, the later ones replayed."""
    path = tmp_path / "k.json"
    store = SessionStore(path)
    await store.load()
    await store.commit([Put("votes", {"k": "p", "step": "s", "value": "1"})])
    await store.commit([Clear("votes", "s"), Put("votes", {"k": "q", "step": "s", "value": "2"})])
    monkeypatch.setattr(writer_module.SessionStore, "_trim", fail_with(errno.EIO, []))
    with pytest.raises(OSError):
        await store.checkpoint()
    await store.commit([Put("votes", {"k": "p", "step": "s", "value": "3"})])
    monkeypatch.undo()
    abandon(store)
    assert file_alone(path)["votes"] == [{"k": "q", "value": "2", "step": "s"}]
    expected = [{"k": "q", "value": "2", "step": "s"}, {"k": "p", "value": "3", "step": "s"}]
    assert read_snapshot(path)["votes"] == expected
    store = SessionStore(path)
    try:
        assert (await store.load())["votes"] == expected
    finally:
        await store.close()
    assert file_alone(path)["votes"] == expected


async def test_a_crash_while_replaying_at_start_up_loses_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening replays the journal and checkpoints; if that checkpoint fails (or the app dies
    in it), the file and journal are as they were and the next open replays again."""
    path = tmp_path / "r.json"
    store = SessionStore(path)
    await store.load()
    await store.commit([Put("notes", {"k": "a", "text": "1"})])
    await store.commit([Put("notes", {"k": "a", "text": "2"}), Put("notes", {"k": "b", "text": "3"})])
    abandon(store)
    file_before, journal_before = path.read_bytes(), journal_path(path).read_bytes()
    monkeypatch.setattr(os, "replace", fail_with(errno.ENOSPC, []))
    store = SessionStore(path)
    with pytest.raises(OSError):
        await store.load()
    await store.close()
    monkeypatch.undo()
    assert (path.read_bytes(), journal_path(path).read_bytes()) == (file_before, journal_before)
    store = SessionStore(path)
    try:
        assert (await store.load())["notes"] == [{"k": "a", "text": "2"}, {"k": "b", "text": "3"}]
    finally:
        await store.close()


async def test_a_passing_failure_is_retried_and_acknowledged(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer_module, "RETRY_DELAYS", (0.0, 0.0))
    s = await Session.open(tmp_path, "r", "folkevalgtdag", library, "nb")
    try:
        p = await s.join()
        await go_to_kind(s, "statement")
        real = os.fsync
        failures = [OSError(errno.ENOSPC, "full")]

        def once(fd: int) -> None:
            if failures:
                raise failures.pop()
            real(fd)

        monkeypatch.setattr(os, "fsync", once)
        await s.vote(p.id, s.step.key, "3")
        assert not failures
        assert [v["value"] for v in read_snapshot(tmp_path / "r.json")["votes"]] == ["3"]
    finally:
        await s.close()


async def test_a_failed_reset_keeps_the_step_and_a_later_one_clears_it(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer_module, "RETRY_DELAYS", (0.0,))
    s = await Session.open(tmp_path, "x", "folkevalgtdag", library, "nb")
    path = tmp_path / "x.json"
    try:
        p, q = await s.join(), await s.join()
        await go_to_kind(s, "reflection")
        await s.answer(p.id, s.step.key, 0, "svar", "sub1")
        await go_to_kind(s, "statement")
        voted = s.step.key
        await s.vote(p.id, voted, "2")
        await s.vote(q.id, voted, "4")
        before = read_snapshot(path)
        monkeypatch.setattr(os, "write", write_failing(errno.ENOSPC, [], journal=journal_fd(s.store),
                                                       on_journal=True))
        with pytest.raises(StoreError):
            await s.reset_step(voted)
        monkeypatch.undo()
        assert read_snapshot(path) == before
        assert s.votes[voted] == {p.id: "2", q.id: "4"}
        await s.vote(q.id, voted, "5")  # the store's tables and index are whole
        assert Record.from_tables(read_snapshot(path)).votes[voted] == {p.id: "2", q.id: "5"}
        await s.store.checkpoint()
        assert len(tiny_tables(path)[f"votes/{voted}"]) == 2  # replaced, not added
        await s.reset_step(voted)
        await s.vote(p.id, voted, "1")
    finally:
        await s.close()
    record = Record.from_tables(read_snapshot(path))
    assert record.votes[voted] == {p.id: "1"}
    assert len(record.answers) == 1  # another step's answers are untouched


async def test_checkpoints_come_when_the_room_is_quiet_and_when_due(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "q.json"
    monkeypatch.setattr(writer_module, "QUIET_SECONDS", 0.05)
    store = SessionStore(path)
    await store.load()
    try:
        await store.commit([Put("notes", {"k": "a", "text": "1"})])
        assert file_alone(path)["notes"] == []  # acknowledged from the journal
        await asyncio.sleep(0.5)  # quiet: the file catches up by itself
        assert file_alone(path)["notes"] == [{"k": "a", "text": "1"}]
        monkeypatch.setattr(writer_module, "QUIET_SECONDS", 60.0)
        monkeypatch.setattr(writer_module, "CHECKPOINT_BATCHES", 3)
        for n in range(3):
            await store.commit([Put("notes", {"k": "a", "text": str(n + 2)})])
        assert store._checkpoint_task is not None  # due after three batches, none waiting
        await store._checkpoint_task
        assert file_alone(path)["notes"] == [{"k": "a", "text": "4"}]
    finally:
        await store.close()
