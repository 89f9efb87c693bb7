"""The promise audit: every sentence the product promises a participant or a facilitator, and a
test that tries to break it on every face (the phone page over HTTP, the projector under Pilot)
and in every export format (`samspill export` from the file, and the app's own `e` key).

Each test names the promises it tries to break with ``@promises(...)``: i18n keys of what the
phone, the projector or an export says, and the numbered promises of the facilitator guide
(docs/fasilitatorguide.md, «Løftene»). A promise without a test fails
``test_every_promise_has_a_test``.
"""

from __future__ import annotations

import asyncio
import csv
import html
import io
import json
import logging
import re
import shutil
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest

from samspill_tui.cli import main
from samspill_tui.content import Library, load_library
from samspill_tui.i18n import keys, t
from samspill_tui.session.live import Session
from samspill_tui.session.store import read_snapshot
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.run import SessionScreen
from samspill_tui.web.server import WebServer
from tests.conftest import FIXTURE_CONTENT, REPO_CONTENT, Phone, confirm_pair, go_to_kind, hidden
from tests.golden.build import PAY, build, fixed_clock
from tests.golden.readers import ALL_FORMATS, file_text
from tests.tui.helpers import make_app, wait_for
from tests.web.helpers import groups_library, named_words_library, phone_results
from tests.web.helpers import rating_library as rating_library_of

GUIDE = Path(__file__).parent.parent.parent / "docs" / "fasilitatorguide.md"
FORMATS = ALL_FORMATS  # md, html, csv, json, xlsx, pdf
F = TypeVar("F", bound=Callable[..., Any])
CLAIMED: dict[str, list[str]] = {}
# What the product promises in words: phones, projector, exports (the i18n keys), and the guide.
PROMISE_KEYS = (
    "promise.grouped", "promise.named", "promise.named_unshown", "promise.observer", "promise.role",
    "promise.role_named", "promise.role_groups",
    "pair.notice", "gap.waiting", "held.few_live", "held.named_live", "held.few", "held.named",
    "roles.withheld", "sum.roles_withheld", "sum.footer", "sum.footer_named", "sum.referat_footer",
    "sum.gap_waiting", "sum.hidden_count", "wall.hidden", "web.saved", "sum.withheld",
    "minutes.withheld", "sum.attachment_kept", "attachment.mark", "attachment.notice", "notes.heading",
    "help.facilitator_notes", "help.answer_key", "rating.hidden",
    "promise.questions", "promise.questions_direct", "sum.hidden_questions",
)


def promises(*names: str) -> Callable[[F], F]:
    """Mark a test as trying to break these promises."""
    def mark(test: F) -> F:
        for name in names:
            CLAIMED.setdefault(name, []).append(test.__name__)
        return test
    return mark


def guide_promises() -> list[str]:
    """The numbered promises of the facilitator guide (``- **L1** …``)."""
    section = GUIDE.read_text().split("### Løftene", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"^- \*\*(L\d+)\*\*", section, flags=re.M)


def screen_text(app: SamspillApp) -> str:
    """Everything the projector shows now, as drawn (the screenshot's text)."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<>]*)</text>", svg))).replace("\xa0", " ")


def exports(data_dir: Path, name: str, content: Path) -> dict[str, str]:
    """Every format as `samspill export` writes it from the file on disk."""
    out = {}
    for fmt in FORMATS:
        path = data_dir / f"out.{fmt}"
        assert main(["--content", str(content), "export", name, "--format", fmt, "--out", str(path),
                     "--data-dir", str(data_dir)]) == 0
        out[fmt] = file_text(path)
    return out


@asynccontextmanager
async def projected(tmp_path: Path, library: Library, programme: str, k: int = 5,
                    ) -> AsyncIterator[tuple[Any, SamspillApp, Session, WebServer]]:
    """The real app with its real server on loopback, at its session screen."""
    app = make_app(library, tmp_path, (programme, "audit"), k=k)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.session is not None and isinstance(app.face, WebServer)
        yield pilot, app, app.session, app.face


async def _join(server: WebServer, role: str | None = None) -> tuple[Phone, str]:
    """A phone that joins (and picks ``role``); returns it and the page it landed on."""
    phone = Phone(server)
    _, page = await phone.join()
    if role is not None:
        status, page = await phone.post("/role", {"csrf": hidden(page, "csrf"), "role": role})
        assert status == 200
    return phone, page


@pytest.fixture
def named_library(tmp_path: Path) -> Library:
    """The fixture content with a poll in the named programme too."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    for lang in ("nb", "nn"):
        programme = root / lang / "programmes" / "samspill.md"
        programme.write_text(programme.read_text().replace("1. statements dekk", "1. poll sak (2 min)\n2. "
                                                           "statements dekk"))
    library = load_library(root)
    library.require_valid()
    return library


# -- the named pair --------------------------------------------------------------------------


@promises("promise.role_named", "promise.named", "promise.named_unshown", "promise.observer",
          "pair.notice", "gap.waiting",
          "held.named_live", "held.named", "sum.gap_waiting", "sum.footer_named", "L1", "L2")
async def test_the_named_pair_is_shown_only_side_by_side_once_both_have_finished(
        tmp_path: Path, named_library: Library) -> None:
    named_content = named_library.root
    async with projected(tmp_path, named_library, "samspill") as (pilot, app, s, server):
        phone = Phone(server)
        _, page = await phone.join()
        assert t("nb", "promise.role_named", k=5) in html.unescape(page)  # before anyone chooses
        await phone.close()
        ordforer, _ = await _join(server, "ordforer")
        kd, _ = await _join(server, "kommunedirektor")
        await confirm_pair(s)
        elected, _ = await _join(server, "folkevalgt")
        phones = (ordforer, kd, elected)
        try:
            await go_to_kind(s, "statement")
            pages = [html.unescape((await p.get("/"))[1]) for p in phones]
            assert t("nb", "promise.named") in pages[0] and t("nb", "promise.named") in pages[1]
            assert t("nb", "promise.observer", k=5) in pages[2]
            assert t("nb", "promise.named") not in pages[2]
            for p, value in zip(phones, ("5", "1", "2"), strict=True):
                assert (await p.vote(value))[0] == 200
            await pilot.press("r", "v")  # the attack: reveal, then by role
            await pilot.pause(0.5)
            shown = screen_text(app)
            assert t("nb", "pair.notice") in shown.replace("  ", " ") or "gjennomgangen" in shown
            assert not re.search(r"(Ordfører|Kommunedirektør|Folkevalgt) \(\d", shown)  # no group
            assert "Helt enig" not in shown and "Delvis uenig" not in shown
            assert "Ordførerens og kommunedirektørens vurderinger vises i gjennomgangen" in shown
            await go_to_kind(s, "poll")  # a poll too: the pair is left out, the rest is under k
            pages = [html.unescape((await p.get("/"))[1]) for p in phones]
            assert t("nb", "promise.named_unshown") in pages[0] and t("nb", "promise.named") not in pages[0]
            assert t("nb", "promise.observer", k=5) in pages[2]
            for p in phones:
                assert (await p.vote("kd"))[0] == 200
            await pilot.press("r")
            await wait_for(pilot, lambda: "Andre svar vises når minst 5 har svart (1 så langt)"
                           in screen_text(app))
            assert "Kommunedirektøren  " not in screen_text(app)

            await go_to_kind(s, "gap")  # one of two statements rated by both: nothing yet
            await wait_for(pilot, lambda: "Ingenting vises før begge" in screen_text(app))
            assert "Helt enig" not in screen_text(app)
            early = exports(tmp_path, "audit", named_content)
            assert t("nb", "sum.gap_waiting") in early["md"]
            assert "ranking" not in early["json"] and "Helt enig" not in early["md"]

            second = [st for st in s.steps if st.kind == "statement"][1]
            await s.go_to(s.steps.index(second))
            for p, value in zip(phones, ("4", "4", "3"), strict=True):
                assert (await p.vote(value))[0] == 200
            await go_to_kind(s, "gap")
            await wait_for(pilot, lambda: "Ordfører: Helt enig" in screen_text(app))
            assert "Kommunedirektør: Helt uenig" in screen_text(app)
        finally:
            for p in phones:
                await p.close()
    done = exports(tmp_path, "audit", named_content)
    doc = json.loads(done["json"])
    statements = [st for st in doc["steps"] if st["kind"] == "statement"]
    assert all(st["withheld_result"]["reason"] == "named" for st in statements)
    gap = next(st for st in doc["steps"] if st["kind"] == "gap")
    assert [(r["ordforer"], r["kommunedirektor"]) for r in gap["ranking"]] == [("5", "1"), ("4", "4")]
    assert "vote" not in [row.split(",")[6] for row in done["csv"].splitlines()[1:]]  # nobody's raw vote
    assert t("nb", "sum.footer_named", k=5) in done["md"]
    assert t("nb", "held.named", k=5) in done["md"]


@pytest.fixture
def rating_library(tmp_path: Path) -> Library:
    """The fixture content with the named programme's deck as one self-paced rating step."""
    return rating_library_of(tmp_path)


async def _rate(phone: Phone, at: int, value: str = "", go: str = "next") -> tuple[int, str]:
    """Post one screen of the rating step as the plain form does (the redirect followed)."""
    _, page = await phone.get(f"/?i={at}")
    status, page = await phone.post("/rate", {"step": hidden(page, "step"), "i": str(at), "value": value,
                                              "go": go, "csrf": hidden(page, "csrf")})
    return status, html.unescape(page)


@promises("rating.hidden", "promise.named", "promise.observer", "gap.waiting", "sum.gap_waiting", "L1")
async def test_the_pair_rates_blind_at_its_own_pace_and_both_are_revealed_at_once(
        tmp_path: Path, rating_library: Library) -> None:
    async with projected(tmp_path, rating_library, "samspill") as (pilot, app, s, server):
        ordforer, _ = await _join(server, "ordforer")
        kd, _ = await _join(server, "kommunedirektor")
        await confirm_pair(s)
        elected, _ = await _join(server, "folkevalgt")
        phones = (ordforer, kd, elected)
        gap = next(st for st in s.steps if st.kind == "gap")
        labels = [t("nb", f"scale.{v}") for v in ("1", "2", "3", "4", "5")]

        async def blind(progress: str) -> None:
            """Before the reveal: progress on the projector, nobody's rating anywhere but their own."""
            await wait_for(pilot, lambda: progress in screen_text(app).replace("  ", " "))
            shown = screen_text(app)
            assert t("nb", "rating.hidden") in shown
            assert not any(label in shown for label in labels)
            assert s.reading.gap(gap).rows is None
            early = exports(tmp_path, "audit", rating_library.root)
            assert "ranking" not in early["json"] and t("nb", "sum.gap_waiting") in early["md"]
            assert not any(label in early["md"] for label in labels)
            page = html.unescape((await elected.get("/"))[1])
            assert t("nb", "promise.observer", k=5) in page and " checked" not in page

        try:
            await go_to_kind(s, "rating")
            pages = [html.unescape((await p.get("/"))[1]) for p in phones]
            assert all(t("nb", "web.progress", n=1, m=2) in page for page in pages)
            assert t("nb", "promise.named") in pages[0] and t("nb", "promise.named") not in pages[2]
            await blind("Ordfører: 0 av 2")
            status, page = await _rate(ordforer, 0, "5")
            assert status == 200 and t("nb", "web.progress", n=2, m=2) in page
            await blind("Ordfører: 1 av 2")
            _, page = await _rate(ordforer, 1, "4")
            assert t("nb", "web.rating_ready") in page
            _, page = await _rate(ordforer, 2, go="done")
            assert t("nb", "web.rating_finished") in page
            await blind(f"Ordfører: {t('nb', 'rating.finished')}")
            assert (await _rate(ordforer, 0, "3"))[0] == 400  # finished: undo first
            await _rate(kd, 0, "1")
            await _rate(kd, 1, "4")
            await blind("Kommunedirektør: 2 av 2")  # both rated everything; still nothing shown
            _, page = await _rate(ordforer, 2, go="undo")  # undone until the reveal
            assert t("nb", "web.rating_ready") in page
            await blind("Ordfører: 2 av 2")
            assert " checked" in html.unescape((await ordforer.get("/?i=0"))[1])  # its own answer
            await _rate(ordforer, 2, go="done")
            await _rate(kd, 2, go="done")
            await wait_for(pilot, lambda: t("nb", "rating.both_done") in screen_text(app).replace("  ", " "))
            assert not any(label in screen_text(app) for label in labels)

            await s.go_to(s.steps.index(gap))  # the one simultaneous reveal
            await wait_for(pilot, lambda: "Ordfører: Helt enig" in screen_text(app))
            assert "Kommunedirektør: Helt uenig" in screen_text(app)
            rating = next(st for st in s.steps if st.kind == "rating")
            assert s.state(rating.key).locked
            await go_to_kind(s, "rating")
            _, page = await ordforer.get("/")
            assert t("nb", "web.locked") in html.unescape(page)  # no undo after the reveal
            status, _ = await ordforer.post("/rate", {"step": rating.key, "i": "2", "go": "undo",
                                                      "csrf": hidden(pages[0], "csrf")})
            assert status == 400 and s.reading.gap(gap).rows is not None
        finally:
            for p in phones:
                await p.close()
    doc = json.loads(exports(tmp_path, "audit", rating_library.root)["json"])
    ranking = next(st for st in doc["steps"] if st["kind"] == "gap")["ranking"]
    assert [(r["ordforer"], r["kommunedirektor"]) for r in ranking] == [("5", "1"), ("4", "4")]


# -- groups under k ----------------------------------------------------------------------------


def _groups_hold(doc: dict[str, Any], k: int) -> None:
    """No result and no role group under k in a JSON export, and none to be worked out."""
    for step in doc["steps"]:
        if "distribution" not in step:
            continue
        assert step["responses"] >= k
        groups = [g["responses"] for g in step.get("by_role", [])]
        assert all(n >= k for n in groups)
        assert step["responses"] - sum(groups) in (0, *range(k, step["responses"] + 1))


@promises("promise.role", "promise.grouped", "roles.withheld", "sum.roles_withheld", "held.few_live",
          "held.few", "sum.footer", "L3", "L4")
async def test_no_group_under_k_on_the_projector_or_in_any_export(tmp_path: Path,
                                                                  library: Library) -> None:
    async with projected(tmp_path, library, "roller") as (pilot, app, s, server):
        first, page = await _join(server)
        assert t("nb", "promise.role", k=5) in html.unescape(page)
        await first.post("/role", {"csrf": hidden(page, "csrf"), "role": "administrasjon"})
        phones = [first] + [(await _join(server, "folkevalgt"))[0] for _ in range(4)]
        try:
            await go_to_kind(s, "statement")
            assert t("nb", "promise.grouped", k=5) in html.unescape((await first.get("/"))[1])
            for p in phones[:4]:
                assert (await p.vote("4"))[0] == 200
            await pilot.press("r")
            await wait_for(pilot, lambda: "Resultatet vises når minst 5 har svart (4 så langt)"
                           in screen_text(app))
            assert (await phones[4].vote("2"))[0] == 200
            await pilot.press("v")  # a lone administrasjon and four folkevalgte: nobody by role
            await wait_for(pilot, lambda: "Vises ikke: Administrasjonen, Folkevalgt" in screen_text(app))
            shown = screen_text(app)
            assert not re.search(r"(Folkevalgt|Administrasjonen) \(\d", shown)  # no group's count
            early = exports(tmp_path, "audit", FIXTURE_CONTENT)
            assert "Vises ikke per rolle: Administrasjonen, Folkevalgt." in early["md"]
            _groups_hold(json.loads(early["json"]), 5)
            assert t("nb", "sum.footer", k=5) in early["md"]
            second = [st for st in s.steps if st.kind == "statement"][1]
            await s.go_to(s.steps.index(second))
            assert (await phones[0].vote("1"))[0] == 200
        finally:
            for p in phones:
                await p.close()
    late = exports(tmp_path, "audit", FIXTURE_CONTENT)
    assert t("nb", "held.few", k=5) in late["md"]  # the second statement: one vote, nothing shown
    _groups_hold(json.loads(late["json"]), 5)


@promises("held.few_live", "held.named_live", "L2", "L3")
async def test_the_rooms_words_reach_the_phones_only_from_k_and_never_with_the_named_pair(
        tmp_path: Path) -> None:
    async with projected(tmp_path, named_words_library(tmp_path), "samspill") as (pilot, _app, s, server):
        pair = [(await _join(server, role))[0] for role in ("ordforer", "kommunedirektor")]
        others = [(await _join(server, "folkevalgt"))[0] for _ in range(5)]
        await confirm_pair(s)
        try:
            await go_to_kind(s, "words")
            for p in [*pair, *others[:3]]:
                await p.post("/vote", {"step": s.step.key, "csrf": hidden((await p.get("/"))[1], "csrf"),
                                       "w1": "parord" if p in pair else "tillit"})
            await pilot.press("r", "P")  # the facilitator shows the words, on the phones too
            await wait_for(pilot, lambda: s.state(s.step.key).phones_see_results)
            shown = await phone_results(others[0])
            assert t("nb", "held.named_live", k=5, n=3) in shown and "parord" not in shown
            await others[3].post("/vote", {"step": s.step.key, "w1": "tillit",
                                           "csrf": hidden((await others[3].get("/"))[1], "csrf")})
            shown = await phone_results(others[0])
            assert t("nb", "held.named_live", k=5, n=4) in shown and "tillit" not in shown  # 4 of 6 count
            await others[4].post("/vote", {"step": s.step.key, "w1": "dialog",
                                           "csrf": hidden((await others[4].get("/"))[1], "csrf")})
            for p in [*pair, *others]:
                shown = await phone_results(p)
                assert "<li>tillit: <strong>4</strong></li>" in shown and "parord" not in shown
            await pilot.press("r")  # hidden on the projector: off every phone
            await wait_for(pilot, lambda: not s.state(s.step.key).revealed)
            assert await phone_results(others[0]) == ""
        finally:
            for p in pair + others:
                await p.close()


@promises("promise.role_groups", "promise.grouped", "roles.withheld", "L3", "L4", "L10")
async def test_groups_only_compares_folkevalgte_and_administrasjonen_only_at_k_each(tmp_path: Path) -> None:
    library = groups_library(tmp_path)
    async with projected(tmp_path, library, "roller") as (pilot, app, s, server):
        first, page = await _join(server)
        page = html.unescape(page)
        assert t("nb", "promise.role_groups", k=5) in page and "Ordfører" not in page
        assert (await first.post("/role", {"csrf": hidden(page, "csrf"), "role": "ordforer"}))[0] == 400
        await first.post("/role", {"csrf": hidden(page, "csrf"), "role": "folkevalgt"})
        elected = [first] + [(await _join(server, "folkevalgt"))[0] for _ in range(4)]
        staff = [(await _join(server, "administrasjon"))[0] for _ in range(5)]
        try:
            await go_to_kind(s, "reflection")  # what they write carries no group anywhere
            assert (await staff[0].answer(0, "Et svar fra administrasjonen"))[0] == 200
            await go_to_kind(s, "statement")
            assert t("nb", "promise.grouped", k=5) in html.unescape((await staff[0].get("/"))[1])
            for p in elected:
                assert (await p.vote("4"))[0] == 200
            for p in staff[:4]:
                assert (await p.vote("2"))[0] == 200
            await pilot.press("r", "v")  # five folkevalgte, four of the administrasjon: neither group
            await wait_for(pilot, lambda: "Vises ikke: Administrasjonen, Folkevalgt" in screen_text(app))
            assert not re.search(r"(Folkevalgt|Administrasjonen) \(\d", screen_text(app))
            early = exports(tmp_path, "audit", library.root)
            assert "Vises ikke per rolle: Administrasjonen, Folkevalgt." in early["md"]
            _groups_hold(json.loads(early["json"]), 5)
            assert (await staff[4].vote("2"))[0] == 200  # five each: the comparison, side by side
            await wait_for(pilot, lambda: "Administrasjonen (5)" in screen_text(app))
            assert "Folkevalgt (5)" in screen_text(app) and "Vises ikke" not in screen_text(app)
        finally:
            for p in elected + staff:
                await p.close()
    done = exports(tmp_path, "audit", library.root)
    assert "| Svar | Administrasjonen | Folkevalgt |" in done["md"]
    rows = list(csv.DictReader(io.StringIO(done["csv"].lstrip("\ufeff"))))
    assert [r["role"] for r in rows if r["type"] == "answer"] == [""]  # the answer, without its group
    assert {r["role"] for r in rows if r["type"] == "vote"} == {"folkevalgt", "administrasjon"}
    _groups_hold(json.loads(done["json"]), 5)
    assert not [p for p in s.participants.values() if p.role not in ("folkevalgt", "administrasjon")]


# -- facilitator notes ---------------------------------------------------------------------------


@promises("notes.heading", "help.facilitator_notes", "help.answer_key", "L5")
async def test_facilitator_notes_never_reach_the_room_the_phones_or_an_export(
        tmp_path: Path, library: Library) -> None:
    secret = "KUN-FASILITATOR"
    async with projected(tmp_path, library, "folkevalgtdag", k=3) as (pilot, app, s, server):
        phones = [(await _join(server))[0] for _ in range(3)]
        try:
            for index in range(len(s.steps)):
                await s.go_to(index)
                await pilot.pause(0.3)
                if s.step.accepts_votes:
                    for p in phones:
                        await p.vote("kd" if s.step.kind == "poll" else "4")
                await pilot.press("r", "v", "f")  # every key that shows something to the room
                await pilot.pause(0.3)
                assert secret not in screen_text(app), s.step.key
                assert secret not in (await phones[0].get("/"))[1]
                await pilot.press("f", "v", "r")
            await go_to_kind(s, "poll")
            await pilot.press("r", "f")
            await wait_for(pilot, lambda: "Fasit" in screen_text(app))
            assert secret not in screen_text(app)
            await pilot.press("o")  # asked for on its own, and labelled for whom it is
            await wait_for(pilot, lambda: secret in screen_text(app))
            assert "Fasilitatornotat – bare for fasilitatoren" in screen_text(app)
            await pilot.press("escape", "e")
            folder = tmp_path / "audit.export"
            await wait_for(pilot, lambda: (folder / "audit.pdf").exists(), timeout=30)  # written last
        finally:
            for p in phones:
                await p.close()
    written = [file_text(p) for p in folder.iterdir()]
    assert len(written) == 6 and not [text for text in written if secret in text]
    assert not [text for text in exports(tmp_path, "audit", FIXTURE_CONTENT).values() if secret in text]


# -- hidden answers -------------------------------------------------------------------------------


@promises("wall.hidden", "sum.hidden_count", "L6")
async def test_a_hidden_answer_is_counted_and_never_shown_or_exported(tmp_path: Path,
                                                                      library: Library) -> None:
    async with projected(tmp_path, library, "folkevalgtdag") as (pilot, app, s, server):
        phone, _ = await _join(server)
        try:
            await go_to_kind(s, "reflection")
            assert (await phone.answer(0, "Dette kan stå", "a"))[0] == 200
            assert (await phone.answer(1, "NAVNGITT-ANSATT", "b"))[0] == 200  # the only answer to 2
            await wait_for(pilot, lambda: "NAVNGITT-ANSATT" in screen_text(app))
            await pilot.press("end", "h")  # hide the newest
            await wait_for(pilot, lambda: "NAVNGITT-ANSATT" not in screen_text(app))
            assert t("nb", "wall.hidden") in screen_text(app)
            await pilot.press("e")
            folder = tmp_path / "audit.export"
            await wait_for(pilot, lambda: (folder / "audit.pdf").exists(), timeout=30)
        finally:
            await phone.close()
    outputs = [*exports(tmp_path, "audit", FIXTURE_CONTENT).values(),
               *(file_text(p) for p in folder.iterdir())]
    for text in outputs:
        assert "NAVNGITT-ANSATT" not in text and "Dette kan stå" in text
    md = exports(tmp_path, "audit", FIXTURE_CONTENT)["md"]
    question2 = md.split("### Hvem har ansvaret?", 1)[1].split("\n## ", 1)[0]
    assert t("nb", "sum.hidden_count", n=1) in question2 and t("nb", "sum.no_answers") not in question2


# -- «Registrert» --------------------------------------------------------------------------------


@promises("web.saved", "L7")
async def test_registrert_means_on_disk_even_when_a_listener_fails(
        tmp_path: Path, library: Library, caplog: pytest.LogCaptureFixture) -> None:
    async with projected(tmp_path, library, "folkevalgtdag") as (pilot, app, s, server):
        def broken(event: object) -> None:
            raise RuntimeError("a face that fails")

        s.subscribe(broken)
        phone, _ = await _join(server)
        try:
            await go_to_kind(s, "statement")
            with caplog.at_level(logging.ERROR):
                status, page = await phone.vote("5")
            assert status == 200 and t("nb", "web.saved") in page
            assert "session listener failed" in caplog.text
            stored = read_snapshot(tmp_path / "audit.json")["votes"]
            assert [d["value"] for d in stored if d["step"] == s.step.key] == ["5"]
            await pilot.pause(0.3)
            assert app.is_running  # and the projector carries on
        finally:
            await phone.close()


# -- the referat: pay and the attached note --------------------------------------------------


@promises("sum.withheld", "minutes.withheld", "sum.attachment_kept", "attachment.mark",
          "attachment.notice", "sum.referat_footer", "L8", "L9")
async def test_pay_and_the_attached_note_never_reach_the_referat(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = load_library(REPO_CONTENT)
    with fixed_clock():
        session = await build("utviklingssamtale", tmp_path, repo)
        await session.close()
    note = tmp_path / "notat.md"
    note.write_text("Lønnsønske: FORTROLIG-TALL kroner.\n", encoding="utf-8")
    assert await asyncio.to_thread(main, ["--content", str(REPO_CONTENT), "sessions", "attach", "us-2026",
                                          str(note), "--data-dir", str(tmp_path)]) == 0
    assert t("nb", "attachment.notice") in capsys.readouterr().err
    app = SamspillApp(library=repo, lang="nb", data_dir=tmp_path, serve=_serve,
                      start=("utviklingssamtale", "us-2026"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.session is not None
        pay = app.session.step_by_key("reflection:us-6-lonn")
        pay_question = app.session.step_by_key("reflection:us-innspill").questions[5]
        await app.session.go_to(app.session.steps.index(pay))
        await pilot.pause(0.3)
        await pilot.press("m")
        await wait_for(pilot, lambda: "skrives ikke i referatet" in screen_text(app))
        assert t("nb", "minutes.withheld").split(".")[0] in screen_text(app)
        await pilot.press("escape")
        await pilot.pause(0.3)
        await pilot.press("e")
        folder = tmp_path / "us-2026.export"
        await wait_for(pilot, lambda: (folder / "us-2026.vedlegg-fortrolig.md").exists())
    files = {p.name: file_text(p) for p in folder.iterdir()}
    outputs = [*exports(tmp_path, "us-2026", REPO_CONTENT).values(),
               *(text for name, text in files.items() if "vedlegg" not in name)]
    for text in outputs:
        assert PAY not in text and "FORTROLIG-TALL" not in text
        assert pay_question not in text  # not even the question asked beforehand
    referat = files["us-2026.md"]
    title = pay.title
    assert t("nb", "sum.withheld", title=title) in referat
    assert t("nb", "sum.attachment_kept") in referat and t("nb", "sum.referat_footer") in referat
    own = files["us-2026.vedlegg-fortrolig.md"]
    assert own.startswith(f"**{t('nb', 'attachment.mark')}**") and "FORTROLIG-TALL" in own


async def _serve(session: Session) -> WebServer:
    server = WebServer(session, "127.0.0.1", 0)
    await server.start()
    return server


# -- every promise has a test -----------------------------------------------------------------


@promises("promise.questions", "promise.questions_direct", "sum.hidden_questions")
@pytest.mark.parametrize("direct", [False, True])
async def test_hidden_and_unapproved_questions_are_never_shown(tmp_path: Path, direct: bool) -> None:
    """Questions: a hidden or unapproved one is on no other phone, not on the projector and in no
    export (only counted); the phone is promised anonymity and, by default, approval first."""
    from tests.web.helpers import questions_library

    library = questions_library(tmp_path, "10 min, direkte" if direct else "10 min")
    async with projected(tmp_path, library, "folkevalgtdag") as (pilot, app, session, server):
        await session.go_to(next(i for i, s in enumerate(session.steps) if s.accepts_questions))
        asker, _ = await _join(server)
        other, page = await _join(server)
        try:
            key = "promise.questions_direct" if direct else "promise.questions"
            assert html.escape(t("nb", key), quote=False) in page
            for text in ("Synlig spørsmål", "Skjult hemmelighet", "Ikke godkjent hemmelighet"):
                _, form = await asker.get("/")
                fields = {"csrf": hidden(form, "csrf"), "submission": hidden(form, "submission")}
                await asker.post("/ask", {"step": session.step.key, "text": text, **fields})
            shown, secret, waiting = session.answers[session.step.key]
            await session.moderate(session.step.key, shown, approved=True)
            await session.moderate(session.step.key, secret, approved=True, hidden=True)
            if direct:  # shown at once: the facilitator hides the third too
                await session.moderate(session.step.key, waiting, hidden=True)
            await pilot.pause(1.5)
            _, page = await other.get("/")
            for face in (page, screen_text(app)):
                assert "Synlig spørsmål" in face and "hemmelighet" not in face
        finally:
            await asker.close()
            await other.close()
    for fmt, text in exports(tmp_path, "audit", tmp_path / "content-questions").items():
        assert "hemmelighet" not in text, fmt
        if fmt in ("md", "html", "pdf"):
            assert t("nb", "sum.hidden_questions", n=2) in text.replace("\n", " "), fmt


def test_every_promise_has_a_test() -> None:
    guide = guide_promises()
    assert len(guide) >= 9, "the facilitator guide lists its promises under «Løftene»"
    for lang in ("nb", "nn"):
        assert set(PROMISE_KEYS) <= keys(lang)
    promise_like = {k for k in keys("nb") if k.startswith(("promise.", "held.", "sum.footer"))}
    assert promise_like <= set(PROMISE_KEYS), "a new promise string needs an entry and a test"
    untested = [name for name in (*PROMISE_KEYS, *guide) if not CLAIMED.get(name)]
    assert untested == []
