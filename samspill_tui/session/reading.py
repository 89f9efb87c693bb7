"""The read model: what a session's votes and answers show, with the disclosure policy applied.

The projector, the phone page and every export read a session through :class:`Reading`; it is
the one place that computes tallies, role breakdowns, the gap ranking, who answered, the
answer wall and hidden counts, and the one place that applies :class:`Policy` to them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from samspill_tui.i18n import decimal, t
from samspill_tui.session import referat
from samspill_tui.session.ballots import given, words_of
from samspill_tui.session.policy import Policy
from samspill_tui.session.record import PAIR, Agreement, Answer, Record
from samspill_tui.session.results import counts, distance, kendall_w, rank_by_distance, ranks, scale_mean
from samspill_tui.session.steps import (
    Choice,
    DeckRating,
    GapReview,
    RankingList,
    StatementVote,
    Step,
    WordsPrompt,
    gap_statements,
    options,
    ratings_of,
)

PHONE_WORDS = 10  # a phone shows the room's most common words only: a list, not the projector's cloud


@dataclass(frozen=True)
class Tally:
    """How a group voted: a count per choice, in display order."""

    choices: tuple[Choice, ...]
    counts: tuple[int, ...]
    mean: float | None = None  # on the 1..5 scale, for statements

    @property
    def total(self) -> int:
        """How many voted."""
        return sum(self.counts)

    def rows(self) -> tuple[tuple[Choice, int, float], ...]:
        """Each choice with its count and share (0..1)."""
        return tuple((c, n, n / self.total if self.total else 0.0)
                     for c, n in zip(self.choices, self.counts, strict=True))


@dataclass(frozen=True)
class Place:
    """One alternative of a ranking as the group placed it: its mean place (1 = first) and, when
    points were spread, the points it got in all."""

    choice: Choice
    mean_rank: float
    points: int | None = None

    @property
    def figure(self) -> str:
        """What the group gave it, as shown: its points, else its mean place (decimal comma)."""
        return decimal(self.mean_rank) if self.points is None else str(self.points)


@dataclass(frozen=True)
class Standing:
    """How a group ranked a list: the alternatives in the group's order and how much they agree
    (Kendall's W, 0..1; ``None`` below two respondents)."""

    places: tuple[Place, ...]
    total: int
    agreement: float | None

    @property
    def by_points(self) -> bool:
        """Whether the alternatives got points (else places)."""
        return any(p.points is not None for p in self.places)

    @property
    def agreement_key(self) -> str:
        """The i18n key of how strongly the group agrees: weak below 0.3, strong from 0.6."""
        w = self.agreement
        return ("agree.none" if w is None else "agree.weak" if w < 0.3
                else "agree.moderate" if w < 0.6 else "agree.strong")


@dataclass(frozen=True)
class Cloud:
    """The words a group gave, most often given first (then alphabetically), with how many gave them."""

    words: tuple[tuple[str, int], ...]
    total: int


@dataclass(frozen=True)
class Held:
    """A result withheld by the policy, and why: under ``k`` respondents, or the named pair's."""

    respondents: int
    k: int
    named: bool = False  # the pair's ratings, shown only in the gap view once both have finished


def held_text(lang: str, held: Held) -> str:
    """Why no result is shown yet: the named pair's ratings, or too few respondents."""
    if held.named:
        return t(lang, "held.named_live", k=held.k, n=held.respondents)
    return t(lang, "held.few_live", k=held.k, n=held.respondents)


def agreement_text(lang: str, standing: Standing, key: str = "ranking.agreement") -> str:
    """How much a group agrees on its order, as a sentence: Kendall's W and a word for it."""
    return t(lang, key, w=decimal(standing.agreement, 2), how=t(lang, standing.agreement_key))


R = TypeVar("R", Tally, Standing)


@dataclass(frozen=True)
class RoleSplit(Generic[R]):
    """A vote by role: the groups shown (each at least ``k``) and the roles withheld."""

    groups: tuple[tuple[str, R], ...]
    withheld: tuple[str, ...]
    k: int

    @property
    def no_roles(self) -> bool:
        """Whether nobody who voted chose a role that may be grouped."""
        return not self.groups and not self.withheld


@dataclass(frozen=True)
class Trend:
    """Last time's distance on one statement beside this time's (``None``: either said 'vet ikke')."""

    before: int | None
    now: int | None

    @property
    def change(self) -> str:
        """The i18n key of how the two moved: closer, further apart, the same, or not comparable."""
        if self.before is None or self.now is None:
            return "trend.unknown"
        if self.now == self.before:
            return "trend.same"
        return "trend.closer" if self.now < self.before else "trend.further"


@dataclass(frozen=True)
class GapRow:
    """How the two named people rated one statement; with ``--follows``, last time's distance and
    the agreements carried from last time on it."""

    step: Step
    first: Choice
    second: Choice
    distance: int | None
    trend: Trend | None = None
    last: tuple[Agreement, ...] = ()


@dataclass(frozen=True)
class GapState:
    """The gap view: ``rows`` once both have rated every statement, else how far they are."""

    rows: tuple[GapRow, ...] | None
    done: int
    total: int
    pair_known: bool


@dataclass(frozen=True)
class Progress:
    """How far one of the named pair has come on a rating step: how many rated, never what."""

    role: str
    rated: int
    total: int
    finished: bool


@dataclass(frozen=True)
class WallItem:
    """An answer as the room may see it: a hidden one keeps its place but has no text."""

    key: str
    step_key: str
    question: int
    text: str
    hidden: bool
    highlighted: bool
    answered: bool = False  # a question the facilitator marked answered


@dataclass(frozen=True)
class AskedQuestion:
    """A question the room may see (approved, not hidden): its upvotes and whether it was answered.
    ``key`` is for the facilitator's commands only; phones know it by ``public``."""

    key: str
    public: str
    text: str
    upvotes: int
    answered: bool


class Reading:
    """A session's results as the policy allows them to be shown, computed on demand."""

    def __init__(self, steps: Sequence[Step], record: Record, policy: Policy, lang: str) -> None:
        self.steps, self.record, self.policy, self.lang = steps, record, policy, lang

    # -- votes ----------------------------------------------------------------------------

    def _tally(self, step: Step, values: list[str]) -> Tally:
        choices = options(step, self.lang)
        keys = [c.value for c in choices]
        tally = counts(values, keys)
        mean = scale_mean(keys, tally) if isinstance(step.body, StatementVote) else None
        return Tally(choices, tally, mean)

    def _grouped_votes(self, step: Step) -> dict[str, str]:
        """The votes that may count in a group: those the step can still read (a ballot stored
        before its content changed is not counted towards k and then dropped), never the named pair's."""
        readable = self._reader(step)
        votes = {pid: v for pid, v in self.record.votes.get(step.key, {}).items() if readable(v)}
        if self.policy.named is None:
            return votes
        named = {pid for pid, p in self.record.participants.items() if self.policy.is_named(p.role)}
        return {pid: v for pid, v in votes.items() if pid not in named}

    def _reader(self, step: Step) -> Callable[[str], bool]:
        """Whether a stored value is a vote ``step`` can count: an option, a ballot, some words."""
        match step.body:
            case RankingList() as body:
                return lambda value: given(body, value) is not None
            case WordsPrompt():
                return lambda value: bool(words_of(value))
        return {c.value for c in options(step, self.lang)}.__contains__

    def _standing(self, step: Step, values: list[str]) -> Standing:
        assert isinstance(step.body, RankingList)
        body = step.body
        ballots = [b for b in (given(body, v) for v in values) if b is not None]
        ids = [o.id for o in body.items]
        placed = [b if body.points is None else ranks(b) for b in ballots]
        mean = {i: sum(p[i] for p in placed) / len(placed) if placed else 0.0 for i in ids}
        points = {i: sum(b[i] for b in ballots) for i in ids} if body.points is not None else None
        order = sorted(range(len(ids)), key=lambda n: (-(points[ids[n]]) if points else 0, mean[ids[n]], n))
        return Standing(tuple(Place(Choice(ids[n], body.items[n].text), mean[ids[n]],
                                    points[ids[n]] if points else None) for n in order),
                        len(ballots), kendall_w(placed, ids))

    def _held(self, step: Step) -> Held | list[str]:
        """The values that count for the room on ``step``, or why they are withheld."""
        votes = self._grouped_votes(step)
        if not self.policy.shows(len(votes)):
            named = self.policy.named is not None and len(votes) < len(self.record.votes.get(step.key, {}))
            return Held(len(votes), self.policy.k, named)
        return list(votes.values())

    def room(self, step: Step) -> Tally | Held:
        """The room's votes on ``step``, or why they are withheld."""
        values = self._held(step)
        return values if isinstance(values, Held) else self._tally(step, values)

    def standing(self, step: Step) -> Standing | Held:
        """The room's order of a ranking step, or why it is withheld."""
        values = self._held(step)
        return values if isinstance(values, Held) else self._standing(step, values)

    def cloud(self, step: Step) -> Cloud | Held:
        """The room's words on a words step by how often each was given, or why they are withheld."""
        values = self._held(step)
        if isinstance(values, Held):
            return values
        found = Counter(w for v in values for w in words_of(v))
        return Cloud(tuple(sorted(found.items(), key=lambda wc: (-wc[1], wc[0]))), len(values))

    def result(self, step: Step) -> Tally | Standing | Cloud | Held:
        """The room's result of voting step ``step`` in the form its kind gives, or why it is withheld."""
        match step.body:
            case RankingList():
                return self.standing(step)
            case WordsPrompt():
                return self.cloud(step)
        return self.room(step)

    def on_phones(self, step: Step) -> Tally | Standing | Cloud | Held | None:
        """The room's result as the phones show it: only once revealed on a voting step whose results
        the facilitator chose to show on the phones (``None`` otherwise), withheld as on the projector;
        of the words, the :data:`PHONE_WORDS` most often given."""
        if not (step.accepts_votes and self.record.state(step.key).phones_see_results):
            return None
        found = self.result(step)
        return replace(found, words=found.words[:PHONE_WORDS]) if isinstance(found, Cloud) else found

    def by_role(self, step: Step) -> RoleSplit[Tally]:
        """The votes on a poll or statement by role (see :meth:`_split`)."""
        return self._split(step, self._tally)

    def ranking_by_role(self, step: Step) -> RoleSplit[Standing]:
        """A ranking step's order by role (see :meth:`_split`)."""
        return self._split(step, self._standing)

    def _split(self, step: Step, aggregate: Callable[[Step, list[str]], R]) -> RoleSplit[R]:
        """The votes on ``step`` by role: each group shown has at least ``k`` respondents, and
        what is left out of the groups shown is none or at least ``k`` (else the smallest shown
        group is withheld too), so no withheld vote can be worked out from the room's total."""
        votes = self._grouped_votes(step)
        groups: dict[str, list[str]] = {}
        for pid, value in votes.items():
            role = self.record.participants[pid].role if pid in self.record.participants else None
            if role:
                groups.setdefault(role, []).append(value)
        k = self.policy.k
        if not self.policy.shows(len(votes)):
            return RoleSplit((), tuple(sorted(groups)), k)
        shown = sorted((r for r, vs in groups.items() if self.policy.shows(len(vs))),
                       key=lambda r: (len(groups[r]), r))
        while shown and 0 < len(votes) - sum(len(groups[r]) for r in shown) < k:
            shown.pop(0)
        withheld = tuple(sorted(set(groups) - set(shown)))
        return RoleSplit(tuple((r, aggregate(step, groups[r])) for r in sorted(shown)), withheld, k)

    def gap(self, step: Step) -> GapState:
        """The gap step's statements ranked by distance, once both named people rated all."""
        assert isinstance(step.body, GapReview)
        statements = {s.key: s for s in gap_statements(self.steps, step)}
        pair = self.record.pair()
        if pair is None:
            return GapState(None, 0, len(statements), False)
        done = sum(1 for key in statements if all(p in self.record.votes.get(key, {}) for p in pair))
        ranked = rank_by_distance(self.record.votes, list(statements), *pair)
        finished = all(p in self.record.finished.get(r.key, set())
                       for r in ratings_of(self.steps, step) for p in pair)
        if ranked is None or not finished:
            return GapState(None, done, len(statements), True)
        rows = []
        before = self.record.meta.get("trend", {})
        for key, first, second in ranked:
            choices = {c.value: c for c in options(statements[key], self.lang)}
            now = distance(first, second)
            last = tuple(a for a in self.record.agreements.values()
                         if a.step_key == key and referat.is_carried(a))
            rows.append(GapRow(statements[key], choices[first], choices[second], now,
                               Trend(before[key], now) if key in before else None, last))
        return GapState(tuple(rows), done, len(statements), True)

    def progress(self, step: Step) -> tuple[Progress, ...]:
        """How far each of the named pair has come on rating step ``step`` (none before both are known)."""
        assert isinstance(step.body, DeckRating)
        pair = self.record.pair() if self.policy.named is not None else None
        if pair is None:
            return ()
        items, done = step.body.items, self.record.finished.get(step.key, set())
        return tuple(Progress(role, sum(pid in self.record.votes.get(i.key, {}) for i in items), len(items),
                              pid in done) for pid, role in zip(pair, PAIR, strict=True))

    def answered(self, step: Step) -> int:
        """How many participants have voted or answered on ``step`` (a count, never who); on a
        rating step, how many have finished it."""
        if isinstance(step.body, DeckRating):
            return len(self.record.finished.get(step.key, set()))
        if step.accepts_votes:
            return len(self.record.votes.get(step.key, {}))
        return len({a.pid for a in self.record.answers.get(step.key, {}).values()})

    # -- answers --------------------------------------------------------------------------

    def wall(self, step: Step) -> tuple[WallItem, ...]:
        """The answers on ``step`` in arrival order; a hidden one has no text, a pending one is not there."""
        return tuple(_item(a) for a in self.record.answers.get(step.key, {}).values() if not a.pending)

    def hidden(self, step: Step) -> int:
        """How many answers on ``step`` the facilitator hid."""
        return sum(a.hidden for a in self.record.answers.get(step.key, {}).values() if not a.pending)

    def pending(self, step: Step) -> tuple[WallItem, ...]:
        """Answers on a pre-moderated ``step`` that wait for approval: for the facilitator's console only."""
        return tuple(_item(a) for a in self.record.answers.get(step.key, {}).values() if a.pending)

    def questions(self, step: Step) -> tuple[AskedQuestion, ...]:
        """The questions the room may see on ``step``, the open ones first, each part by upvotes (ties
        in the order they came); hidden and unapproved ones are not there."""
        voters = self.record.upvotes.get(step.key, {})
        shown = [AskedQuestion(a.key, a.public, a.text, len(voters.get(a.key, ())), a.answered)
                 for a in self.record.answers.get(step.key, {}).values() if not (a.hidden or a.pending)]
        return tuple(sorted(shown, key=lambda q: (q.answered, -q.upvotes)))  # stable: ties keep order

    def withheld(self, step: Step) -> int:
        """How many texts on ``step`` the room does not see: hidden or never approved."""
        return sum(a.hidden or a.pending for a in self.record.answers.get(step.key, {}).values())

    def input(self, step: Step) -> tuple[WallItem, ...]:
        """The answers collected before the meeting for agenda item ``step`` (none if it has none)."""
        found = referat.input_source(self.steps, step)
        if found is None:
            return ()
        source, question = found
        return tuple(_item(a) for a in self.record.answers.get(source.key, {}).values()
                     if a.question == question and not a.pending)


def _item(answer: Answer) -> WallItem:
    return WallItem(answer.key, answer.step_key, answer.question, "" if answer.hidden else answer.text,
                    answer.hidden, answer.highlighted, answer.answered)
