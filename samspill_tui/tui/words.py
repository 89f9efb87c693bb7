"""The words step on the projector: the room's words by how often they were given, the most common
largest (upper case on a bright block, then bold, then plain, then dim), laid out line by line."""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.events import Resize
from textual.widgets import Static

from samspill_tui.i18n import t
from samspill_tui.session.reading import Cloud, Held, held_text
from samspill_tui.tui.views import StepView, plain, redraw

GAP = 3  # cells between two words on a line


def _tier(count: int, most: int) -> int:
    """0 for the most common words (at least two thirds of the top count), then 1, 2 and 3."""
    share = count / most
    return 0 if share >= 2 / 3 else 1 if share >= 1 / 3 else 2 if count > 1 else 3


def cloud_text(cloud: Cloud, width: int, lines: int) -> Text:
    """The words in order of frequency, centred in lines of ``width`` cells, at most ``lines`` of them;
    the words left out are counted on the last line."""
    most = max((n for _, n in cloud.words), default=1)
    rows: list[list[tuple[str, str]]] = [[]]
    used, shown = 0, 0
    for word, count in cloud.words:
        tier = _tier(count, most)
        piece = f" {word.upper()} " if tier == 0 else word
        label = f"{piece} {count}" if count > 1 else piece
        label = label[:width]
        if used and used + GAP + len(label) > width:
            if len(rows) == lines:
                break
            rows.append([])
            used = 0
        style = ("bold reverse", "bold", "", "dim")[tier]
        rows[-1].append((label, style))
        used += (GAP if used else 0) + len(label)
        shown += 1
    text = Text(justify="center")
    for n, row in enumerate(rows):
        for m, (label, style) in enumerate(row):
            text.append(" " * GAP if m else "")
            text.append(label, style=style)
        if n < len(rows) - 1:
            text.append("\n")
    if shown < len(cloud.words):
        text.append("\n+" + str(len(cloud.words) - shown), style="dim")
    return text


class WordsView(StepView):
    """The question, then the words once revealed (or why they are withheld)."""

    DEFAULT_CSS = """
    #prompt {
        text-style: bold;
        padding: 1 2;
        margin: 1 0;
        border: round $primary;
    }
    #cloud-box {
        height: 1fr;
    }
    #cloud {
        width: 1fr;
        padding: 1 0;
        text-align: center;
    }
    #cloud-note, #cloud-count {
        color: $text-muted;
        text-style: italic;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(plain(self.step.prompt), id="prompt", markup=False)
        with VerticalScroll(id="cloud-box"):
            yield Static(id="cloud-note", markup=False)
            yield Static(id="cloud", markup=False)
            yield Static(id="cloud-count", markup=False)

    def on_mount(self) -> None:
        with contextlib.suppress(NoMatches):  # a step change that came meanwhile took it down
            self.refresh_data()

    def on_resize(self, event: Resize) -> None:
        """Lay the words out again for the new width."""
        self.refresh_data()

    def refresh_data(self) -> None:
        lang = self.session.lang
        note, words, count = (self.query_one(f"#{n}", Static) for n in ("cloud-note", "cloud", "cloud-count"))
        room = self.session.reading.cloud(self.step) if self.session.state(self.step.key).revealed else None
        shown = isinstance(room, Cloud)
        note.display, words.display, count.display = not shown, shown, shown
        if room is None:
            redraw(note, plain(t(lang, "results.hidden")))
        elif isinstance(room, Held):
            redraw(note, plain(held_text(lang, room)))
        else:
            box = self.query_one("#cloud-box", VerticalScroll).content_size
            redraw(words, cloud_text(room, max(20, box.width), max(3, box.height - 3)))
            redraw(count, plain(t(lang, "words.count", n=len(room.words), m=room.total)))
