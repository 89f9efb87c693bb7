"""Words and ranking steps in the core: their content's problems with file and line, the ballots a
form gives, Kendall's W, and the disclosure policy on the room, the roles and the named pair."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samspill_tui.content import Library, load_library
from samspill_tui.session.ballots import BadBallot, ballot, normal_word
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.reading import Cloud, Held, Standing
from samspill_tui.session.results import kendall_w, ranks
from tests.conftest import FIXTURE_CONTENT, confirm_pair

ASKED = """---
id: {ident}
title: {title}
---

Innledning.

## Spørsmål

- {question}
{more}"""
RANKED = "\n## Alternativer\n\n- a: Første tiltak\n- b: Andre tiltak\n- c: Tredje tiltak\n"


def with_kinds(tmp_path: Path, lines: str = "1. words ord (5 min)\n2. ranking liste (5 min)\n",
               ranked: str = RANKED, twin: str = RANKED) -> Path:
    """The fixture content with a words set, a ranking list and ``lines`` in front of each programme."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    for lang, alternatives in (("nb", ranked), ("nn", twin.replace("Alternativer", "Alternativ"))):
        folder = root / lang / "reflection"
        folder.mkdir()
        (folder / "ord.md").write_text(ASKED.format(ident="ord", title="Ord", question="Ett ord?", more=""))
        (folder / "liste.md").write_text(ASKED.format(ident="liste", title="Liste", question="Hva først?",
                                                      more=alternatives))
        for programme in (root / lang / "programmes").glob("*.md"):
            text = programme.read_text()
            programme.write_text(text.replace("## Steg\n\n1. ", f"## Steg\n\n{lines}9. ", 1))
    return root


def _problems(root: Path) -> list[tuple[str, int, str]]:
    return [(str(p.path.relative_to(root)), p.line, p.message()) for p in load_library(root).problems]


def test_words_and_ranking_lines_load(tmp_path: Path) -> None:
    library = load_library(with_kinds(tmp_path))
    assert library.problems == []
    assert library.lang("nn").reflections["liste"].options[2].text == "Tredje tiltak"


@pytest.mark.parametrize(("lines", "text"), [
    ("1. ranking liste 1 (5 min)\n", "eventuelt hvor mange poeng som fordeles (2–100), ikke «1»"),
    ("1. ranking liste ti (5 min)\n", "ikke «ti»"),
    ("1. ranking ord (5 min)\n", "«ord» har ingen alternativer å rangere"),
    ("1. words sak (5 min)\n", "ingen refleksjonssett eller case har id-en «sak»"),
    ("1. words mangler (5 min)\n", "mangler"),
    ("1. words ord ekstra (5 min)\n", "tar én id"),
])
def test_a_bad_line_is_reported_at_its_line_of_the_programme(tmp_path: Path, lines: str, text: str) -> None:
    root = with_kinds(tmp_path, lines)
    problems = _problems(root)
    where = [(f, n) for f, n, m in problems if text in m]
    assert ("nb/programmes/folkevalgtdag.md", 11) in where, problems


def test_a_words_step_needs_a_set_of_exactly_one_question(tmp_path: Path) -> None:
    root = with_kinds(tmp_path)
    path = root / "nb/reflection/ord.md"
    path.write_text(path.read_text().replace("- Ett ord?", "- Ett ord?\n- Og ett til?"))
    assert ("nb/programmes/roller.md", 11, "et «words»-steg trenger et refleksjonssett med nøyaktig ett "
            "spørsmål, og «ord» har ikke det") in _problems(root)


@pytest.mark.parametrize(("ranked", "line", "text"), [
    ("\n## Alternativer\n\n- a: En\n- bare tekst\n", 15, "skrives «id: tekst»"),
    ("\n## Alternativer\n\n- a: En\n- a: To\n", 15, "«a» står to ganger"),
    ("\n## Alternativer\n\n- a: En\n", 12, "minst to"),
    ("\n## Alternativer\n\n" + "".join(f"- x{n}: Tiltak {n}\n" for n in range(13)), 12, "høyst 12"),
])
def test_a_bad_list_of_alternatives_is_reported_at_its_line(tmp_path: Path, ranked: str, line: int,
                                                            text: str) -> None:
    problems = _problems(with_kinds(tmp_path, ranked=ranked))
    assert any(f == "nb/reflection/liste.md" and n == line and text in m for f, n, m in problems), problems


def test_alternatives_must_have_the_same_ids_in_both_forms(tmp_path: Path) -> None:
    problems = _problems(with_kinds(tmp_path, twin=RANKED.replace("- c:", "- d:")))
    assert ("nn/reflection/liste.md", 2, "alternativene i «liste» har andre id-er enn på bokmål") in problems


def test_words_are_normalised_per_language_form() -> None:
    assert normal_word("  «Åpen\u00a0 Dialog»! ", "nb") == "åpen dialog"
    assert normal_word("A\u030a", "nb") == "å"  # NFC: the same letter however it was typed
    assert normal_word("ikkje", "nn") == "" and normal_word("ikkje", "nb") == "ikkje"
    assert normal_word("ikke", "nb") == "" and normal_word("\u202eTillit\u0007", "nb") == "tillit"


def test_ranks_share_ties_and_w_is_zero_for_opposite_and_one_for_equal_orders() -> None:
    assert ranks({"a": 5, "b": 3, "c": 3, "d": 0}) == {"a": 1, "b": 2.5, "c": 2.5, "d": 4}
    same = {"a": 1.0, "b": 2.0, "c": 3.0}
    assert kendall_w([same, same, same], "abc") == pytest.approx(1.0)
    assert kendall_w([same, {"a": 3, "b": 2, "c": 1}], "abc") == pytest.approx(0.0)
    assert kendall_w([same], "abc") is None  # one respondent agrees with nobody
    assert kendall_w([{"a": 1.5, "b": 1.5}] * 2, "ab") is None  # all tied: nothing to tell apart


@pytest.fixture
def kinds(tmp_path: Path) -> Library:
    library = load_library(with_kinds(tmp_path))
    library.require_valid()
    return library


async def test_a_ballot_form_is_checked_before_anything_is_stored(tmp_path: Path, kinds: Library) -> None:
    session = await Session.open(tmp_path, "s", "folkevalgtdag", kinds, "nb")
    try:
        ranking = next(s for s in session.steps if s.kind == "ranking")
        with pytest.raises(BadBallot):
            ballot(ranking, {"r.a": "1", "r.b": "1", "r.c": "2"}, "nb")
        assert ballot(ranking, {"r.a": "3", "r.b": "1", "r.c": "2"}, "nb") == "b,c,a"
        p = await session.join()
        await session.go_to(session.steps.index(ranking))
        with pytest.raises(Rejected, match="bad-ranking"):
            await session.give(p.id, ranking.key, {"r.a": "1"})
        assert ranking.key not in session.votes
    finally:
        await session.close()


async def test_a_role_group_under_k_is_never_broken_down_in_a_ranking(tmp_path: Path,
                                                                      kinds: Library) -> None:
    session = await Session.open(tmp_path, "r", "roller", kinds, "nb")
    try:
        ranking = next(s for s in session.steps if s.kind == "ranking")
        await session.go_to(session.steps.index(ranking))
        for role, n, places in (("folkevalgt", 5, ("1", "2", "3")), ("administrasjon", 4, ("3", "2", "1"))):
            for _ in range(n):
                p = await session.join()
                await session.choose_role(p.id, role)
                await session.give(p.id, ranking.key, dict(zip(("r.a", "r.b", "r.c"), places, strict=True)))
        split = session.reading.ranking_by_role(ranking)
        # folkevalgt (5) alone would let the 4 of administrasjon be worked out from the room: withheld too
        assert split.groups == () and split.withheld == ("administrasjon", "folkevalgt")
        p = await session.join()
        await session.choose_role(p.id, "administrasjon")
        await session.give(p.id, ranking.key, {"r.a": "3", "r.b": "2", "r.c": "1"})
        split = session.reading.ranking_by_role(ranking)
        assert [role for role, _ in split.groups] == ["administrasjon", "folkevalgt"]
        assert [p.choice.value for p in split.groups[0][1].places] == ["c", "b", "a"]
        summary = session.summary()
        result = next(r for r in summary.results if r.step.key == ranking.key)
        assert result.ranks == split
    finally:
        await session.close()


async def test_the_named_pair_is_never_counted_in_the_rooms_words_or_order(tmp_path: Path,
                                                                           kinds: Library) -> None:
    session = await Session.open(tmp_path, "p", "samspill", kinds, "nb")
    try:
        o, k = await session.join(), await session.join()
        await session.choose_role(o.id, "ordforer")
        await session.choose_role(k.id, "kommunedirektor")
        await confirm_pair(session)
        words, ranking = (next(s for s in session.steps if s.kind == kind) for kind in ("words", "ranking"))
        await session.go_to(session.steps.index(words))
        for pid in (o.id, k.id):
            await session.give(pid, words.key, {"w1": "hemmelig"})
        others = []
        for _ in range(4):
            p = await session.join()
            await session.choose_role(p.id, "folkevalgt")
            others.append(p.id)
            await session.give(p.id, words.key, {"w1": "tillit"})
        held = session.reading.cloud(words)
        assert isinstance(held, Held) and held.named and held.respondents == 4  # six gave words: four count
        p = await session.join()
        await session.choose_role(p.id, "folkevalgt")
        await session.give(p.id, words.key, {"w1": "tillit"})
        assert session.reading.cloud(words) == Cloud((("tillit", 5),), 5)  # «hemmelig» never counted
        await session.go_to(session.steps.index(ranking))
        for pid in [o.id, k.id, *others, p.id]:
            await session.give(pid, ranking.key, {"r.a": "1", "r.b": "2", "r.c": "3"} if pid in (o.id, k.id)
                               else {"r.a": "3", "r.b": "2", "r.c": "1"})
        standing = session.reading.standing(ranking)
        assert isinstance(standing, Standing) and standing.total == 5
        assert standing.places[0].choice.value == "c" and standing.agreement == pytest.approx(1.0)
    finally:
        await session.close()


async def test_ballots_the_step_can_no_longer_read_do_not_count_towards_k(tmp_path: Path,
                                                                          kinds: Library) -> None:
    """Four ballots stored before the alternatives changed (or damaged) and one that reads: the
    room's order would be one person's, so it is withheld; the same for words and for a poll."""
    session = await Session.open(tmp_path, "gamle", "folkevalgtdag", kinds, "nb")
    try:
        ranking = next(s for s in session.steps if s.kind == "ranking")
        await session.go_to(session.steps.index(ranking))
        phones = [await session.join() for _ in range(5)]
        for p in phones:
            await session.give(p.id, ranking.key, {"r.a": "1", "r.b": "2", "r.c": "3"})
        assert isinstance(session.reading.standing(ranking), Standing)
        for p in phones[:4]:  # as read back after the content lost alternative «a»
            session.record.votes[ranking.key][p.id] = "x,b,c"
        held = session.reading.standing(ranking)
        assert isinstance(held, Held) and held.respondents == 1
        words = next(s for s in session.steps if s.kind == "words")
        session.record.votes[words.key] = {p.id: "" for p in phones[:4]} | {phones[4].id: "tillit"}
        assert isinstance(session.reading.cloud(words), Held)
    finally:
        await session.close()
