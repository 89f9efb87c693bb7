"""End to end: the app with its real server, two phones vote, `samspill export` reads it live."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from samspill_tui.content import Library
from samspill_tui.tui.run import SessionScreen
from samspill_tui.web.server import WebServer
from tests.conftest import FIXTURE_CONTENT, Phone
from tests.tui.helpers import make_app, wait_for


def _export(data_dir: Path, fmt: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "samspill_tui",
            "--content",
            str(FIXTURE_CONTENT),
            "export",
            "live",
            "--format",
            fmt,
            "--data-dir",
            str(data_dir),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_two_phones_vote_and_export_shows_it_while_live(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "live"), k=3)  # the export keeps the session's k
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert isinstance(app.face, WebServer)
        a, b, c = Phone(app.face), Phone(app.face), Phone(app.face)
        try:
            for phone in (a, b, c):
                await phone.join()
            await pilot.press("right", "right")
            await wait_for(pilot, lambda: app.session.step.kind == "reflection")  # type: ignore[union-attr]
            assert (await a.answer(1, "Kommunedirektøren *har* ansvaret", "x1"))[0] == 200
            await pilot.press("right")
            await wait_for(pilot, lambda: app.session.step.kind == "poll")  # type: ignore[union-attr]
            assert (await a.vote("kd"))[0] == 200
            assert (await b.vote("ks"))[0] == 200
            assert (await c.vote("ks"))[0] == 200
            await pilot.press("right")
            await wait_for(pilot, lambda: app.session.step.kind == "statement")  # type: ignore[union-attr]
            assert (await a.vote("5"))[0] == 200
            assert (await b.vote("5"))[0] == 200
            assert (await c.vote("5"))[0] == 200

            md = _export(tmp_path, "md")
            assert md.returncode == 0, md.stderr
            assert "# Folkevalgtdag" in md.stdout
            assert "**Deltakere:** 3" in md.stdout
            assert "| Helt enig | 3 | 100 % |" in md.stdout
            assert "| Kommunedirektøren | 1 | 33 % |" in md.stdout
            assert "*Resultatet vises ikke: færre enn 3 har svart.*" in md.stdout  # the second statement
            assert "- Kommunedirektøren \\*har\\* ansvaret" in md.stdout

            out = tmp_path / "summary.json"
            js = _export(tmp_path, "json", "--out", str(out))
            assert js.returncode == 0, js.stderr
            doc = json.loads(out.read_text())
            assert doc["schema"] == "samspill.summary" and doc["version"] == 3
            assert doc["participants"] == 3 and doc["k"] == 3
            s01 = next(s for s in doc["steps"] if s["key"] == "statement:dekk/s01")
            assert {d["value"]: d["count"] for d in s01["distribution"]}["5"] == 3

            table = _export(tmp_path, "csv")
            assert table.returncode == 0, table.stderr
            rows = list(csv.DictReader(io.StringIO(table.stdout.removeprefix("\ufeff"))))
            assert [r["value"] for r in rows if r["step_key"] == "statement:dekk/s01"] == ["5", "5", "5"]
            page = _export(tmp_path, "html")
            assert page.returncode == 0
            assert page.stdout.count("<svg") == 2  # the poll and the statement with three votes

            # the facilitator's e key writes every format; its Markdown equals the file export
            await pilot.press("e")
            folder = tmp_path / "live.export"
            await wait_for(pilot, lambda: (folder / "live.pdf").exists(), timeout=30)  # written last
            written = sorted(p.name for p in folder.iterdir())
            assert written == [f"live.{x}" for x in ("csv", "html", "json", "md", "pdf", "xlsx")]
            assert (folder / "live.md").read_text() == md.stdout
            # the app is still running and still accepts votes after the export
            assert (await a.vote("3"))[0] == 200
        finally:
            for phone in (a, b, c):
                await phone.close()


def test_export_of_unknown_session_fails_clearly(tmp_path: Path) -> None:
    result = _export(tmp_path, "md")
    assert result.returncode == 1
    assert "fant ingen økt «live»" in result.stderr
