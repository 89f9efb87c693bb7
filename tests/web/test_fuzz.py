"""Fuzz every POST endpoint of the real server: never a 500, never an invalid record, still serving."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from samspill_tui.content import load_library
from samspill_tui.session import ballots
from samspill_tui.session.live import Session
from samspill_tui.session.record import ROLES, Record
from samspill_tui.session.steps import RankingList, Step, WordsPrompt, options
from samspill_tui.session.store import read_snapshot
from samspill_tui.text import MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, clean_text
from samspill_tui.web.guard import CSP
from samspill_tui.web.limits import Limits, Rate
from tests.conftest import REPO_CONTENT
from tests.web.helpers import questions_library, served

ENDPOINTS = ["/vote", "/answer", "/role", "/kode", "/ask", "/upvote"]
FIELDS = ["step", "value", "q", "text", "csrf", "submission", "role", "code", "on"]
UNLIMITED = Rate(1e9, 1e9)
FORM = "application/x-www-form-urlencoded"

weird_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.text(max_size=3000)
header_sets = st.sampled_from([
    {}, {"Accept": "application/json"}, {"Origin": "null"}, {"Origin": "http://evil.example"},
    {"Sec-Fetch-Site": "cross-site"}, {"Content-Type": "text/plain"}, {"Content-Type": "application/json"},
    {"Content-Type": "application/x-www-form-urlencoded; charset=latin-1"},
    {"Content-Type": "multipart/form-data; boundary=x"},
    {"Content-Type": "application/x-www-form-urlencoded; charset=bogus"},
    {"Content-Type": "multipart/form-data; boundary=x; charset=bogus"},
    {"Content-Encoding": "gzip"}, {"Content-Encoding": "deflate"}, {"Content-Encoding": "br"},
    {"Content-Encoding": "identity"},
])


@st.composite
def requests(draw: st.DrawFn, session: Session, csrf: str, public: tuple[str, ...]) -> dict[str, Any]:
    """A POST: a nearly valid form with hostile values and odd fields, or raw bytes; odd headers.
    ``public``: the ids the room knows its questions by (an upvote's ``q``)."""
    step = draw(st.integers(0, len(session.steps)))
    votes = sorted({v for s in session.steps for v in [c.value for c in options(s, session.lang)]})

    def near(*good: str) -> Any:
        return draw(st.sampled_from(good) | weird_text)

    form = {"step": session.steps[min(step, len(session.steps) - 1)].key, "csrf": csrf,
            "value": near(*votes, "", "-1"), "q": near("0", "1", "2", "-1", "٣", "9" * 20, *public),
            "on": near("0", "1", "2", "", "true"),
            "text": near("Svar", " ", "\u202e"), "submission": near("sub-1", "sub-2", "x" * 65, "ü"),
            "role": near(*ROLES, "sjef"), "code": near(session.code, session.code.lower(), "AAAAAA")}
    for key in draw(st.sets(st.sampled_from(FIELDS), max_size=3)):
        del form[key]
    form.update(draw(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), weird_text, max_size=2)))
    raw = draw(st.none() | st.none() | st.binary(max_size=300) | st.binary(min_size=17000, max_size=17100))
    return {"form": form, "raw": raw, "headers": draw(header_sets), "step": step,
            "lock": draw(st.sampled_from([False, False, True]))}


def valid_request(session: Session, csrf: str, endpoint: str, public: tuple[str, ...]) -> dict[str, Any]:
    """One request that the endpoint stores (so every run reaches the storing path)."""
    kind = {"/vote": "statement", "/answer": "reflection", "/ask": "questions",
            "/upvote": "questions"}.get(endpoint, "lobby")
    step = next(i for i, s in enumerate(session.steps) if s.kind == kind)
    form = {"step": session.steps[step].key, "csrf": csrf, "value": "4",
            "q": public[0] if endpoint == "/upvote" else "0", "on": "1", "text": "Svar",
            "submission": "sub-1", "role": "annet", "code": session.code}
    return {"form": form, "raw": None, "headers": {}, "step": step, "lock": False}


def _valid_ballot(step: Step, value: str, lang: str) -> bool:
    """Whether ``value`` is a ballot a phone's form could have given on ``step``, as stored."""
    match step.body:
        case WordsPrompt():
            words = value.split("\n")
            return (0 < len(words) <= ballots.MAX_WORDS and len(set(words)) == len(words)
                    and all(w and ballots.normal_word(w, lang) == w and len(w) <= ballots.MAX_WORD_CHARS
                            for w in words))
        case RankingList() as ranking:
            placed = ballots.given(ranking, value)
            field = "r" if ranking.points is None else "p"
            fields = {f"{field}.{i}": str(n) for i, n in (placed or {}).items()}
            return placed is not None and ballots.ballot(step, fields, lang) == value
    return value in [c.value for c in options(step, lang)]


def _assert_record_is_valid(session: Session) -> None:
    for step_key, votes in session.votes.items():
        step = session.step_by_key(step_key)
        for pid, value in votes.items():
            assert pid in session.participants and _valid_ballot(step, value, session.lang), value
    for step_key, answers in session.answers.items():
        step = session.step_by_key(step_key)
        for answer in answers.values():
            most = MAX_QUESTION_CHARS if step.accepts_questions else MAX_ANSWER_CHARS
            assert answer.pid in session.participants and answer.text == clean_text(answer.text)
            assert 0 <= answer.question < max(1, len(step.questions)) and 0 < len(answer.text) <= most
            assert not step.accepts_questions or answer.question == 0
    for step_key, upvoted in session.record.upvotes.items():
        shown = {q.key for q in session.reading.questions(session.step_by_key(step_key))}
        for key, voters in upvoted.items():  # only questions the room sees, by phones that joined
            assert voters <= set(session.participants) and (not voters or key in shown)
    assert all(p.role in (None, *ROLES) for p in session.participants.values())
    stored = Record.from_tables(read_snapshot(session.store.path))  # what is on disk is what is held
    assert stored.answers == session.record.answers
    assert {s: {k: v for k, v in q.items() if v} for s, q in stored.upvotes.items()} == \
        {s: {k: v for k, v in q.items() if v} for s, q in session.record.upvotes.items()}


async def _asked(session: Session) -> tuple[str, ...]:
    """Two questions another phone asked on the questions step (shown at once): their public ids."""
    step = next(s for s in session.steps if s.accepts_questions)
    other = (await session.join()).id
    await session.choose_role(other, "annet")
    await session.go_to(session.steps.index(step))
    for n, text in enumerate(("Hvem bestemmer?", "Når kommer saken?")):
        await session.ask(other, step.key, text, f"seed-{n}")
    return tuple(q.public for q in session.reading.questions(step))


@pytest.mark.timeout(300)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_post_endpoint_survives_fuzzing(tmp_path: Path, endpoint: str) -> None:
    library = questions_library(tmp_path, "10 min, direkte", roles="ja")
    limits = Limits(posts=UNLIMITED, joins=UNLIMITED, failures=UNLIMITED)

    async def main() -> None:
        async with served(tmp_path, library, limits=limits) as (session, server):
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(cookie_jar=jar) as phone, aiohttp.ClientSession() as stranger:
                async with phone.get(server.join_url) as r:
                    assert r.status == 200
                phone_id, csrf = next((p.id, p.csrf) for p in session.participants.values())
                if endpoint != "/role":  # votes and answers come only after a role is chosen
                    await session.choose_role(phone_id, "annet")
                public = await _asked(session)
                loop = asyncio.get_running_loop()

                async def one(req: dict[str, Any]) -> None:
                    await session.go_to(req["step"])
                    await session.set_state(session.step.key, locked=req["lock"])
                    client = stranger if endpoint == "/kode" else phone
                    body = req["raw"] if req["raw"] is not None else urlencode(req["form"]).encode()
                    headers = {"Content-Type": FORM, **req["headers"]}
                    async with client.post(server.origin + endpoint, data=body, headers=headers,
                                           allow_redirects=False) as r:
                        assert r.status < 500, (r.status, await r.text())
                        assert r.status in (200, 303, 400, 403, 413)
                        assert r.headers.get("Content-Security-Policy") == CSP  # on every answer
                    _assert_record_is_valid(session)

                @settings(max_examples=120, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
                @given(req=requests(session, csrf, public))
                @example(req=valid_request(session, csrf, endpoint, public))
                def fuzz(req: dict[str, Any]) -> None:
                    asyncio.run_coroutine_threadsafe(one(req), loop).result(timeout=60)

                await asyncio.to_thread(fuzz)
                questions = next(s.key for s in session.steps if s.accepts_questions)
                stored = {"/vote": sum(map(len, session.votes.values())),
                          "/answer": sum(len(a) for k, a in session.answers.items() if k != questions),
                          "/ask": len(session.answers[questions]) - len(public),
                          "/upvote": len(read_snapshot(session.store.path).get("upvotes", [])),
                          "/role": session.participants[phone_id].role is not None,
                          "/kode": len(session.participants) - 2}  # the phone and the one that asked
                assert stored[endpoint] > 0  # the fuzzing reached the storing path too
                async with phone.get(server.origin + "/") as r:  # the app keeps serving
                    assert r.status == 200
                async with phone.get(server.origin + "/state") as r:
                    assert r.status == 200

    asyncio.run(main())


@st.composite
def ballot_forms(draw: st.DrawFn, session: Session, csrf: str, kind: str) -> dict[str, Any]:
    """A words or ranking form: nearly valid words, places and points, with hostile values mixed in."""
    step = next(s for s in session.steps if s.kind == kind)
    ids = [o.id for o in step.body.items] if isinstance(step.body, RankingList) else []
    number = st.integers(-2, 12).map(str) | weird_text | st.sampled_from(["", " 3", "٣", "1e1", "10"])
    form = {"step": step.key, "csrf": csrf, "submission": draw(st.sampled_from(["a", "b", ""]))}
    for n in range(1, 4):
        form[f"w{n}"] = draw(st.sampled_from(["Tillit", " og ", "ÅPEN  dialog!", "", "x" * 31]) | weird_text)
    order = draw(st.permutations(range(1, len(ids) + 1))) if ids else []
    for i, place in zip(ids, order, strict=True):
        form[f"r.{i}"] = draw(st.just(str(place)) | number)
        form[f"p.{i}"] = draw(st.sampled_from(["0", "5", "", "10"]) | number)
    for key in draw(st.sets(st.sampled_from(sorted(form)), max_size=2)):
        del form[key]
    return {"form": form, "lock": draw(st.sampled_from([False, False, False, True]))}


def valid_ballot_form(session: Session, csrf: str, kind: str) -> dict[str, Any]:
    """A words or ranking form that is stored (so every run reaches the storing path)."""
    step = next(s for s in session.steps if s.kind == kind)
    form = {"step": step.key, "csrf": csrf, "w1": "Tillit"}
    if isinstance(step.body, RankingList):
        body = step.body
        form |= {f"r.{o.id}": str(n) for n, o in enumerate(body.items, 1)}
        form |= {f"p.{o.id}": str(body.points if n == 0 else 0) for n, o in enumerate(body.items)}
    return {"form": form, "lock": False}


@pytest.mark.timeout(300)
@pytest.mark.parametrize(("programme", "kind"), [
    ("folkevalgtdag", "words"), ("folkevalgtdag", "ranking"), ("formannskap", "ranking")])
def test_words_and_rankings_survive_fuzzing(tmp_path: Path, programme: str, kind: str) -> None:
    """Words, places and points: never a 500, never a ballot stored that a form could not give."""
    library = load_library(REPO_CONTENT)
    limits = Limits(posts=UNLIMITED, joins=UNLIMITED, failures=UNLIMITED)

    async def main() -> None:
        jar = aiohttp.CookieJar(unsafe=True)
        async with (served(tmp_path, library, programme=programme, limits=limits) as (session, server),
                    aiohttp.ClientSession(cookie_jar=jar) as phone):
            async with phone.get(server.join_url) as r:
                assert r.status == 200
            joined = next(iter(session.participants.values()))
            csrf = joined.csrf
            if session.roles:  # a programme with groups asks first
                await session.choose_role(joined.id, "folkevalgt")
            await session.go_to(next(i for i, s in enumerate(session.steps) if s.kind == kind))
            loop = asyncio.get_running_loop()

            async def one(req: dict[str, Any]) -> None:
                await session.set_state(session.step.key, locked=req["lock"])
                url = server.origin + "/vote"
                async with phone.post(url, data=req["form"], allow_redirects=False) as r:
                    assert r.status in (303, 400, 403), (r.status, await r.text())  # 403: no csrf
                _assert_record_is_valid(session)

            @settings(max_examples=150, deadline=None, database=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
            @given(req=ballot_forms(session, csrf, kind))
            @example(req=valid_ballot_form(session, csrf, kind))
            def fuzz(req: dict[str, Any]) -> None:
                asyncio.run_coroutine_threadsafe(one(req), loop).result(timeout=60)

            await asyncio.to_thread(fuzz)
            assert session.votes.get(session.step.key)  # the fuzzing reached the storing path too
            async with phone.get(server.origin + "/") as r:
                assert r.status == 200

    asyncio.run(main())
