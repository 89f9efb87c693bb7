"""Fixture sessions for the export tests, one per shipped programme, built through the real
Session API on real TinyDB files. Time is fixed so the files are the same on every run."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from samspill_tui.content.library import Library
from samspill_tui.session import live
from samspill_tui.session.live import Session
from samspill_tui.session.meeting import Meeting
from samspill_tui.session.record import Agreement
from samspill_tui.session.series import follow_up
from samspill_tui.session.steps import DeckRating, RankingList, Step, StepKind, WordsPrompt, options
from tests.conftest import confirm_pair

EXPORTED = "2026-03-02T15:00:00+00:00"
PROGRAMMES = ("folkevalgtdag", "formannskap", "samspill", "utviklingssamtale")

# Text a participant might type to break an export: markup, formulas, links, headings.
NASTY = (
    "=HYPERLINK(\"http://evil.example\";\"klikk\")",
    "<script>alert('x')</script> <b>fet</b> &amp;",
    "[klikk her](javascript:alert(1)) ![bilde](http://evil.example/x.png)",
    "# Ikke en overskrift\n- ikke en liste\n1. heller ikke\n\n> ikke et sitat",
    "+47 og -5 grader, @alle | kolonne | `kode` *stjerne* _under_",
    "Se https://evil.example og www.evil.example",
)
PLAIN = (
    "Vi trenger tydeligere rutiner for når saker skal fram.",
    "Bra dialog, men informasjonen kommer ofte sent til oss.",
    "Kommunedirektøren bør prioritere økonomistyringen det neste året.",
    "Faste møter mellom ordfører og kommunedirektør fungerer godt.",
)


@contextlib.contextmanager
def fixed_clock(start: str = "2026-03-02T09:00:00+00:00") -> Iterator[None]:
    """Every timestamp the session writes is one second after the last, from ``start``."""
    base = datetime.fromisoformat(start)
    ticks = itertools.count()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(live, "_now", lambda: (base + timedelta(seconds=next(ticks))).astimezone(UTC)
                   .isoformat(timespec="seconds"))
        yield


async def _go(session: Session, key: str) -> None:
    await session.go_to(next(i for i, s in enumerate(session.steps) if s.key == key))


async def _answer_all(session: Session, pids: list[str], texts: tuple[str, ...], tag: str = "") -> None:
    """Move through the reflection steps; participants answer in turn."""
    n = 0
    for step in session.steps:
        if step.kind != StepKind.REFLECTION:
            continue
        await _go(session, step.key)
        for q in range(len(step.questions)):
            for pid in pids[: 2 + q % 2]:
                await session.answer(pid, step.key, q, f"{texts[n % len(texts)]}{tag}", f"s{n}")
                n += 1


# Words participants give (some twice, some nasty), and each one's order of a ranking's alternatives.
WORDS = ("Tillit", "dialog", "TILLIT ", "=SUM(A1)", "<b>fet</b> & co", "åpen dialog", "tillit", "respekt")


def _ballot(step: Step, i: int, j: int) -> dict[str, str]:
    """Participant ``i``'s form on voting step ``j``: an option, one to three words, places or points."""
    match step.body:
        case WordsPrompt():
            return {f"w{n + 1}": WORDS[(i + 3 * n) % len(WORDS)] for n in range(1 + i % 3)}
        case RankingList(items=items, points=None):
            ids = [o.id for o in items]
            order = ids[i % 3:] + ids[:i % 3] if i % 4 else list(reversed(ids))
            return {f"r.{o}": str(order.index(o) + 1) for o in ids}
        case RankingList(items=items, points=int(points)):
            return {f"p.{items[i % 2].id}": str(points - 3), f"p.{items[2 + i % 3].id}": "3"}
    values = [c.value for c in options(step, "nb")]
    return {"value": values[(i * 3 + j) % len(values)]}


async def _vote_all(session: Session, pids: list[str]) -> None:
    for j, step in enumerate(session.steps):
        if not step.accepts_votes:
            continue
        await _go(session, step.key)
        for i, pid in enumerate(pids):
            await session.give(pid, step.key, _ballot(step, i, j))


async def _ask_all(session: Session, pids: list[str]) -> None:
    """On each questions step every phone asks once (some nastily); the facilitator approves all but
    the last, hides one and marks one answered; upvotes vary, one given and withdrawn."""
    for step in session.steps:
        if not step.accepts_questions:
            continue
        await _go(session, step.key)
        texts = [(*PLAIN[:2], NASTY[0], NASTY[3])[n % 4] for n in range(len(pids) - 2)]
        texts += ["Skjult: gjelder en navngitt person", "Venter fortsatt"]  # hidden, never approved
        keys = []
        for n, (pid, text) in enumerate(zip(pids, texts, strict=True)):
            await session.ask(pid, step.key, text, f"q{n}")
            keys.append(f"{pid}:q{n}")
        for key in keys[:-1]:
            await session.moderate(step.key, key, approved=True)
        await session.moderate(step.key, keys[len(keys) - 2], hidden=True)
        await session.moderate(step.key, keys[1], answered=True)
        public = {q.key: q.public for q in session.reading.questions(step)}
        for i, pid in enumerate(pids):
            for key in keys[: 1 + i % 3]:
                if key in public:
                    await session.upvote(pid, step.key, public[key], True)
        await session.upvote(pids[0], step.key, public[keys[0]], False)


async def _join(session: Session, n: int) -> list[str]:
    return [(await session.join()).id for _ in range(n)]


async def _workshop(session: Session, roles: tuple[str, ...]) -> None:
    """A folkevalgtdag or formannskap: each phone picks its group (``roles``, one per phone), then votes,
    answers (some nasty), moderation, a note, an agreement."""
    pids = await _join(session, len(roles))
    for pid, role in zip(pids, roles, strict=True):
        await session.choose_role(pid, role)
    await _vote_all(session, pids)
    await _answer_all(session, pids, NASTY + PLAIN)
    await _ask_all(session, pids)
    first = next(s for s in session.steps if s.kind == StepKind.REFLECTION)
    answers = list(session.answers[first.key].values())
    await session.moderate(first.key, answers[0].key, hidden=True)
    await session.moderate(first.key, answers[1].key, highlighted=True)
    case = next((s for s in session.steps if s.kind == StepKind.CASE), first)
    await session.set_note(case.key, "Gruppa var enig om at ansvaret ligger hos kommunedirektøren.\n"
                                     "# Ikke overskrift, <i>ikke HTML</i>")
    await session.save_agreement(Agreement("a1", first.key, "Be om en sak om [rutiner](http://x) =1+1",
                                           "ordforer", "2026-06-30", "Bestilt"))


async def _samspill(session: Session) -> None:
    """Ordfører and kommunedirektør rate every statement at their own pace and finish; a third phone
    rates a few."""
    ordforer, kd, other = await _join(session, 3)
    await session.choose_role(ordforer, "ordforer")
    await session.choose_role(kd, "kommunedirektor")
    await confirm_pair(session)
    await session.choose_role(other, "annet")
    rating = next(s for s in session.steps if s.kind == StepKind.RATING)
    assert isinstance(rating.body, DeckRating)
    statements = rating.body.items
    await _go(session, rating.key)
    for n in range(len(statements)):
        await session.rate(ordforer, rating.key, n, str(1 + n % 5))
        await session.rate(kd, rating.key, n, str(1 + (n * 2) % 5) if n % 7 else "0")
        if n < 3:
            await session.rate(other, rating.key, n, "3")
    await session.finish(ordforer, rating.key, True)
    await session.finish(kd, rating.key, True)
    gap = next(s for s in session.steps if s.kind == StepKind.GAP)
    await _go(session, gap.key)
    await session.save_agreement(Agreement(f"gap|{statements[1].key}", statements[1].key,
                                           "Vi tar en prat hver mandag", "ordforer", "2026-04-01"))
    await session.set_note(gap.key, "Største avstand gjaldt informasjonsflyten.")


PAY = "LØNN-HEMMELIG"  # planted in everything of the pay item; must never reach an export


async def _development(session: Session, data_dir: Path, library: Library) -> None:
    """Last year's conversation, then this year's: input, notes, agreements, carry-over, a note."""
    previous = await Session.open(data_dir, "us-2025", "utviklingssamtale", library, session.lang)
    try:
        agenda = [s for s in previous.steps if s.key.startswith("reflection:us-")
                  and s.key != "reflection:us-innspill"]
        await previous.save_agreement(Agreement("p1", agenda[2].key, "Lage en plan for økonomistyringen",
                                                "kommunedirektor", "2025-12-31"))
        await previous.save_agreement(Agreement("p2", agenda[4].key, "Månedlige møter med gruppelederne",
                                                "ordforer", ""))
        await previous.save_agreement(Agreement("p3", agenda[5].key, f"Justere lønnen {PAY}",
                                                "arbeidsgiver", "2025-10-01"))
    finally:
        await previous.close()
    assert await follow_up(session, data_dir, "us-2025", library) == 2
    carried = [a for a in session.record.agreements.values() if a.step_key == "reflection:us-1-status"]
    await session.save_agreement(Agreement(carried[0].key, carried[0].step_key, carried[0].text,
                                           carried[0].owner, carried[0].due, "Gjennomført i januar"))
    pids = await _join(session, 4)
    innspill = session.step_by_key("reflection:us-innspill")
    await _go(session, innspill.key)
    for q in range(6):
        for i, pid in enumerate(pids[:3]):
            text = f"{PAY} innspill" if q == 5 else (NASTY + PLAIN)[(q * 3 + i) % 10]
            await session.answer(pid, innspill.key, q, text, f"i{q}-{i}")
    hidden = next(iter(session.answers[innspill.key].values()))
    await session.moderate(innspill.key, hidden.key, hidden=True)
    owners = ("kommunedirektor", "arbeidsgiver", "ordforer")
    for n, step in enumerate(s for s in session.steps if s.key.startswith("reflection:us-")
                             and s.key != innspill.key):
        await _go(session, step.key)
        secret = PAY if step.key == "reflection:us-6-lonn" else ""
        await session.answer(pids[0], step.key, 0, f"Svar i møtet {n} {secret}".strip(), f"m{n}")
        await session.set_note(step.key, f"Notat fra punkt {n + 1}. {secret}\nAndre linje: *ikke kursiv*")
        await session.save_agreement(Agreement(f"u{n}", step.key, f"Tiltak {n + 1} {secret}".strip(),
                                               owners[n % 3], f"2026-0{n + 4}-15"))
    await session.attach("notat.md", "# Notat fra kommunedirektøren\n\nStatus: **god** framdrift.\n\n"
                                     "<script>alert(1)</script>\n\n- punkt én\n- punkt to")


# The meeting details: counts by role for a workshop, names for the development conversation;
# markup and a formula start to show they are escaped in every format.
MEETINGS = {
    "folkevalgtdag": Meeting(organ="Kommunestyret", kommune="Eksempel kommune",
                             place="Rådhuset, <b>sal</b> [1](http://x)", date="2026-03-02", start="09:00",
                             end="15:30", counts=(("folkevalgt", 23), ("administrasjon", 4)),
                             chair="Kari Nordmann", secretary="=Ola Referent"),
    "utviklingssamtale": Meeting(organ="Formannskapet", kommune="Eksempel kommune", place="Formannskapssalen",
                                 date="2026-03-02", start="13:00", end="15:00",
                                 present=("Kari Nordmann (ordfører)", "Per Hansen",
                                          "Lise Berg (kommunedirektør)"),
                                 chair="Kari Nordmann", secretary="Per Hansen"),
}


# Groups only: five folkevalgte beside five of the administrasjon (both shown at k = 5), and a small
# formannskap where the one from the administrasjon keeps the folkevalgte withheld too (k = 3).
WORKSHOP_ROLES = {"folkevalgtdag": ("folkevalgt", "administrasjon") * 5,
                  "formannskap": ("folkevalgt", "folkevalgt", "folkevalgt", "administrasjon")}


async def build(programme: str, data_dir: Path, library: Library, lang: str = "nb") -> Session:
    """Create the fixture session of ``programme`` in ``data_dir`` and return it, still open."""
    name = "us-2026" if programme == "utviklingssamtale" else f"{programme}-fixture"
    k = 3 if programme == "formannskap" else 5  # a small formannskap at the lowest threshold
    session = await Session.open(data_dir, name, programme, library, lang, k)
    if programme in MEETINGS:
        await session.set_meeting(MEETINGS[programme])
    if programme == "samspill":
        await _samspill(session)
    elif programme == "utviklingssamtale":
        await _development(session, data_dir, library)
    else:
        await _workshop(session, WORKSHOP_ROLES[programme])
    return session
