"""Typed content: cases, reflection sets, statement decks and programmes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from samspill_tui.i18n import t


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, pointing at its file and line.

    The message is an i18n key (``problem.*``) and the values filled into it, so the facilitator
    reads it in the language form the command runs in.
    """

    path: Path
    line: int
    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def message(self, lang: str = "nb") -> str:
        """The message alone, in language form ``lang``."""
        return t(lang, self.key, **self.values)

    def text(self, lang: str = "nb") -> str:
        """``file:line: message`` in language form ``lang``."""
        return f"{self.path}:{self.line}: {self.message(lang)}"

    def __str__(self) -> str:
        return self.text("nb")


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class PollOption:
    """One answer option of a poll."""

    id: str
    text: str


@dataclass(frozen=True)
class Poll:
    """A multiple-choice question with an answer key the facilitator reveals."""

    question: str
    options: tuple[PollOption, ...]
    answer: str
    explanation: str

    def option(self, option_id: str) -> PollOption | None:
        """The option with this id, if any."""
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Case:
    """A case for discussion: situation, points of view, questions, optional poll."""

    id: str
    title: str
    situation: str
    viewpoints: tuple[tuple[str, str], ...]
    questions: tuple[str, ...]
    poll: Poll | None
    notes: str
    path: Path

    @property
    def markdown(self) -> str:
        """The case as one Markdown document for display."""
        parts = [self.situation]
        parts += [f"### {who}\n\n{text}" for who, text in self.viewpoints]
        return "\n\n".join(parts)


@dataclass(frozen=True)
class ReflectionSet:
    """A set of reflection questions with an introduction and facilitator notes.

    An agenda item of a referat names its ``referat`` part (or ``nei``: never written down)
    and may show the answers to question ``input[1]`` (1-based) of reflection set ``input[0]``.
    A set with ``options`` (``## Alternativer``) can be a ranking step; one with a single question a
    words step.
    """

    id: str
    title: str
    intro: str
    questions: tuple[str, ...]
    notes: str
    path: Path
    referat: str = ""
    input: tuple[str, int] | None = None
    options: tuple[PollOption, ...] = ()


@dataclass(frozen=True)
class Statement:
    """A statement to rate on the agreement scale, with its dialogue questions."""

    id: str
    text: str
    theme: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Deck:
    """An ordered deck of statements grouped in themes."""

    id: str
    title: str
    intro: str
    statements: tuple[Statement, ...]
    path: Path

    def statement(self, statement_id: str) -> Statement | None:
        """The statement with this id, if any."""
        return next((s for s in self.statements if s.id == statement_id), None)


# The parts of a referat (the minutes of a development conversation), in order; "nei" keeps an
# item out of the referat and every export of it.
REFERAT_PARTS = ("resultater", "forventninger", "samhandling", "utvikling")
NOT_IN_REFERAT = "nei"

STEP_KINDS = ("case", "reflection", "poll", "statements", "rating", "ranking", "words", "gap", "questions",
              "summary")
MAX_RANKING_OPTIONS = 12  # what a phone can order by number without scrolling past the list
RANKING_POINTS = (2, 100)  # the fewest and most points a ranking line may spread
# Options a programme line may add in its brackets, after the minutes: what the step's timer does at
# zero (lock the step, or lock it and reveal its results), and a questions step without approval.
CLOSES = {"lås": "lock", "lås og vis": "reveal"}
DIRECT = "direkte"


@dataclass(frozen=True)
class StepSpec:
    """One line of a programme: a kind, the content it refers to, the minutes of the whole line."""

    kind: str
    ref: str | None
    extra: tuple[str, ...]
    minutes: int | None
    line: int
    closes: str = ""  # "lock" or "reveal": what the step's timer does at zero ("" nothing)
    direct: bool = False  # a questions step whose questions are shown without approval

    def minutes_each(self, screens: int) -> int | None:
        """The minutes of each of the ``screens`` steps the line expands to (at least 1)."""
        if self.minutes is None or screens <= 1:
            return self.minutes
        return max(1, round(self.minutes / screens))


class Roles(StrEnum):
    """Which roles a programme's phones choose from; the value is its ``roles:`` front matter."""

    NONE = "nei"  # no role asked
    ALL = "ja"  # every role, the named pair (ordfører, kommunedirektør) among them
    GROUPS = "grupper"  # groups only: folkevalgt, administrasjonen, annet; no role names a person


@dataclass(frozen=True)
class Programme:
    """A session kind: an ordered list of steps referring to content by id."""

    id: str
    title: str
    description: str
    roles: Roles
    steps: tuple[StepSpec, ...]
    path: Path

    @property
    def compares_pair(self) -> bool:
        """Whether the ordfører and the kommunedirektør are compared by name (a gap step)."""
        return any(step.kind == "gap" for step in self.steps)

    @property
    def total_minutes(self) -> int:
        """The programme's length: the minutes of every line added up (a line without minutes counts 0)."""
        return sum(step.minutes or 0 for step in self.steps)


@dataclass
class LanguageContent:
    """All content of one language form, by id."""

    cases: dict[str, Case] = field(default_factory=dict)
    reflections: dict[str, ReflectionSet] = field(default_factory=dict)
    decks: dict[str, Deck] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
