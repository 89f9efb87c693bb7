"""The summary's line view: laid out for the width it is drawn at, whatever the scrollbar or a
quick resize did meanwhile."""

from __future__ import annotations

from textual.app import App, ComposeResult

from samspill_tui.tui.reading import MarkdownLines, _chunks, _laid_out
from tests.tui.helpers import wait_for

LONG = "# Svar\n\n" + "\n".join(f"- Svar nummer {n} om samspill, tillit og roller i kommunen vår"
                                for n in range(3000)) + "\n"


class Shows(App[None]):
    def compose(self) -> ComposeResult:
        yield MarkdownLines(id="lines")


def _expected(width: int) -> str:
    return "\n".join(line.text.rstrip() for chunk in _chunks(LONG) for line in _laid_out(chunk, width))


async def test_lines_fit_the_width_left_beside_the_scrollbar() -> None:
    app = Shows()
    async with app.run_test(size=(80, 24)) as pilot:
        lines = app.query_one(MarkdownLines)
        lines.show(lambda: LONG)
        await wait_for(pilot, lambda: lines.source == LONG, timeout=30)
        width = lines.scrollable_content_region.width
        assert width < 80  # the scrollbar takes its place
        assert lines.text() == _expected(width)  # laid out for the width drawn, nothing cut off


async def test_a_quick_resize_and_back_leaves_no_line_at_the_wrong_width() -> None:
    app = Shows()
    async with app.run_test(size=(100, 24)) as pilot:
        lines = app.query_one(MarkdownLines)
        lines.show(lambda: LONG)
        await wait_for(pilot, lambda: lines.source == LONG, timeout=30)
        full = lines.scrollable_content_region.width
        lines.styles.width = 60

        def half_done() -> bool:  # the first chunks laid out again for 60, the rest still wider
            widths = [max((line.cell_length for line in chunk), default=0) for chunk in lines._chunks]
            return max(widths[:3]) < 60 < max(widths[-3:])

        await wait_for(pilot, half_done)
        lines.styles.width = "100%"
        await wait_for(pilot, lambda: lines.scrollable_content_region.width == full)
        width = full
        await wait_for(pilot, lambda: lines.text() == _expected(width), timeout=30)
