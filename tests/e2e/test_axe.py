"""WCAG 2.1 AA: axe-core finds no violations on any kind of phone page, light or dark.

axe-core comes from npm (``make test`` runs ``npm ci``) and is injected by the test only;
it is never served to phones. Pages use the repository's real content in both language forms.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect

from samspill_tui.content import load_library
from samspill_tui.session.live import Session
from samspill_tui.session.steps import DeckRating, RankingList, Step, WordsPrompt, options
from samspill_tui.web.server import WebServer
from tests.conftest import REPO_CONTENT
from tests.e2e.test_browser import CHROMIUM, browser
from tests.web.helpers import served

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (os.path.exists(CHROMIUM) and AXE.exists()) and not os.environ.get("CI"),
        reason="needs Debian chromium and axe-core (`make test` installs both)",
    ),
]
__all__ = ["browser"]  # the fixture, shared with the browser tests


async def _violations(page: Page) -> list[dict[str, Any]]:
    await page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = await page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    return found


async def _reflows(page: Page) -> bool:
    """At 320 CSS pixels wide (a 640 px phone at 200 % zoom) nothing scrolls sideways."""
    await page.set_viewport_size({"width": 320, "height": 640})
    fits: bool = await page.evaluate("document.documentElement.scrollWidth <= 320")
    await page.set_viewport_size({"width": 390, "height": 800})
    return fits


async def _fill_ballot(page: Page, step: Step) -> None:
    """Fill in the vote form of ``step`` as a participant would: an option, a word, places or points."""
    match step.body:
        case WordsPrompt():
            await page.locator("input[name=w1]").fill("Tillit")
        case RankingList(items=items, points=None):
            for place, item in enumerate(items, 1):
                await page.locator(f"select[name='r.{item.id}']").select_option(str(place))
        case RankingList(items=items, points=int(points)):
            await page.locator(f"input[name='p.{items[0].id}']").fill(str(points))
        case _:
            await page.locator("input[name=value]").first.check()


def _ballot(step: Step, lang: str, n: int) -> dict[str, str]:
    """The form the ``n``-th phone might send on ``step``: words, places, points or an option."""
    match step.body:
        case WordsPrompt():
            return {"w1": "tillit", "w2": f"ord {n}", "w3": "samspill"}
        case RankingList(items=items, points=None):
            return {f"r.{item.id}": str((place + n) % len(items) + 1) for place, item in enumerate(items)}
        case RankingList(items=items, points=int(points)):
            return {f"p.{items[n % len(items)].id}": str(points)}
    return {"value": options(step, lang)[0].value}


async def _scan(browser: Browser, session: Session, server: WebServer, scheme: str,
                only: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every kind of page of ``session`` as a phone sees it; the problems found on each."""
    context = await browser.new_context(color_scheme=scheme, bypass_csp=True,  # type: ignore[arg-type]
                                        viewport={"width": 390, "height": 800})
    page = await context.new_page()
    problems: dict[str, Any] = {}

    async def check(name: str) -> None:
        await page.wait_for_load_state()
        found = await _violations(page)
        if not await _reflows(page):
            found.append({"id": "reflow-320px"})
        if found:
            problems[f"{session.lang}/{session.programme.id}/{scheme}/{name}"] = found

    await page.goto(server.origin + "/")
    await check("join")
    await page.goto(server.origin + "/j/wrong-token")
    await check("wrong-token")
    await page.goto(server.join_url)
    if session.asks_role:
        await check("role")
        await page.locator("input[name=role]").first.check()
        await page.locator("form button").click()
    main = page.locator("main")
    seen = set()
    for index, step in enumerate(session.steps):
        if step.kind in seen or (only and step.kind not in only):
            continue
        seen.add(step.kind)
        await session.go_to(index)  # the page follows by itself
        await expect(main).to_have_attribute("data-step", str(index))
        await check(step.kind)
        if step.accepts_votes:
            await _fill_ballot(page, step)
            await page.locator("#vote button").click()
            await expect(page.locator("#vote .status")).not_to_be_empty()
            await check(f"{step.kind}-saved")
        if step.accepts_answers:
            await page.locator("textarea").first.fill("Et svar <b>med</b> tegn")
            await page.locator("form button").first.click()
            await expect(page.locator(".status").first).not_to_be_empty()
            await check(f"{step.kind}-saved")
        if step.accepts_questions:  # asked, then the room's questions listed, one upvoted
            await page.locator("textarea").first.fill("Et spørsmål <b>med</b> tegn & 💥")
            await page.locator("form button").first.click()
            await expect(page.locator(".status").first).not_to_be_empty()
            await check(f"{step.kind}-saved")
            other = (await session.join()).id
            if session.asks_role:
                await session.choose_role(other, "annet")
            await session.ask(other, step.key, "Hvem følger opp vedtaket?", "axe")
            for n, key in enumerate(session.answers[step.key]):
                await session.moderate(step.key, key, approved=True, answered=n == 1)
            await expect(page.locator("#asked button")).to_have_count(2)  # the list follows live
            await check(f"{step.kind}-listed")
            await page.locator("#asked button").first.click()
            await expect(page.locator('#asked button[aria-pressed="true"]')).to_have_count(1)
            await check(f"{step.kind}-upvoted")
        if isinstance(step.body, DeckRating):  # the last screen, then «Ferdig» pressed
            await page.goto(f"{server.origin}/?i={len(step.body.items)}")
            await check("rating-end")
            pid = next(iter(session.participants))
            for n in range(len(step.body.items)):
                await session.rate(pid, step.key, n, "3")
            await session.finish(pid, step.key, True)
            await page.reload()
            await check("rating-finished")
        if step.accepts_votes:  # results on the phones: withheld under k, then (k reached) the result
            await session.set_state(step.key, revealed=True, on_phones=True)
            await expect(page.get_by_role("heading", name="Resultat")).to_be_visible()
            await check(f"{step.kind}-results-held")
            for n in range(session.reading.policy.k):
                voter = (await session.join()).id
                if session.asks_role:  # a group that names nobody
                    await session.choose_role(voter, "annet")
                await session.give(voter, step.key, _ballot(step, session.lang, n))
            await page.reload()
            await expect(page.locator(".results")).to_be_visible()
            await check(f"{step.kind}-results")
        if step.accepts_votes or step.accepts_answers or step.accepts_questions:
            session.set_deadline(step.key, time.time() + 300)  # a timer that will close the vote
            await expect(page.locator("#deadline")).to_be_visible()
            await check(f"{step.kind}-closing")
            await session.set_state(step.key, locked=True)
            await expect(page.locator(".closed").first).to_be_visible()
            await check(f"{step.kind}-locked")
    await context.close()
    return problems


@pytest.mark.timeout(300)
@pytest.mark.parametrize("lang", ["nb", "nn"])
async def test_no_accessibility_violations_on_any_kind_of_page(
    browser: Browser, tmp_path: Path, lang: str
) -> None:
    library = load_library(REPO_CONTENT)
    problems: dict[str, Any] = {}
    kinds: set[str] = set()
    for scheme in ("light", "dark"):
        # formannskap for its ranking in order (folkevalgtdag's spreads points)
        for programme, only in (("folkevalgtdag", ()), ("samspill", ()), ("formannskap", ("ranking",))):
            async with served(tmp_path, library, lang=lang, name=f"{programme}-{scheme}",
                              programme=programme) as (session, server):
                problems.update(await _scan(browser, session, server, scheme, only))
                kinds |= {s.kind for s in session.steps}
    assert {"lobby", "case", "reflection", "poll", "statement", "rating", "ranking", "words", "questions",
            "summary"} <= kinds
    assert problems == {}
