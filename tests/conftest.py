"""Shared fixtures: the fixture content, a real session on disk, the real server, phones."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from samspill_tui.content import Library, load_library
from samspill_tui.session.live import Session
from samspill_tui.session.record import PAIR, Answer
from samspill_tui.session.results import counts
from samspill_tui.session.steps import Step, options
from samspill_tui.web.server import WebServer

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
REPO_CONTENT = Path(__file__).parent.parent / "content"


@pytest.fixture(scope="session")
def library() -> Library:
    lib = load_library(FIXTURE_CONTENT)
    lib.require_valid()
    return lib


@pytest.fixture
async def session(tmp_path: Path, library: Library) -> AsyncIterator[Session]:
    s = await Session.open(tmp_path, "test", "folkevalgtdag", library, "nb")
    yield s
    await s.close()


@pytest.fixture
async def server(session: Session) -> AsyncIterator[WebServer]:
    srv = WebServer(session, "127.0.0.1", 0)
    await srv.start()
    yield srv
    await srv.stop()


def answers_of(session: Session, step_key: str | None = None) -> list[Answer]:
    """The answers recorded on a step (the current one by default), in arrival order."""
    return list(session.answers.get(step_key or session.step.key, {}).values())


def votes_of(session: Session, step: Step | None = None) -> dict[str, int]:
    """How many stored votes each option of a step (the current one by default) has."""
    step = step or session.step
    values = [c.value for c in options(step, session.lang)]
    return dict(zip(values, counts(session.votes.get(step.key, {}).values(), values), strict=True))


def hidden(html: str, name: str) -> str:
    """The value of the first hidden input called ``name`` in a page."""
    m = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert m, f"no hidden field {name!r} in page"
    return m.group(1)


class Phone:
    """A participant's browser, reduced to what the tests need: cookies and forms."""

    def __init__(self, server: WebServer) -> None:
        self.server = server
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    async def get(self, path: str, **kw: object) -> tuple[int, str]:
        async with self.http.get(self.server.origin + path, **kw) as r:  # type: ignore[arg-type]
            return r.status, await r.text()

    async def join(self, url: str | None = None) -> tuple[int, str]:
        async with self.http.get(url or self.server.join_url) as r:
            return r.status, await r.text()

    async def post(self, path: str, data: dict[str, str], **kw: object) -> tuple[int, str]:
        async with self.http.post(self.server.origin + path, data=data, **kw) as r:  # type: ignore[arg-type]
            return r.status, await r.text()

    async def vote(self, value: str, step: str | None = None) -> tuple[int, str]:
        _, page = await self.get("/")
        return await self.post(
            "/vote", {"step": step or hidden(page, "step"), "value": value, "csrf": hidden(page, "csrf")}
        )

    async def answer(self, q: int, text: str, submission: str | None = None) -> tuple[int, str]:
        _, page = await self.get("/")
        return await self.post(
            "/answer",
            {
                "step": hidden(page, "step"),
                "q": str(q),
                "text": text,
                "csrf": hidden(page, "csrf"),
                "submission": submission or hidden(page, "submission"),
            },
        )

    async def close(self) -> None:
        await self.http.close()


@pytest.fixture
async def phones(server: WebServer) -> AsyncIterator[list[Phone]]:
    made = [Phone(server) for _ in range(3)]
    yield made
    for p in made:
        await p.close()


async def confirm_pair(session: Session) -> None:
    """The facilitator confirms the phones that took the roles named by design."""
    for participant in list(session.participants.values()):
        if participant.role in PAIR and not participant.confirmed:
            await session.set_role(participant.id, participant.role)


async def go_to_kind(session: Session, kind: str) -> None:
    """Move the session to the first step of ``kind``."""
    await session.go_to(next(i for i, s in enumerate(session.steps) if s.kind == kind))
