"""Typed steps: a programme expanded into the screens a session moves through.

Each kind of step has one payload type; a step's kind is its payload's. The one place
that says what a phone may vote on a step, with each option's label, is :func:`options`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import ClassVar

from samspill_tui.content.model import (
    Case,
    LanguageContent,
    Poll,
    PollOption,
    Programme,
    ReflectionSet,
    Statement,
    StepSpec,
)
from samspill_tui.i18n import t

# Agreement scale values: 1 (helt uenig) .. 5 (helt enig), 0 = vet ikke, in display order.
SCALE = ("1", "2", "3", "4", "5", "0")
DONT_KNOW = "0"


class StepKind(StrEnum):
    """The kinds of step; the value is what exports and the session file call it."""

    LOBBY = "lobby"
    CASE = "case"
    REFLECTION = "reflection"
    POLL = "poll"
    STATEMENT = "statement"
    RATING = "rating"
    RANKING = "ranking"
    WORDS = "words"
    GAP = "gap"
    QUESTIONS = "questions"
    SUMMARY = "summary"


@dataclass(frozen=True)
class Lobby:
    """Phones join; nothing to answer."""

    KIND: ClassVar[StepKind] = StepKind.LOBBY


@dataclass(frozen=True)
class CaseText:
    """A case to read and discuss."""

    KIND: ClassVar[StepKind] = StepKind.CASE
    case: Case


@dataclass(frozen=True)
class Reflection:
    """Questions the phones answer in free text; ``source`` is the reflection set, if any."""

    KIND: ClassVar[StepKind] = StepKind.REFLECTION
    intro: str
    questions: tuple[str, ...]
    notes: str
    source: ReflectionSet | None = None


@dataclass(frozen=True)
class PollVote:
    """A poll of a case, with an answer key the facilitator may reveal."""

    KIND: ClassVar[StepKind] = StepKind.POLL
    poll: Poll
    case: Case


@dataclass(frozen=True)
class StatementVote:
    """One statement of a deck, rated on the agreement scale."""

    KIND: ClassVar[StepKind] = StepKind.STATEMENT
    statement: Statement
    deck: str


@dataclass(frozen=True)
class DeckRating:
    """A deck each phone rates at its own pace; ``items`` are its statements, whose keys name the votes."""

    KIND: ClassVar[StepKind] = StepKind.RATING
    deck: str
    intro: str
    items: tuple[Step, ...]  # the statements chosen for the session
    every: tuple[Step, ...]  # every statement the programme line names, to choose from


@dataclass(frozen=True)
class RankingList:
    """Alternatives each phone puts in order (``points`` None) or spreads ``points`` points over."""

    KIND: ClassVar[StepKind] = StepKind.RANKING
    question: str
    intro: str
    items: tuple[PollOption, ...]
    points: int | None
    notes: str


@dataclass(frozen=True)
class WordsPrompt:
    """A question each phone answers in one to three short words, shown by how often each is given."""

    KIND: ClassVar[StepKind] = StepKind.WORDS
    question: str
    intro: str
    notes: str


@dataclass(frozen=True)
class GapReview:
    """Where the ordfører and the kommunedirektør rated a deck differently."""

    KIND: ClassVar[StepKind] = StepKind.GAP
    deck: str
    intro: str


@dataclass(frozen=True)
class Questions:
    """Phones send short questions and upvote each other's; ``approval``: the facilitator lets each
    one onto the projector first. ``source`` is the case or reflection set asked about."""

    KIND: ClassVar[StepKind] = StepKind.QUESTIONS
    intro: str
    notes: str
    approval: bool = True


@dataclass(frozen=True)
class Closing:
    """The summary of the session."""

    KIND: ClassVar[StepKind] = StepKind.SUMMARY


Body = (Lobby | CaseText | Reflection | PollVote | StatementVote | DeckRating | RankingList | WordsPrompt
        | GapReview | Questions | Closing)
Voting = PollVote | StatementVote


@dataclass(frozen=True)
class Step:
    """One screen of a session. ``key`` is stable across restarts and names its votes."""

    key: str
    title: str
    body: Body
    minutes: int | None = None
    closes: str = ""  # what the programme line says its timer does at zero: "lock", "reveal" or ""

    @property
    def kind(self) -> StepKind:
        """What kind of step this is."""
        return self.body.KIND

    @property
    def accepts_votes(self) -> bool:
        """Whether phones vote on this step (one ballot each, changeable until it is locked)."""
        return isinstance(self.body, PollVote | StatementVote | RankingList | WordsPrompt)

    @property
    def splits_by_role(self) -> bool:
        """Whether the step's results may be shown by role (words are shown for the room only)."""
        return isinstance(self.body, PollVote | StatementVote | RankingList)

    @property
    def accepts_answers(self) -> bool:
        """Whether phones type answers on this step."""
        return isinstance(self.body, Reflection)

    @property
    def accepts_questions(self) -> bool:
        """Whether phones send and upvote questions on this step."""
        return isinstance(self.body, Questions)

    @property
    def questions(self) -> tuple[str, ...]:
        """The questions phones answer in free text (none on other steps)."""
        return self.body.questions if isinstance(self.body, Reflection) else ()

    @property
    def prompt(self) -> str:
        """What a vote asks: the statement or the poll's question ("" on other steps)."""
        match self.body:
            case StatementVote(statement=statement):
                return statement.text
            case PollVote(poll=poll):
                return poll.question
            case RankingList(question=question) | WordsPrompt(question=question):
                return question
        return ""

    @property
    def facilitator_notes(self) -> str:
        """Notes for the facilitator only (never for the room): the case's or the set's."""
        match self.body:
            case CaseText(case=case) | PollVote(case=case):
                return case.notes
            case (Reflection(notes=notes) | RankingList(notes=notes) | WordsPrompt(notes=notes)
                  | Questions(notes=notes)):
                return notes
        return ""


@dataclass(frozen=True)
class Choice:
    """One option a phone may vote: the value as stored, and its label."""

    value: str
    label: str


def options(step: Step, lang: str) -> tuple[Choice, ...]:
    """What a vote on ``step`` may be, in display order, labelled (empty where nobody votes)."""
    match step.body:
        case StatementVote():
            return tuple(Choice(v, t(lang, f"scale.{v}")) for v in SCALE)
        case PollVote(poll=poll):
            return tuple(Choice(o.id, o.text) for o in poll.options)
    return ()


def label(step: Step, lang: str, value: str) -> str:
    """The label of vote ``value`` on ``step`` (the value itself if it is not an option)."""
    return next((c.label for c in options(step, lang) if c.value == value), value)


def build_steps(programme: Programme, content: LanguageContent, lang: str) -> list[Step]:
    """The lobby, then every programme line expanded (a deck gives one step per statement)."""
    steps = [Step("lobby", t(lang, "step.lobby"), Lobby())]
    for spec in programme.steps:
        steps += [replace(step, closes=spec.closes) for step in _line(spec, content, lang)]
    if steps[-1].kind != StepKind.SUMMARY:
        steps.append(Step("summary", t(lang, "step.summary"), Closing()))
    return _unique_keys(steps)


def _line(spec: StepSpec, content: LanguageContent, lang: str) -> list[Step]:
    """The steps one programme line expands to."""
    ref = spec.ref or ""
    if spec.kind == "case":
        case = content.cases[ref]
        return [Step(f"case:{ref}", case.title, CaseText(case), spec.minutes)]
    if spec.kind == "reflection":
        if ref in content.reflections:
            rset = content.reflections[ref]
            body = Reflection(rset.intro, rset.questions, rset.notes, rset)
            return [Step(f"reflection:{ref}", rset.title, body, spec.minutes)]
        case = content.cases[ref]
        return [Step(f"reflection:{ref}", case.title, Reflection("", case.questions, case.notes),
                     spec.minutes)]
    if spec.kind == "words":
        asked = content.reflections[ref]
        return [Step(f"words:{ref}", asked.title, WordsPrompt(asked.questions[0], asked.intro, asked.notes),
                     spec.minutes)]
    if spec.kind == "ranking":
        asked = content.reflections[ref]
        points = int(spec.extra[0]) if spec.extra else None
        ranking = RankingList(asked.questions[0], asked.intro, asked.options, points, asked.notes)
        return [Step(f"ranking:{ref}", asked.title, ranking, spec.minutes)]
    if spec.kind == "poll":
        case = content.cases[ref]
        assert case.poll is not None  # the parser refuses a poll line for a case without one
        return [Step(f"poll:{ref}", case.title, PollVote(case.poll, case), spec.minutes)]
    if spec.kind in ("statements", "rating"):
        deck = content.decks[ref]
        chosen = [deck.statement(s) for s in spec.extra] if spec.extra else deck.statements
        if spec.kind == "statements":
            each = spec.minutes_each(len(chosen))  # the line's minutes are for all its statements
            return [Step(f"statement:{ref}/{s.id}", deck.title, StatementVote(s, ref), each)
                    for s in chosen if s is not None]
        items = tuple(Step(f"statement:{ref}/{s.id}", deck.title, StatementVote(s, ref))
                      for s in chosen if s is not None)
        return [Step(f"rating:{ref}", deck.title, DeckRating(ref, deck.intro, items, items), spec.minutes)]
    if spec.kind == "questions":
        about: Case | ReflectionSet = content.cases.get(ref) or content.reflections[ref]
        intro = about.intro if isinstance(about, ReflectionSet) else ""
        return [Step(f"questions:{ref}", t(lang, "step.questions", title=about.title),
                     Questions(intro, about.notes, not spec.direct), spec.minutes)]
    if spec.kind == "gap":
        return [Step(f"gap:{ref}", t(lang, "step.gap"), GapReview(ref, content.decks[ref].intro),
                     spec.minutes)]
    return [Step("summary", t(lang, "step.summary"), Closing(), spec.minutes)]


def statement_of(item: Step) -> Statement:
    """The statement of a statement step (a rating step's item)."""
    assert isinstance(item.body, StatementVote)
    return item.body.statement


def choose(steps: list[Step], chosen: Mapping[str, Sequence[str]]) -> list[Step]:
    """The steps with each rating step narrowed to the statement ids chosen for it (all if none were)."""
    return [replace(s, body=replace(s.body, items=tuple(i for i in s.body.every
                                                        if statement_of(i).id in chosen[s.key])))
            if isinstance(s.body, DeckRating) and s.key in chosen else s for s in steps]


def rated(steps: Sequence[Step]) -> list[Step]:
    """The steps with their own votes: each rating step replaced by its statements."""
    return [item for step in steps
            for item in (step.body.items if isinstance(step.body, DeckRating) else (step,))]


def gap_statements(steps: Sequence[Step], gap: Step) -> list[Step]:
    """The statement steps a gap step compares (those of its deck in this programme)."""
    assert isinstance(gap.body, GapReview)
    deck = gap.body.deck
    return [s for s in rated(steps) if isinstance(s.body, StatementVote) and s.body.deck == deck]


def ratings_of(steps: Sequence[Step], gap: Step) -> list[Step]:
    """The rating steps of a gap step's deck (none where its statements are steps of their own)."""
    assert isinstance(gap.body, GapReview)
    return [s for s in steps if isinstance(s.body, DeckRating) and s.body.deck == gap.body.deck]


def _unique_keys(steps: list[Step]) -> list[Step]:
    """Suffix repeated keys (a step listed twice) so each step keeps its own votes."""
    seen: dict[str, int] = {}
    result = []
    for step in steps:
        n = seen.get(step.key, 0) + 1
        seen[step.key] = n
        result.append(replace(step, key=f"{step.key}#{n}") if n > 1 else step)
    return result
