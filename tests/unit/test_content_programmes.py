"""The shipped programmes run as real sessions: timed, complete, and in our own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from samspill_tui.cli import main
from samspill_tui.content import Library, load_library
from samspill_tui.content.model import StepSpec
from samspill_tui.session.steps import StepKind, build_steps
from tests.conftest import REPO_CONTENT

# Each programme's length in minutes, from the issue that set them: a full day, a formannskap
# session, a 90-minute dialogue, and a development conversation of at most three hours.
RANGES = {
    "folkevalgtdag": (300, 360),
    "formannskap": (120, 180),
    "samspill": (90, 90),
    "utviklingssamtale": (90, 180),
}
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"  # ../shared/seeds from the repo root
RUN = 8  # no run of this many words may be shared with a seed
WORD = re.compile(r"[0-9a-zæøåéèêóòôüäö]+")
QUOTE = re.compile(r"«[^»]*»")
HYPHEN = re.compile(r"-\n(?=[a-zæøå])")  # a word the seed's layout broke over two lines


@pytest.fixture(scope="module")
def repo() -> Library:
    lib = load_library(REPO_CONTENT)
    lib.require_valid()
    return lib


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_each_programme_lasts_as_long_as_its_session(repo: Library, lang: str) -> None:
    programmes = repo.lang(lang).programmes
    assert set(programmes) == set(RANGES)
    for ident, (low, high) in RANGES.items():
        assert all(step.minutes for step in programmes[ident].steps), ident
        assert low <= programmes[ident].total_minutes <= high, ident


def test_both_forms_run_the_same_steps(repo: Library) -> None:
    def plan(lang: str) -> dict[str, list[tuple[object, ...]]]:
        return {p.id: [(s.kind, s.ref, s.extra, s.minutes) for s in p.steps]
                for p in repo.lang(lang).programmes.values()}

    assert plan("nb") == plan("nn")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_every_case_poll_reflection_set_and_deck_is_in_a_programme(repo: Library, lang: str) -> None:
    content = repo.lang(lang)
    used = {(s.kind, s.ref) for p in content.programmes.values() for s in p.steps}
    refs = {ref for _, ref in used}
    assert set(content.cases) - refs == set()
    assert {i for i, c in content.cases.items() if c.poll} - {r for k, r in used if k == "poll"} == set()
    assert set(content.reflections) - refs == set()
    assert set(content.decks) - refs == set()


def test_a_statements_line_shares_its_minutes_among_its_statements(repo: Library) -> None:
    programme = repo.lang("nb").programmes["folkevalgtdag"]
    line = next(s for s in programme.steps if s.kind == "statements")
    steps = [s for s in build_steps(programme, repo.lang("nb"), "nb") if s.kind == StepKind.STATEMENT]
    assert len(steps) == len(line.extra) and line.minutes is not None
    assert sum(s.minutes or 0 for s in steps) == line.minutes
    spec = StepSpec("statements", "d", (), 10, 1)
    assert (spec.minutes_each(1), spec.minutes_each(3), spec.minutes_each(25)) == (10, 3, 1)
    assert StepSpec("summary", None, (), None, 1).minutes_each(4) is None


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_content_check_prints_each_programmes_total(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    assert main(["--lang", lang, "content", "check", str(REPO_CONTENT)]) == 0
    out = capsys.readouterr().out
    assert "folkevalgtdag: 356 min" in out and "(5 t 56 min)" in out
    assert "samspill: 90 min" in out and ("til saman" if lang == "nn" else "til sammen") in out


def _runs(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def _outside_quoted_law(text: str) -> str:
    """The text without «quotes» in paragraphs that cite a section of a law (§)."""
    return "\n\n".join(QUOTE.sub(" ", p) if "§" in p else p for p in text.split("\n\n"))


def test_no_run_of_eight_words_is_shared_with_the_seeds() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not at {SEEDS} (../shared/seeds from the repo root)")
    texts = (HYPHEN.sub("", p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt"))
    seeds = set().union(*(_runs(text) for text in texts))
    assert seeds, "no seed text found"
    shared = {
        f"{path.relative_to(REPO_CONTENT)}: {' '.join(run)}"
        for path in sorted(REPO_CONTENT.rglob("*.md"))
        for run in _runs(_outside_quoted_law(path.read_text(encoding="utf-8"))) & seeds
    }
    assert sorted(shared) == []


def test_the_seed_check_finds_a_copied_sentence() -> None:
    copied = "Han har ingen enkeltperson å forholde seg til som arbeidsgiver, men et organ."
    law = "Loven (§ 13-1) sier «det løpende personalansvaret for den enkelte, inkludert ansettelse»."
    assert _runs(copied) & _runs("direktøren har ingen enkeltperson å forholde seg til som arbeidsgiver")
    assert _runs(_outside_quoted_law(law)) == set()
    assert _runs(_outside_quoted_law(law.replace("§ 13-1", "KS"))) != set()



# Nynorsk forms not used (docs/content-format.md lists the choice for each word pair).
NOT_NYNORSK_CHOICE = re.compile(
    r"\b(u?samde?|u?semje|einskild\w*|òg|hjå|sørgj\w*|lønna|trumål|svarer|bruker|forsvarer|ansatt\w*"
    r"|behandl\w*|myndigheit|derfor|fortsatt)\b"
    r"|\b(burde|kunne|skulle|ville|måtte) (vore|gjort|svart|sagt|lagt|hatt|fått|svekt)\b",  # no «ha»
    re.IGNORECASE,
)


def test_nynorsk_uses_one_form_per_word_pair() -> None:
    found = [f"{path.name}: {m.group(0)}" for path in sorted((REPO_CONTENT / "nn").rglob("*.md"))
             for m in NOT_NYNORSK_CHOICE.finditer(path.read_text(encoding="utf-8"))]
    assert found == []
    assert NOT_NYNORSK_CHOICE.search("Vi er samde, og det burde vore sagt")
