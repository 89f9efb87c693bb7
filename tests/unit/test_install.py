"""What an installed Samspill needs: the wheel's package list, its content, where it keeps data,
and the session lock and folder fsync without POSIX-only modules in the core."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from samspill_tui import paths
from samspill_tui.session import lock

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_in_the_wheel() -> None:
    """pyproject lists the packages (to map content/ into the wheel): a new one must be listed."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "samspill_tui").rglob("__init__.py")}
    assert found <= listed
    assert "samspill_tui.content_data" in listed


def test_a_checkout_uses_its_own_content_and_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAMSPILL_CONTENT", raising=False)
    assert paths.from_checkout()
    assert paths.default_content() == ROOT / "content"
    assert paths.default_data_dir() == ROOT / "sessions"


def test_an_installed_app_uses_the_bundled_content_and_the_platform_data_folder(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SAMSPILL_CONTENT", raising=False)
    monkeypatch.setattr(paths, "CHECKOUT", tmp_path)  # site-packages: no pyproject.toml beside it
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert not paths.from_checkout()
    assert paths.default_content() == paths.PACKAGE / "content_data"
    assert paths.default_data_dir() == tmp_path / "data" / "samspill" / "sessions"
    monkeypatch.setenv("SAMSPILL_CONTENT", str(tmp_path / "mine"))
    assert paths.default_content() == tmp_path / "mine"


def test_the_lock_is_exclusive_until_released(tmp_path: Path) -> None:
    path = tmp_path / "s.lock"
    with open(path, "a+") as first, open(path, "a+") as second:
        assert lock.try_lock(first)
        assert not lock.try_lock(second)
        lock.unlock(first)
        assert lock.try_lock(second)
        lock.unlock(second)


def test_folder_fsync_is_skipped_where_the_os_has_none(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    lock.sync_folder(tmp_path)  # POSIX: a real fsync of the folder
    monkeypatch.setattr(lock, "HAS_FOLDER_FSYNC", False)
    monkeypatch.setattr(lock.os, "open", lambda *a: pytest.fail("opened a folder on Windows"))
    lock.sync_folder(tmp_path)


def _unguarded_imports(tree: ast.AST) -> set[str]:
    """Top names imported anywhere but under an ``if sys.platform …`` (an import for one OS)."""
    guarded = {id(n) for node in ast.walk(tree)
               if isinstance(node, ast.If) and "sys.platform" in ast.unparse(node.test)
               for branch in (node.body, node.orelse) for stmt in branch for n in ast.walk(stmt)}
    names = {a.name.split(".")[0] for n in ast.walk(tree)
             if isinstance(n, ast.Import) and id(n) not in guarded for a in n.names}
    names |= {(n.module or "").split(".")[0] for n in ast.walk(tree)
              if isinstance(n, ast.ImportFrom) and id(n) not in guarded}
    return names


def test_no_posix_only_module_in_the_core() -> None:
    """fcntl, termios and pwd do not exist on Windows: nothing in samspill_tui imports them but
    under a check of the platform (the lock takes fcntl on POSIX and msvcrt on Windows)."""
    for path in (ROOT / "samspill_tui").rglob("*.py"):
        names = _unguarded_imports(ast.parse(path.read_text()))
        assert not names & {"fcntl", "termios", "pwd", "grp", "resource", "msvcrt"}, path
    assert "fcntl" not in _unguarded_imports(ast.parse("if sys.platform != 'win32':\n    import fcntl"))
    assert "fcntl" in _unguarded_imports(ast.parse("import fcntl"))
