"""The summary of a session (a referat for a development conversation), from the live session
or a file snapshot. Every export renders a :class:`Summary`, and every Summary is built from a
redacted record (:func:`samspill_tui.export.referat.redact`), so nothing marked ``referat: nei``
reaches any format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from samspill_tui.content.library import Library
from samspill_tui.content.model import Programme
from samspill_tui.export import referat
from samspill_tui.i18n import t
from samspill_tui.session.live import Session
from samspill_tui.session.record import Agreement, Answer, Record
from samspill_tui.session.results import SCALE_OPTIONS, Distribution, Gap, breakdown, distribution, gaps
from samspill_tui.session.steps import GAP, LOBBY, POLL, STATEMENT, Step, build_steps, gap_statements
from samspill_tui.session.store import BadSessionNameError, read_snapshot, session_path


class UnknownSessionError(LookupError):
    """No session file of that name, or its programme is not in the content library."""


@dataclass(frozen=True)
class AnswerRow:
    """One free-text answer as exported (no participant id, no time)."""

    question: int
    text: str
    highlighted: bool = False
    hidden: bool = False


@dataclass(frozen=True)
class GapRow:
    """How the ordfører and the kommunedirektør rated one statement."""

    step: Step
    first: str
    second: str
    distance: int | None


@dataclass(frozen=True)
class StepResult:
    """One step's outcome, with the facilitator's note and the agreements made on it.

    ``withheld`` steps (``referat: nei``) carry nothing but their step.
    """

    step: Step
    distribution: Distribution | None = None
    labels: tuple[str, ...] = ()
    votes: tuple[str, ...] = ()
    by_role: tuple[tuple[str, Distribution], ...] = ()
    roles_withheld: bool = False
    answers: tuple[AnswerRow, ...] = ()
    input: tuple[AnswerRow, ...] = ()
    ranking: tuple[GapRow, ...] | None = None
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
    referat: bool = False
    pair: bool = False
    include_hidden: bool = False
    follows: str = ""
    attachment: tuple[str, str] | None = None

    @property
    def follow_ups(self) -> list[Agreement]:
        """The agreements made in this session, in step order (carried ones are reviewed instead)."""
        return [a for r in self.results for a in r.agreements if not referat.is_carried(a)]


def _labels(step: Step, lang: str) -> tuple[list[str], tuple[str, ...]]:
    if step.kind == STATEMENT:
        return list(SCALE_OPTIONS), tuple(t(lang, f"scale.{v}") for v in SCALE_OPTIONS)
    if step.kind == POLL and step.poll is not None:
        return [o.id for o in step.poll.options], tuple(o.text for o in step.poll.options)
    return [], ()


def _rows(answers: Sequence[Answer], include_hidden: bool) -> tuple[AnswerRow, ...]:
    return tuple(AnswerRow(a.question, a.text, a.highlighted, a.hidden)
                 for a in answers if include_hidden or not a.hidden)


def _pair_votes(record: Record) -> Record:
    """Only the pair's votes: in a pair programme nobody else's vote may be told apart."""
    pair = record.pair() or ()
    return replace(record, votes={k: {pid: v for pid, v in by_pid.items() if pid in pair}
                                  for k, by_pid in record.votes.items()})


def _ranking(step: Step, steps: Sequence[Step], record: Record) -> tuple[GapRow, ...] | None:
    """The pair's statements ranked by distance; None until both have rated every one."""
    pair = record.pair()
    if pair is None:
        return None
    by_key = {s.key: s for s in gap_statements(steps, step)}
    ranked: list[Gap] | None = gaps(record.votes, list(by_key), *pair)
    if ranked is None:
        return None
    return tuple(GapRow(by_key[g.step_key], g.first, g.second, g.distance) for g in ranked)


def _result(step: Step, steps: Sequence[Step], record: Record, programme: Programme, lang: str,
            include_hidden: bool) -> StepResult:
    note = record.notes.get(step.key, "")
    agreements = tuple(a for a in record.agreements.values() if a.step_key == step.key)
    base = StepResult(step, note=note, agreements=agreements)
    options, labels = _labels(step, lang)
    if options:
        votes = record.votes.get(step.key, {})
        order = {o: n for n, o in enumerate(options)}
        raw = tuple(sorted((v for v in votes.values() if v in order), key=order.__getitem__))
        by_role: tuple[tuple[str, Distribution], ...] = ()
        roles_withheld = False
        if programme.roles and not programme.compares_pair:
            split = breakdown(votes, record.roles(), options)
            by_role, roles_withheld = split.groups, not split.shown and not split.no_roles
        return StepResult(step, distribution(raw, options), labels, raw, by_role, roles_withheld,
                          note=note, agreements=agreements)
    if step.accepts_answers:
        answers = list(record.answers.get(step.key, {}).values())
        found = referat.input_source(steps, step)
        collected = [a for a in record.answers.get(found[0].key, {}).values()
                     if a.question == found[1]] if found else []
        return StepResult(step, answers=_rows(answers, include_hidden),
                          input=_rows(collected, include_hidden), note=note, agreements=agreements)
    if step.kind == GAP:
        return StepResult(step, ranking=_ranking(step, steps, record), note=note,
                          agreements=agreements)
    return base


def build_summary(name: str, programme: Programme, steps: Sequence[Step], record: Record, *,
                  include_hidden: bool = False, exported: str | None = None) -> Summary:
    """The summary of ``record``; the one place where what is never written down is removed."""
    lang = record.meta["lang"]
    never = referat.withheld(steps)
    clean = referat.redact(record, steps)
    if programme.compares_pair:
        clean = _pair_votes(clean)
    results = tuple(
        StepResult(step, withheld=True) if step.key in never.steps
        else _result(step, steps, clean, programme, lang, include_hidden)
        for step in steps if step.kind != LOBBY
    )
    return Summary(name, programme.id, programme.title, lang, record.meta["created"],
                   exported or _now(), len(record.participants), results,
                   referat=referat.is_referat(steps), pair=programme.compares_pair,
                   include_hidden=include_hidden,
                   follows=str(record.meta.get("follows", "")),
                   attachment=referat.attachment(record))


def summary_from_session(session: Session, *, include_hidden: bool = False,
                         exported: str | None = None) -> Summary:
    """The summary of a live session."""
    return build_summary(session.name, session.programme, session.steps, session.record,
                         include_hidden=include_hidden, exported=exported)


def load_session(data_dir: Path, name: str, library: Library) -> tuple[Programme, list[Step], Record]:
    """A session file as it is on disk now, without locking it (safe while the session runs)."""
    try:
        record = Record.from_tables(read_snapshot(session_path(data_dir, name)))
    except (FileNotFoundError, BadSessionNameError):
        raise UnknownSessionError(name) from None
    meta = record.meta
    if not meta:
        raise UnknownSessionError(name)
    content = library.languages.get(meta["lang"])
    programme = content.programmes.get(meta["programme"]) if content else None
    if content is None or programme is None:
        raise UnknownSessionError(f"{name}: programme {meta['programme']!r}")
    return programme, build_steps(programme, content, meta["lang"]), record


def summary_from_file(data_dir: Path, name: str, library: Library, *, include_hidden: bool = False,
                      exported: str | None = None) -> Summary:
    """The summary of the session file as it is on disk now (safe while the session runs)."""
    programme, steps, record = load_session(data_dir, name, library)
    return build_summary(name, programme, steps, record, include_hidden=include_hidden,
                         exported=exported)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
