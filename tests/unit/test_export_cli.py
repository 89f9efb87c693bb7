"""The command line: `samspill export` in every format, `samspill sessions list|delete|attach`,
and `run --follows/--attach` preparing a development conversation before the app starts."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path

import pytest

from samspill_tui.cli import _prepare, main
from samspill_tui.content import Library, load_library
from samspill_tui.export.files import write_exports
from samspill_tui.session import referat
from samspill_tui.session.archive import export_folder
from samspill_tui.session.live import Session
from samspill_tui.session.record import Agreement
from samspill_tui.session.store import SessionStore
from samspill_tui.session.summary import attachment_of, load_session
from tests.conftest import FIXTURE_CONTENT, REPO_CONTENT
from tests.golden.build import build, fixed_clock


@pytest.fixture(scope="module")
def repo_library() -> Library:
    lib = load_library(REPO_CONTENT)
    lib.require_valid()
    return lib


def _session(data_dir: Path, library: Library, name: str = "okt", joined: int = 2) -> None:
    async def make() -> None:
        session = await Session.open(data_dir, name, "folkevalgtdag", library, "nb")
        try:
            for _ in range(joined):
                await session.join()
        finally:
            await session.close()

    asyncio.run(make())


def _run(*argv: str, content: Path = FIXTURE_CONTENT) -> int:
    return main(["--content", str(content), *argv])


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_export_prints_each_format(fmt: str, tmp_path: Path, library: Library,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    _session(tmp_path, library)
    assert _run("export", "okt", "--format", fmt, "--data-dir", str(tmp_path)) == 0
    out = capsys.readouterr().out
    first = {"md": "# Folkevalgtdag", "html": "<!DOCTYPE html>", "csv": "\ufeffstep_no,", "json": "{"}[fmt]
    assert out.startswith(first)


def test_export_writes_a_file_without_hidden_answers(tmp_path: Path, library: Library) -> None:
    async def make() -> None:
        session = await Session.open(tmp_path, "okt", "folkevalgtdag", library, "nb")
        try:
            pid = (await session.join()).id
            step = next(s for s in session.steps if s.kind == "reflection")
            await session.go_to(session.steps.index(step))
            await session.answer(pid, step.key, 0, "Skjult svar", "x")
            await session.moderate(step.key, f"{pid}:x", hidden=True)
        finally:
            await session.close()

    asyncio.run(make())
    out = tmp_path / "ut.json"
    assert _run("export", "okt", "--format", "json", "--out", str(out), "--data-dir", str(tmp_path)) == 0
    assert "Skjult svar" not in out.read_text()
    doc = json.loads(out.read_text())
    questions = [q for s in doc["steps"] for q in s.get("questions", []) if q["hidden"]]
    assert [(q["answers"], q["hidden"]) for q in questions] == [([], 1)]
    with pytest.raises(SystemExit):  # the option that exported hidden answers is gone
        _run("export", "okt", "--include-hidden", "--data-dir", str(tmp_path))


def test_sessions_list_shows_name_programme_created_participants_size(
        tmp_path: Path, library: Library, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("sessions", "list", "--data-dir", str(tmp_path)) == 0
    assert f"Ingen økter i {tmp_path}" in capsys.readouterr().out
    _session(tmp_path, library, "a-okt", joined=3)
    _session(tmp_path, library, "b-okt", joined=0)
    assert _run("sessions", "list", "--data-dir", str(tmp_path)) == 0
    out, err = capsys.readouterr()
    assert f"Øktene ligger i {tmp_path.resolve()}" in err  # where they are, the table stays clean
    lines = out.splitlines()
    assert lines[0].split() == ["Navn", "Program", "Opprettet", "Deltakere", "Størrelse"]
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert set(rows) == {"a-okt", "b-okt"}
    assert rows["a-okt"][1] == "folkevalgtdag" and rows["a-okt"][4] == "3"
    assert rows["b-okt"][4] == "0" and rows["b-okt"][-1] in ("B", "kB")


def test_sessions_delete_asks_and_removes_data_journal_lock_and_exports(tmp_path: Path, library: Library,
                                                                capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _session(tmp_path, library, "slett")
    _session(tmp_path, library, "behold")
    write_exports(load_session(tmp_path, "slett", library).summary(), export_folder(tmp_path, "slett"))
    (tmp_path / "slett.md").write_text("# old export from the e key")
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert _run("sessions", "delete", "slett", "--data-dir", str(tmp_path)) == 1
    assert "Ingenting er slettet." in capsys.readouterr().out
    assert (tmp_path / "slett.json").exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("ja\n"))
    assert _run("sessions", "delete", "slett", "--data-dir", str(tmp_path)) == 0
    assert "Slettet økta «slett» (10 filer)." in capsys.readouterr().out  # its journal too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["behold.journal", "behold.json", "behold.lock"]


def test_sessions_delete_refuses_while_the_session_is_open(tmp_path: Path, library: Library,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    _session(tmp_path, library, "open")
    holder = SessionStore(tmp_path / "open.json")  # a running app has it open
    try:
        assert _run("sessions", "delete", "open", "--yes", "--data-dir", str(tmp_path)) == 1
        assert "er åpen i en Samspill som kjører" in capsys.readouterr().err
        assert (tmp_path / "open.json").exists()
    finally:
        asyncio.run(holder.close())
    assert _run("sessions", "delete", "open", "--yes", "--data-dir", str(tmp_path)) == 0
    assert not (tmp_path / "open.json").exists()


def test_sessions_delete_of_unknown_or_bad_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("sessions", "delete", "finnes-ikke", "--yes", "--data-dir", str(tmp_path)) == 1
    assert "fant ingen økt «finnes-ikke»" in capsys.readouterr().err
    assert _run("sessions", "delete", "../x", "--yes", "--data-dir", str(tmp_path)) == 2


def test_sessions_attach_stores_the_note_for_the_referat(tmp_path: Path, repo_library: Library,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    async def make() -> None:
        session = await Session.open(tmp_path, "us", "utviklingssamtale", repo_library, "nb")
        await session.close()

    asyncio.run(make())
    note = tmp_path / "notat.md"
    note.write_text("# Notat\n\nStatus er **god**.\n", encoding="utf-8")
    assert _run("sessions", "attach", "us", str(note), "--data-dir", str(tmp_path), content=REPO_CONTENT) == 0
    summary = load_session(tmp_path, "us", repo_library).summary()
    assert summary.attachment == "notat.md"
    err = capsys.readouterr().err
    assert "Notatet er lagret i økta som fortrolig personalmateriale. Det siteres ikke i referatet" in err
    assert _run("export", "us", "--attachment", "--data-dir", str(tmp_path), content=REPO_CONTENT) == 0
    out = capsys.readouterr().out
    assert out.startswith("**FORTROLIG – personalmateriale.") and "Status er **god**." in out
    assert _run("export", "us", "--data-dir", str(tmp_path), content=REPO_CONTENT) == 0
    assert "Status er" not in capsys.readouterr().out
    missing = tmp_path / "mangler.md"
    code = _run("sessions", "attach", "us", str(missing), "--data-dir", str(tmp_path), content=REPO_CONTENT)
    assert code == 1
    assert "kunne ikke lese" in capsys.readouterr().err


def test_run_follows_and_attach_prepare_the_session(tmp_path: Path, repo_library: Library) -> None:
    async def previous() -> None:
        with fixed_clock():
            session = await build("utviklingssamtale", tmp_path, repo_library)
            await session.close()

    asyncio.run(previous())
    note = tmp_path / "notat.md"
    note.write_text("Kort notat.", encoding="utf-8")
    code = _prepare("samspill run", repo_library, tmp_path, "us-2027", "utviklingssamtale", "nb",
                    follows="us-2026", attach=note)
    assert code == 0
    summary = load_session(tmp_path, "us-2027", repo_library).summary()
    assert summary.follows == "us-2026" and summary.attachment == "notat.md"
    note = attachment_of("us-2027", load_session(tmp_path, "us-2027", repo_library).record)
    assert note is not None and note.text == "Kort notat."
    status = next(r for r in summary.results if r.step.key == "reflection:us-1-status")
    carried = [a.text for a in status.agreements if referat.is_carried(a)]
    assert carried == [f"Tiltak {n}" for n in range(1, 6)]
    assert _prepare("samspill run", repo_library, tmp_path, "us-2028", "utviklingssamtale", "nb",
                    follows="us-1999") == 1
    assert _prepare("samspill run", repo_library, tmp_path, "dag", "folkevalgtdag", "nb",
                    follows="us-2026") == 1


def test_agreement_status_survives_the_round_trip(tmp_path: Path, repo_library: Library) -> None:
    async def run() -> None:
        session = await Session.open(tmp_path, "us", "utviklingssamtale", repo_library, "nb")
        try:
            await session.save_agreement(Agreement("a", "reflection:us-2-arbeidssituasjon", "Gjør noe",
                                                   "arbeidsgiver", "2026-05-01", "Startet"))
        finally:
            await session.close()

    asyncio.run(run())
    summary = load_session(tmp_path, "us", repo_library).summary()
    made = [(a.owner, a.due, a.status) for a in summary.follow_ups]
    assert made == [("arbeidsgiver", "2026-05-01", "Startet")]


def test_a_damaged_session_file_is_named_and_left_alone(tmp_path: Path, library: Library,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    damaged = tmp_path / "skadet.json"
    damaged.write_text('{"meta": {"1": {"k": "meta"}}, "participants": {"1": {"csrf": 1}}}')
    before = damaged.read_bytes()
    assert _run("export", "skadet", "--data-dir", str(tmp_path)) == 1
    err = capsys.readouterr().err
    assert err.strip() == (f"samspill export: øktfila {damaged} er skadet og kan ikke leses. "
                           "Den er ikke endret.")
    assert damaged.read_bytes() == before
    assert _run("sessions", "list", "--data-dir", str(tmp_path)) == 0  # listed with what is known
    assert "skadet" in capsys.readouterr().out


def test_the_command_line_never_shows_a_traceback(tmp_path: Path, library: Library,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _session(tmp_path, library)

    def broken(args: object) -> int:
        raise RuntimeError("en feil ingen ventet")

    monkeypatch.setattr("samspill_tui.cli.cmd_export", broken)
    assert _run("export", "okt", "--data-dir", str(tmp_path)) == 1
    err = capsys.readouterr().err
    [log] = tmp_path.glob("samspill-feil-*.log")
    assert err.strip() == ("samspill export stoppet på grunn av en uventet feil. Detaljene for "
                           f"feilsøking står i {log}.")
    assert "Traceback" not in err and "RuntimeError: en feil ingen ventet" in log.read_text()
