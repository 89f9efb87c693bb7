"""SVG snapshots of the projector's screens (pytest-textual-snapshot).

Regenerate after a deliberate change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the report before committing. The sessions are prepared on disk with a fixed join
token and code, and the phone face is a fixed address, so the QR code is the same every run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Markdown

from samspill_tui.content import Library, load_library
from samspill_tui.session.live import Session
from samspill_tui.session.store import Put
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.run import SessionScreen
from tests.conftest import REPO_CONTENT, confirm_pair
from tests.tui.helpers import wait_for
from tests.web.helpers import questions_library

JOIN_URL = "http://192.0.2.10:8765/j/Fast-token-for-snapshots"
SIZES = [(80, 24), (120, 40)]


class FixedFace:
    """A phone face that announces a fixed address (the real server is tested elsewhere)."""

    origin = "http://192.0.2.10:8765"
    host = "192.0.2.10"
    join_url = JOIN_URL
    port = 8765
    reachable = True
    moved = False
    cookie_name = "samspill_snap"

    def candidates(self) -> list[tuple[str, str]]:
        """One network, the one announced."""
        return [("wlan0", self.host)]

    def announce(self, host: str) -> None:
        """Nothing to change: the address is fixed."""

    async def stop(self) -> None:
        """Nothing to stop."""


Prepare = Callable[[Session], Awaitable[None]]


def _session_on_disk(data_dir: Path, library: Library, programme: str, prepare: Prepare) -> None:
    """Create the session with fixed secrets and dates, then let ``prepare`` record votes."""

    async def run() -> None:
        s = await Session.open(data_dir, "snap", programme, library, "nb")
        fixed = {"token": "Fast-token-for-snapshots", "code": "KJ7MXA",
                 "created": "2026-11-24T09:00:00+00:00"}
        await s.store.commit([Put("meta", {**s.record.meta, **fixed})])
        s.record.meta.update(fixed)
        await prepare(s)
        await s.close()

    asyncio.run(run())


def _app(data_dir: Path, library: Library, programme: str) -> SamspillApp:
    async def serve(session: Session) -> FixedFace:
        return FixedFace()

    return SamspillApp(library=library, lang="nb", data_dir=data_dir, serve=serve,
                       start=(programme, "snap"))


def _at(kind: str, keys: tuple[str, ...] = ()) -> Callable[[Pilot[None]], Awaitable[None]]:
    """A run_before that waits for the session screen at the first step of ``kind``."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.session  # type: ignore[attr-defined]
        await session.go_to(next(i for i, s in enumerate(session.steps) if s.kind == kind))
        await wait_for(pilot, lambda: app.screen.query(".step-view"))
        await pilot.pause(0.3)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.1)
        await wait_for(pilot, lambda: all(m.children for m in app.screen.query(Markdown)
                                          if m.display))  # Markdown renders in the background
        await pilot.pause(0.5)

    return run_before


async def _five_votes(s: Session) -> None:
    statement = next(st for st in s.steps if st.kind == "statement")
    await s.go_to(s.steps.index(statement))
    for value in ("5", "4", "4", "2", "0"):
        p = await s.join()
        await s.vote(p.id, statement.key, value)


def _by_role(elected: str, administration: str) -> Prepare:
    """Votes on the first statement: one per digit, from each role's participants."""
    async def prepare(s: Session) -> None:
        statement = next(st for st in s.steps if st.kind == "statement")
        await s.go_to(s.steps.index(statement))
        for role, values in (("folkevalgt", elected), ("administrasjon", administration)):
            for value in values:
                p = await s.join()
                await s.choose_role(p.id, role)
                await s.vote(p.id, statement.key, value)
    return prepare


async def _pair(s: Session) -> None:
    o, k = await s.join(), await s.join()
    await s.choose_role(o.id, "ordforer")
    await s.choose_role(k.id, "kommunedirektor")
    await confirm_pair(s)
    for st, (a, b) in zip([st for st in s.steps if st.kind == "statement"], [("4", "3"), ("5", "1")],
                          strict=True):
        await s.go_to(s.steps.index(st))
        await s.vote(o.id, st.key, a)
        await s.vote(k.id, st.key, b)


async def _wall(s: Session) -> None:
    reflection = next(st for st in s.steps if st.kind == "reflection")
    await s.go_to(s.steps.index(reflection))
    p = await s.join()
    texts = ["Vi må få tallene tidligere.", "Navnet på en ansatt som ikke hører hjemme her",
             "[b]Ikke markup[/b] og <script>"]
    for n, text in enumerate(texts):
        await s.answer(p.id, reflection.key, n % 2, text, f"s{n}")
    first, hidden = list(s.answers[reflection.key].values())[:2]
    await s.moderate(reflection.key, hidden.key, hidden=True)
    await s.moderate(reflection.key, first.key, highlighted=True)


async def _nothing(s: Session) -> None:
    return None


CASES: dict[str, tuple[str, Prepare, str, tuple[str, ...]]] = {
    "statement_hidden": ("folkevalgtdag", _five_votes, "statement", ()),
    "statement_revealed": ("folkevalgtdag", _five_votes, "statement", ("r",)),
    "roles_comparison": ("roller", _by_role("54432", "22134"), "statement", ("r", "v")),
    "roles_withheld": ("roller", _by_role("54432", "2"), "statement", ("r", "v")),
    "gap_view": ("samspill", _pair, "gap", ()),
    "answer_wall": ("folkevalgtdag", _wall, "reflection", ()),
    "lobby": ("folkevalgtdag", _nothing, "lobby", ()),
    "case": ("folkevalgtdag", _nothing, "case", ()),
    "summary": ("folkevalgtdag", _five_votes, "summary", ()),
    "large_qr": ("folkevalgtdag", _nothing, "case", ("k",)),
    "poll_answer_key": ("folkevalgtdag", _nothing, "poll", ("r", "f")),
    "facilitator_notes": ("folkevalgtdag", _nothing, "poll", ("o",)),
    "help": ("folkevalgtdag", _nothing, "case", ("question_mark",)),
    "step_list": ("folkevalgtdag", _nothing, "case", ("g",)),
    "minutes": ("folkevalgtdag", _nothing, "case", ("m",)),
    "agreement": ("folkevalgtdag", _nothing, "case", ("m", "ctrl+n")),
    "confirm_quit": ("folkevalgtdag", _five_votes, "case", ("q",)),
    "confirm_new_code": ("folkevalgtdag", _nothing, "case", ("J",)),
}


async def _joined(s: Session) -> str:
    """A new phone; in a programme with groups, one that said it is a folkevalgt."""
    p = await s.join()
    if s.asks_role:
        await s.choose_role(p.id, "folkevalgt")
    return p.id


async def _words(s: Session) -> None:
    words = next(st for st in s.steps if st.kind == "words")
    await s.go_to(s.steps.index(words))
    given = ["tillit dialog", "Tillit respekt", "tillit", "travelt [b]ikke markup[/b]", "dialog åpenhet",
             "tillit god tone", "uklare roller dialog", "ryddig"]
    for text in given:
        pid = await _joined(s)
        fields = text.replace("god tone", "god_tone").replace("uklare roller", "uklare_roller").split()
        await s.give(pid, words.key, {f"w{i + 1}": w.replace("_", " ") for i, w in enumerate(fields[:3])})


async def _ranking(s: Session) -> None:
    ranking = next(st for st in s.steps if st.kind == "ranking")
    await s.go_to(s.steps.index(ranking))
    ids = ["roller", "saker", "dialog", "samtale", "delegering", "oppfolging"]
    for n in range(7):
        order = ids[n % 2:] + ids[:n % 2] if n < 6 else list(reversed(ids))
        await s.give(await _joined(s), ranking.key, {f"r.{i}": str(order.index(i) + 1) for i in ids})


NEW_KINDS: dict[str, tuple[str, Prepare, str, tuple[str, ...]]] = {
    "words_revealed": ("folkevalgtdag", _words, "words", ("r",)),
    "ranking_revealed": ("formannskap", _ranking, "ranking", ("r",)),
    "ranking_hidden": ("formannskap", _ranking, "ranking", ()),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(NEW_KINDS))
def test_new_kind_screen(name: str, size: tuple[int, int], snap_compare: Any, tmp_path: Path) -> None:
    """The words and ranking steps of the shipped programmes (the fixture content has none)."""
    library = load_library(REPO_CONTENT)
    programme, prepare, kind, keys = NEW_KINDS[name]
    _session_on_disk(tmp_path, library, programme, prepare)
    assert snap_compare(_app(tmp_path, library, programme), terminal_size=size,
                        run_before=_at(kind, keys))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(CASES))
def test_screen(name: str, size: tuple[int, int], snap_compare: Any, tmp_path: Path,
                library: Library) -> None:
    programme, prepare, kind, keys = CASES[name]
    _session_on_disk(tmp_path, library, programme, prepare)
    assert snap_compare(_app(tmp_path, library, programme), terminal_size=size,
                        run_before=_at(kind, keys))



async def _questions(s: Session) -> None:
    """Questions on the questions step: upvoted, one answered, one long, one with markup-like text,
    one hidden and one waiting (neither shown)."""
    step = next(st for st in s.steps if st.accepts_questions)
    await s.go_to(s.steps.index(step))
    texts = ["Hvem ansetter kommunalsjefene, og hvem kan si dem opp?",
             "[b]Ikke markup[/b] og <script> & mer",
             "Når får utvalget saken, og hvorfor kommer sakspapirene så sent at vi knapt rekker å lese dem "
             "før møtet? Kan kommunedirektøren love oss en frist?",
             "Hvordan følger vi opp vedtaket om sykefraværet?",
             "Skjult: navnet på en ansatt", "Venter på godkjenning"]
    phones = [(await s.join()).id for _ in texts]
    for n, (pid, text) in enumerate(zip(phones, texts, strict=True)):
        await s.ask(pid, step.key, text, f"s{n}")
    keys = list(s.answers[step.key])
    for key in keys[:-1]:
        await s.moderate(step.key, key, approved=True)
    await s.moderate(step.key, keys[4], hidden=True)
    await s.moderate(step.key, keys[3], answered=True)
    public = {q.key: q.public for q in s.reading.questions(step)}
    for key, votes in zip(keys[:4], (3, 1, 5, 2), strict=True):
        for pid in phones[:votes]:
            await s.upvote(pid, step.key, public[key], True)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_questions(size: tuple[int, int], snap_compare: Any, tmp_path: Path) -> None:
    library = questions_library(tmp_path)
    _session_on_disk(tmp_path, library, "folkevalgtdag", _questions)
    assert snap_compare(_app(tmp_path, library, "folkevalgtdag"), terminal_size=size,
                        run_before=_at("questions"))

async def _home(pilot: Pilot[None]) -> None:
    """The home screen with a fixed session name (the default carries today's date)."""
    from samspill_tui.tui.home import HomeScreen

    await wait_for(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
    pilot.app.screen.query_one("#name", Input).value = "2026-11-24-folkevalgtdag"
    await pilot.pause(0.3)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(size: tuple[int, int], snap_compare: Any, library: Library) -> None:
    # The home screen names the data folder: a fixed one (never created), so the picture is too.
    app = SamspillApp(library=library, lang="nb", data_dir=Path("/srv/samspill/okter"), serve=_no_serve,
                      start=None)
    assert snap_compare(app, terminal_size=size, run_before=_home)


async def _no_serve(session: Session) -> FixedFace:
    return FixedFace()
