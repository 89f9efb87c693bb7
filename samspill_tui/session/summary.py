"""What a summary (or the referat of a development conversation) contains: the document every
export renders. It is built only through the read model, so the disclosure policy holds in
every format: no group under ``k``, the named pair only in the gap table, no hidden answer's
text, nothing of an item marked ``referat: nei``, no attached note's text, no facilitator notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from samspill_tui.content.library import Library
from samspill_tui.content.model import Programme
from samspill_tui.i18n import t
from samspill_tui.session import referat
from samspill_tui.session.meeting import Meeting
from samspill_tui.session.policy import Policy
from samspill_tui.session.reading import (
    Cloud,
    GapState,
    Held,
    Reading,
    RoleSplit,
    Standing,
    Tally,
    WallItem,
)
from samspill_tui.session.record import DAMAGED, Agreement, CorruptSessionError, Record
from samspill_tui.session.steps import (
    GapReview,
    RankingList,
    Step,
    StepKind,
    WordsPrompt,
    build_steps,
    choose,
    rated,
)
from samspill_tui.session.store import BadSessionNameError, read_snapshot, session_path


class UnknownSessionError(LookupError):
    """No session file of that name, or its programme is not in the content library."""


@dataclass(frozen=True)
class AnswerRow:
    """One free-text answer (or a question the room asked, with its ``upvotes`` and whether it was
    ``answered``) as exported: no participant id, no time, never a hidden or unapproved one."""

    text: str
    highlighted: bool = False
    upvotes: int | None = None  # a question's; None for an answer
    answered: bool = False


@dataclass(frozen=True)
class QuestionResult:
    """One question with its visible answers and how many the facilitator hid."""

    number: int  # 0-based, as the phones sent it
    text: str
    answers: tuple[AnswerRow, ...]
    hidden: int = 0  # on a questions step: hidden or never approved
    asked: bool = False  # the questions the room asked (rows with upvotes), not answers


@dataclass(frozen=True)
class StepResult:
    """One step's outcome, with the facilitator's minutes (note and agreements) on it.

    ``withheld`` steps (``referat: nei``) carry nothing but their step.
    """

    step: Step
    tally: Tally | Held | None = None
    split: RoleSplit[Tally] | None = None
    standing: Standing | Held | None = None
    ranks: RoleSplit[Standing] | None = None
    cloud: Cloud | Held | None = None
    questions: tuple[QuestionResult, ...] = ()
    input: QuestionResult | None = None
    gap: GapState | None = None
    note: str = ""
    agreements: tuple[Agreement, ...] = ()
    withheld: bool = False

    @property
    def part(self) -> str:
        """The referat part of an agenda item ("" for other steps)."""
        return referat.part(self.step)

    @property
    def has_minutes(self) -> bool:
        """Whether the facilitator wrote a note or agreements on this step."""
        return bool(self.note or self.agreements)


@dataclass(frozen=True)
class Summary:
    """Everything an export shows; participant identities are not part of it."""

    session: str
    programme_id: str
    programme_title: str
    lang: str
    created: str
    exported: str
    participants: int
    results: tuple[StepResult, ...]
    k: int
    referat: bool = False
    named: bool = False
    follows: str = ""
    attachment: str = ""  # the attached note's file name; its text is never part of a summary
    meeting: Meeting = field(default_factory=Meeting)  # organ, place, time, who came, møteleder, referent

    @property
    def follow_ups(self) -> list[Agreement]:
        """The agreements made in this session, in step order (carried ones are reviewed instead)."""
        return [a for r in self.results for a in r.agreements if not referat.is_carried(a)]


@dataclass(frozen=True)
class Attachment:
    """The kommunedirektør's note: confidential personnel material, exported only on its own."""

    session: str
    lang: str
    name: str
    text: str


def _rows(items: Sequence[WallItem]) -> tuple[AnswerRow, ...]:
    return tuple(AnswerRow(i.text, i.highlighted) for i in items if not i.hidden)


def _question(number: int, text: str, items: Sequence[WallItem]) -> QuestionResult:
    return QuestionResult(number, text, _rows(items), sum(i.hidden for i in items))


def _result(reading: Reading, step: Step) -> StepResult:
    record, policy = reading.record, reading.policy
    note = record.notes.get(step.key, "")
    agreements = tuple(a for a in record.agreements.values() if a.step_key == step.key)
    if isinstance(step.body, WordsPrompt):
        return StepResult(step, cloud=reading.cloud(step), note=note, agreements=agreements)
    if isinstance(step.body, RankingList):
        return StepResult(step, standing=reading.standing(step), ranks=reading.ranking_by_role(step),
                          note=note, agreements=agreements)
    if step.accepts_votes:
        return StepResult(step, reading.room(step), reading.by_role(step), note=note, agreements=agreements)
    if step.accepts_answers:
        wall = reading.wall(step)
        questions = tuple(_question(n, q, [i for i in wall if i.question == n])
                          for n, q in enumerate(step.questions)
                          if not policy.never_written_question(step, n))
        found = referat.input_source(reading.steps, step)
        collected = _question(found[1], found[0].questions[found[1]], reading.input(step)) if found else None
        return StepResult(step, questions=questions, input=collected, note=note, agreements=agreements)
    if step.accepts_questions:
        rows = tuple(AnswerRow(q.text, upvotes=q.upvotes, answered=q.answered) for q in
                     sorted(reading.questions(step), key=lambda q: (q.answered, -q.upvotes, q.text)))
        asked = QuestionResult(0, t(reading.lang, "questions.prompt"), rows,
                               reading.withheld(step), asked=True)
        return StepResult(step, questions=(asked,), note=note, agreements=agreements)
    if isinstance(step.body, GapReview):
        return StepResult(step, gap=reading.gap(step), note=note, agreements=agreements)
    return StepResult(step, note=note, agreements=agreements)


def build_summary(name: str, programme: Programme, reading: Reading, *,
                  exported: str | None = None) -> Summary:
    """The summary of a session as its read model and disclosure policy allow (a rating step as its
    statements, each with its own votes)."""
    record, policy = reading.record, reading.policy
    results = tuple(StepResult(step, withheld=True) if policy.never_written(step) else _result(reading, step)
                    for step in rated(reading.steps) if step.kind != StepKind.LOBBY)
    attached = referat.attachment(record)
    return Summary(name, programme.id, programme.title, reading.lang, record.meta["created"],
                   exported or _now(), len(record.participants), results, policy.k,
                   referat=referat.is_referat(reading.steps), named=policy.named is not None,
                   follows=str(record.meta.get("follows", "")),
                   attachment=attached[0] if attached else "",
                   meeting=Meeting.of(record.meta.get("meeting")))


def attachment_of(name: str, record: Record) -> Attachment | None:
    """The attached note of session ``name``, for its own confidential file, if there is one."""
    attached = referat.attachment(record)
    return Attachment(name, record.meta["lang"], *attached) if attached else None


@dataclass(frozen=True)
class SessionFile:
    """A session file as it is on disk, with its programme's steps and its read model."""

    name: str
    programme: Programme
    steps: list[Step]
    record: Record

    @property
    def reading(self) -> Reading:
        """The session read through its disclosure policy."""
        meta = self.record.meta
        return Reading(self.steps, self.record, Policy.of(self.programme, self.steps, meta), meta["lang"])

    def summary(self, exported: str | None = None) -> Summary:
        """The summary of the session as stored."""
        return build_summary(self.name, self.programme, self.reading, exported=exported)


def load_session(data_dir: Path, name: str, library: Library) -> SessionFile:
    """A session file as it is on disk now, without locking it (safe while the session runs)."""
    try:
        record = Record.from_tables(read_snapshot(session_path(data_dir, name)))
    except (FileNotFoundError, BadSessionNameError):
        raise UnknownSessionError(name) from None
    except DAMAGED as exc:
        raise CorruptSessionError(session_path(data_dir, name)) from exc
    meta = record.meta
    if not meta:
        raise UnknownSessionError(name)
    content = library.languages.get(meta["lang"])
    programme = content.programmes.get(meta["programme"]) if content else None
    if content is None or programme is None:
        raise UnknownSessionError(f"{name}: programme {meta['programme']!r}")
    steps = choose(build_steps(programme, content, meta["lang"]), meta.get("chosen", {}))
    return SessionFile(name, programme, steps, record)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
