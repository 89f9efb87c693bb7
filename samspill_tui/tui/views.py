"""One view per kind of step; each redraws itself from the session on ``refresh_data``."""

from __future__ import annotations

from typing import Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Digits, Label, Markdown, Static

from samspill_tui.i18n import t
from samspill_tui.session.live import Session
from samspill_tui.session.steps import Step
from samspill_tui.tui.qr import QRCode

BAR_WIDTH = 40


class Face(Protocol):
    """What the projector needs to know of the phone face (implemented by the web server)."""

    @property
    def join_url(self) -> str: ...

    @property
    def reachable(self) -> bool: ...

    async def stop(self) -> None: ...


def plain(text: str) -> Text:
    """Participant or content text as a Text that is never read as markup."""
    return Text(text, no_wrap=False)


class StepView(Vertical):
    """Base of the step views."""

    def __init__(self, session: Session, step: Step, face: Face) -> None:
        super().__init__(classes="step-view")
        self.session, self.step, self.face = session, step, face

    def refresh_data(self) -> None:
        """Redraw what depends on votes, answers or participants."""


class LobbyView(StepView):
    """Join QR code, the address as text, and the live number of participants."""

    def compose(self) -> ComposeResult:
        lang = self.session.lang
        with Horizontal(id="lobby"):
            yield QRCode(self.face.join_url, id="qr")
            with Vertical(id="lobby-info"):
                yield Static(plain(t(lang, "lobby.scan")), id="scan", markup=False)
                yield Static(plain(self.face.join_url), id="join-url", markup=False)
                if not self.face.reachable:
                    yield Static(plain(t(lang, "lobby.unreachable")), id="unreachable", markup=False)
                yield Digits("0", id="joined")
                yield Label(plain(t(lang, "lobby.joined")))

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        self.query_one("#joined", Digits).update(str(len(self.session.participants)))


class CaseView(StepView):
    """The case text rendered from Markdown."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self.step.markdown, id="case-text")


class ReflectionView(StepView):
    """The questions, and the answers as they arrive, as plain text."""

    def compose(self) -> ComposeResult:
        yield Static(plain("\n".join(f"{n}. {q}" for n, q in enumerate(self.step.questions, 1))),
                     id="questions", markup=False)
        yield VerticalScroll(id="answers")

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        wall = self.query_one("#answers", VerticalScroll)
        answers = self.session.step_answers(self.step)
        shown = len(wall.children)
        if not answers and not shown:
            wall.mount(Static(t(self.session.lang, "answers.none"), classes="empty", markup=False))
            return
        if answers and wall.query(".empty"):
            wall.query(".empty").remove()
            shown = 0
        new = [Static(plain(f"{a.question + 1}. {a.text}"), classes="answer", markup=False)
               for a in answers[shown:]]
        if new:
            wall.mount_all(new)
            wall.scroll_end(animate=False)


class VoteView(StepView):
    """A statement or poll, its live distribution and how many have answered."""

    def compose(self) -> ComposeResult:
        step = self.step
        if step.statement is not None:
            yield Label(plain(step.statement.theme), id="theme")
            yield Static(plain(step.statement.text), id="prompt", markup=False)
        elif step.poll is not None:
            yield Static(plain(step.poll.question), id="prompt", markup=False)
        yield Static(id="tally", markup=False)
        yield Label(id="answered")

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        lang = self.session.lang
        dist = self.session.tally(self.step)
        labels = [self._label(value) for value, _ in dist.counts]
        width = max(len(label) for label in labels)
        text = Text()
        for label, (value, count) in zip(labels, dist.counts, strict=True):
            share = dist.share(value)
            bar = "█" * round(share * BAR_WIDTH)
            text.append(f"{label:<{width}}  ")
            text.append(f"{bar:<{BAR_WIDTH}}", style="bold")
            text.append(f" {count:>3}  {round(share * 100):>3} %\n")
        self.query_one("#tally", Static).update(text)
        self.query_one("#answered", Label).update(
            t(lang, "answered", n=dist.total, m=len(self.session.participants)))

    def _label(self, value: str) -> str:
        if self.step.poll is not None:
            option = self.step.poll.option(value)
            return option.text if option else value
        return t(self.session.lang, f"scale.{value}")


class SummaryView(StepView):
    """The session summary, as it would be exported."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(id="summary")

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        from samspill_tui.export.markdown import summary_markdown
        from samspill_tui.export.summary import summary_from_session

        self.query_one("#summary", Markdown).update(
            summary_markdown(summary_from_session(self.session)))


VIEWS: dict[str, type[StepView]] = {
    "lobby": LobbyView,
    "case": CaseView,
    "reflection": ReflectionView,
    "poll": VoteView,
    "statement": VoteView,
    "summary": SummaryView,
}
