"""Content problems in Norwegian, in the language form the command runs in, with file and line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from samspill_tui.cli import main
from samspill_tui.content import Problem, load_library
from samspill_tui.i18n import keys
from tests.conftest import FIXTURE_CONTENT

CONTENT_CODE = Path(__file__).parents[2] / "samspill_tui" / "content"

# What the facilitator reads for the two faults of ``broken``, in each form; names typed stay literal.
MESSAGES = {
    "nb": (
        "fasiten «nei» er ikke et av alternativene (alternativer: kd, ks)",
        "ukjent stegtype «dans»; bruk en av case, reflection, poll, statements, rating, ranking, words, gap, "
        "questions, "
        "summary",
    ),
    "nn": (
        "fasiten «nei» er ikkje eitt av alternativa (alternativ: kd, ks)",
        "ukjend stegtype «dans»; bruk ein av case, reflection, poll, statements, rating, ranking, words, "
        "gap, questions, summary",
    ),
}
HEADER = {"nb": "Innholdet i {root} har feil:", "nn": "Innhaldet i {root} har feil:"}
COUNT = {"nb": "2 feil i {root}", "nn": "2 feil i {root}"}


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture content with a bad answer key (bokmål) and an unknown step kind (nynorsk)."""
    monkeypatch.setenv("SAMSPILL_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    for path, old, new in (("nb/cases/sak.md", "Fasit: kd", "Fasit: nei"),
                           ("nn/programmes/folkevalgtdag.md", "summary (5 min)", "dans (5 min)")):
        text = (root / path).read_text()
        assert old in text
        (root / path).write_text(text.replace(old, new, 1))
    return root


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def _located(root: Path, lang: str) -> list[str]:
    """The two problems as ``file:line: message`` in ``lang``."""
    case, programme = root / "nb/cases/sak.md", root / "nn/programmes/folkevalgtdag.md"
    poll, step = MESSAGES[lang]
    return [f"{case}:{_line_of(case, 'Fasit:')}: {poll}",
            f"{programme}:{_line_of(programme, 'dans')}: {step}"]


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_content_check_prints_every_problem_in_norwegian_with_file_and_line(
        broken: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", str(broken), "--lang", lang]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == _located(broken, lang)
    assert err.splitlines() == [COUNT[lang].format(root=broken)]


def test_content_check_speaks_bokmal_by_default(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", str(broken)]) == 1
    assert capsys.readouterr().out.splitlines() == _located(broken, "nb")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_run_on_broken_content_is_refused_in_norwegian(
        broken: Path, lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--content", str(broken), "run", "--lang", lang, "--programme", "folkevalgtdag",
              "--session", "brutt", "--data-dir", str(tmp_path / "data")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [HEADER[lang].format(root=broken), *(f"  {line}" for line in _located(broken, lang))]
    assert not (tmp_path / "data").exists()


def test_a_problem_is_bokmal_by_default_and_nynorsk_when_asked(broken: Path) -> None:
    problem = next(p for p in load_library(broken).problems if p.key == "problem.poll_answer_unknown")
    assert str(problem) == problem.text() == problem.text("nb") == _located(broken, "nb")[0]
    assert problem.text("nn") == _located(broken, "nn")[0]
    assert problem.message("nn") == MESSAGES["nn"][0]


def _used_keys() -> set[str]:
    """Every problem key the content code can report (``{what}`` is questions or dialogue)."""
    found: set[str] = set()
    for path in CONTENT_CODE.glob("*.py"):
        for key in re.findall(r"\"(problem\.[a-z0-9_{}]+)\"", path.read_text()):
            found |= {key.replace("{what}", what) for what in ("questions", "dialogue")}
    return found


def test_every_problem_key_exists_in_both_forms_and_none_is_left_unused() -> None:
    used = _used_keys()
    assert len(used) > 55
    for lang in ("nb", "nn"):
        written = {key for key in keys(lang) if key.startswith("problem.")}
        assert used == written, lang


@pytest.mark.parametrize("key", sorted(_used_keys()))
def test_every_problem_renders_in_both_forms(key: str) -> None:
    """Each message fills in with the values its code gives (a stand-in for each value here)."""
    names = {"allowed", "answer", "byte", "code", "count", "deck", "expected", "heading", "high", "id",
             "ids", "input", "kind", "kinds", "low", "most", "n", "name", "no", "option", "options", "other",
             "parts", "reason", "text", "theme", "value"}
    problem = Problem(Path("x.md"), 3, key, dict.fromkeys(names, "X"))
    nb, nn = problem.text("nb"), problem.text("nn")
    assert nb.startswith("x.md:3: ") and nn.startswith("x.md:3: ")
    assert "{" not in nb and "{" not in nn
