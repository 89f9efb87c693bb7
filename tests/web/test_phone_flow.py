"""The phone face against the real aiohttp server on a loopback port."""

from __future__ import annotations

import json

from yarl import URL

from samspill_tui.session.live import Session
from samspill_tui.web.server import WebServer
from tests.conftest import Phone, go_to_kind, hidden


async def test_join_sets_cookie_and_shows_current_step(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    status, page = await phones[0].join()
    assert status == 200
    assert "Du er med!" in page
    assert len(session.participants) == 1
    cookie = phones[0].http.cookie_jar.filter_cookies(URL(server.origin))
    assert server.cookie_name in cookie
    # the same phone joining again stays one participant
    await phones[0].join()
    assert len(session.participants) == 1


async def test_wrong_token_is_refused_and_changes_nothing(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    status, page = await phones[0].join(f"{server.origin}/j/not-the-token")
    assert status == 403
    assert "Lenken er ikke gyldig" in page
    assert session.participants == {}
    status, page = await phones[0].get("/")
    assert status == 403


async def test_vote_then_change_vote_counts_once(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "statement")
    status, page = await phones[0].vote("5")
    assert status == 200 and "Registrert" in page
    assert 'value="5" required\n        checked' in page
    status, _ = await phones[0].vote("2")
    assert status == 200
    dist = session.tally(session.step)
    assert dist.total == 1
    assert dict(dist.counts)["2"] == 1 and dict(dist.counts)["5"] == 0


async def test_bad_value_and_stale_step_are_rejected(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "statement")
    status, page = await phones[0].vote("7")
    assert status == 400 and "Ugyldig valg" in page
    status, page = await phones[0].vote("3", step="case:sak")
    assert status == 400 and "ikke lenger åpent" in page
    assert session.tally(session.step).total == 0


async def test_post_without_csrf_or_from_other_origin_is_refused(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "statement")
    _, page = await phones[0].get("/")
    step = hidden(page, "step")
    status, _ = await phones[0].post("/vote", {"step": step, "value": "4", "csrf": "wrong"})
    assert status == 403
    status, _ = await phones[0].post(
        "/vote",
        {"step": step, "value": "4", "csrf": hidden(page, "csrf")},
        headers={"Origin": "http://evil.example"},
    )
    assert status == 403
    assert session.tally(session.step).total == 0


async def test_poll_vote_uses_option_ids(server: WebServer, session: Session, phones: list[Phone]) -> None:
    await phones[0].join()
    await go_to_kind(session, "poll")
    _, page = await phones[0].get("/")
    assert "Hvem har ansvaret her?" in page and "Kommunedirektøren" in page
    assert (await phones[0].vote("kd"))[0] == 200
    assert (await phones[0].vote("5"))[0] == 400
    assert dict(session.tally(session.step).counts) == {"kd": 1, "ks": 0}


async def test_answers_are_cleaned_and_never_count_twice(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    await phones[0].join()
    await go_to_kind(session, "reflection")
    status, page = await phones[0].answer(0, "Ansvar\u202e <b>[bold]x[/bold]</b>\x1b[31m", "sub-1")
    assert status == 200 and "Registrert" in page
    assert "&lt;b&gt;" in page and "<b>" not in page.split("Dine svar")[1]
    status, _ = await phones[0].answer(0, "Ansvar again", "sub-1")  # a retried submission
    answers = session.step_answers(session.step)
    assert [a.text for a in answers] == ["Ansvar <b>[bold]x[/bold]</b>[31m"]
    status, page = await phones[0].answer(0, "x" * 1001, "sub-2")
    assert status == 400 and "for langt" in page
    status, page = await phones[0].answer(5, "hei", "sub-3")
    assert status == 400


async def test_phone_follows_step_changes(server: WebServer, session: Session, phones: list[Phone]) -> None:
    await phones[0].join()
    _, state = await phones[0].get("/state")
    assert json.loads(state) == {"step": 0}
    await session.go_to(1)
    _, state = await phones[0].get("/state")
    assert json.loads(state) == {"step": 1}
    _, page = await phones[0].get("/")
    assert "Testsak" in page and "<strong>over 20 %</strong>" in page


async def test_security_headers_and_body_cap(
    server: WebServer, session: Session, phones: list[Phone]
) -> None:
    async with phones[0].http.get(server.join_url) as r:
        assert "script-src 'self'" in r.headers["Content-Security-Policy"]
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "no-referrer"
    await go_to_kind(session, "reflection")
    status, _ = await phones[0].post("/answer", {"text": "x" * 20_000})
    assert status == 413


async def test_nynorsk_session_speaks_nynorsk_on_the_phone(tmp_path: object, library: object) -> None:
    from pathlib import Path

    from samspill_tui.content import Library
    from tests.conftest import Phone as P

    assert isinstance(tmp_path, Path) and isinstance(library, Library)
    s = await Session.open(tmp_path, "nyn", "folkevalgtdag", library, "nn")
    srv = WebServer(s, "127.0.0.1", 0)
    await srv.start()
    phone = P(srv)
    try:
        _, page = await phone.join()
        assert 'lang="nn"' in page and "Du er med!" in page
        await go_to_kind(s, "statement")
        _, page = await phone.get("/")
        assert "Røyst" in page and "Heilt einig" in page and "Veit ikkje" in page
    finally:
        await phone.close()
        await srv.stop()
        await s.close()
