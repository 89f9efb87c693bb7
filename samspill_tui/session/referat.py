"""Referat rules: what may be written down, the input shown under each agenda item, carry-over.

The disclosure policy (:mod:`samspill_tui.session.policy`) takes :func:`withheld` from here, so
an item marked ``referat: nei`` in content (the kommunedirektør's pay) reaches no summary, no
referat and no file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from samspill_tui.content.model import NOT_IN_REFERAT, REFERAT_PARTS
from samspill_tui.session.record import Agreement, Answer, Record
from samspill_tui.session.steps import Reflection, Step

# Agreements copied from the previous session of a series have keys starting with this.
CARRIED_PREFIX = "forrige|"


@dataclass(frozen=True)
class Withheld:
    """What is never written down: whole steps, and single questions of an input step."""

    steps: frozenset[str]
    inputs: frozenset[tuple[str, int]]  # (input step key, 0-based question)

    def answer(self, answer: Answer) -> bool:
        """Whether ``answer`` must be left out."""
        return answer.step_key in self.steps or (answer.step_key, answer.question) in self.inputs


def part(step: Step) -> str:
    """The referat part of an agenda step ("" for any other step)."""
    source = step.body.source if isinstance(step.body, Reflection) else None
    return source.referat if source else ""


def is_referat(steps: Sequence[Step]) -> bool:
    """Whether a programme's summary is a referat (it has agenda items with a referat part)."""
    return any(part(step) in REFERAT_PARTS for step in steps)


def agenda(steps: Sequence[Step]) -> list[Step]:
    """The agenda items that are written in the referat (those marked ``nei`` are not)."""
    return [s for s in steps if part(s) in REFERAT_PARTS]


def input_source(steps: Sequence[Step], step: Step) -> tuple[Step, int] | None:
    """The input step whose answers ``step`` shows, and the 0-based question, if any."""
    source = step.body.source if isinstance(step.body, Reflection) else None
    link = source.input if source else None
    if link is None:
        return None
    key = f"reflection:{link[0]}"
    found = next((s for s in steps if s.key == key and s.accepts_answers), None)
    return (found, link[1] - 1) if found else None


def input_for(record: Record, steps: Sequence[Step], step: Step) -> list[Answer]:
    """The answers collected before the meeting for agenda item ``step`` (hidden ones left out)."""
    found = input_source(steps, step)
    if found is None:
        return []
    source, question = found
    return [a for a in record.answers.get(source.key, {}).values()
            if a.question == question and not a.hidden and not a.pending]


def withheld(steps: Sequence[Step]) -> Withheld:
    """The steps marked ``referat: nei`` and the input questions that belong to them."""
    never = [s for s in steps if part(s) == NOT_IN_REFERAT]
    inputs = set()
    for step in never:
        found = input_source(steps, step)
        if found is not None:
            inputs.add((found[0].key, found[1]))
    return Withheld(frozenset(s.key for s in never), frozenset(inputs))


def redact(record: Record, steps: Sequence[Step]) -> Record:
    """A copy of ``record`` without anything from steps and input that are never written down."""
    rule = withheld(steps)
    answers = {key: {k: a for k, a in by_key.items() if not rule.answer(a)}
               for key, by_key in record.answers.items() if key not in rule.steps}
    return replace(
        record,
        votes={k: v for k, v in record.votes.items() if k not in rule.steps},
        answers=answers,
        notes={k: v for k, v in record.notes.items() if k not in rule.steps},
        agreements={k: a for k, a in record.agreements.items() if a.step_key not in rule.steps},
    )


def is_carried(agreement: Agreement) -> bool:
    """Whether an agreement was carried over from the previous session of the series."""
    return agreement.key.startswith(CARRIED_PREFIX)


def to_carry(record: Record, steps: Sequence[Step]) -> list[Agreement]:
    """The agreements a previous session made (not those it carried itself), pay item excluded."""
    order = {s.key: n for n, s in enumerate(steps)}
    made = [a for a in redact(record, steps).agreements.values() if not is_carried(a)]
    return sorted(made, key=lambda a: order.get(a.step_key, len(order)))


def carried_copy(source: str, agreement: Agreement, step_key: str) -> Agreement:
    """An agreement of session ``source`` as the next session's review item, status empty."""
    return Agreement(f"{CARRIED_PREFIX}{source}|{agreement.key}", step_key, agreement.text,
                     agreement.owner, agreement.due, "")


def attachment(record: Record) -> tuple[str, str] | None:
    """The note attached to the session as (file name, Markdown text), if any."""
    value = record.meta.get("attachment")
    return (str(value["name"]), str(value["text"])) if isinstance(value, dict) else None
