"""The phone face against the real aiohttp server on a loopback port."""

from __future__ import annotations

import asyncio
import html
import json
import re
from pathlib import Path

import aiohttp
import pytest
from yarl import URL

from samspill_tui.content import Library
from samspill_tui.i18n import t
from samspill_tui.session.live import Session
from samspill_tui.session.record import ROLES
from samspill_tui.web.net import lan_addresses, reachable_from_lan
from samspill_tui.web.server import WebServer
from tests.conftest import Phone, answers_of, confirm_pair, go_to_kind, hidden, votes_of
from tests.web.helpers import groups_library, roles_library, served

JSON = {"Accept": "application/json"}


async def test_join_sets_cookie_and_shows_current_step(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    async with phones[0].http.get(server.join_url) as r:
        assert r.status == 200 and str(r.url) == server.origin + "/"  # the token is gone
        assert "Du er med!" in await r.text()
    assert len(session.participants) == 1
    cookie = phones[0].http.cookie_jar.filter_cookies(URL(server.origin))
    assert server.cookie_name in cookie
    # the same phone joining again stays one participant
    await phones[0].join()
    assert len(session.participants) == 1


async def test_without_cookie_the_page_explains_how_to_join_with_the_code(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    status, page = await phones[0].get("/")
    assert status == 200
    assert "Skann QR-koden" in page and 'action="/kode"' in page and 'name="code"' in page
    assert '<label for="code"' in page
    status, page = await phones[0].post("/kode", {"code": "ZZZZZZ"})
    assert status == 403 and "Koden stemmer ikke" in page and 'name="code"' in page
    assert session.participants == {}
    typed = " ".join(session.code.lower())  # case and spaces do not matter
    async with phones[0].http.post(server.origin + "/kode", data={"code": typed}) as r:
        assert r.status == 200 and str(r.url) == server.origin + "/"
        assert "Du er med!" in await r.text()
    assert len(session.participants) == 1


async def test_role_is_asked_once_then_the_current_step(tmp_path: Path) -> None:
    async with served(tmp_path, roles_library(tmp_path)) as (session, server):
        phone = Phone(server)
        try:
            status, page = await phone.join()
            assert status == 200 and "Hvilken rolle har du?" in page
            assert "<fieldset>" in page and "<legend>Hvilken rolle har du?</legend>" in page
            assert re.findall(r'name="role" value="([a-z]+)"', page) == list(ROLES)
            for label in ("Folkevalgt", "Ordfører", "Kommunedirektør", "Annet"):
                assert label in page
            csrf = hidden(page, "csrf")
            status, page = await phone.post("/role", {"csrf": csrf, "role": "sjef"})
            assert status == 400 and "Velg en av rollene" in page
            async with phone.http.post(server.origin + "/role",
                                       data={"csrf": csrf, "role": "ordforer"}) as r:
                assert r.status == 200 and str(r.url) == server.origin + "/"
                assert "Du er med!" in await r.text()
            (participant,) = session.participants.values()
            assert participant.role == "ordforer"
            await go_to_kind(session, "statement")
            assert (await phone.vote("4"))[0] == 200  # the normal flow once a role is chosen
        finally:
            await phone.close()


async def test_groups_only_offers_no_role_that_names_a_person(tmp_path: Path) -> None:
    async with served(tmp_path, groups_library(tmp_path), programme="roller") as (session, server):
        phone = Phone(server)
        try:
            _, page = await phone.join()
            offered = re.findall(r'name="role" value="([a-z]+)"', page)
            assert offered == ["folkevalgt", "administrasjon", "annet"]
            assert "Ordfører" not in page and "Kommunedirektør" not in page
            assert t("nb", "promise.role_groups", k=5) in html.unescape(page)
            csrf = hidden(page, "csrf")
            status, page = await phone.post("/role", {"csrf": csrf, "role": "ordforer"})  # a forged form
            assert status == 400 and "Velg en av rollene" in page
            assert (await phone.post("/role", {"csrf": csrf, "role": "administrasjon"}))[0] == 200
            (participant,) = session.participants.values()
            assert participant.role == "administrasjon" and participant.confirmed  # nobody to confirm
            await go_to_kind(session, "statement")
            _, page = await phone.get("/")
            assert t("nb", "promise.grouped", k=5) in html.unescape(page)
            assert (await phone.vote("4"))[0] == 200
        finally:
            await phone.close()


async def test_no_role_page_when_the_programme_does_not_ask(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    _, page = await phones[0].join()
    assert 'name="role"' not in page
    (pid,) = session.participants
    _, page = await phones[0].get("/")
    status, page = await phones[0].post("/role", {"csrf": session.participants[pid].csrf, "role": "annet"})
    assert status == 400 and session.participants[pid].role is None


async def test_vote_then_change_vote_counts_once(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "statement")
    status, page = await phones[0].vote("5")
    assert status == 200 and "Registrert" in page
    assert 'value="5" required checked' in page
    status, _ = await phones[0].vote("2")
    assert status == 200
    tally = votes_of(session)
    assert sum(tally.values()) == 1 and tally["2"] == 1 and tally["5"] == 0


async def test_registrert_only_after_a_stored_vote(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "statement")
    _, page = await phones[0].get("/")
    assert "Registrert" not in page  # nothing sent yet
    status, page = await phones[0].vote("9")
    assert status == 400 and "Registrert" not in page


async def test_bad_value_and_stale_step_are_rejected(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "statement")
    status, page = await phones[0].vote("7")
    assert status == 400 and "Ugyldig valg" in page
    status, page = await phones[0].vote("3", step="case:sak")
    assert status == 400 and "ikke lenger åpent" in page
    assert session.reading.answered(session.step) == 0


async def test_poll_vote_uses_option_ids(server: WebServer, session: Session, phones: list[Phone]) -> None:
    await phones[0].join()
    await go_to_kind(session, "poll")
    _, page = await phones[0].get("/")
    assert "Hvem har ansvaret her?" in page and "Kommunedirektøren" in page
    assert (await phones[0].vote("kd"))[0] == 200
    assert (await phones[0].vote("5"))[0] == 400
    assert votes_of(session) == {"kd": 1, "ks": 0}


async def test_answers_are_cleaned_shown_back_and_never_count_twice(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "reflection")
    status, page = await phones[0].answer(0, "Ansvar\u202e <b>[bold]x[/bold]</b>\x1b[31m", "sub-1")
    assert status == 200 and "Registrert" in page
    assert "&lt;b&gt;" in page and "<b>" not in page.split("Dine svar")[1]
    status, _ = await phones[0].answer(0, "Ansvar again", "sub-1")  # a retried submission
    answers = answers_of(session)
    assert [a.text for a in answers] == ["Ansvar <b>[bold]x[/bold]</b>[31m"]
    status, page = await phones[0].answer(5, "hei", "sub-3")
    assert status == 400
    _, page = await phones[0].get("/")  # a reload comes back showing the earlier answer
    assert "Ansvar &lt;b&gt;[bold]x[/bold]&lt;/b&gt;[31m" in page


async def test_script_replies_in_json_with_the_stored_text(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "reflection")
    _, page = await phones[0].get("/")
    form = {"step": hidden(page, "step"), "q": "1", "csrf": hidden(page, "csrf"), "submission": "js-1",
            "text": "  e\u0301n ting\u200f  "}
    async with phones[0].http.post(server.origin + "/answer", data=form, headers=JSON) as r:
        assert r.status == 200
        assert await r.json() == {"ok": True, "message": "Registrert ✓", "text": "én ting"}
    async with phones[0].http.post(server.origin + "/answer", data={**form, "q": "9"}, headers=JSON) as r:
        assert r.status == 400
        reply = await r.json()
        assert reply["ok"] is False and reply["code"] == "bad-question" and reply["message"]


async def test_a_retried_vote_submission_never_undoes_a_later_vote(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "statement")
    _, page = await phones[0].get("/")
    base = {"step": hidden(page, "step"), "csrf": hidden(page, "csrf")}
    for value, submission in (("5", "a"), ("2", "b"), ("5", "a")):  # "a" arrives again, late
        status, _ = await phones[0].post("/vote", {**base, "value": value, "submission": submission})
        assert status == 200
    assert session.my_vote(next(iter(session.participants)), session.step.key) == "2"
    assert session.reading.answered(session.step) == 1


async def test_phones_on_the_same_step_share_a_page_but_never_their_tokens_or_votes(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    for phone in phones[:2]:
        await phone.join()
    await go_to_kind(session, "statement")
    pages = [(await phone.get("/"))[1] for phone in phones[:2]]
    csrfs = {hidden(page, "csrf") for page in pages}
    assert csrfs == {p.csrf for p in session.participants.values()}
    again = (await phones[0].get("/"))[1]
    assert hidden(again, "submission") != hidden(pages[0], "submission")  # a fresh id per page
    assert "samspill-mark" not in again
    strip = re.compile(r'name="(csrf|submission)" value="[^"]*"')
    assert strip.sub("", pages[0]) == strip.sub("", pages[1]) == strip.sub("", again)

    assert (await phones[0].vote("4"))[0] == 200
    mine, theirs = [(await phone.get("/"))[1] for phone in phones[:2]]
    assert 'value="4" required checked' in mine and "checked" not in theirs
    _, saved = await phones[1].get("/?saved=vote")
    _, odd = await phones[1].get("/?saved=<b>x</b>")
    assert "Registrert" in saved and "Registrert" not in odd and "<b>x" not in odd
    await session.set_state(session.step.key, locked=True)
    _, locked = await phones[1].get("/")
    assert "Avstemningen er stengt" in locked and 'action="/vote"' not in locked

    await go_to_kind(session, "reflection")  # a phone's own answers stay on its own page
    assert (await phones[0].answer(0, "Bare mitt svar", "m1"))[0] == 200
    mine, theirs = [(await phone.get("/?saved=q0"))[1] for phone in phones[:2]]
    assert "Bare mitt svar" in mine and "Bare mitt svar" not in theirs
    assert "Registrert" in mine and "Registrert" in theirs
    # The page is shared and the answers filled in per phone: under their own question, each
    # once, the heading shown only where there are answers, marks in an answer left as typed.
    odd = "samspill-mark-mine-items-1. samspill-mark-csrf <i>"
    assert (await phones[0].answer(0, odd, "m2"))[0] == 200
    assert (await phones[1].answer(1, "Ditt svar", "t1"))[0] == 200
    mine, theirs = [(await phone.get("/"))[1] for phone in phones[:2]]
    lists = [re.findall(r'<ul class="mine">(.*?)</ul>', page) for page in (mine, theirs)]
    assert lists[0] == ["<li>Bare mitt svar</li><li>samspill-mark-mine-items-1. samspill-mark-csrf "
                        "&lt;i&gt;</li>", ""]
    assert lists[1] == ["", "<li>Ditt svar</li>"]
    headings = [re.findall(r'<p class="mine-heading"( hidden)?>', page) for page in (mine, theirs)]
    assert headings == [["", " hidden"], [" hidden", ""]]
    assert hidden(theirs, "csrf") not in mine and "Bare mitt svar" not in theirs


async def test_locked_step_shows_voting_closed_and_the_own_vote(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "statement")
    _, page = await phones[0].get("/")
    csrf, step = hidden(page, "csrf"), hidden(page, "step")
    assert (await phones[0].vote("4"))[0] == 200
    await session.set_state(session.step.key, locked=True)
    _, page = await phones[0].get("/")
    assert "Avstemningen er stengt" in page and 'action="/vote"' not in page
    assert "Ditt svar: <strong>Delvis enig</strong>" in page
    status, page = await phones[0].post("/vote", {"step": step, "value": "1", "csrf": csrf})
    assert status == 400 and "stengt" in page
    assert session.my_vote(next(iter(session.participants)), session.step.key) == "4"


async def test_locked_reflection_shows_answers_but_no_form(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "reflection")
    assert (await phones[0].answer(1, "Rådmannen", "s1"))[0] == 200
    await session.set_state(session.step.key, locked=True)
    _, page = await phones[0].get("/")
    assert "Det tas ikke lenger imot svar" in page and "<textarea" not in page and "Rådmannen" in page


async def test_state_changes_with_the_step_and_its_lock(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    _, state = await phones[0].get("/state")
    assert json.loads(state) == {"step": 0, "rev": 0}
    await session.go_to(1)
    _, state = await phones[0].get("/state")
    assert json.loads(state) == {"step": 1, "rev": 1}
    _, page = await phones[0].get("/")
    assert 'data-step="1" data-rev="1"' in page
    assert "Testsak" in page and "<strong>over 20 %</strong>" in page
    await session.set_state(session.step.key, locked=True)
    _, state = await phones[0].get("/state")
    assert json.loads(state) == {"step": 1, "rev": 2}
    await session.set_state("summary", revealed=True)  # another step's state: no reload
    _, state = await phones[0].get("/state")
    assert json.loads(state) == {"step": 1, "rev": 2}
    await session.set_state(session.step.key, revealed=True)  # results on the projector only
    _, state = await phones[0].get("/state")
    assert json.loads(state) == {"step": 1, "rev": 2}
    await session.reset_step(session.step.key)  # the phones' own answers are gone: reload
    _, state = await phones[0].get("/state")
    assert json.loads(state) == {"step": 1, "rev": 3}


async def _next_event(stream: aiohttp.StreamReader) -> dict[str, int]:
    while True:
        line = await asyncio.wait_for(stream.readline(), 10)
        assert line, "stream ended"
        if line.startswith(b"data: "):
            data: dict[str, int] = json.loads(line[6:])
            return data


async def test_events_stream_follows_the_room_and_ends_when_the_server_stops(
    tmp_path: Path, library: Library
) -> None:
    async with served(tmp_path, library) as (session, server):
        phone = Phone(server)
        try:
            await phone.join()
            async with phone.http.get(server.origin + "/events") as r:
                assert r.status == 200 and r.headers["Content-Type"].startswith("text/event-stream")
                assert await _next_event(r.content) == {"step": 0, "rev": 0}
                await session.go_to(2)
                assert await _next_event(r.content) == {"step": 2, "rev": 1}
                await session.go_to(3)
                assert await _next_event(r.content) == {"step": 3, "rev": 2}
                await server.stop()  # quitting the app ends open streams at once
                rest = await asyncio.wait_for(r.content.read(), 10)
                assert b"data:" not in rest
        finally:
            await phone.close()


async def test_answer_form_has_a_counter_and_the_server_cap(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "reflection")
    _, page = await phones[0].get("/")
    assert 'maxlength="1000"' in page and 'aria-describedby="c0"' in page
    assert '<p id="c0" class="count">Høyst 1000 tegn.</p>' in page
    assert 'data-count="{n} av {max} tegn"' in page


async def test_nynorsk_session_speaks_nynorsk_on_the_phone(tmp_path: Path) -> None:
    async with served(tmp_path, roles_library(tmp_path), lang="nn") as (session, server):
        phone = Phone(server)
        try:
            _, page = await phone.get("/")
            assert 'lang="nn"' in page and "Ver med" in page and "Kode (6 teikn)" in page
            _, page = await phone.join()
            assert "Kva rolle har du?" in page and "Ordførar" in page
            await phone.post("/role", {"csrf": hidden(page, "csrf"), "role": "folkevalgt"})
            await go_to_kind(session, "statement")
            _, page = await phone.get("/")
            assert 'lang="nn"' in page and "Røyst" in page and "Heilt einig" in page and "Veit ikkje" in page
        finally:
            await phone.close()


LAN = [a for a in lan_addresses() if reachable_from_lan(a)]


@pytest.mark.skipif(not LAN, reason="this machine has no LAN address")
async def test_served_on_the_announced_lan_address(tmp_path: Path, library: Library) -> None:
    async with served(tmp_path, library, host="0.0.0.0") as (session, server):
        assert server.host == LAN[0] and server.reachable
        phone = Phone(server)
        try:
            status, page = await phone.join()  # through the LAN address the QR code carries
            assert status == 200 and "Du er med!" in page
            await go_to_kind(session, "statement")
            assert (await phone.vote("3"))[0] == 200
            # loopback names are not the announced host: refused (DNS rebinding)
            status, _ = await phone.get("/", headers={"Host": f"127.0.0.1:{server.port}"})
            assert status == 421
        finally:
            await phone.close()


async def test_address_is_known_before_serving_and_a_taken_port_fails(session: Session) -> None:
    first = WebServer(session, "127.0.0.1", 0)
    first.listen()
    try:
        assert first.port > 0 and first.join_url.startswith(f"http://127.0.0.1:{first.port}/j/")
        second = WebServer(session, "127.0.0.1", first.port)
        with pytest.raises(OSError):
            second.listen()
        await first.start()
        phone = Phone(first)
        try:
            assert (await phone.join())[0] == 200
        finally:
            await phone.close()
    finally:
        await first.stop()


async def test_a_role_is_chosen_once_before_any_vote_and_a_named_role_by_one_phone(
        tmp_path: Path, library: Library) -> None:
    """A third phone claiming «ordfører» broke the pair; a role changed after voting unmasked it."""
    async with served(tmp_path, library, programme="samspill") as (session, server):
        first, second, third = Phone(server), Phone(server), Phone(server)
        try:
            _, page = await first.join()
            await go_to_kind(session, "statement")
            status, reply = await first.vote("4", step=session.step.key)  # no role yet: refused
            assert status == 400 and "Velg rolle først" in reply
            assert (await first.post("/role", {"csrf": hidden(page, "csrf"), "role": "ordforer"}))[0] == 200
            status, reply = await first.post("/role", {"csrf": hidden(page, "csrf"), "role": "folkevalgt"})
            assert status == 400 and "Du har allerede valgt rolle" in reply  # once
            _, page = await second.join()
            status, reply = await second.post("/role", {"csrf": hidden(page, "csrf"), "role": "ordforer"})
            assert status == 400 and "Den rollen har en annen allerede valgt" in reply
            assert 'name="role"' in (await second.get("/"))[1]  # it chooses another
            _, page = await third.join()
            await third.post("/role", {"csrf": hidden(page, "csrf"), "role": "kommunedirektor"})
            assert [p.role for p in session.participants.values()] == ["ordforer", None, "kommunedirektor"]
            assert session.record.pair() is None  # until the facilitator confirms both
            await confirm_pair(session)
            assert session.record.pair() is not None
        finally:
            for phone in (first, second, third):
                await phone.close()
