"""Content written in one language form runs in that form; only sessions in the other are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samspill_tui.cli import main
from samspill_tui.content import load_library
from samspill_tui.session.live import Rejected, Session
from tests.conftest import FIXTURE_CONTENT


@pytest.fixture
def bokmal_only(tmp_path: Path) -> Path:
    """The fixture content plus a case in bokmål only, in the programme of both forms."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    case = (root / "nb/cases/sak.md").read_text().replace("id: sak", "id: ny", 1)
    (root / "nb/cases/ny.md").write_text(case)
    for form in ("nb", "nn"):
        programme = root / form / "programmes/folkevalgtdag.md"
        programme.write_text(programme.read_text().replace("5. summary", "5. case ny (5 min)\n6. summary"))
    return root


async def test_the_session_runs_in_bokmal_and_is_refused_in_nynorsk(
        bokmal_only: Path, tmp_path: Path) -> None:
    library = load_library(bokmal_only)
    assert library.problems == []
    [twin] = library.twins
    assert (twin.path, twin.line, twin.ident, twin.missing) == (bokmal_only / "nb/cases/ny.md", 2, "ny", "nn")
    session = await Session.open(tmp_path / "data", "bm", "folkevalgtdag", library, "nb")
    assert session.programme.steps[-2].ref == "ny"  # the bokmål-only case is in the session
    await session.close()
    with pytest.raises(Rejected):
        await Session.open(tmp_path / "data", "nn", "folkevalgtdag", library, "nn")


def test_content_check_warns_with_file_and_line_and_passes(
        bokmal_only: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", str(bokmal_only)]) == 0
    out = capsys.readouterr().out
    assert f"Advarsel: {bokmal_only / 'nb/cases/ny.md'}:2: «ny» finnes ikke på nynorsk" in out
    assert "bokmål: 2 caser" in out and out.rstrip().endswith(f"OK: {bokmal_only}")


def test_run_in_the_missing_form_is_refused_in_its_words(
        bokmal_only: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--content", str(bokmal_only), "run", "--lang", "nn", "--programme", "folkevalgtdag",
                 "--session", "nn", "--data-dir", str(tmp_path / "data")])
    err = capsys.readouterr().err
    assert code == 2
    assert "Åtvaring:" in err and "programmet «folkevalgtdag» kan ikkje køyrast på nynorsk" in err
    assert "«ny» finst berre på bokmål" in err and "--lang nb" in err
    assert not (tmp_path / "data").exists()
