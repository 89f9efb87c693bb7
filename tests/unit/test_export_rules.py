"""What exports may hold: the pay rule, hidden answers, escaping, CSV injection, role privacy,
the follow-up carried into the next session of a series."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from samspill_tui.content import Library, load_library
from samspill_tui.export import referat
from samspill_tui.export.csvexport import safe_cell, summary_csv
from samspill_tui.export.files import FORMATS, export_folder, render, write_exports
from samspill_tui.export.html import summary_html
from samspill_tui.export.jsonexport import summary_json
from samspill_tui.export.markdown import escape, summary_markdown, text_block
from samspill_tui.export.series import follow_up
from samspill_tui.export.summary import summary_from_file, summary_from_session
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.record import Agreement
from samspill_tui.session.store import read_snapshot
from samspill_tui.session.text import clean_text
from tests.conftest import FIXTURE_CONTENT, REPO_CONTENT
from tests.golden.build import EXPORTED, NASTY, PAY, build, fixed_clock


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
        raw = (tmp_path / "us-2026.json").read_text()
        assert raw.count(PAY) >= 4
        pay = session.step_by_key("reflection:us-6-lonn")
        assert PAY in session.record.notes[pay.key]
        assert any(PAY in a.text for a in session.record.agreements.values())
        live = summary_from_session(session, include_hidden=True)
    finally:
        await session.close()
    for summary in (live, summary_from_file(tmp_path, "us-2026", repo_library, include_hidden=True)):
        for fmt in FORMATS:
            text = render(summary, fmt)
            assert PAY not in text, fmt
        assert [r.step.key for r in summary.results if r.withheld] == ["reflection:us-6-lonn"]
        innspill = next(r for r in summary.results if r.step.key == "reflection:us-innspill")
        assert innspill.answers and all(a.question != 5 for a in innspill.answers)
    folder = export_folder(tmp_path, "us-2026")
    for path in write_exports(live, folder):
        assert PAY not in path.read_text(encoding="utf-8-sig")
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
    md = summary_markdown(summary_from_file(tmp_path, "us-2026", repo_library))
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
    md = summary_markdown(summary_from_file(tmp_path, "us-2027", repo_library))
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


async def test_input_for_shows_the_collected_input_of_an_agenda_item(tmp_path: Path,
                                                                     repo_library: Library) -> None:
    session = await _development(tmp_path, repo_library)
    try:
        item5 = session.step_by_key("reflection:us-5-samarbeid")
        shown = referat.input_for(session.record, session.steps, item5)
        assert len(shown) == 3 and {a.question for a in shown} == {4}
        pay = session.step_by_key("reflection:us-6-lonn")
        assert [a.text for a in referat.input_for(session.record, session.steps, pay)] == [
            f"{PAY} innspill"] * 3  # shown on the projector during the talk, never exported
        first = session.step_by_key("reflection:us-1-status")
        assert len(referat.input_for(session.record, session.steps, first)) == 2  # one is hidden
    finally:
        await session.close()


async def test_attached_note_is_in_the_referat_with_raw_html_made_literal(tmp_path: Path,
                                                                          repo_library: Library) -> None:
    session = await _development(tmp_path, repo_library)
    await session.close()
    summary = summary_from_file(tmp_path, "us-2026", repo_library)
    assert summary.attachment is not None and summary.attachment[0] == "notat.md"
    md = summary_markdown(summary)
    assert "## Vedlegg: notat.md" in md and "> Status: **god** framdrift." in md
    html = summary_html(summary)
    assert "<strong>god</strong>" in html and "<script>" not in html


# -- hidden answers, escaping, CSV ------------------------------------------------------


async def test_hidden_answers_only_with_include_hidden(tmp_path: Path, library: Library) -> None:
    session = await Session.open(tmp_path, "skjul", "folkevalgtdag", library, "nb")
    try:
        pid = (await session.join()).id
        step = next(s for s in session.steps if s.kind == "reflection")
        await session.go_to(session.steps.index(step))
        await session.answer(pid, step.key, 0, "SYNLIG", "a")
        await session.answer(pid, step.key, 0, "SKJULT", "b")
        await session.moderate(step.key, f"{pid}:b", hidden=True)
    finally:
        await session.close()
    plain = summary_from_file(tmp_path, "skjul", library)
    full = summary_from_file(tmp_path, "skjul", library, include_hidden=True)
    for fmt in FORMATS:
        assert "SYNLIG" in render(plain, fmt) and "SKJULT" not in render(plain, fmt)
        assert "SKJULT" in render(full, fmt)
    assert "- SKJULT *(skjult)*" in summary_markdown(full)
    rows = list(csv.DictReader(io.StringIO(summary_csv(full).removeprefix("\ufeff"))))
    assert {r["text"]: r["hidden"] for r in rows if r["type"] == "answer"} == {"SYNLIG": "false",
                                                                               "SKJULT": "true"}


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
    summary = summary_from_file(tmp_path, session.name, repo_library, include_hidden=True,
                                exported=EXPORTED)
    for fmt in FORMATS:
        text = render(summary, fmt)
        assert not [s for s in secrets if s in text], fmt
        assert not [at for at in times if at in text], fmt


async def test_csv_is_anonymous_ordered_and_inert_in_spreadsheets(tmp_path: Path,
                                                                   repo_library: Library) -> None:
    with fixed_clock():
        session = await build("folkevalgtdag", tmp_path, repo_library)
        await session.close()
    text = summary_csv(summary_from_file(tmp_path, session.name, repo_library))
    assert text.startswith("\ufeffstep_no,step_key,")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=HYPERLINK(\"http://evil.example\";\"klikk\")" in cells
    assert "'+47 og -5 grader, @alle | kolonne | `kode` *stjerne* _under_" in cells
    poll = [r for r in rows[1:] if r[2] == "poll"]
    order = ["kd", "ks", "ordforer", "hvu", "amu"]
    assert [r[7] for r in poll] == sorted((r[7] for r in poll), key=order.index)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_safe_cell_neutralises_formula_starts(value: str) -> None:
    assert safe_cell(value) == "'" + value
    assert safe_cell("Hei = hallo") == "Hei = hallo"


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
        html = summary_html(summary_from_file(tmp_path / programme, session.name, repo_library))
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


async def _role_votes(data_dir: Path, library: Library, roles: list[str]) -> str:
    session = await Session.open(data_dir, "roller", "folkevalgtdag", library, "nb")
    try:
        step = next(s for s in session.steps if s.kind == "statement")
        await session.go_to(session.steps.index(step))
        for n, role in enumerate(roles):
            pid = (await session.join()).id
            await session.choose_role(pid, role)
            await session.vote(pid, step.key, str(1 + n % 5))
    finally:
        await session.close()
    return step.key


async def test_role_breakdown_only_when_every_group_has_three(tmp_path: Path, roles_content: Library) -> None:
    key = await _role_votes(tmp_path, roles_content, ["folkevalgt"] * 3 + ["administrasjon"] * 2)
    summary = summary_from_file(tmp_path, "roller", roles_content)
    md = summary_markdown(summary)
    assert "Fordelingen på roller vises ikke, fordi minst én gruppe har færre enn 3 svar." in md
    assert "Fordelt på rolle" not in md
    step = next(s for s in json.loads(summary_json(summary))["steps"] if s["key"] == key)
    assert "by_role" not in step


async def test_role_breakdown_shown_with_three_in_each_group(tmp_path: Path, roles_content: Library) -> None:
    key = await _role_votes(tmp_path, roles_content, ["folkevalgt"] * 3 + ["administrasjon"] * 3)
    summary = summary_from_file(tmp_path, "roller", roles_content)
    md = summary_markdown(summary)
    assert "| Svar | Administrasjonen | Folkevalgt |" in md
    step = next(s for s in json.loads(summary_json(summary))["steps"] if s["key"] == key)
    groups = [(g["role"], g["responses"]) for g in step["by_role"]]
    assert groups == [("administrasjon", 3), ("folkevalgt", 3)]


async def test_pair_programme_shows_only_the_pair(tmp_path: Path, repo_library: Library) -> None:
    with fixed_clock():
        session = await build("samspill", tmp_path, repo_library)
        await session.close()
    summary = summary_from_file(tmp_path, session.name, repo_library)
    doc = json.loads(summary_json(summary))
    statements = [s for s in doc["steps"] if s["kind"] == "statement"]
    assert all(s["responses"] == 2 for s in statements)  # the third phone's votes are left out
    rows = [r for r in csv.reader(io.StringIO(summary_csv(summary).removeprefix("\ufeff"))) if r[6] == "vote"]
    assert len(rows) == 2 * len(statements)
    gap = next(s for s in doc["steps"] if s["kind"] == "gap")
    assert len(gap["ranking"]) == len(statements)
    distances = [row["distance"] for row in gap["ranking"]]
    known = [d for d in distances if d is not None]
    assert known == sorted(known, reverse=True)
    assert distances[len(known):] == [None] * (len(distances) - len(known))
    md = summary_markdown(summary)
    assert "| Vi tar en prat hver mandag |" in md


# -- files --------------------------------------------------------------------------------


async def test_write_exports_writes_every_format_into_the_session_folder(tmp_path: Path,
                                                                         library: Library) -> None:
    session = await Session.open(tmp_path, "filer", "folkevalgtdag", library, "nb")
    try:
        paths = write_exports(summary_from_session(session), export_folder(tmp_path, "filer"))
    finally:
        await session.close()
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        f"filer.export/filer.{fmt}" for fmt in ("md", "html", "csv", "json")]
    assert json.loads(paths[3].read_text())["version"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["filer.export", "filer.json", "filer.lock"]


async def test_referat_in_nynorsk(tmp_path: Path, repo_library: Library) -> None:
    with fixed_clock():
        session = await build("utviklingssamtale", tmp_path, repo_library, lang="nn")
        await session.close()
    summary = summary_from_file(tmp_path, "us-2026", repo_library)
    for fmt in FORMATS:
        assert PAY not in render(summary, fmt)
    md = summary_markdown(summary)
    assert "**Utkast – til godkjenning**" in md and "## 2. Nye mål og forventningar" in md
    assert "«Lønsutviklinga til kommunedirektøren» vart drøfta i samtalen" in md
    assert "#### Innspel på førehand" in md and "| Avtale | Ansvarleg | Frist |" in md
