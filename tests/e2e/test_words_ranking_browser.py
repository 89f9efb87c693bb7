"""Words and rankings on a phone in Chromium, with JavaScript on and off."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from samspill_tui.content import load_library
from samspill_tui.session.live import Session
from tests.conftest import REPO_CONTENT, go_to_kind
from tests.e2e.test_browser import _phone, browser, pytestmark  # noqa: F401  (the fixture and marks)
from tests.web.helpers import served


async def _join(page: Page, url: str, lang: str = "nb") -> None:
    """Scan the code; the shipped programmes ask for a group first, and the phone says folkevalgt."""
    await page.goto(url)
    await page.get_by_label({"nb": "Folkevalgt", "nn": "Folkevald"}[lang]).check()
    await page.get_by_role("button", name={"nb": "Fortsett", "nn": "Hald fram"}[lang]).click()
    await expect(page.locator("main")).to_have_attribute("data-step", "0")


async def _show(page: Page, session: Session, kind: str, javascript: bool) -> None:
    """Move the room to the first step of ``kind``; the phone follows by itself, or is reloaded."""
    await go_to_kind(session, kind)
    if not javascript:
        await page.reload()
    await expect(page.locator("main")).to_have_attribute("data-step", str(session.current))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
async def test_words_then_points_on_a_phone(browser: Browser, tmp_path: Path, javascript: bool) -> None:  # noqa: F811
    async with served(tmp_path, load_library(REPO_CONTENT)) as (session, server):
        _, page, errors = await _phone(browser, java_script_enabled=javascript)
        await _join(page, server.join_url)
        await _show(page, session, "words", javascript)
        await page.get_by_label("Ord 1").fill("  Tillit ")
        await page.get_by_label("Ord 2").fill("og")  # a stop word: not counted
        await page.get_by_label("Ord 3").fill("Åpen   dialog")
        await page.get_by_role("button", name="Send svar").click()
        await expect(page.locator("#vote .status")).to_have_text("Registrert ✓")
        step = session.step
        assert list(session.votes[step.key].values()) == ["tillit\nåpen dialog"]
        if not javascript:  # the page came back with the words as counted
            await expect(page.get_by_label("Ord 1")).to_have_value("tillit")

        await _show(page, session, "ranking", javascript)
        await expect(page.get_by_text("Fordel 10 poeng")).to_be_visible()
        await page.get_by_label("Kortere og tydeligere saksframlegg").fill("7")
        await page.get_by_role("button", name="Send svar").click()
        status = page.locator("#vote .status") if javascript else page.locator("main")
        await expect(status).to_contain_text("Poengene må til sammen")  # 7 of 10: nothing stored
        assert session.step.key not in session.votes
        if not javascript:
            await page.go_back()
        await page.get_by_label("Kortere og tydeligere saksframlegg").fill("7")
        await page.get_by_label("Et oppdatert delegeringsreglement").fill("3")
        await page.get_by_role("button", name="Send svar").click()
        await expect(page.locator("#vote .status")).to_have_text("Registrert ✓")
        assert list(session.votes[session.step.key].values()) == [
            "roller:0,saker:7,dialog:0,samtale:0,delegering:3,oppfolging:0"]
        assert [e for e in errors if "status of 400" not in e] == []  # the refused sum only


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
async def test_a_ranking_by_numbered_places_on_a_phone(browser: Browser, tmp_path: Path,  # noqa: F811
                                                       javascript: bool) -> None:
    async with served(tmp_path, load_library(REPO_CONTENT), lang="nn", programme="formannskap") as (
            session, server):
        _, page, errors = await _phone(browser, java_script_enabled=javascript)
        await _join(page, server.join_url, "nn")
        await _show(page, session, "ranking", javascript)
        labels = ["Faste dialogmøte mellom politisk leiing og kommunedirektøren",
                  "Kortare og tydelegare saksframlegg",
                  "Ein felles gjennomgang av rollene til folkevalde og administrasjonen",
                  "Ein årleg utviklingssamtale med kommunedirektøren",
                  "Betre rapportering på korleis vedtak blir følgde opp",
                  "Eit oppdatert delegeringsreglement"]
        for place, text in enumerate(labels, 1):
            await page.get_by_label(text).select_option(str(place))
        await page.get_by_role("button", name="Send svar").click()
        await expect(page.locator("#vote .status")).to_have_text("Registrert ✓")
        assert list(session.votes[session.step.key].values()) == [
            "dialog,saker,roller,samtale,oppfolging,delegering"]
        await page.reload()
        await expect(page.get_by_label(labels[0])).to_have_value("1")  # its own order comes back
        await expect(page.get_by_label(labels[5])).to_have_value("6")
        assert errors == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
async def test_the_rooms_words_and_order_reach_the_phone_when_the_facilitator_presses_p(
        browser: Browser, tmp_path: Path, javascript: bool) -> None:  # noqa: F811
    async with served(tmp_path, load_library(REPO_CONTENT)) as (session, server):
        _, page, errors = await _phone(browser, java_script_enabled=javascript)
        await page.goto(server.join_url)
        await page.get_by_label("Folkevalgt").check()
        await page.get_by_role("button", name="Fortsett").click()
        await _show(page, session, "words", javascript)
        others = [(await session.join()).id for _ in range(4)]
        for pid in others:
            await session.choose_role(pid, "folkevalgt")
            await session.give(pid, session.step.key, {"w1": "tillit", "w2": "åpenhet"})
        await page.get_by_label("Ord 1").fill("Tillit")
        await page.get_by_role("button", name="Send svar").click()
        await expect(page.locator("#vote .status")).to_have_text("Registrert ✓")
        await session.set_state(session.step.key, revealed=True, on_phones=True)
        if not javascript:
            await page.reload()
        words = page.locator("ol.results li")  # the page follows by itself with JavaScript on
        await expect(words).to_have_text(["tillit: 5", "åpenhet: 4"])
        await expect(page.get_by_text("5 har svart.", exact=True)).to_be_visible()

        await _show(page, session, "ranking", javascript)
        for pid in others:
            await session.give(pid, session.step.key, {"p.saker": "10"})
        await session.set_state(session.step.key, revealed=True)
        await expect(page.locator("ol.results")).to_have_count(0)  # P is chosen per step: off here
        await session.set_state(session.step.key, on_phones=True)
        if not javascript:
            await page.reload()
        await expect(page.get_by_role("heading", name="Resultat")).to_be_visible()
        await expect(page.get_by_text("Resultatet vises når minst 5 har svart (4 så langt).")).to_be_visible()
        await page.get_by_label("Kortere og tydeligere saksframlegg").fill("10")
        await page.get_by_role("button", name="Send svar").click()
        await expect(page.locator("#vote .status")).to_have_text("Registrert ✓")
        await page.reload()
        first = page.locator("ol.results li").first
        await expect(first).to_have_text("Kortere og tydeligere saksframlegg: 50")
        await expect(page.get_by_text("Enighet (Kendalls W): 1,00 – sterk")).to_be_visible()
        assert errors == []
