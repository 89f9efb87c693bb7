"""Expand a programme into the concrete steps a session moves through."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from samspill_tui.content.model import (
    Case,
    LanguageContent,
    Poll,
    Programme,
    ReflectionSet,
    Statement,
)
from samspill_tui.i18n import t

LOBBY, CASE, REFLECTION, POLL, STATEMENT, GAP, SUMMARY = (
    "lobby", "case", "reflection", "poll", "statement", "gap", "summary",
)
VOTING_KINDS = (POLL, STATEMENT)


@dataclass(frozen=True)
class Step:
    """One screen of a session. ``key`` is stable across restarts and names its votes."""

    key: str
    kind: str
    title: str
    minutes: int | None = None
    markdown: str = ""
    questions: tuple[str, ...] = ()
    poll: Poll | None = None
    statement: Statement | None = None
    case: Case | None = None
    reflection: ReflectionSet | None = None

    @property
    def accepts_votes(self) -> bool:
        """Whether phones vote on this step."""
        return self.kind in VOTING_KINDS

    @property
    def accepts_answers(self) -> bool:
        """Whether phones type answers on this step."""
        return self.kind == REFLECTION


def build_steps(programme: Programme, content: LanguageContent, lang: str) -> list[Step]:
    """The lobby, then every programme line expanded (a deck gives one step per statement)."""
    lobby_title, summary_title = t(lang, "step.lobby"), t(lang, "step.summary")
    steps = [Step("lobby", LOBBY, lobby_title)]
    for spec in programme.steps:
        ref = spec.ref or ""
        if spec.kind == "case":
            case = content.cases[ref]
            steps.append(Step(f"case:{ref}", CASE, case.title, spec.minutes, case.markdown,
                              case=case))
        elif spec.kind == "reflection":
            source = content.reflections.get(ref) or content.cases[ref]
            intro = getattr(source, "intro", "")
            steps.append(Step(f"reflection:{ref}", REFLECTION, source.title, spec.minutes,
                              intro, questions=source.questions,
                              reflection=source if isinstance(source, ReflectionSet) else None))
        elif spec.kind == "poll":
            case = content.cases[ref]
            steps.append(Step(f"poll:{ref}", POLL, case.title, spec.minutes, poll=case.poll,
                              case=case))
        elif spec.kind == "statements":
            deck = content.decks[ref]
            chosen = [deck.statement(s) for s in spec.extra] if spec.extra else deck.statements
            each = spec.minutes_each(len(chosen))  # the line's minutes are for all its statements
            for statement in chosen:
                if statement is not None:
                    steps.append(Step(f"statement:{ref}/{statement.id}", STATEMENT, deck.title,
                                      each, statement=statement))
        elif spec.kind == "gap":
            steps.append(Step(f"gap:{ref}", GAP, t(lang, "step.gap"), spec.minutes,
                              content.decks[ref].intro))
        else:
            steps.append(Step("summary", SUMMARY, summary_title, spec.minutes))
    if steps[-1].kind != SUMMARY:
        steps.append(Step("summary", SUMMARY, summary_title))
    return _unique_keys(steps)


def gap_statements(steps: Sequence[Step], gap: Step) -> list[Step]:
    """The statement steps a gap step compares (those of its deck in this programme)."""
    prefix = f"statement:{gap.key.removeprefix('gap:')}/"
    return [s for s in steps if s.kind == STATEMENT and s.key.startswith(prefix)]


def _unique_keys(steps: list[Step]) -> list[Step]:
    """Suffix repeated keys (a step listed twice) so each step keeps its own votes."""
    seen: dict[str, int] = {}
    result = []
    for step in steps:
        n = seen.get(step.key, 0) + 1
        seen[step.key] = n
        if n > 1:
            step = Step(**{**step.__dict__, "key": f"{step.key}#{n}"})
        result.append(step)
    return result
