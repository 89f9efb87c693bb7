"""Steps to read from the projector: a case, and the session summary."""

from __future__ import annotations

import asyncio
from bisect import bisect_right
from collections.abc import Callable
from functools import partial
from itertools import accumulate

from rich.console import Console
from rich.markdown import Markdown as RichMarkdown
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Markdown

from samspill_tui.export.markdown import summary_markdown
from samspill_tui.session.steps import CaseText
from samspill_tui.tui.views import StepView

# Textual sizes a level-3 heading to its text: a long one would be cut at 80 columns, not wrapped.
WRAPPED_HEADINGS = """
Markdown > MarkdownHeader {
    width: 100%;
}
"""


class CaseView(StepView):
    """The case text rendered from Markdown."""

    DEFAULT_CSS = WRAPPED_HEADINGS

    def compose(self) -> ComposeResult:
        assert isinstance(self.step.body, CaseText)
        with VerticalScroll():
            yield Markdown(self.step.body.case.markdown, id="case-text")


class MarkdownLines(ScrollView, can_focus=True):
    """A long Markdown document laid out a chunk at a time, the keys handled in between; only the
    lines in view are drawn. (Textual's ``Markdown`` makes a widget per block and lays them all
    out at once: a summary of 3,000 answers held the projector's keys for 25 s.) A chunk laid out
    before at the same width is reused, so a new count in the heading costs only its own chunk."""

    DEFAULT_CSS = """
    MarkdownLines {
        overflow-x: hidden;
        scrollbar-gutter: stable;  /* the width to lay out for stays when the scrollbar appears */
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = ""  # the Markdown shown, once wholly laid out
        self._make: Callable[[], str] = str
        self._chunks: list[list[Strip]] = []  # each chunk's lines, as laid out
        self._starts: list[int] = []  # the first line of each chunk
        self._width = 0  # the width being laid out for
        self._laid_width = 0  # the width ``source`` was laid out for
        self._cache: dict[tuple[str, int], list[Strip]] = {}

    def show(self, source: Callable[[], str]) -> None:
        """Show the Markdown ``source()`` returns (called in a thread): each chunk replaces its
        old lines as soon as it is laid out; nothing is done when the text is unchanged."""
        self._make = source
        self._lay_out()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:
            self._lay_out()

    def _lay_out(self) -> None:
        self._width = width = self.scrollable_content_region.width
        if width > 0:
            self.run_worker(self._work(self._make, width), group="layout", exclusive=True,
                            exit_on_error=False)

    async def _work(self, make: Callable[[], str], width: int) -> None:
        """Lay out the chunks, yielding to the loop every ``SLICE`` seconds; a newer layout
        cancels this one. Meanwhile the chunks not yet laid out show their old lines."""
        source, chunks = await asyncio.to_thread(_cut, make)
        if (source, width) == (self.source, self._laid_width):
            return
        loop = asyncio.get_running_loop()
        fresh: list[list[Strip]] = []
        until = loop.time() + SLICE
        for chunk in chunks:
            lines = self._cache.get((chunk, width)) or _laid_out(chunk, width)
            self._cache[chunk, width] = lines  # kept at once: a layout cancelled half-way helps the next
            fresh.append(lines)
            if loop.time() > until:
                self._laid_width = 0  # shown half laid out: a layout at any width must run again
                self._put(fresh + self._chunks[len(fresh):len(chunks)])
                await asyncio.sleep(0)  # a key pressed meanwhile waits a slice at most
                until = loop.time() + SLICE
        self._put(fresh)
        self._cache = {(chunk, width): lines for chunk, lines in zip(chunks, fresh, strict=True)}
        self.source, self._laid_width = source, width

    def _put(self, chunks: list[list[Strip]]) -> None:
        """Show ``chunks``, each a list of lines."""
        self._chunks = chunks
        self._starts = list(accumulate((len(c) for c in chunks), initial=0))
        self.virtual_size = Size(self._width, self._starts[-1])
        self.refresh()

    def line(self, n: int) -> Strip | None:
        """Line ``n`` of the document as laid out, if there is one."""
        chunk = bisect_right(self._starts, n) - 1
        if not 0 <= chunk < len(self._chunks) or n - self._starts[chunk] >= len(self._chunks[chunk]):
            return None
        return self._chunks[chunk][n - self._starts[chunk]]

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        line = self.line(scroll_y + y)
        if line is None:
            return Strip.blank(width, self.rich_style)
        return line.crop_extend(scroll_x, scroll_x + width, None).apply_style(self.rich_style)

    def text(self) -> str:
        """The lines laid out, as plain text (what the projector shows, scrolled through)."""
        return "\n".join(line.text.rstrip() for chunk in self._chunks for line in chunk)


def _cut(make: Callable[[], str]) -> tuple[str, list[str]]:
    source = make()
    return source, _chunks(source)


CHUNK_LINES = 20  # Markdown lines laid out together, a few ms (a list is cut only between items)
SLICE = 0.01  # seconds of layout between two looks at the keys


def _chunks(source: str) -> list[str]:
    """``source`` cut into pieces of about ``CHUNK_LINES`` lines, only before a heading or a
    top-level list item (a table, a paragraph or an item's own lines are never cut)."""
    chunks: list[str] = []
    lines: list[str] = []
    for line in source.split("\n"):
        if line.startswith(("#", "- ")) and (len(lines) >= CHUNK_LINES or line.startswith("#")):
            if lines:
                chunks.append("\n".join(lines))
            lines = []
        lines.append(line)
    chunks.append("\n".join(lines))
    return chunks


def _laid_out(source: str, width: int) -> list[Strip]:
    """``source`` rendered to lines of ``width`` cells by Rich, on a console of its own (a thread)."""
    console = Console(width=width, color_system="truecolor", force_terminal=True, legacy_windows=False)
    lines = console.render_lines(RichMarkdown(source), console.options.update_width(width), pad=False)
    gap = [Strip.blank(width)] if source.startswith("#") else []  # as between blocks of one document
    return gap + [Strip(line) for line in lines]


class SummaryView(StepView):
    """The session summary, as it would be exported: built when shown, then again at most every
    ``SUMMARY_SECONDS`` and only when it changed (a hall still joining or answering must not
    rebuild the whole document several times a second). Its lines are laid out in a thread and
    only those in view are drawn, so a summary of 30,000 answers costs the projector's keys nothing."""

    SUMMARY_SECONDS = 5.0
    _waiting = False  # a rebuild is due

    def compose(self) -> ComposeResult:
        yield MarkdownLines(id="summary")

    def on_mount(self) -> None:
        self._rebuild()
        self.query_one(MarkdownLines).focus()

    def refresh_data(self) -> None:
        if not self._waiting:
            self._waiting = True
            self.set_timer(self.SUMMARY_SECONDS, self._rebuild)

    def _rebuild(self) -> None:
        self._waiting = False
        self.query_one(MarkdownLines).show(partial(summary_markdown, self.session.summary()))
