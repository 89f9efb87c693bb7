"""Rehearsal mode: simulated phones use the real server and the session records what they did."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from statistics import mean

import aiohttp
from aiohttp import web
from textual.screen import Screen
from textual.widgets import Digits

from samspill_tui.content import Library, load_library
from samspill_tui.demo import QUICK_PACE, SAMPLE_ANSWERS, Person, PhonePage, SimulatedPhone, run_demo
from samspill_tui.session.live import Session
from samspill_tui.session.steps import DeckRating
from samspill_tui.tui.run import SessionScreen
from samspill_tui.web.server import WebServer
from tests.conftest import REPO_CONTENT, Phone, answers_of, go_to_kind
from tests.tui.helpers import make_app, wait_for


async def _until(condition: Callable[[], object], timeout: float = 30) -> None:
    """Wait (without a fixed sleep) until ``condition()`` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


@asynccontextmanager
async def _demo(server: WebServer, count: int) -> AsyncIterator[None]:
    task = asyncio.create_task(run_demo(lambda: server.join_url, count, QUICK_PACE))
    try:
        yield
    finally:
        task.cancel()
        await asyncio.wait([task])
    assert task.cancelled(), task.exception()  # no participant crashed


async def test_simulated_people_join_vote_and_answer(server: WebServer, session: Session) -> None:
    async with _demo(server, 5):
        await _until(lambda: len(session.participants) == 5)
        await go_to_kind(session, "statement")
        await _until(lambda: session.reading.answered(session.step) == 5)
        assert set(session.votes[session.step.key].values()) <= {"0", "1", "2", "3", "4", "5"}

        await go_to_kind(session, "reflection")
        step = session.step
        await _until(lambda: len(answers_of(session, step.key)) >= 2)
        answers = answers_of(session, step.key)
        assert {a.text for a in answers} <= set(SAMPLE_ANSWERS["nb"])
        assert {a.question for a in answers} <= set(range(len(step.questions)))
        assert len({a.pid for a in answers}) >= 2  # several people, not one person twice

        await go_to_kind(session, "poll")
        await _until(lambda: session.reading.answered(session.step) == 5)
    assert len(session.participants) == 5  # nobody joined twice


async def test_a_locked_step_waits_until_it_is_reopened(server: WebServer, session: Session) -> None:
    await go_to_kind(session, "statement")
    step = session.step
    await session.set_state(step.key, locked=True)
    async with _demo(server, 3):
        await _until(lambda: len(session.participants) == 3)  # each has seen the locked step
        assert session.votes.get(step.key, {}) == {}
        await session.set_state(step.key, locked=False)  # the phones see the change and vote
        await _until(lambda: session.reading.answered(step) == 3)


async def test_late_joiners_use_the_new_address_after_rotation(server: WebServer, session: Session) -> None:
    await session.rotate_token()  # the QR code changed before anyone scanned it
    async with _demo(server, 2):
        await _until(lambda: len(session.participants) == 2)


async def test_in_a_programme_with_roles_the_leaders_take_theirs(tmp_path: Path) -> None:
    library = load_library(REPO_CONTENT)
    session = await Session.open(tmp_path, "par", "samspill", library, "nb")
    server = WebServer(session, "127.0.0.1", 0)
    await server.start()
    try:
        async with _demo(server, 4):
            await _until(lambda: sum(p.role is not None for p in session.participants.values()) == 4)
            await go_to_kind(session, "rating")  # each rates the whole deck through its pages, then finishes
            await _until(lambda: session.reading.answered(session.step) == 4, timeout=60)
        roles = sorted(str(p.role) for p in session.participants.values())
        assert roles.count("ordforer") == 1 and roles.count("kommunedirektor") == 1
        rating = session.step
        assert isinstance(rating.body, DeckRating)
        assert all(len(session.votes[item.key]) == 4 for item in rating.body.items)
    finally:
        await server.stop()
        await session.close()


def test_leaning_shows_in_statement_votes() -> None:
    keys = [f"statement:deck/s{n:02d}" for n in range(40)]
    options = ["1", "2", "3", "4", "5", "0"]

    def votes(leaning: float) -> list[int]:
        person = Person(2, random.Random(7), leaning, 0.5)
        return [int(v) for k in keys if (v := person.scale_vote(k, options)) != "0"]

    critical, content = votes(-1.2), votes(1.2)
    assert mean(critical) < mean(content) - 1
    assert len(set(critical + content)) >= 4  # a spread over the scale, not one answer


def test_leaders_take_their_roles_then_others_vary() -> None:
    roles = ["folkevalgt", "administrasjon", "ordforer", "kommunedirektor", "annet"]
    chosen = [Person(n, random.Random(n), 0, 0.5).choose_role(roles) for n in range(12)]
    assert chosen[:2] == ["ordforer", "kommunedirektor"]
    assert "ordforer" not in chosen[2:] and "kommunedirektor" not in chosen[2:]
    assert "folkevalgt" in chosen[2:]


def test_page_parser_reads_forms_of_every_shape() -> None:
    page = PhonePage("""<!doctype html><html lang="nn"><body><main id="main" data-step="3" data-rev="2">
      <form method="post" action="/role">
        <select name="role"><option value="">Vel</option><option value="ordforer">Ordførar</option>
        <option value="annet">Anna</option></select>
        <input type="hidden" name="csrf" value="c&amp;1"><button type="submit">OK</button>
      </form>
      <form method="post" action="/vote"><input type=radio name=value value=a>
        <input type="radio" name="value" value="b" disabled>
        <input type="radio" name="value" value="c" checked>
        <input type="hidden" name="step" value="poll:x"></form>
      <form action="/answer"><textarea name="text"></textarea><input type="hidden" name="q" value="0"></form>
      <form action="/answer"><textarea name="text"></textarea><input type="hidden" name="q" value="1"></form>
    </main></body></html>""")
    assert (page.lang, page.step, page.rev) == ("nn", "3", "2")
    role = page.form("/role")
    assert role is not None and role.choices == {"role": ["ordforer", "annet"]}
    assert role.fields == {"csrf": "c&1"}
    vote = page.form("/vote")
    assert vote is not None and vote.choices == {"value": ["a", "c"]} and vote.fields["step"] == "poll:x"
    assert [f.fields["q"] for f in page.forms_to("/answer")] == ["0", "1"]
    assert page.forms_to("/answer")[0].texts == ["text"]


async def test_post_backs_off_on_429_and_then_succeeds() -> None:
    calls: list[str] = []

    async def handler(request: web.Request) -> web.StreamResponse:
        calls.append((await request.post())["value"])  # type: ignore[arg-type]
        if len(calls) == 1:
            return web.Response(status=429, headers={"Retry-After": "0"})
        raise web.HTTPSeeOther("/")

    app = web.Application()
    app.router.add_post("/vote", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        async with aiohttp.ClientSession() as http:
            phone = SimulatedPhone(http, QUICK_PACE, random.Random(1))
            phone.origin = f"http://127.0.0.1:{runner.addresses[0][1]}"
            page = PhonePage('<form action="/vote"><input type="hidden" name="step" value="s"></form>')
            assert await phone.post(page.forms[0], value="4")
    finally:
        await runner.cleanup()
    assert calls == ["4", "4"]


def _shows_count(screen: Screen[object], n: int) -> bool:
    """Whether the lobby shows ``n`` in large digits."""
    return any(d.value == str(n) for d in screen.query(Digits))


async def test_app_in_demo_mode_fills_the_lobby(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "demo"), demo=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.session
        assert session is not None
        await wait_for(pilot, lambda: len(session.participants) == 3, timeout=30)
        await wait_for(pilot, lambda: _shows_count(app.screen, 3))
        await pilot.press("right")  # the case, then the reflection: people write
        await pilot.press("right")
        await wait_for(pilot, lambda: answers_of(session), timeout=30)
    assert app._demo_task is not None and app._demo_task.done()  # stopped with the app


async def test_app_without_demo_has_an_empty_lobby(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "plain"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        phone = Phone(app.face)  # type: ignore[arg-type]
        try:
            await phone.join()
            await wait_for(pilot, lambda: _shows_count(app.screen, 1))
        finally:
            await phone.close()
        assert app.session is not None and len(app.session.participants) == 1
    assert app._demo_task is None


async def test_a_resumed_rehearsal_brings_back_the_same_people(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "igjen"), demo=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.session is not None
        await wait_for(pilot, lambda: app.session is not None and len(app.session.participants) == 3,
                       timeout=30)
    app = make_app(library, tmp_path, ("folkevalgtdag", "igjen"), demo=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.session
        assert session is not None
        statement = next(i for i, s in enumerate(session.steps) if s.kind == "statement")
        await session.go_to(statement)
        await wait_for(pilot, lambda: len(session.votes.get(session.step.key, {})) == 3, timeout=30)
        assert len(session.participants) == 3  # the three came back; nobody joined anew


async def test_a_rehearsal_on_a_real_session_never_takes_its_peoples_places(
        tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "ekte"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.session is not None
        real = await app.session.join()
    app = make_app(library, tmp_path, ("folkevalgtdag", "ekte"), demo=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.session
        assert session is not None and not session.rehearsal
        statement = next(i for i, s in enumerate(session.steps) if s.kind == "statement")
        await session.go_to(statement)
        await wait_for(pilot, lambda: len(session.votes.get(session.step.key, {})) == 1, timeout=30)
        assert real.id not in session.votes[session.step.key]  # a simulated person of its own voted


async def test_simulated_people_ask_and_upvote(tmp_path: Path) -> None:
    from samspill_tui.demo import SAMPLE_QUESTIONS
    from tests.web.helpers import questions_library, served

    library = questions_library(tmp_path, "10 min, direkte")
    async with served(tmp_path, library) as (session, server), _demo(server, 8):
        await _until(lambda: len(session.participants) == 8)
        await go_to_kind(session, "questions")
        step = session.step
        await _until(lambda: sum(q.upvotes for q in session.reading.questions(step)) >= 3)
        asked = session.reading.questions(step)
        assert {q.text for q in asked} <= set(SAMPLE_QUESTIONS["nb"])
        voters = session.record.upvotes[step.key]
        assert all(len(v) == q.upvotes for q, v in ((q, voters.get(q.key, set())) for q in asked))
