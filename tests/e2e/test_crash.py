"""Crash test: the real server is killed with SIGKILL again and again under a stream of votes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.crash import crash_run


@pytest.mark.timeout(150)
async def test_nothing_acknowledged_is_lost_across_sigkills(tmp_path: Path) -> None:
    result = await crash_run(tmp_path, kills=20, phones=12, lifetime=(0.1, 0.6))
    assert result.kills == 20
    assert result.joined >= 12 and result.acked > 200
    assert result.unknown > 0  # kills landed while posts were on their way
    assert result.at_start == 6  # restarts killed again while opening the session
    assert result.problems == []  # every acknowledged join, vote and answer is in a sound file
