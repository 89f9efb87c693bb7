"""Helpers of the phone-page tests: a programme that asks for roles, a server with options."""

from __future__ import annotations

import html
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from samspill_tui.content import Library, load_library
from samspill_tui.content.model import Roles
from samspill_tui.session.live import Session
from samspill_tui.web.server import WebServer
from tests.conftest import FIXTURE_CONTENT, REPO_CONTENT, Phone


def roles_library(tmp_path: Path) -> Library:
    """The fixture content with its programme asking participants for their role."""
    root = tmp_path / "content-roles"
    shutil.copytree(FIXTURE_CONTENT, root)
    for path in root.glob("*/programmes/folkevalgtdag.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("roles: nei", "roles: ja"),
                        encoding="utf-8")
    lib = load_library(root)
    lib.require_valid()
    assert lib.lang("nb").programmes["folkevalgtdag"].roles == Roles.ALL
    return lib


def groups_library(tmp_path: Path) -> Library:
    """The fixture content with its statement programme (``roller``) asking for a group only, and a
    reflection before the statements."""
    root = tmp_path / "content-groups"
    shutil.copytree(FIXTURE_CONTENT, root)
    for path in root.glob("*/programmes/roller.md"):
        text = path.read_text(encoding="utf-8").replace("roles: ja", "roles: grupper")
        path.write_text(text.replace("1. statements dekk", "1. reflection sak (5 min)\n1. statements dekk"),
                        encoding="utf-8")
    lib = load_library(root)
    lib.require_valid()
    assert lib.lang("nb").programmes["roller"].roles == Roles.GROUPS
    return lib


def rating_library(tmp_path: Path) -> Library:
    """The fixture content with the named programme's deck as one self-paced rating step."""
    root = tmp_path / "content-rating"
    shutil.copytree(FIXTURE_CONTENT, root)
    for path in root.glob("*/programmes/samspill.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("1. statements dekk", "1. rating dekk"),
                        encoding="utf-8")
    lib = load_library(root)
    lib.require_valid()
    return lib


def questions_library(tmp_path: Path, options: str = "10 min", roles: str = "nei") -> Library:
    """The fixture content with a questions step about the case before the summary (``options``:
    what the line's bracket says, e.g. ``10 min, direkte``; ``roles``: the programme's roles line)."""
    root = tmp_path / "content-questions"
    shutil.copytree(FIXTURE_CONTENT, root)
    for path in root.glob("*/programmes/folkevalgtdag.md"):
        text = path.read_text(encoding="utf-8").replace("roles: nei", f"roles: {roles}")
        path.write_text(text.replace("5. summary", f"5. questions sak ({options})\n6. summary"),
                        encoding="utf-8")
    lib = load_library(root)
    lib.require_valid()
    return lib


async def phone_results(phone: Phone) -> str:
    """The results a phone's page shows now, after its «Resultat» heading ("" for none)."""
    page = html.unescape((await phone.get("/"))[1])
    return page.split("<h2>Resultat</h2>", 1)[1] if "<h2>Resultat</h2>" in page else ""


def named_words_library(tmp_path: Path) -> Library:
    """The shipped content with the named pair's programme (``samspill``) asking words and a ranking."""
    root = tmp_path / "content-named"
    shutil.copytree(REPO_CONTENT, root)
    for path in root.glob("*/programmes/samspill.md"):
        steps = "3. words samspill-ord\n3. ranking utviklingstiltak\n4. summary"
        path.write_text(path.read_text(encoding="utf-8").replace("4. summary", steps), encoding="utf-8")
    lib = load_library(root)
    lib.require_valid()
    return lib


@asynccontextmanager
async def served(tmp_path: Path, library: Library, lang: str = "nb", name: str = "test",
                 host: str = "127.0.0.1", programme: str = "folkevalgtdag",
                 **options: Any) -> AsyncIterator[tuple[Session, WebServer]]:
    """A real session on disk and its real server on a free port."""
    session = await Session.open(tmp_path, name, programme, library, lang)
    server = WebServer(session, host, 0, **options)
    try:
        await server.start()
        yield session, server
    finally:
        await server.stop()
        await session.close()


class FrozenClock:
    """A clock that moves only when told (for rate-limit tests without timing)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now
