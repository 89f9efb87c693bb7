"""Questions over the real server: ask, upvote, withdraw, approval, hidden and answered, each on disk."""

from __future__ import annotations

from pathlib import Path

from samspill_tui.session.live import Session
from samspill_tui.session.record import Record
from samspill_tui.session.store import read_snapshot
from samspill_tui.web.server import WebServer
from tests.conftest import Phone, go_to_kind, hidden
from tests.web.helpers import questions_library, served


async def _ask(phone: Phone, text: str, submission: str = "") -> tuple[int, str]:
    _, page = await phone.get("/")
    return await phone.post("/ask", {"step": hidden(page, "step"), "text": text, "csrf": hidden(page, "csrf"),
                                     "submission": submission or hidden(page, "submission")})


async def _upvote(phone: Phone, public: str, on: str = "1") -> tuple[int, str]:
    _, page = await phone.get("/")
    return await phone.post("/upvote", {"step": hidden(page, "step"), "q": public, "on": on,
                                        "csrf": hidden(page, "csrf")})


async def _phones(server: WebServer, n: int) -> list[Phone]:
    made = [Phone(server) for _ in range(n)]
    for phone in made:
        await phone.join()
    return made


def _stored(session: Session) -> Record:
    """The session as a fresh reader sees it on disk (file and journal)."""
    return Record.from_tables(read_snapshot(session.store.path))


async def test_ask_approve_upvote_withdraw(tmp_path: Path) -> None:
    async with served(tmp_path, questions_library(tmp_path)) as (session, server):
        asker, voter, other = await _phones(server, 3)
        try:
            await go_to_kind(session, "questions")
            status, _ = await _ask(asker, "Hvem ansetter kommunalsjefen?")
            assert status == 200
            key = next(iter(session.answers[session.step.key]))
            # Waiting for approval: on no other phone, not in the room's list.
            _, page = await other.get("/")
            assert "Hvem ansetter" not in page and session.reading.questions(session.step) == ()
            _, own = await asker.get("/")
            assert "Hvem ansetter" in own  # its own phone lists it under «Dine spørsmål»
            await session.moderate(session.step.key, key, approved=True)
            (shown,) = session.reading.questions(session.step)
            _, page = await other.get("/")
            assert "Hvem ansetter" in page and 'aria-pressed="false"' in page
            for _ in range(2):  # the same upvote twice counts once
                status, _ = await _upvote(voter, shown.public)
                assert status == 200
            assert session.reading.questions(session.step)[0].upvotes == 1
            _, page = await voter.get("/")
            assert 'aria-pressed="true"' in page and "Stem opp (1)" in page
            (voter_id,) = session.record.upvotes[session.step.key][key]
            assert _stored(session).upvotes[session.step.key][key] == {voter_id}
            for _ in range(2):  # withdrawn, twice: none
                status, _ = await _upvote(voter, shown.public, "0")
                assert status == 200
            assert session.reading.questions(session.step)[0].upvotes == 0
            assert _stored(session).upvotes[session.step.key][key] == set()
        finally:
            for phone in (asker, voter, other):
                await phone.close()


async def test_hidden_and_answered(tmp_path: Path) -> None:
    async with served(tmp_path, questions_library(tmp_path, "10 min, direkte")) as (session, server):
        asker, other = await _phones(server, 2)
        try:
            await go_to_kind(session, "questions")
            await _ask(asker, "Kan utvalget kreve sak?")
            await _ask(asker, "Et spørsmål som skal skjules")
            first, second = session.answers[session.step.key]
            _, page = await other.get("/")
            assert "Kan utvalget" in page and "skal skjules" in page  # direkte: shown at once
            public = session.reading.questions(session.step)[1].public
            await session.moderate(session.step.key, second, hidden=True)
            await session.moderate(session.step.key, first, answered=True)
            _, page = await other.get("/")
            assert "skal skjules" not in page and "(besvart)" in page
            status, body = await _upvote(other, public)  # a hidden question takes no upvote
            assert status == 400 and "vises ikke lenger" in body
            stored = _stored(session).answers[session.step.key]
            assert stored[first].answered and stored[second].hidden
        finally:
            await asker.close()
            await other.close()


async def test_refusals(tmp_path: Path) -> None:
    async with served(tmp_path, questions_library(tmp_path)) as (session, server):
        (phone,) = await _phones(server, 1)
        try:
            await go_to_kind(session, "reflection")
            status, body = await _ask(phone, "Ikke nå")  # a reflection step takes answers, no questions
            assert status == 400 and "spørsmål på dette steget" in body
            await go_to_kind(session, "questions")
            status, body = await _ask(phone, "x" * 301)
            assert status == 400 and "300" in body
            status, _ = await _upvote(phone, "0123456789ab", "2")
            assert status == 400
            status, _ = await _upvote(phone, "0123456789ab")
            assert status == 400
            _, page = await phone.get("/")
            await session.set_state(session.step.key, locked=True)
            status, body = await phone.post("/ask", {"step": session.step.key, "text": "For sent",
                                                     "csrf": hidden(page, "csrf"), "submission": "s1"})
            assert status == 400 and "stengt" in body
            assert session.answers.get(session.step.key, {}) == {}
        finally:
            await phone.close()


async def test_a_listed_question_is_cut_short_only_where_it_escapes_large(tmp_path: Path) -> None:
    async with served(tmp_path, questions_library(tmp_path, "10 min, direkte")) as (session, server):
        asker, other = await _phones(server, 2)
        try:
            await go_to_kind(session, "questions")
            plain = ("Hvorfor tar det så lang tid før saken kommer til utvalget? " * 6)[:300].strip()
            await _ask(asker, plain)
            await _ask(asker, "&" * 300)
            _, page = await other.get("/")
            assert plain in page  # an ordinary question at the cap is listed whole
            listed = page.split('<ol id="asked"')[1]
            assert "&amp;" * 300 not in listed and "&amp;" * 90 + "…" in listed  # cut, with an ellipsis
            assert len(session.reading.questions(session.step)[1].text) == 300  # stored whole
        finally:
            await asker.close()
            await other.close()
