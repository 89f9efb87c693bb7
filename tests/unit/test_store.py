"""The durable store: resume, atomic writes, the lock, and failing disks."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from samspill_tui.content import Library
from samspill_tui.session.live import Session
from samspill_tui.session.store import SessionLockedError, SessionStore, StoreError
from tests.conftest import go_to_kind


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
        assert dict(again.tally(again.step).counts)["4"] == 1
        assert again.my_vote(p2.id, again.step.key) == "0"
    finally:
        await again.close()


async def test_file_is_valid_json_after_every_write(tmp_path: Path, library: Library) -> None:
    s = await Session.open(tmp_path, "j", "folkevalgtdag", library, "nb")
    path = tmp_path / "j.json"
    try:
        p = await s.join()
        json.loads(path.read_text())
        await go_to_kind(s, "reflection")
        for n in range(5):
            await s.answer(p.id, s.step.key, 0, f"svar {n}", f"sub{n}")
            data = json.loads(path.read_text())
            assert len(data["answers"]) == n + 1
        assert not [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]
    finally:
        await s.close()


async def test_second_app_on_same_session_is_refused(tmp_path: Path, library: Library) -> None:
    s = await Session.open(tmp_path, "l", "folkevalgtdag", library, "nb")
    try:
        with pytest.raises(SessionLockedError):
            SessionStore(tmp_path / "l.json")
    finally:
        await s.close()
    SessionStore(tmp_path / "l.json")  # released on close


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
@pytest.mark.parametrize("target", ["fsync", "replace"])
async def test_write_failure_acknowledges_nothing_and_recovers(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch, code: int, target: str
) -> None:
    s = await Session.open(tmp_path, "f", "folkevalgtdag", library, "nb")
    path = tmp_path / "f.json"
    try:
        p = await s.join()
        await go_to_kind(s, "statement")
        before = path.read_bytes()
        real = getattr(os, target)

        def failing(*args: object) -> None:
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(os, target, failing)
        with pytest.raises(StoreError):
            await s.vote(p.id, s.step.key, "5")
        assert path.read_bytes() == before  # the old file is intact
        assert s.my_vote(p.id, s.step.key) is None  # nothing shown as recorded
        monkeypatch.setattr(os, target, real)
        await s.vote(p.id, s.step.key, "5")  # the disk has room again
        data = json.loads(path.read_text())
        assert [v["value"] for v in data["votes"].values()] == ["5"]
    finally:
        await s.close()
