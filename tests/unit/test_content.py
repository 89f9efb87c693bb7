"""Content loading and validation: every problem is reported with its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samspill_tui.content import load_library
from samspill_tui.content.model import Roles
from samspill_tui.content.parse import PARSERS, parse_text
from tests.conftest import FIXTURE_CONTENT, REPO_CONTENT


def test_fixture_content_loads(library: object) -> None:
    lib = load_library(FIXTURE_CONTENT)
    assert lib.problems == []
    case = lib.lang("nb").cases["sak"]
    assert case.poll is not None and case.poll.answer == "kd"
    assert case.questions == ("Hva er problemet?", "Hvem har ansvaret?")
    assert case.viewpoints == (("Ordføreren", "Vil ha mer rapportering."),)
    deck = lib.lang("nb").decks["dekk"]
    assert [s.id for s in deck.statements] == ["s01", "s02"]
    assert deck.statements[0].questions == ("Hva betyr det?", "Når er det uklart?")
    steps = lib.lang("nb").programmes["folkevalgtdag"].steps
    assert [(s.kind, s.ref, s.minutes) for s in steps][:2] == [("case", "sak", 10), ("reflection", "sak", 15)]


def test_shipped_content_is_valid_in_both_forms() -> None:
    lib = load_library(REPO_CONTENT)
    assert [str(p) for p in lib.problems] == []
    nb, nn = lib.lang("nb"), lib.lang("nn")
    for attr in ("cases", "reflections", "decks", "programmes"):
        assert set(getattr(nb, attr)) == set(getattr(nn, attr))
    assert set(nb.programmes) >= {"folkevalgtdag", "formannskap", "samspill", "utviklingssamtale"}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _problems(root: Path) -> list[tuple[str, int, str]]:
    return [(str(p.path.relative_to(root)), p.line, p.message()) for p in load_library(root).problems]


def _reported(root: Path, file: str, line: int, text: str) -> bool:
    """Whether loading ``root`` reports a problem in ``file`` at ``line`` whose message has ``text``."""
    return any(f == file and n == line and text in m for f, n, m in _problems(root))


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_unknown_id_in_programme(content: Path) -> None:
    prog = content / "nb/programmes/folkevalgtdag.md"
    _edit(prog, "case sak (10 min)", "case finnes-ikke (10 min)")
    assert (
        "nb/programmes/folkevalgtdag.md",
        _line_of(prog, "finnes-ikke"),
        "ingen case har id-en «finnes-ikke»",
    ) in _problems(content)


def test_duplicate_id(content: Path) -> None:
    dup = content / "nb/reflection/sak.md"
    dup.parent.mkdir(exist_ok=True)
    dup.write_text("---\ntitle: X\nid: sak\n---\n\n## Spørsmål\n\n- Hvorfor?\n")

    assert _reported(content, "nb/reflection/sak.md", 3, "id-en «sak» er brukt to ganger")


def test_id_in_one_language_form_only_is_a_warning_and_blocks_only_that_form(content: Path) -> None:
    (content / "nn/cases/sak.md").unlink()
    lib = load_library(content)
    assert (content / "nb/cases/sak.md", 2, "sak", "nn") in [
        (w.path, w.line, w.ident, w.missing) for w in lib.twins]
    assert "folkevalgtdag" in lib.runnable("nb") and "folkevalgtdag" not in lib.runnable("nn")
    assert lib.blocked["nn"]["folkevalgtdag"] == "sak"
    assert not any("sak" in p.message() for p in lib.problems)


def test_empty_question(content: Path) -> None:
    case = content / "nb/cases/sak.md"
    _edit(case, "- Hvem har ansvaret?", "-")
    line = _line_of(case, "- Hva er problemet?") + 1
    assert ("nb/cases/sak.md", line, "tomt spørsmål") in _problems(content)


def test_statement_without_dialogue_questions(content: Path) -> None:
    deck = content / "nb/statements/dekk.md"
    _edit(deck, "- Hvor ofte?\n- Om hva?\n", "")
    line = _line_of(deck, "### s02")
    assert _reported(content, "nb/statements/dekk.md", line, "har ingen dialogspørsmål")


def test_unknown_step_kind(content: Path) -> None:
    prog = content / "nn/programmes/folkevalgtdag.md"
    _edit(prog, "summary (5 min)", "dans (5 min)")
    line = _line_of(prog, "dans")
    assert _reported(content, "nn/programmes/folkevalgtdag.md", line, "ukjent stegtype «dans»")


def test_roles_front_matter_takes_ja_nei_or_grupper(content: Path) -> None:
    prog = content / "nb/programmes/samspill.md"
    assert load_library(content).lang("nb").programmes["samspill"].roles == Roles.ALL
    _edit(prog, "roles: ja", "roles: grupper")  # groups only: a gap needs the named pair
    assert _reported(content, "nb/programmes/samspill.md", _line_of(prog, "gap dekk"),
                     "sammenligner ordfører og kommunedirektør; sett «roles: ja»")
    _edit(prog, "roles: grupper", "roles: kanskje")
    assert _reported(content, "nb/programmes/samspill.md", _line_of(prog, "roles:"),
                     "«roles:» må være ja, nei eller grupper, ikke «kanskje»")
    groups = content / "nb/programmes/folkevalgtdag.md"
    _edit(groups, "roles: nei", "roles: grupper")
    assert load_library(content).lang("nb").programmes["folkevalgtdag"].roles == Roles.GROUPS


@pytest.mark.parametrize("minutes", ["0 min", "abc min", "999 min", "10"])
def test_bad_minutes(content: Path, minutes: str) -> None:
    prog = content / "nb/programmes/folkevalgtdag.md"
    _edit(prog, "case sak (10 min)", f"case sak ({minutes})")
    line = _line_of(prog, "case sak")
    assert _reported(content, "nb/programmes/folkevalgtdag.md", line, "ugyldig antall minutter")


def test_poll_answer_key_naming_no_option(content: Path) -> None:
    case = content / "nb/cases/sak.md"
    _edit(case, "Fasit: kd", "Fasit: ordforer")
    line = _line_of(case, "Fasit:")
    message = "fasiten «ordforer» er ikke et av alternativene (alternativer: kd, ks)"
    assert ("nb/cases/sak.md", line, message) in _problems(content)


def test_content_check_command_reports_file_and_line(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from samspill_tui.cli import main

    assert main(["content", "check", str(content)]) == 0
    assert "bokmål: 1 caser, 0 refleksjonssett, 1 påstandssett, 3 program" in capsys.readouterr().out
    assert main(["content", "check", str(content), "--lang", "nn"]) == 0
    assert "nynorsk: 1 casar, 0 refleksjonssett, 1 påstandssett, 3 program" in capsys.readouterr().out
    _edit(content / "nb/cases/sak.md", "Fasit: kd", "Fasit: nei")
    assert main(["content", "check", str(content)]) == 1
    out = capsys.readouterr().out
    assert f"{content}/nb/cases/sak.md:" in out and "fasiten «nei» er ikke et av alternativene" in out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(st.characters(codec="utf-8"), max_size=400),
    folder=st.sampled_from(sorted(PARSERS)),
    prefix=st.sampled_from(["", "---\nid: x\ntitle: T\n---\n", "---\nid: x\n---\n## Steg\n\n1. "]),
)
def test_parser_never_crashes(text: str, folder: str, prefix: str) -> None:
    parsed, problems = parse_text(prefix + text, Path("x.md"), folder)
    assert (parsed is None) == bool(problems)
    assert all(p.line >= 0 for p in problems)
    assert all(p.text("nb") and p.text("nn") for p in problems)  # every message renders in both forms


@pytest.mark.parametrize("sequence", ["\x1b]52;c;ZWNobyBoYWNrZWQ=\x07", "\x1b[2J", "\x9b31m", "\u202eabc"],
                         ids=["osc52-clipboard", "clear-screen", "c1-csi", "bidi-override"])
def test_content_with_terminal_control_sequences_is_refused_with_file_and_line(
        tmp_path: Path, sequence: str) -> None:
    """Content reaches the projector's terminal: an escape in it could write the clipboard."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    case = root / "nb" / "cases" / "sak.md"
    lines = case.read_text().split("\n")
    lines[7] += f" {sequence}"  # line 8, in the situation
    case.write_text("\n".join(lines))
    library = load_library(root)
    found = [p for p in library.problems if p.key == "problem.control_char"]
    assert [(p.path.name, p.line) for p in found][:1] == [("sak.md", 8)]
    assert "styretegn" in found[0].text("nb")
    lines[7] = lines[7].replace(f" {sequence}", " 👨\u200d👩\u200d👧 og \t tabulator")  # kept as written
    case.write_text("\n".join(lines))
    assert not [p for p in load_library(root).problems if p.key == "problem.control_char"]


@pytest.mark.parametrize(("bracket", "message"), [
    ("10 min, lås og vis, lås", "«lås» står to ganger eller passer ikke på et «questions»-steg"),
    ("10 min, dans", "ugyldig «(10 min, dans)»"),
    ("10 min, lås, direkte, direkte", "«direkte» står to ganger"),
])
def test_bad_questions_options(content: Path, bracket: str, message: str) -> None:
    prog = content / "nb/programmes/folkevalgtdag.md"
    _edit(prog, "summary (5 min)", f"questions sak ({bracket})\n6. summary (5 min)")
    line = _line_of(prog, "questions sak")
    assert _reported(content, "nb/programmes/folkevalgtdag.md", line, message)


def test_option_on_a_step_without_votes(content: Path) -> None:
    prog = content / "nb/programmes/folkevalgtdag.md"
    _edit(prog, "case sak (10 min)", "case sak (10 min, direkte)")
    line = _line_of(prog, "case sak")
    assert _reported(content, "nb/programmes/folkevalgtdag.md", line, "passer ikke på et «case»-steg")


def test_questions_about_nothing_known(content: Path) -> None:
    prog = content / "nn/programmes/folkevalgtdag.md"
    _edit(prog, "summary (5 min)", "questions ukjend (5 min)\n6. summary (5 min)")
    line = _line_of(prog, "questions ukjend")
    assert _reported(content, "nn/programmes/folkevalgtdag.md", line, "id-en «ukjend»")


def test_options_read_into_the_steps(tmp_path: Path) -> None:
    from samspill_tui.session.steps import Questions, build_steps
    from tests.web.helpers import questions_library

    lib = questions_library(tmp_path, "10 min, Lås og vis, direkte")
    steps = build_steps(lib.lang("nb").programmes["folkevalgtdag"], lib.lang("nb"), "nb")
    asked = next(s for s in steps if isinstance(s.body, Questions))
    assert (asked.minutes, asked.closes, asked.body.approval) == (10, "reveal", False)
    assert asked.key == "questions:sak" and asked.title == "Spørsmål: " + lib.lang("nb").cases["sak"].title
