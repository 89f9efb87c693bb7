"""Minutes a council can file: meeting details, the PDF, the workbook, the CSV for Norwegian Excel."""

from __future__ import annotations

import csv
import io
import re
import sys
import types
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from samspill_tui.cli import main
from samspill_tui.content import Library, load_library
from samspill_tui.export.csvexport import summary_csv
from samspill_tui.export.files import ExportIncomplete, render_bytes, write_exports
from samspill_tui.export.jsonexport import summary_json
from samspill_tui.export.markdown import summary_markdown
from samspill_tui.export.pdf import PdfUnavailable
from samspill_tui.session.archive import export_folder
from samspill_tui.session.events import Event, MeetingChanged
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.meeting import Meeting
from samspill_tui.session.steps import StatementVote
from samspill_tui.session.summary import Summary, load_session
from tests.conftest import REPO_CONTENT
from tests.golden.build import EXPORTED, build, fixed_clock
from tests.golden.readers import pdf_pages

A4 = (595.28, 841.89)  # points


@pytest.fixture(scope="module")
def repo_library() -> Library:
    lib = load_library(REPO_CONTENT)
    lib.require_valid()
    return lib


async def _fixture(programme: str, tmp_path: Path, library: Library) -> Summary:
    with fixed_clock():
        session = await build(programme, tmp_path, library)
        await session.close()
    return load_session(tmp_path, session.name, library).summary(EXPORTED)


# -- meeting details -------------------------------------------------------------------


async def test_meeting_details_are_kept_validated_and_announced(tmp_path: Path, library: Library) -> None:
    session = await Session.open(tmp_path, "mote", "folkevalgtdag", library, "nb")
    events: list[Event] = []
    session.subscribe(events.append)
    try:
        for bad, code in ((Meeting(date="31.02.2026"), "meeting-date"),
                          (Meeting(start="9", end="10:00"), "meeting-time"),
                          (Meeting(start="15:00", end="09:00"), "meeting-time"),
                          (Meeting(counts=(("folkevalgt", -1),)), "meeting-count"),
                          (Meeting(organ="x" * 500), "meeting-long")):
            with pytest.raises(Rejected) as caught:
                await session.set_meeting(bad)
            assert caught.value.code == code
        assert session.meeting.empty and not events
        stored = await session.set_meeting(Meeting(organ="  Formannskapet ", date="14.03.2026", start="9.00",
                                                   end="15:30", present=("Kari", " ", "Ola\u202e")))
        assert stored == Meeting(organ="Formannskapet", date="2026-03-14", start="09:00", end="15:30",
                                 present=("Kari", "Ola"))
        assert events == [MeetingChanged()]
    finally:
        await session.close()
    again = await Session.open(tmp_path, "mote", "folkevalgtdag", library, "nb")  # kept in the session
    try:
        assert again.meeting == stored
        assert again.summary().meeting == stored
    finally:
        await again.close()


def test_meeting_merge_takes_what_is_filled_in() -> None:
    old = Meeting(organ="Kommunestyret", place="Rådhuset", chair="Kari")
    assert old.merged(Meeting(place="Kulturhuset", secretary="Ola")) == Meeting(
        organ="Kommunestyret", place="Kulturhuset", chair="Kari", secretary="Ola")
    assert Meeting.of(old.doc()) == old
    assert Meeting.of({"counts": {"folkevalgt": "x", "annet": 3, "ukjent": 4}, "present": "ikke en liste"}) \
        == Meeting(counts=(("annet", 3),))


async def test_meeting_details_head_every_format(tmp_path: Path, repo_library: Library) -> None:
    summary = await _fixture("utviklingssamtale", tmp_path, repo_library)
    md = summary_markdown(summary)
    head = md.split("## ", 1)[0]
    for line in ("- **Organ:** Formannskapet, Eksempel kommune", "- **Sted:** Formannskapssalen",
                 "- **Tid:** 02.03.2026 kl. 13:00–15:00",
                 "- **Til stede:** Kari Nordmann (ordfører), Per Hansen, Lise Berg (kommunedirektør)",
                 "- **Møteleder:** Kari Nordmann", "- **Referent:** Per Hansen"):
        assert line in head
    assert '"meeting": {' in summary_json(summary)
    rows = list(csv.DictReader(io.StringIO(summary_csv(summary).removeprefix("\ufeff"))))
    assert [r["value"] for r in rows[:3]] == ["organ", "kommune", "place"]
    book = load_workbook(io.BytesIO(render_bytes(summary, "xlsx")))
    assert book.sheetnames[0] == "Møtet"
    facts = {row[0]: row[1] for row in book["Møtet"].iter_rows(values_only=True)}
    assert facts["Organ"] == "Formannskapet" and facts["Referent"] == "Per Hansen"
    assert facts["Dato"] == datetime(2026, 3, 2)
    first_page = pdf_pages(render_bytes(summary, "pdf"))[0]
    assert "Formannskapet, Eksempel kommune" in first_page and "Møteleder: Kari Nordmann" in first_page


# -- PDF --------------------------------------------------------------------------------


async def test_pdf_is_a4_numbered_with_the_draft_mark_on_every_page_of_a_referat(
        tmp_path: Path, repo_library: Library) -> None:
    summary = await _fixture("utviklingssamtale", tmp_path, repo_library)
    data = render_bytes(summary, "pdf")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    for n, page in enumerate(reader.pages, 1):
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A4
        text = page.extract_text()
        assert f"Side {n} av {len(reader.pages)}" in text
        assert "Utkast – til godkjenning" in text
    text = " ".join(pdf_pages(data))
    assert "Referat: Utviklingssamtalen" in text and "Oppfølging" in text and "Tiltak 5" in text


async def test_pdf_keeps_headings_with_their_charts(tmp_path: Path, repo_library: Library) -> None:
    summary = await _fixture("folkevalgtdag", tmp_path, repo_library)
    pages = [" ".join(p.split()) for p in pdf_pages(render_bytes(summary, "pdf"))]
    assert len(pages) >= 5
    assert "Utkast" not in " ".join(pages)  # only a referat is a draft
    statements = [r.step.body.statement.text for r in summary.results
                  if isinstance(r.step.body, StatementVote)]
    assert statements and all(any(s in p for p in pages) for s in statements)
    for page in pages:
        body = re.sub(r"Side \d+ av \d+$", "", page).rstrip()
        assert not [s for s in statements if body.endswith(s)], "a heading left at the foot of a page"


def _without_pango(monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint as it fails where Pango is not installed: loading it raises OSError."""
    broken = types.ModuleType("weasyprint")

    def missing(name: str) -> object:
        raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")

    broken.__getattr__ = missing  # type: ignore[method-assign]
    monkeypatch.setitem(sys.modules, "weasyprint", broken)


async def test_without_pango_the_pdf_says_what_to_install_and_the_rest_is_written(
        tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    session = await Session.open(tmp_path, "uten", "folkevalgtdag", library, "nb")
    summary = session.summary()
    await session.close()
    _without_pango(monkeypatch)
    with pytest.raises(PdfUnavailable) as caught:
        render_bytes(summary, "pdf")
    assert "libpango-1.0-0" in str(caught.value) and "sudo apt-get install" in str(caught.value)
    with pytest.raises(ExportIncomplete) as incomplete:
        write_exports(summary, export_folder(tmp_path, "uten"))
    assert sorted(p.suffix for p in incomplete.value.written) == [".csv", ".html", ".json", ".md", ".xlsx"]
    assert "PDF kan ikke lages" in incomplete.value.reason
    args = ["--content", str(REPO_CONTENT.parent / "tests" / "fixtures" / "content"), "export", "uten",
            "--data-dir", str(tmp_path)]
    assert main([*args, "--format", "pdf", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "PDF kan ikke lages fordi libpango-1.0-0 mangler" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
    assert main([*args, "--format", "xlsx", "--out", str(tmp_path / "x.xlsx")]) == 0


# -- Excel and CSV ----------------------------------------------------------------------


async def test_workbook_has_a_sheet_per_kind_and_text_is_never_a_formula(tmp_path: Path,
                                                                        repo_library: Library) -> None:
    summary = await _fixture("folkevalgtdag", tmp_path, repo_library)
    book = load_workbook(io.BytesIO(render_bytes(summary, "xlsx")))
    assert book.sheetnames == ["Møtet", "Påstander", "Avstemninger", "Rangeringer", "Ord", "Svar", "Spørsmål",
                               "Avtaler"]
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if c.data_type == "s"}
    assert "=Ola Referent" in texts and "Be om en sak om [rutiner](http://x) =1+1" in texts
    assert any(str(v).startswith("=HYPERLINK") for v in texts)
    words = {w: n for _, w, n, _ in book["Ord"].iter_rows(min_row=2, values_only=True)}
    assert words.get("sum(a1", 0) >= 2  # «=SUM(A1)» as a word, never a formula
    ranked = list(book["Rangeringer"].iter_rows(min_row=2, values_only=True))
    assert ranked[0][1:3] == ("Alle", 1) and isinstance(ranked[0][7], float)  # Kendall's W
    agreement = next(book["Avtaler"].iter_rows(min_row=2, values_only=True))
    assert agreement[2:5] == ("Ordføreren", datetime(2026, 6, 30), "Bestilt")


async def test_csv_for_norwegian_excel_and_roles_only_where_the_group_is_shown(
        tmp_path: Path, library: Library, capsys: pytest.CaptureFixture[str]) -> None:
    session = await Session.open(tmp_path, "roller", "roller", library, "nb")
    try:
        step = next(s for s in session.steps if s.accepts_votes)
        await session.go_to(session.steps.index(step))
        for role, n in (("folkevalgt", 6), ("administrasjon", 2), ("annet", 5)):
            for _ in range(n):
                pid = (await session.join()).id
                await session.choose_role(pid, role)
                await session.vote(pid, step.key, "4")
    finally:
        await session.close()
    summary = load_session(tmp_path, "roller", library).summary()
    rows = [r for r in csv.DictReader(io.StringIO(summary_csv(summary).removeprefix("\ufeff")))
            if r["type"] == "vote" and r["step_key"] == step.key]
    assert len(rows) == 13 and rows[0]["prompt"]  # the statement's text on every vote
    # annet (5) would leave administrasjon's 2 to be worked out, so only folkevalgt is shown
    assert sorted({r["role"] for r in rows}) == ["", "folkevalgt"]
    assert sum(r["role"] == "folkevalgt" for r in rows) == 6
    fixture = str(REPO_CONTENT.parent / "tests" / "fixtures" / "content")
    assert main(["--content", fixture, "export", "roller", "--format", "csv", "--csv-dialect", "excel",
                 "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeffstep_no;step_key;step_kind;") and "\r\n" in out
    assert list(csv.reader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))[1][7] == "vote"



# -- run options ------------------------------------------------------------------------


def test_run_options_store_the_meeting_details(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """`samspill run … --organ … --present-count …` stores them before the app starts."""
    import samspill_tui.tui.app as tui_app

    monkeypatch.setattr(tui_app.SamspillApp, "run", lambda self: None)  # the details, not the TUI
    fixture = str(REPO_CONTENT.parent / "tests" / "fixtures" / "content")
    base = ["--content", fixture, "run", "--programme", "folkevalgtdag", "--session", "opsjon",
            "--data-dir", str(tmp_path), "--port", "0", "--host", "127.0.0.1"]
    assert main([*base, "--organ", "Kommunestyret", "--kommune", "Eksempel kommune", "--place", "Rådhuset",
                 "--date", "14.03.2026", "--time", "09:00-15:30", "--present-count", "folkevalgt=25",
                 "--present-count", "administrasjon=3", "--chair", "Kari", "--secretary", "Ola"]) == 0
    assert main([*base, "--place", "Kulturhuset"]) == 0  # a later start changes what it names
    library = load_library(Path(fixture))
    meeting = load_session(tmp_path, "opsjon", library).summary().meeting
    assert meeting == Meeting("Kommunestyret", "Eksempel kommune", "Kulturhuset", "2026-03-14", "09:00",
                              "15:30", (), (("folkevalgt", 25), ("administrasjon", 3)), "Kari", "Ola")
    capsys.readouterr()
    assert main([*base, "--date", "14/03"]) == 1
    assert "Skriv datoen som dd.mm.åååå" in capsys.readouterr().err
    assert main([*base, "--present-count", "folkevalgt=mange"]) == 2
