"""A neutral summary of a session, built from the live session or from a file snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from samspill_tui.content.library import Library
from samspill_tui.content.model import Programme
from samspill_tui.i18n import t
from samspill_tui.session.live import Session
from samspill_tui.session.record import Record
from samspill_tui.session.results import SCALE_OPTIONS, Distribution, distribution
from samspill_tui.session.steps import POLL, REFLECTION, STATEMENT, Step, build_steps
from samspill_tui.session.store import read_snapshot


class UnknownSessionError(LookupError):
    """No session file of that name, or its programme is not in the content library."""


@dataclass(frozen=True)
class StepResult:
    """One step's outcome: the distribution of a vote, or the answers to its questions."""

    step: Step
    distribution: Distribution | None
    labels: tuple[str, ...]
    answers: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Summary:
    """Everything a summary shows; participant identities are not part of it."""

    session: str
    programme_id: str
    programme_title: str
    lang: str
    created: str
    exported: str
    participants: int
    results: tuple[StepResult, ...]


def _results(steps: list[Step], lang: str, votes: dict[str, list[str]],
             answers: dict[str, list[tuple[int, str]]]) -> tuple[StepResult, ...]:
    results = []
    for step in steps:
        if step.kind == STATEMENT:
            options = list(SCALE_OPTIONS)
            labels = tuple(t(lang, f"scale.{v}") for v in options)
        elif step.kind == POLL and step.poll is not None:
            options = [o.id for o in step.poll.options]
            labels = tuple(o.text for o in step.poll.options)
        elif step.kind == REFLECTION:
            results.append(StepResult(step, None, (), tuple(answers.get(step.key, []))))
            continue
        else:
            continue
        results.append(StepResult(step, distribution(votes.get(step.key, []), options), labels, ()))
    return tuple(results)


def _summary(name: str, programme: Programme, steps: list[Step], record: Record) -> Summary:
    lang = record.meta["lang"]
    votes = {k: list(v.values()) for k, v in record.votes.items()}
    answers = {k: [(a.question, a.text) for a in v.values() if not a.hidden]
               for k, v in record.answers.items()}
    return Summary(name, programme.id, programme.title, lang, record.meta["created"], _now(),
                   len(record.participants), _results(steps, lang, votes, answers))


def summary_from_session(session: Session) -> Summary:
    """The summary of a live session."""
    return _summary(session.name, session.programme, session.steps, session.record)


def summary_from_file(data_dir: Path, name: str, library: Library) -> Summary:
    """The summary of the session file as it is on disk now (safe while the session runs)."""
    try:
        record = Record.from_tables(read_snapshot(data_dir / f"{name}.json"))
    except FileNotFoundError:
        raise UnknownSessionError(name) from None
    meta = record.meta
    if not meta:
        raise UnknownSessionError(name)
    content = library.languages.get(meta["lang"])
    programme = content.programmes.get(meta["programme"]) if content else None
    if content is None or programme is None:
        raise UnknownSessionError(f"{name}: programme {meta['programme']!r}")
    return _summary(name, programme, build_steps(programme, content, meta["lang"]), record)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
