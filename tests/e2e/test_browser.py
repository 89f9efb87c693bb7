"""The phone page in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, async_playwright, expect

from samspill_tui.session.live import Session
from samspill_tui.web.server import WebServer
from tests.conftest import go_to_kind

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


async def test_phone_joins_follows_steps_and_votes(
    browser: Browser, server: WebServer, session: Session
) -> None:
    page = await (await browser.new_context()).new_page()
    await page.goto(server.join_url)
    await expect(page.get_by_text("Du er med!")).to_be_visible()
    assert page.url == server.origin + "/"  # the token is gone from the address bar

    await session.go_to(1)  # the facilitator moves on: the page follows without a reload
    await expect(page.get_by_role("heading", name="Testsak")).to_be_visible(timeout=2500)

    await go_to_kind(session, "statement")
    await expect(page.get_by_role("group", name="Vi forstår rollene.")).to_be_visible(timeout=2500)
    await page.get_by_label("Delvis enig").check()
    await page.get_by_role("button", name="Stem").click()
    await expect(page.get_by_text("Registrert")).to_be_visible()
    assert session.tally(session.step).total == 1
    await expect(page.get_by_label("Delvis enig")).to_be_checked()

    await page.get_by_label("Helt uenig").check()  # change the vote
    await page.get_by_role("button", name="Stem").click()
    await expect(page.get_by_label("Helt uenig")).to_be_checked()
    assert dict(session.tally(session.step).counts)["1"] == 1
    assert session.tally(session.step).total == 1


async def test_whole_flow_without_javascript(browser: Browser, server: WebServer, session: Session) -> None:
    context = await browser.new_context(java_script_enabled=False)
    page = await context.new_page()
    await page.goto(server.join_url)
    await expect(page.get_by_text("Last inn siden på nytt")).to_be_visible()
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
    assert dict(session.tally(session.step).counts) == {"kd": 0, "ks": 1}
