"""The facilitator's script: clock times, what to say, notes, answer keys; golden files.

Regenerate the golden scripts after an intended change with ``SAMSPILL_UPDATE_GOLDEN=1
.venv/bin/pytest tests/unit/test_content_guide.py`` and review the diff of ``tests/golden/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from samspill_tui.cli import main
from samspill_tui.content import Case, Library, Programme, StepSpec, load_library
from samspill_tui.content.guide import clock, guide_html, guide_markdown, parse_clock
from samspill_tui.content.model import LanguageContent
from samspill_tui.i18n import t
from tests.conftest import REPO_CONTENT

GOLDEN = Path(__file__).parent.parent / "golden"
UPDATE = os.environ.get("SAMSPILL_UPDATE_GOLDEN") == "1"
# (programme, language form, format) of each golden script
GOLDEN_SCRIPTS = [("folkevalgtdag", "nb", "md"), ("formannskap", "nb", "md"), ("samspill", "nn", "md"),
                  ("utviklingssamtale", "nb", "md"), ("formannskap", "nn", "html")]


@pytest.fixture(scope="module")
def repo() -> Library:
    lib = load_library(REPO_CONTENT)
    lib.require_valid()
    return lib


@pytest.mark.parametrize(("programme", "lang", "fmt"), GOLDEN_SCRIPTS)
def test_scripts_match_golden_files(repo: Library, programme: str, lang: str, fmt: str) -> None:
    content = repo.lang(lang)
    render = guide_html if fmt == "html" else guide_markdown
    text = render(content.programmes[programme], content, lang)
    golden = GOLDEN / f"guide-{programme}.{lang}.{fmt}"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"regenerate: see {__doc__}"


def test_the_script_times_every_step_from_the_start(repo: Library) -> None:
    content = repo.lang("nb")
    programme = content.programmes["folkevalgtdag"]
    text = guide_markdown(programme, content, "nb", parse_clock("08:30"))
    assert "Tid: 08:30–14:26, 356 min til sammen (5 t 56 min)." in text
    assert "## 1. 08:30–08:45 · Refleksjon: Velkommen (15 min)" in text
    assert "## 2. 08:45–08:50 · Ord: Samspillet hos oss (5 min)" in text
    assert "## 11. 11:05–11:50 · Refleksjon: Pause (45 min)" in text
    assert ("## 18. 13:31–13:36 · Spørsmål fra salen: Formannskapsmodell eller parlamentarisme? (5 min)"
            in text)
    assert "## 20. 13:46–13:56 · Rangering: Hvilke utviklingstiltak betyr mest? (10 min)" in text
    assert "Hver fordeler 10 poeng på alternativene" in text
    assert "## 23. 14:16–14:26 · Oppsummering (10 min)" in text
    assert text.count("\n## ") == len(programme.steps) + 1  # the overview, then one per step


def test_the_script_shows_what_to_say_notes_keys_and_debrief_points(repo: Library) -> None:
    content = repo.lang("nb")
    text = guide_markdown(content.programmes["formannskap"], content, "nb")
    for ident in ("hvem-bestemmer", "mote-og-organ", "saksforberedelse"):
        case = content.cases[ident]
        assert case.poll is not None
        assert case.poll.explanation in text and case.notes in text
        assert text.count(case.notes) == 1  # a case's notes once, though it has three steps
    for ident in ("arbeidsgiver-for-kd", "arbeidsavtale", "motivere-kd", "apning"):
        item = content.reflections[ident]
        assert item.notes in text and all(q in text for q in item.questions)
    assert "### Fasit: Middagen og utviklingssamtalen" in text
    assert "#### s13: " in text and "Påstander (2 min hver)" in text
    assert t("nb", "guide.roles_groups") in text  # the phones choose a group, no named role


def test_html_escapes_the_content_and_runs_no_markup() -> None:
    case = Case("c", "<b>Sak</b>", "<script>alert(1)</script> **fet**", (), ("Spørsmål?",), None, "",
                Path("c.md"))
    content = LanguageContent(cases={"c": case})
    programme = Programme("p", "Økt <i>", "", False, (StepSpec("case", "c", (), 5, 1),), Path("p.md"))
    page = guide_html(programme, content, "nb", parse_clock("23:58"))
    assert "<script>" not in page and "&lt;script&gt;" in page and "<strong>fet</strong>" in page
    assert "<title>Fasilitatormanus: Økt &lt;i&gt;</title>" in page and "23:58–00:03" in page


def test_clock_times() -> None:
    assert (parse_clock("9:05"), clock(9 * 60 + 5), clock(24 * 60 + 1)) == (545, "09:05", "00:01")
    for bad in ("24:00", "9", "09:60", "kl 9"):
        with pytest.raises(ValueError):
            parse_clock(bad)


def test_the_guide_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "guide", "samspill", "--lang", "nn", "--format", "html", "--start", "13:00"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and 'lang="nn"' in out and "13:00–14:30" in out
    assert main(["content", "guide", "formannskap"]) == 0
    assert capsys.readouterr().out.startswith("# Fasilitatormanus: Formannskapet som arbeidsgiver\n")
    assert main(["content", "guide", "finnes-ikke"]) == 2
    assert "ukjent program" in capsys.readouterr().err
    assert main(["content", "guide", "samspill", "--start", "25:00"]) == 2
