"""The disclosure policy: one value that says what may be shown, to whom, and when.

The read model (:mod:`samspill_tui.session.reading`) applies it for the projector, the phone
page and every export alike; no face decides for itself. The rules, in docs/disclosure.md:

- a group of votes (the room, or a role) is shown only with at least ``k`` respondents, and
  never so that the groups shown give away a withheld one;
- in a programme with ``roles: grupper``, phones choose a group only (folkevalgt, administrasjonen,
  annet), no role that names a person, and the groups are compared under ``k`` as above;
- where two people are named by design (the ordfører and the kommunedirektør of the ``samspill``
  dialogue), their own positions are shown only side by side in the gap view, once both have
  rated every statement; they are never part of another group;
- facilitator notes are never part of what the room or an export sees;
- a hidden answer is never shown or exported as text, only counted;
- an item marked ``referat: nei`` (pay) leaves no trace in any export but one sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from samspill_tui.content.model import Programme, Roles
from samspill_tui.session import referat
from samspill_tui.session.record import PAIR, Answer
from samspill_tui.session.steps import DeckRating, Questions, StatementVote, Step

K_DEFAULT = 5  # the smallest group shown, as HR survey tools do
K_MIN = 3  # the lowest a facilitator may set it


class PolicyError(ValueError):
    """A policy that would promise less than the product does (``k`` below :data:`K_MIN`)."""


@dataclass(frozen=True)
class Policy:
    """What may be disclosed in one session."""

    k: int = K_DEFAULT
    named: tuple[str, str] | None = None  # roles named by design, in the order they are shown
    groups: bool = False  # phones choose a group only, no role that names a person
    never: referat.Withheld = field(default_factory=lambda: referat.Withheld(frozenset(), frozenset()))

    def __post_init__(self) -> None:
        if self.k < K_MIN:
            raise PolicyError(f"k={self.k} < {K_MIN}")

    @classmethod
    def of(cls, programme: Programme, steps: Sequence[Step], meta: dict[str, Any]) -> Policy:
        """The policy of a session: its programme's design and the ``k`` it was created with."""
        return cls(k=max(K_MIN, int(meta.get("min_group", K_DEFAULT))),
                   named=PAIR if programme.compares_pair else None,
                   groups=programme.roles == Roles.GROUPS,
                   never=referat.withheld(steps))

    def shows(self, respondents: int) -> bool:
        """Whether a group of ``respondents`` may be shown."""
        return respondents >= self.k

    def is_named(self, role: str | None) -> bool:
        """Whether ``role`` is one of the two named by design."""
        return self.named is not None and role in self.named

    def promise(self, role: str | None, step: Step) -> str:
        """The i18n key of what a phone with ``role`` is promised about who sees its vote on ``step``:
        the named pair's ratings of statements go to the gap view; any other vote of theirs is
        shown nowhere (it would be theirs alone). Questions are anonymous for every role."""
        if isinstance(step.body, Questions):
            return "promise.questions" if step.body.approval else "promise.questions_direct"
        if self.named is None:
            return "promise.grouped"
        if not self.is_named(role):
            return "promise.observer"
        rates = isinstance(step.body, StatementVote | DeckRating)
        return "promise.named" if rates else "promise.named_unshown"

    def role_promise(self) -> str:
        """The i18n key of what the role page promises before anyone chooses."""
        if self.named is not None:
            return "promise.role_named"
        return "promise.role_groups" if self.groups else "promise.role"

    def never_written(self, step: Step) -> bool:
        """Whether nothing of ``step`` may reach any export (the pay item)."""
        return step.key in self.never.steps

    def never_written_answer(self, answer: Answer) -> bool:
        """Whether ``answer`` belongs to an item that is never written down."""
        return self.never.answer(answer)

    def never_written_question(self, step: Step, question: int) -> bool:
        """Whether question ``question`` of ``step`` is input for an item never written down."""
        return (step.key, question) in self.never.inputs
