"""The content cache used at start-up: a hit only while no file changed; never broken content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samspill_tui.content.library import Library, load_cached, load_library
from tests.conftest import FIXTURE_CONTENT


def _counting() -> tuple[list[Path], object]:
    calls: list[Path] = []

    def load(root: Path) -> Library:
        calls.append(root)
        return load_library(root)

    return calls, load


def test_cache_hits_until_a_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMSPILL_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    calls, load = _counting()
    first = load_cached(root, load)  # type: ignore[arg-type]
    second = load_cached(root, load)  # type: ignore[arg-type]
    assert len(calls) == 1 and second.counts() == first.counts()

    case = root / "nb" / "cases" / "sak.md"
    case.write_text(case.read_text(encoding="utf-8").replace("Testsak", "Endret sak"), encoding="utf-8")
    third = load_cached(root, load)  # type: ignore[arg-type]
    assert len(calls) == 2 and third.lang("nb").cases["sak"].title == "Endret sak"


def test_content_with_problems_is_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMSPILL_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    (root / "nb" / "cases" / "sak.md").write_text("---\nid: sak\n---\n", encoding="utf-8")
    calls, load = _counting()
    assert load_cached(root, load).problems  # type: ignore[arg-type]
    assert load_cached(root, load).problems  # type: ignore[arg-type]
    assert len(calls) == 2
