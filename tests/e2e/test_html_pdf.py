"""The HTML export in a real browser: Chromium renders it to an A4 PDF with its charts drawn,
its own stylesheet allowed by the CSP, and nothing else loaded or run."""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, async_playwright

from samspill_tui.content import load_library
from samspill_tui.export.html import summary_html
from samspill_tui.session.summary import load_session
from tests.conftest import REPO_CONTENT
from tests.e2e.test_browser import ARGS, CHROMIUM
from tests.golden.build import EXPORTED, build, fixed_clock

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
        reason="Debian chromium not installed (CI installs it)",
    ),
]

A4_POINTS = (595, 842)  # A4 in PDF points, portrait


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as pw:
        b = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        await b.close()


async def _html(programme: str, tmp_path: Path) -> Path:
    library = load_library(REPO_CONTENT)
    with fixed_clock():
        session = await build(programme, tmp_path, library)
        await session.close()
    path = tmp_path / f"{programme}.html"
    path.write_text(summary_html(load_session(tmp_path, session.name, library).summary(EXPORTED)),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("programme", ["folkevalgtdag", "utviklingssamtale"])
async def test_chromium_prints_the_export_to_a4_with_its_charts(programme: str, tmp_path: Path,
                                                                browser: Browser) -> None:
    path = await _html(programme, tmp_path)
    context = await browser.new_context()
    page = await context.new_page()
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    await page.goto(path.as_uri())
    await page.emulate_media(media="print")

    charts = await page.locator("figure.chart svg").evaluate_all(
        "els => els.map(e => { const b = e.getBoundingClientRect();"
        " return [b.width, b.height, e.querySelectorAll('rect.bar').length]; })")
    bars = await page.locator("rect.bar").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().width)")
    if programme == "folkevalgtdag":
        assert len(charts) == 8  # one poll and seven statements
        assert all(w > 300 and h > 50 and n >= 5 for w, h, n in charts), charts
        assert sum(1 for w in bars if w > 0) >= 7  # the bars are drawn, with their width
        clouds = await page.locator("figure.cloud svg").evaluate_all(
            "els => els.map(e => [e.getBoundingClientRect().width,"
            " Array.from(e.querySelectorAll('text'), t => t.getBBox().height),"
            " Array.from(e.querySelectorAll('text'), t => Number(t.getAttribute('font-size')))])")
        assert len(clouds) == 1 and clouds[0][0] > 300  # the words step's cloud
        heights, sizes = clouds[0][1], clouds[0][2]
        # drawn in order of frequency, the most common largest (sizes grow with the square root of
        # the count above one: the rarest of ten phones' words is still given twice here)
        assert len(sizes) >= 5 and sizes == sorted(sizes, reverse=True) and sizes[0] > 1.4 * sizes[-1]
        assert heights[0] > 1.4 * min(heights)  # and drawn so
    else:
        assert charts == [] and await page.locator("svg").count() == 0  # the referat has no votes
        draft = page.locator("p.draft")
        assert await draft.inner_text() == "Utkast – til godkjenning"
        color = await draft.evaluate("e => getComputedStyle(e).color")
        assert color == "rgb(170, 51, 51)"  # the inline stylesheet applies under the CSP

    # participant text is text: nothing in it became an element
    assert await page.locator("main script, main a, main img, main iframe").count() == 0
    assert await page.get_by_text("<script>alert('x')</script>", exact=False).count() >= 1
    assert problems == []
    assert requests == [path.as_uri()]  # nothing else was fetched

    pdf = await page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf.startswith(b"%PDF-")
    boxes = {tuple(round(float(v)) for v in m.groups())
             for m in re.finditer(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)}
    assert boxes == {A4_POINTS}  # every page is A4 (@page size), portrait
    count = re.search(rb"/Type /Pages\s*/Count (\d+)", pdf) or re.search(rb"/Count (\d+)", pdf)
    assert count and int(count.group(1)) >= 2
    await context.close()
