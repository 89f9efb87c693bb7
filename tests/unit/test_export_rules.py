"""What exports may hold: the pay rule, hidden answers, escaping, CSV injection, role privacy,
the follow-up carried into the next session of a series."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from samspill_tui.content import Library, load_library
from samspill_tui.export.csvexport import safe_cell, summary_csv
from samspill_tui.export.files import render, write_exports
from samspill_tui.export.html import summary_html
from samspill_tui.export.jsonexport import summary_json
from samspill_tui.export.markdown import escape, summary_markdown, text_block
from samspill_tui.session import referat
from samspill_tui.session.archive import export_folder
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.policy import PolicyError
from samspill_tui.session.record import Agreement
from samspill_tui.session.series import follow_up
from samspill_tui.session.store import read_snapshot
from samspill_tui.session.summary import Summary, attachment_of, load_session
from samspill_tui.text import clean_text
from tests.conftest import FIXTURE_CONTENT, REPO_CONTENT
from tests.golden.build import EXPORTED, NASTY, PAY, build, fixed_clock
from tests.golden.readers import ALL_FORMATS, export_text, file_text


@pytest.fixture(scope="module")
def repo_library() -> Library:
    lib = load_library(REPO_CONTENT)
    lib.require_valid()
    return lib


async def _development(tmp_path: Path, library: Library) -> Session:
    with fixed_clock():
        return await build("utviklingssamtale", tmp_path, library)


# -- the pay item ---------------------------------------------------------------------


async def test_pay_item_never_reaches_any_export(tmp_path: Path, repo_library: Library) -> None:
    session = await _development(tmp_path, repo_library)
    try:
        # the pay item was really discussed: its note, agreement, answer and input are on disk
        await session.store.checkpoint()
        raw = (tmp_path / "us-2026.json").read_text()
        assert raw.count(PAY) >= 4
        pay = session.step_by_key("reflection:us-6-lonn")
        assert PAY in session.record.notes[pay.key]
        assert any(PAY in a.text for a in session.record.agreements.values())
        pay_question = session.step_by_key("reflection:us-innspill").questions[5]
        live = session.summary()
    finally:
        await session.close()
    for summary in (live, load_session(tmp_path, "us-2026", repo_library).summary()):
        for fmt in ALL_FORMATS:
            text = export_text(summary, fmt)
            assert PAY not in text, fmt
            assert pay_question not in text, fmt  # not even the question asked before the meeting
        assert [r.step.key for r in summary.results if r.withheld] == ["reflection:us-6-lonn"]
        innspill = next(r for r in summary.results if r.step.key == "reflection:us-innspill")
        assert [q.number for q in innspill.questions] == [0, 1, 2, 3, 4]
    folder = export_folder(tmp_path, "us-2026")
    for path in write_exports(live, folder):
        assert PAY not in file_text(path)
    doc = json.loads(render(live, "json"))
    pay_step = next(s for s in doc["steps"] if s["key"] == "reflection:us-6-lonn")
    assert pay_step == {"key": "reflection:us-6-lonn", "kind": "reflection",
                        "title": "Kommunedirektørens lønnsutvikling", "referat_part": "nei",
                        "withheld": True}


async def test_pay_agreements_are_not_carried_into_the_next_session(tmp_path: Path,
                                                                     repo_library: Library) -> None:
    session = await _development(tmp_path, repo_library)
    try:
        carried = [a for a in session.record.agreements.values() if referat.is_carried(a)]
        assert sorted(a.text for a in carried) == ["Lage en plan for økonomistyringen",
                                                   "Månedlige møter med gruppelederne"]
        assert {a.step_key for a in carried} == {"reflection:us-1-status"}
        assert session.record.meta["follows"] == "us-2025"
    finally:
        await session.close()


# -- the referat and the series -----------------------------------------------------


async def test_referat_is_a_draft_with_the_four_parts_and_the_follow_ups(tmp_path: Path,
                                                                         repo_library: Library) -> None:
    session = await _development(tmp_path, repo_library)
    await session.close()
    md = summary_markdown(load_session(tmp_path, "us-2026", repo_library).summary())
    assert "**Utkast – til godkjenning**" in md
    parts = re.findall(r"^## \d\. (.+)$", md, flags=re.M)
    assert parts == ["Gjennomgang av resultater", "Nye mål og forventninger",
                     "Prinsipper for samhandlingen mellom folkevalgte og administrasjonen",
                     "Utviklingstiltak for kommunedirektøren"]
    followups = md.split("\n## Oppfølging\n", 1)[1].split("\n## ", 1)[0]
    assert "| Tiltak 1 | Kommunedirektøren | 15.04.2026 |" in followups
    assert "Lage en plan" not in followups  # carried agreements are reviewed, not new follow-ups
    assert ("| Lage en plan for økonomistyringen | Kommunedirektøren | 31.12.2025 | Gjennomført i januar |"
            in md)
    assert "| Månedlige møter med gruppelederne | Ordføreren | – | Ikke fylt ut |" in md


async def test_next_session_carries_last_agreements_once_with_empty_status(tmp_path: Path,
                                                                           repo_library: Library) -> None:
    first = await _development(tmp_path, repo_library)
    await first.close()
    nxt = await Session.open(tmp_path, "us-2027", "utviklingssamtale", repo_library, "nb")
    try:
        assert await follow_up(nxt, tmp_path, "us-2026", repo_library) == 5  # Tiltak 1-5, not pay
        status_step = referat.agenda(nxt.steps)[0]
        assert status_step.key == "reflection:us-1-status"
        carried = [a for a in nxt.record.agreements.values() if a.step_key == status_step.key]
        assert [a.text for a in carried] == [f"Tiltak {n}" for n in range(1, 6)]
        assert all(a.status == "" and referat.is_carried(a) for a in carried)
        # what us-2026 itself carried from us-2025 is not carried again
        assert not any("økonomistyringen" in a.text for a in carried)
        await nxt.save_agreement(Agreement(carried[0].key, carried[0].step_key, carried[0].text,
                                           carried[0].owner, carried[0].due, "Delvis gjort"))
        assert await follow_up(nxt, tmp_path, "us-2026", repo_library) == 0  # idempotent
        assert nxt.record.agreements[carried[0].key].status == "Delvis gjort"
        with pytest.raises(Rejected):
            await follow_up(nxt, tmp_path, "us-2027", repo_library)
    finally:
        await nxt.close()
    md = summary_markdown(load_session(tmp_path, "us-2027", repo_library).summary())
    assert "#### Oppfølging av forrige samtale (us-2026)" in md
    assert "| Tiltak 1 | Kommunedirektøren | 15.04.2026 | Delvis gjort |" in md
    assert "\n## Oppfølging\n" not in md  # nothing new agreed yet


async def test_a_programme_without_agenda_cannot_follow_up(tmp_path: Path, library: Library) -> None:
    session = await Session.open(tmp_path, "dag", "folkevalgtdag", library, "nb")
    try:
        with pytest.raises(Rejected) as err:
            await follow_up(session, tmp_path, "none", library)
        assert err.value.code == "no-agenda"
    finally:
        await session.close()


async def test_the_read_model_shows_the_collected_input_of_an_agenda_item(tmp_path: Path,
                                                                         repo_library: Library) -> None:
    session = await _development(tmp_path, repo_library)
    try:
        reading = session.reading
        shown = reading.input(session.step_by_key("reflection:us-5-samarbeid"))
        assert len(shown) == 3 and {a.question for a in shown} == {4}
        pay = session.step_by_key("reflection:us-6-lonn")
        assert [a.text for a in reading.input(pay)] == [
            f"{PAY} innspill"] * 3  # shown on the projector during the talk, never exported
        first = reading.input(session.step_by_key("reflection:us-1-status"))
        assert [a.hidden for a in first] == [True, False, False]
        assert first[0].text == ""  # a hidden answer's text never leaves the read model
    finally:
        await session.close()


async def test_attached_note_is_never_quoted_and_goes_out_only_as_its_own_confidential_file(
        tmp_path: Path, repo_library: Library) -> None:
    session = await _development(tmp_path, repo_library)
    await session.close()
    stored = load_session(tmp_path, "us-2026", repo_library)
    summary = stored.summary()
    assert summary.attachment == "notat.md"
    for fmt in ALL_FORMATS:
        text = export_text(summary, fmt)
        assert "framdrift" not in text and "Notat fra kommunedirektøren" not in text, fmt
    md = summary_markdown(summary)
    assert "## Vedlegg: notat.md" in md
    assert "Det er fortrolig personalmateriale, er ikke en del av referatet og er ikke gjengitt her." in md
    note = attachment_of(stored.name, stored.record)
    assert note is not None
    paths = write_exports(summary, export_folder(tmp_path, "us-2026"), note)
    own = paths[-1]
    assert own.name == "us-2026.vedlegg-fortrolig.md" and oct(own.stat().st_mode & 0o777) == "0o600"
    text = own.read_text()
    assert text.startswith("**FORTROLIG – personalmateriale. Ikke en del av referatet.**")
    assert "Status: **god** framdrift." in text and "\\<script>" in text
    assert not [p for p in paths[:-1] if "framdrift" in file_text(p)]


# -- hidden answers, escaping, CSV ------------------------------------------------------


async def test_hidden_answers_are_counted_and_never_exported_as_text(tmp_path: Path,
                                                                    library: Library) -> None:
    session = await Session.open(tmp_path, "skjul", "folkevalgtdag", library, "nb")
    try:
        pid = (await session.join()).id
        step = next(s for s in session.steps if s.kind == "reflection")
        await session.go_to(session.steps.index(step))
        await session.answer(pid, step.key, 0, "SYNLIG", "a")
        await session.answer(pid, step.key, 0, "SKJULT", "b")
        await session.moderate(step.key, f"{pid}:b", hidden=True)
        await session.answer(pid, step.key, 1, "ENESTE", "c")  # the only answer to question 2
        await session.moderate(step.key, f"{pid}:c", hidden=True)
    finally:
        await session.close()
    summary = load_session(tmp_path, "skjul", library).summary()
    for fmt in ALL_FORMATS:
        text = export_text(summary, fmt)
        assert "SYNLIG" in text and "SKJULT" not in text and "ENESTE" not in text, fmt
    md = summary_markdown(summary)
    assert md.count("*1 svar skjult av fasilitator.*") == 2
    question2 = md.split("### ", 3)[2]
    assert "Ingen svar." not in question2  # hiding the only answer is not «nobody answered»
    doc = json.loads(summary_json(summary))
    questions = next(s for s in doc["steps"] if s["key"] == step.key)["questions"]
    assert [(len(q["answers"]), q["hidden"]) for q in questions[:2]] == [(1, 1), (0, 1)]


async def test_exports_carry_no_participant_ids_or_times(tmp_path: Path, repo_library: Library) -> None:
    with fixed_clock():
        session = await build("folkevalgtdag", tmp_path, repo_library)
    secrets = {p.id for p in session.participants.values()} | {p.csrf for p in session.participants.values()}
    secrets |= {session.token, session.code}
    await session.close()
    tables = read_snapshot(tmp_path / f"{session.name}.json")
    times = {d["at"] for d in tables["answers"]}  # votes are stored without a time
    times |= {d["joined"] for d in tables["participants"]}
    assert len(times) > 40
    summary = load_session(tmp_path, session.name, repo_library).summary(EXPORTED)
    for fmt in ALL_FORMATS:
        text = export_text(summary, fmt)
        assert not [s for s in secrets if s in text], fmt
        assert not [at for at in times if at in text], fmt


async def test_csv_is_anonymous_ordered_and_inert_in_spreadsheets(tmp_path: Path,
                                                                   repo_library: Library) -> None:
    with fixed_clock():
        session = await build("folkevalgtdag", tmp_path, repo_library)
        await session.close()
    text = summary_csv(load_session(tmp_path, session.name, repo_library).summary())
    assert text.startswith("\ufeffstep_no,step_key,")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=HYPERLINK(\"http://evil.example\";\"klikk\")" in cells
    assert "'+47 og -5 grader, '@alle | kolonne | `kode` *stjerne* _under_" in cells
    records = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    poll = [r["value"] for r in records if r["step_kind"] == "poll" and r["type"] == "vote"]
    order = ["kd", "ks", "ordforer", "hvu", "amu"]
    assert poll and poll == sorted(poll, key=order.index)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "＝1+1"])
def test_safe_cell_neutralises_formula_starts(value: str) -> None:
    assert safe_cell(value) == "'" + value
    assert safe_cell("Hei = hallo") == "Hei = hallo"
    assert safe_cell("\t=1") == " '=1" and safe_cell("\r@x") == " '@x"


FIELD_START = ("=", "+", "-", "@", "＝", "＋", "－", "＠")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Bra", ";", ",", "\t", "\n", "\r", "|", " ", "=1+1", "+", "-2", "@A",
                                 '"', "＝"]), max_size=12).map("".join))
def test_no_cell_starts_a_formula_however_a_spreadsheet_splits_the_line(text: str) -> None:
    """`Bra;=1+1;` was a live formula in Norwegian Excel, which splits a comma file at «;»."""
    for sep in (",", ";", "\t", "|"):
        out = io.StringIO()
        csv.writer(out, delimiter="," if sep == "|" else sep).writerow([safe_cell(text), "x"])
        for line in out.getvalue().splitlines():
            for dialect in (",", ";", "\t", "|"):
                for field in line.split(dialect):
                    assert not field.strip(' "\u00a0').startswith(FIELD_START), (text, field)


_html_md = MarkdownIt("commonmark", {"html": True}).enable("table")


def _rendered_text(markdown: str) -> str:
    html = _html_md.render(markdown)
    assert re.sub(r"</?(p|br ?/?)>", "", html).count("<") == 0, html
    return re.sub(r"</?(p|br ?/?)>", "", html)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80))
def test_escaped_text_renders_literally_even_with_raw_html_enabled(raw: str) -> None:
    """Whatever a participant types, Markdown shows it as text: no tags, links or structure."""
    import html as htmllib

    text = clean_text(raw)
    if not text:
        return
    shown = htmllib.unescape(_rendered_text(text_block(text)))
    assert " ".join(shown.split()) == " ".join(text.split())
    assert _rendered_text(escape(text.replace("\n", " "))).count("<") == 0


def test_nasty_answers_stay_text_in_html(tmp_path: Path) -> None:
    for text in NASTY:
        html = _html_md.render(text_block(text))
        assert not re.search(r"<(a|img|script|h\d|ul|ol|li|blockquote|code|em|strong|b)\b", html), html


async def test_html_parses_strictly_and_has_a_restrictive_csp(tmp_path: Path, repo_library: Library) -> None:
    for programme in ("folkevalgtdag", "samspill", "utviklingssamtale"):
        with fixed_clock():
            session = await build(programme, tmp_path / programme, repo_library)
            await session.close()
        html = summary_html(load_session(tmp_path / programme, session.name, repo_library).summary())
        html5lib.HTMLParser(strict=True).parse(html)  # raises on any parse error
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert csp and csp.group(1).startswith("default-src 'none'; style-src 'sha256-")
        tags = re.findall(r"<[a-zA-Z][^>]*>", html)
        assert not [tag for tag in tags if re.match(r"<(script|a|img|iframe|object|embed|form)\b", tag)]
        assert not [tag for tag in tags if re.search(r"\son\w+=", tag)]
        assert "@page { size: A4" in html


# -- role breakdowns ------------------------------------------------------------------------


@pytest.fixture
def roles_content(tmp_path: Path) -> Library:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    for lang in ("nb", "nn"):
        prog = root / lang / "programmes" / "folkevalgtdag.md"
        prog.write_text(prog.read_text().replace("roles: nei", "roles: ja"))
    lib = load_library(root)
    lib.require_valid()
    return lib


async def _role_votes(data_dir: Path, library: Library, roles: list[str | None], k: int = 5) -> str:
    session = await Session.open(data_dir, "roller", "folkevalgtdag", library, "nb", k)
    try:
        step = next(s for s in session.steps if s.kind == "statement")
        await session.go_to(session.steps.index(step))
        for n, role in enumerate(roles):
            pid = (await session.join()).id
            if role:
                await session.choose_role(pid, role)
            await session.vote(pid, step.key, str(1 + n % 5))
    finally:
        await session.close()
    return step.key


def _step_doc(summary: Summary, key: str) -> dict[str, Any]:
    return next(s for s in json.loads(summary_json(summary))["steps"] if s["key"] == key)


async def test_a_group_under_k_is_named_as_withheld_and_the_others_are_shown(
        tmp_path: Path, roles_content: Library) -> None:
    key = await _role_votes(tmp_path, roles_content, ["folkevalgt"] * 5 + ["administrasjon"] * 5
                            + ["annet"] * 5 + ["ordforer"])
    summary = load_session(tmp_path, "roller", roles_content).summary()
    md = summary_markdown(summary)
    # the lone ordfører plus the smallest shown group are withheld: no single vote can be worked out
    assert "| Svar | Annet | Folkevalgt |" in md
    assert "Vises ikke per rolle: Administrasjonen, Ordfører. En gruppe vises bare med minst 5 svar" in md
    step = _step_doc(summary, key)
    assert [(g["role"], g["responses"]) for g in step["by_role"]] == [("annet", 5), ("folkevalgt", 5)]
    assert step["roles_withheld"] == ["administrasjon", "ordforer"]


async def test_no_role_breakdown_and_no_room_result_under_k(tmp_path: Path, roles_content: Library) -> None:
    key = await _role_votes(tmp_path, roles_content, ["folkevalgt"] * 3 + ["administrasjon"])
    summary = load_session(tmp_path, "roller", roles_content).summary()
    md = summary_markdown(summary)
    assert "*Resultatet vises ikke: færre enn 5 har svart.*" in md
    assert "Fordelt på rolle" not in md and "Helt uenig" not in md
    step = _step_doc(summary, key)
    assert step["withheld_result"] == {"reason": "under_k", "k": 5}
    assert "distribution" not in step and "by_role" not in step
    rows = list(csv.reader(io.StringIO(summary_csv(summary).removeprefix("\ufeff"))))
    assert not [r for r in rows if r[6] == "vote"]  # the raw votes of a withheld result neither


async def test_role_breakdown_at_the_lowest_threshold(tmp_path: Path, roles_content: Library) -> None:
    key = await _role_votes(tmp_path, roles_content, ["folkevalgt"] * 3 + ["administrasjon"] * 3, k=3)
    summary = load_session(tmp_path, "roller", roles_content).summary()
    assert "| Svar | Administrasjonen | Folkevalgt |" in summary_markdown(summary)
    groups = [(g["role"], g["responses"]) for g in _step_doc(summary, key)["by_role"]]
    assert groups == [("administrasjon", 3), ("folkevalgt", 3)]


async def test_a_threshold_below_three_is_refused(tmp_path: Path, library: Library) -> None:
    with pytest.raises(PolicyError):
        await Session.open(tmp_path, "lav", "folkevalgtdag", library, "nb", 2)
    assert not (tmp_path / "lav.json").exists()


async def test_pair_programme_shows_only_the_pair_and_only_in_the_gap_table(tmp_path: Path,
                                                                           repo_library: Library) -> None:
    with fixed_clock():
        session = await build("samspill", tmp_path, repo_library)
        await session.close()
    summary = load_session(tmp_path, session.name, repo_library).summary()
    doc = json.loads(summary_json(summary))
    statements = [s for s in doc["steps"] if s["kind"] == "statement"]
    assert all(s["withheld_result"] == {"reason": "named", "k": 5} for s in statements)
    assert not [s for s in statements if "distribution" in s or "by_role" in s]
    rows = [r for r in csv.reader(io.StringIO(summary_csv(summary).removeprefix("\ufeff"))) if r[6] == "vote"]
    assert rows == []
    gap = next(s for s in doc["steps"] if s["kind"] == "gap")
    assert len(gap["ranking"]) == len(statements)
    distances = [row["distance"] for row in gap["ranking"]]
    known = [d for d in distances if d is not None]
    assert known == sorted(known, reverse=True)
    assert distances[len(known):] == [None] * (len(distances) - len(known))
    md = summary_markdown(summary)
    assert "| Vi tar en prat hver mandag |" in md
    assert "svarte med rolle" in md and "svarte med navn" not in md


# -- files --------------------------------------------------------------------------------


async def test_write_exports_writes_every_format_into_the_session_folder(tmp_path: Path,
                                                                         library: Library) -> None:
    session = await Session.open(tmp_path, "filer", "folkevalgtdag", library, "nb")
    try:
        paths = write_exports(session.summary(), export_folder(tmp_path, "filer"))
    finally:
        await session.close()
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        f"filer.export/filer.{fmt}" for fmt in ("md", "html", "csv", "json", "xlsx", "pdf")]
    assert json.loads(paths[3].read_text())["version"] == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "filer.export", "filer.journal", "filer.json", "filer.lock"]


async def test_referat_in_nynorsk(tmp_path: Path, repo_library: Library) -> None:
    with fixed_clock():
        session = await build("utviklingssamtale", tmp_path, repo_library, lang="nn")
        await session.close()
    summary = load_session(tmp_path, "us-2026", repo_library).summary()
    for fmt in ALL_FORMATS:
        assert PAY not in export_text(summary, fmt)
    md = summary_markdown(summary)
    assert "**Utkast – til godkjenning**" in md and "## 2. Nye mål og forventningar" in md
    assert "«Lønsutviklinga til kommunedirektøren» vart drøfta i samtalen" in md
    assert "#### Innspel på førehand" in md and "| Avtale | Ansvarleg | Frist |" in md
