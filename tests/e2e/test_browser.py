"""The phone page in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, BrowserContext, Page, Route, async_playwright, expect

from samspill_tui.content import Library
from samspill_tui.session.live import Session
from samspill_tui.web import follow
from samspill_tui.web.server import WebServer, listen_for
from tests.conftest import answers_of, confirm_pair, go_to_kind, votes_of
from tests.web.helpers import questions_library, rating_library, roles_library, served

CHROMIUM = os.environ.get("SAMSPILL_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
        reason="Debian chromium not installed (CI installs it)",
    ),
]


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as pw:
        b = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        await b.close()


@pytest.fixture
async def roles(tmp_path: Path) -> AsyncIterator[tuple[Session, WebServer]]:
    async with served(tmp_path, roles_library(tmp_path)) as pair:
        yield pair


async def _phone(browser: Browser, **options: object) -> tuple[BrowserContext, Page, list[str]]:
    """A fresh phone; the list collects console errors (a CSP violation would show there)."""
    context = await browser.new_context(**options)  # type: ignore[arg-type]
    page = await context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return context, page, errors


async def test_join_choose_role_follow_answer_reload_and_vote(
    browser: Browser, roles: tuple[Session, WebServer]
) -> None:
    session, server = roles
    _, page, errors = await _phone(browser)
    await page.goto(server.join_url)  # the address the QR code encodes
    assert page.url == server.origin + "/"  # the token is gone from the address bar
    await page.get_by_role("radio", name="Ordfører").check()
    await page.get_by_role("button", name="Fortsett").click()
    await expect(page.get_by_text("Du er med!")).to_be_visible()
    assert [p.role for p in session.participants.values()] == ["ordforer"]

    await session.go_to(1)  # the facilitator moves on: the page follows without a reload
    await expect(page.get_by_role("heading", name="Testsak")).to_be_visible()
    await go_to_kind(session, "reflection")  # and again
    question = page.get_by_label("Hva er problemet?")
    await expect(question).to_be_visible()

    await question.fill("For lite folk")
    await expect(page.get_by_text("13 av 1000 tegn")).to_be_visible()  # the counter
    await page.reload()  # a reload keeps the unsent draft
    await expect(page.get_by_label("Hva er problemet?")).to_have_value("For lite folk")
    await page.get_by_label("Hva er problemet?").fill("For lite folk på jobb")
    form = page.locator("form").filter(has=page.get_by_label("Hva er problemet?"))
    await form.get_by_role("button", name="Send svar").click()
    await expect(form.get_by_role("status")).to_have_text("Registrert ✓")
    assert [a.text for a in session.answers[session.step.key].values()] == ["For lite folk på jobb"]
    await expect(page.get_by_role("listitem")).to_have_text(["For lite folk på jobb"])
    await expect(page.get_by_label("Hva er problemet?")).to_have_value("")

    await page.reload()  # mid-step: the page comes back with the participant's own answer
    await expect(page.get_by_role("listitem")).to_have_text(["For lite folk på jobb"])

    await go_to_kind(session, "statement")
    await expect(page.get_by_role("group", name="Rolleforståelse Vi forstår rollene.")).to_be_visible()
    await page.get_by_label("Delvis enig").check()
    await page.get_by_role("button", name="Stem").click()
    await expect(page.get_by_role("status")).to_have_text("Registrert ✓")
    assert votes_of(session)["4"] == 1

    await page.get_by_label("Helt uenig").check()  # change the vote
    await page.get_by_role("button", name="Stem").click()
    await expect(page.get_by_role("status")).to_have_text("Registrert ✓")
    assert votes_of(session)["1"] == 1
    assert session.reading.answered(session.step) == 1

    await session.set_state(session.step.key, locked=True)  # the facilitator locks the vote
    await expect(page.get_by_text("Avstemningen er stengt.")).to_be_visible()
    await expect(page.get_by_text("Ditt svar: Helt uenig")).to_be_visible()
    assert errors == []


async def test_a_lost_reply_is_retried_with_the_same_id_and_counts_once(
    browser: Browser, server: WebServer, session: Session
) -> None:
    _, page, _ = await _phone(browser)
    await page.goto(server.join_url)
    await go_to_kind(session, "reflection")
    await expect(page.get_by_label("Hva er problemet?")).to_be_visible()
    sent: list[str] = []

    async def lose_first_reply(route: Route) -> None:
        sent.append(route.request.post_data or "")
        if len(sent) == 1:
            await route.fetch()  # the server stores the answer ...
            await route.abort("connectionreset")  # ... but the phone never hears back
        else:
            await route.continue_()

    await page.route("**/answer", lose_first_reply)
    await page.get_by_label("Hva er problemet?").fill("Sendt to ganger")
    await page.get_by_role("button", name="Send svar").first.click()
    await expect(page.get_by_role("status").first).to_have_text("Registrert ✓", timeout=10_000)
    assert len(sent) == 2 and sent[0] == sent[1]  # the same submission id went again
    assert [a.text for a in answers_of(session)] == ["Sendt to ganger"]


async def test_not_stored_is_never_shown_as_registrert(
    browser: Browser, server: WebServer, session: Session
) -> None:
    _, page, _ = await _phone(browser)
    await page.goto(server.join_url)
    await go_to_kind(session, "statement")
    await expect(page.get_by_label("Helt enig")).to_be_visible()
    calls: list[int] = []

    async def busy_once(route: Route) -> None:
        calls.append(1)
        if len(calls) == 1:
            await route.fulfill(status=503, content_type="application/json",
                                body='{"ok": false, "message": "x"}')
        else:
            await route.continue_()

    await page.route("**/vote", busy_once)
    await page.get_by_label("Helt enig").check()
    await page.get_by_role("button", name="Stem").click()
    await expect(page.get_by_role("status")).to_have_text("Ikke lagret ennå. Prøver igjen …")
    assert session.reading.answered(session.step) == 0
    await expect(page.get_by_role("status")).to_have_text("Registrert ✓", timeout=10_000)
    assert session.reading.answered(session.step) == 1


async def test_follows_by_polling_when_the_event_stream_is_blocked(
    browser: Browser, server: WebServer, session: Session
) -> None:
    context, page, _ = await _phone(browser)
    await context.route("**/events", lambda route: route.abort())
    await page.goto(server.join_url)
    await expect(page.get_by_text("Du er med!")).to_be_visible()
    await session.go_to(1)
    await expect(page.get_by_role("heading", name="Testsak")).to_be_visible(timeout=15_000)


async def test_late_joiner_types_the_short_code(
    browser: Browser, server: WebServer, session: Session
) -> None:
    _, page, _ = await _phone(browser)
    await page.goto(server.origin + "/")
    await page.get_by_label("Kode (6 tegn)").fill("ABCDEF" if session.code != "ABCDEF" else "ACDEFH")
    await page.get_by_role("button", name="Bli med").click()
    await expect(page.get_by_role("alert")).to_have_text(
        "Koden stemmer ikke. Sjekk koden på skjermen og prøv igjen.")
    await page.get_by_label("Kode (6 tegn)").fill(session.code.lower())
    await page.get_by_role("button", name="Bli med").click()
    await expect(page.get_by_text("Du er med!")).to_be_visible()
    assert len(session.participants) == 1


async def test_whole_flow_without_javascript(browser: Browser, roles: tuple[Session, WebServer]) -> None:
    session, server = roles
    _, page, _ = await _phone(browser, java_script_enabled=False)
    await page.goto(server.join_url)
    await page.get_by_label("Folkevalgt").check()
    await page.get_by_role("button", name="Fortsett").click()
    await expect(page.get_by_text("Last inn siden på nytt")).to_be_visible()
    await session.go_to(1)
    await page.get_by_role("link", name="Oppdater").click()
    await expect(page.get_by_role("heading", name="Testsak")).to_be_visible()
    await go_to_kind(session, "reflection")
    await page.reload()
    await page.get_by_label("Hva er problemet?").fill("For lite folk på jobb")
    await page.get_by_role("button", name="Send svar").first.click()
    await expect(page.get_by_text("Registrert")).to_be_visible()
    await expect(page.get_by_text("For lite folk på jobb")).to_be_visible()
    await go_to_kind(session, "poll")
    await page.reload()
    await page.get_by_label("Kommunestyret").check()
    await page.get_by_role("button", name="Stem").click()
    await expect(page.get_by_text("Registrert")).to_be_visible()
    assert votes_of(session) == {"kd": 0, "ks": 1}
    await page.get_by_label("Kommunedirektøren").check()  # change the vote
    await page.get_by_role("button", name="Stem").click()
    await expect(page.get_by_label("Kommunedirektøren")).to_be_checked()
    assert votes_of(session) == {"kd": 1, "ks": 0}
    assert [p.role for p in session.participants.values()] == ["folkevalgt"]

    _, late, _ = await _phone(browser, java_script_enabled=False)  # a late joiner types the code
    await late.goto(server.origin + "/")
    await late.get_by_label("Kode (6 tegn)").fill(session.code)
    await late.get_by_role("button", name="Bli med").click()
    await expect(late.get_by_role("group", name="Hvilken rolle har du?")).to_be_visible()


async def _pair_at_rating(session: Session, server: WebServer, ordforer: Page, kd: Page) -> None:
    """The two phones take the named roles, the facilitator confirms them and opens the rating step."""
    for page, role in ((ordforer, "Ordfører"), (kd, "Kommunedirektør")):
        await page.goto(server.join_url)
        await page.get_by_label(role).check()
        await page.get_by_role("button", name="Fortsett").click()
    await confirm_pair(session)
    await go_to_kind(session, "rating")


async def test_two_phones_rate_the_whole_deck_at_their_own_pace(browser: Browser, tmp_path: Path) -> None:
    """One phone with its script, through a reload and a laptop gone and back; one without."""
    session = await Session.open(tmp_path, "rate", "samspill", rating_library(tmp_path), "nb")
    server = await listen_for(session, "127.0.0.1", 0, 0)
    await server.start()
    _, js, errors = await _phone(browser)
    _, plain, _ = await _phone(browser, java_script_enabled=False)
    try:
        await _pair_at_rating(session, server, js, plain)
        await expect(js.get_by_text("1 av 2")).to_be_visible()  # followed by itself
        await js.get_by_label("Helt enig").check()
        await js.get_by_role("button", name="Neste").click()
        await expect(js.get_by_text("2 av 2")).to_be_visible()
        await js.reload()  # the statement not yet rated, its own earlier answer one step back
        await expect(js.get_by_text("2 av 2")).to_be_visible()
        await js.get_by_role("button", name="Tilbake").click()
        await expect(js.get_by_label("Helt enig")).to_be_checked()

        await js.context.set_offline(True)  # the connection drops, and comes back: nothing is lost
        await expect(js.get_by_role("alert")).to_be_visible(timeout=10000)
        await js.context.set_offline(False)
        await expect(js.get_by_role("alert")).to_be_hidden(timeout=30000)
        await js.goto(server.origin + "/?i=0")
        await expect(js.get_by_label("Helt enig")).to_be_checked()
        await js.get_by_role("button", name="Neste").click()
        await js.get_by_label("Delvis enig").check()
        await js.get_by_role("button", name="Neste").click()
        await js.get_by_role("button", name="Ferdig").click()
        await expect(js.get_by_text("Du er ferdig")).to_be_visible()
        await js.get_by_role("button", name="Angre «Ferdig»").click()  # undone until the reveal
        await js.get_by_role("button", name="Ferdig").click()

        await plain.goto(server.origin + "/")  # without a script: plain forms, the same pages
        await expect(plain.get_by_text("1 av 2")).to_be_visible()
        await expect(plain.get_by_label("Helt enig")).not_to_be_checked()  # never the other's answer
        await plain.get_by_role("button", name="Neste").click()  # skipped: asked for at the end
        await plain.get_by_label("Delvis enig").check()
        await plain.get_by_role("button", name="Neste").click()
        await expect(plain.get_by_text("Du har ikke vurdert 1")).to_be_visible()
        await expect(plain.get_by_role("button", name="Ferdig")).to_have_count(0)
        await plain.get_by_role("link", name="Gå til den første").click()
        await plain.get_by_label("Helt uenig").check()
        await plain.get_by_role("button", name="Neste").click()
        await expect(plain.get_by_text("2 av 2")).to_be_visible()
        await expect(plain.get_by_label("Delvis enig")).to_be_checked()
        await plain.get_by_role("button", name="Neste").click()
        assert session.reading.gap(next(s for s in session.steps if s.kind == "gap")).rows is None
        await plain.get_by_role("button", name="Ferdig").click()
        await expect(plain.get_by_text("Du er ferdig")).to_be_visible()

        pair = session.record.pair() or ()  # stored per statement, as the gap view reads them
        assert session.votes["statement:dekk/s01"] == dict(zip(pair, "51", strict=True))
        assert session.votes["statement:dekk/s02"] == dict(zip(pair, "44", strict=True))
        await go_to_kind(session, "gap")  # the reveal: the rating is locked, phones follow
        await expect(js.get_by_role("heading", name="Der vi ser ulikt")).to_be_visible()
        assert not [e for e in errors if "Content Security Policy" in e]
    finally:
        await server.stop()
        await session.close()


async def test_a_rating_comes_back_after_the_laptop_resumes_the_session(
        browser: Browser, tmp_path: Path) -> None:
    """The app closes mid-rating and is started again on the same session: each phone finds its own
    ratings and its «Ferdig», with and without a script, and never the other's."""
    library = rating_library(tmp_path)
    session = await Session.open(tmp_path, "igjen", "samspill", library, "nb")
    server = await listen_for(session, "127.0.0.1", 0, 0)
    await server.start()
    _, js, _ = await _phone(browser)
    _, plain, _ = await _phone(browser, java_script_enabled=False)
    try:
        await _pair_at_rating(session, server, js, plain)
        await plain.goto(server.origin + "/")
        for page, first, second in ((js, "Helt enig", "Delvis uenig"), (plain, "Helt uenig", "Vet ikke")):
            await expect(page.get_by_text("1 av 2")).to_be_visible()
            await page.get_by_label(first).check()
            await page.get_by_role("button", name="Neste").click()
            await page.get_by_label(second).check()
            await page.get_by_role("button", name="Neste").click()
        await plain.get_by_role("button", name="Ferdig").click()
        await expect(plain.get_by_text("Du er ferdig")).to_be_visible()

        port = server.port
        await server.stop()  # the laptop closes the app mid-rating, and the facilitator resumes
        await session.close()
        session = await Session.open(tmp_path, "igjen", "samspill", library, "nb")
        server = await listen_for(session, "127.0.0.1", 0, 0)
        await server.start()
        assert server.port == port and session.step.kind == "rating"

        await plain.goto(server.origin + "/")
        await expect(plain.get_by_text("Du er ferdig")).to_be_visible()  # still finished
        await plain.get_by_role("button", name="Angre «Ferdig»").click()  # and may still undo it
        await plain.goto(server.origin + "/?i=0")
        await expect(plain.get_by_label("Helt uenig")).to_be_checked()
        await expect(js.get_by_role("button", name="Ferdig")).to_be_visible(timeout=30000)  # came back
        await js.goto(server.origin + "/?i=1")
        await expect(js.get_by_label("Delvis uenig")).to_be_checked()
        await expect(js.get_by_label("Vet ikke")).not_to_be_checked()  # never the other's answer
        await js.goto(server.origin + "/?i=0")
        await expect(js.get_by_label("Helt enig")).to_be_checked()
        assert session.reading.answered(session.step) == 0  # neither has finished now
    finally:
        await server.stop()
        await session.close()


async def test_the_page_says_when_the_laptop_is_gone_and_comes_back_by_itself(
    browser: Browser, session: Session
) -> None:
    server = await listen_for(session, "127.0.0.1", 0, 0)
    await server.start()
    _, page, errors = await _phone(browser)
    try:
        await page.goto(server.join_url)
        await go_to_kind(session, "reflection")
        question = page.get_by_label("Hva er problemet?")
        await expect(question).to_be_visible()
        await question.fill("Skrevet før")
        notice = page.get_by_role("alert").filter(has_text="Mistet kontakten med laptopen")
        await expect(notice).to_be_hidden()

        await server.stop()  # the laptop is gone: the page says so within about five seconds
        await expect(notice).to_be_visible(timeout=5000)
        await question.press_sequentially(" og under")  # typing goes on meanwhile

        server = await listen_for(session, "127.0.0.1", 0, 0)  # the app resumed on the same port
        await server.start()
        await expect(notice).to_be_hidden(timeout=30000)  # back by itself, with backoff
        await expect(question).to_have_value("Skrevet før og under")  # the typed text kept

        await session.go_to(session.current + 1)  # and it follows the room again
        await expect(page.get_by_label("Hva er problemet?")).to_be_hidden(timeout=30000)
        assert not [e for e in errors if "Content Security Policy" in e]
    finally:
        await server.stop()


async def test_a_laptop_that_goes_silent_is_noticed_within_about_five_seconds(
    browser: Browser, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = await listen_for(session, "127.0.0.1", 0, 0)
    await server.start()
    _, page, _ = await _phone(browser)
    try:
        await page.goto(server.join_url)
        notice = page.get_by_role("alert").filter(has_text="Mistet kontakten med laptopen")
        await page.wait_for_timeout(3000)  # a few beats heard: the page is not alarmed by them
        await expect(notice).to_be_hidden()
        # Asleep, or off the network: the open stream stays connected but says nothing more, and
        # /state gets no answer.
        monkeypatch.setattr(follow, "BEAT", 3600.0)
        await page.wait_for_timeout(2100)  # the beat already under way still arrives
        await page.route("**/state", lambda route: None)
        await expect(notice).to_be_visible(timeout=6000)
        await page.unroute("**/state")
        monkeypatch.setattr(follow, "BEAT", 2.0)
        await expect(notice).to_be_hidden(timeout=30000)  # awake again: back by itself
    finally:
        await server.stop()


async def test_the_phone_counts_down_to_the_timer_that_closes_the_vote(
    browser: Browser, tmp_path: Path, library: Library
) -> None:
    async with served(tmp_path, library) as (session, server):
        await go_to_kind(session, "poll")
        _, page, errors = await _phone(browser)
        _, plain, _ = await _phone(browser, java_script_enabled=False)
        for phone in (page, plain):
            await phone.goto(server.join_url)
        session.set_deadline(session.step.key, time.time() + 125)  # the phones reload by themselves
        await expect(page.locator("#deadline")).to_have_text(re.compile(r"stenger om 2:0[0-5]\."))
        await expect(page.locator("#deadline")).not_to_have_text(
            await page.locator("#deadline").inner_text(), timeout=3000)  # it counts down
        await plain.reload()
        await expect(plain.locator("#deadline")).to_have_text(re.compile(r"stenger kl\. \d\d:\d\d\."))
        await session.set_state(session.step.key, locked=True)
        await expect(page.get_by_text("Avstemningen er stengt.")).to_be_visible()
        await expect(page.locator("#deadline")).to_have_count(0)
        assert not errors


async def _ask_on(page: Page, text: str) -> None:
    """Type a question on the phone and send it."""
    await page.get_by_label("Ditt spørsmål").fill(text)
    await page.get_by_role("button", name="Send spørsmål").click()


async def _upvotes(page: Page, n: int, pressed: bool) -> None:
    """The phone shows one question with ``n`` upvotes, pressed or not by this phone."""
    button = page.get_by_role("button", name=f"Stem opp ({n})")
    await expect(button).to_have_attribute("aria-pressed", "true" if pressed else "false")


async def test_questions_asked_approved_upvoted_and_withdrawn_with_the_list_live(
    browser: Browser, tmp_path: Path
) -> None:
    async with served(tmp_path, questions_library(tmp_path)) as (session, server):
        _, asker, errors = await _phone(browser)
        _, voter, _ = await _phone(browser)
        for page in (asker, voter):
            await page.goto(server.join_url)
        await go_to_kind(session, "questions")
        asked = voter.locator("#asked")
        await expect(asked).to_have_text("Ingen spørsmål vises ennå.")
        await _ask_on(asker, "Hvem ansetter kommunalsjefen?")
        await expect(asker.get_by_role("status")).to_have_text("Registrert ✓")
        await expect(asker.locator(".mine")).to_have_text("Hvem ansetter kommunalsjefen?")
        for page in (asker, voter):
            await page.evaluate("window.stayed = true")  # gone if the page reloads
        await session.moderate(session.step.key, answers_of(session)[0].key, approved=True)
        up = voter.get_by_role("button", name="Stem opp (0)")
        await expect(up).to_have_attribute("aria-pressed", "false")  # the list came live
        await expect(asked.get_by_role("listitem")).to_contain_text("Hvem ansetter kommunalsjefen?")
        assert await voter.evaluate("window.stayed === true")

        await up.click()  # the upvote
        await _upvotes(voter, 1, True)
        assert session.reading.questions(session.step)[0].upvotes == 1
        await _upvotes(asker, 1, False)  # live, not pressed on the asker's phone
        assert await asker.evaluate("window.stayed === true")

        await voter.get_by_role("button", name="Stem opp (1)").click()  # withdrawn
        await _upvotes(voter, 0, False)
        await _upvotes(asker, 0, False)
        assert session.reading.questions(session.step)[0].upvotes == 0
        assert await asker.evaluate("window.stayed === true")
        assert errors == []


async def test_questions_without_javascript(browser: Browser, tmp_path: Path) -> None:
    async with served(tmp_path, questions_library(tmp_path)) as (session, server):
        _, asker, _ = await _phone(browser, java_script_enabled=False)
        _, voter, _ = await _phone(browser, java_script_enabled=False)
        for page in (asker, voter):
            await page.goto(server.join_url)
        await go_to_kind(session, "questions")
        for page in (asker, voter):
            await page.reload()
        await _ask_on(asker, "Kan utvalget kreve sak?")
        await expect(asker.get_by_role("status")).to_have_text("Registrert ✓")
        await expect(asker.locator(".mine")).to_have_text("Kan utvalget kreve sak?")
        await expect(voter.locator("#asked")).to_have_text("Ingen spørsmål vises ennå.")
        await session.moderate(session.step.key, answers_of(session)[0].key, approved=True)
        await voter.reload()
        await expect(voter.locator("#asked li p").first).to_have_text("Kan utvalget kreve sak?")
        await voter.get_by_role("button", name="Stem opp (0)").click()
        await _upvotes(voter, 1, True)
        assert session.reading.questions(session.step)[0].upvotes == 1
        await voter.get_by_role("button", name="Stem opp (1)").click()
        await _upvotes(voter, 0, False)
        assert session.reading.questions(session.step)[0].upvotes == 0
