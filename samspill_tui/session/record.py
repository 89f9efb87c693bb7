"""What a session has recorded, as plain data rebuilt from the store's tables.

The live session keeps one :class:`Record` in memory; exports rebuild one from a file
snapshot, so both read the same shapes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from samspill_tui.content.model import Roles

# Roles a participant may choose when the programme asks (ids as stored; labels in i18n).
ROLES = ("folkevalgt", "administrasjon", "ordforer", "kommunedirektor", "annet")
# What a phone chooses from, by the programme's ``roles:``; in groups only, no role names a person.
ROLE_CHOICES = {Roles.NONE: (), Roles.ALL: ROLES, Roles.GROUPS: ("folkevalgt", "administrasjon", "annet")}
# Who may follow up an agreement (utviklingssamtale and the gap view).
OWNERS = ("kommunedirektor", "arbeidsgiver", "ordforer")
# The two people the gap view compares, in the order it shows them.
PAIR = ("ordforer", "kommunedirektor")


class CorruptSessionError(Exception):
    """A session file that cannot be read as a session. It is left exactly as it is."""

    def __init__(self, path: object) -> None:
        super().__init__(str(path))
        self.path = path


# What reading a damaged file raises (bad JSON, missing or mistyped fields).
DAMAGED = (ValueError, KeyError, TypeError, AttributeError, IndexError)



def public_id(key: str) -> str:
    """The id an answer is known by outside the laptop's core: phones and consoles (its key holds
    the participant's id, which is the phone's cookie, and would tie its answers together)."""
    return hashlib.sha256(key.encode()).hexdigest()[:12]

@dataclass
class Participant:
    """A joined phone. The id is a random secret kept in the phone's cookie."""

    id: str
    csrf: str
    joined: str
    role: str | None = None
    confirmed: bool = True  # a role named by design waits for the facilitator's confirmation

    def doc(self) -> dict[str, Any]:
        """The participant as stored."""
        return {"k": self.id, "csrf": self.csrf, "joined": self.joined, "role": self.role,
                **({} if self.confirmed else {"confirmed": False})}


@dataclass(frozen=True)
class Answer:
    """A free-text answer to one question of a step (or a question sent on a questions step); the
    facilitator may hide or highlight it (or mark a question ``answered``), and on a pre-moderated
    step it is ``pending`` until the facilitator approves it."""

    key: str
    step_key: str
    question: int
    text: str
    at: str
    pid: str = ""
    hidden: bool = False
    highlighted: bool = False
    pending: bool = False
    answered: bool = False

    @cached_property
    def public(self) -> str:
        """The id a phone may know it by (its key names the participant, who is secret)."""
        return public_id(self.key)

    def doc(self) -> dict[str, Any]:
        """The answer as stored."""
        flags = {"hidden": self.hidden, "highlighted": self.highlighted, "pending": self.pending,
                 "answered": self.answered}
        return {"k": self.key, "step": self.step_key, "pid": self.pid, "q": self.question,
                "text": self.text, "at": self.at, **{k: True for k, on in flags.items() if on}}


@dataclass(frozen=True)
class StepState:
    """What the facilitator has done on a step: results revealed (on the phones too), voting locked,
    answers pre-moderated."""

    revealed: bool = False
    locked: bool = False
    premoderated: bool = False
    on_phones: bool = False  # revealed results are shown on the phones too

    def doc(self, step_key: str) -> dict[str, Any]:
        """The state as stored."""
        return {"k": step_key, "revealed": self.revealed, "locked": self.locked,
                **({"premoderated": True} if self.premoderated else {}),
                **({"on_phones": True} if self.on_phones else {})}

    @property
    def phones_see_results(self) -> bool:
        """Whether the phones show the step's results now."""
        return self.revealed and self.on_phones


@dataclass(frozen=True)
class Agreement:
    """Something the participants agreed to do, who follows it up and by when."""

    key: str
    step_key: str
    text: str
    owner: str = ""
    due: str = ""
    status: str = ""

    def doc(self) -> dict[str, Any]:
        """The agreement as stored."""
        return {"k": self.key, "step": self.step_key, "text": self.text, "owner": self.owner,
                "due": self.due, "status": self.status}


@dataclass
class Record:
    """Everything recorded in one session."""

    meta: dict[str, Any] = field(default_factory=dict)
    participants: dict[str, Participant] = field(default_factory=dict)
    votes: dict[str, dict[str, str]] = field(default_factory=dict)  # step key -> pid -> value
    answers: dict[str, dict[str, Answer]] = field(default_factory=dict)  # step key -> key -> answer
    # step key -> participant id -> the keys of their answers, oldest first (a phone's own page)
    answer_keys: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    states: dict[str, StepState] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # step key -> facilitator's note
    agreements: dict[str, Agreement] = field(default_factory=dict)
    finished: dict[str, set[str]] = field(default_factory=dict)  # rating step key -> pids done with it
    # questions step key -> question (answer) key -> the pids that upvoted it
    upvotes: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    @classmethod
    def from_tables(cls, tables: dict[str, list[dict[str, Any]]]) -> Record:
        """Rebuild a record from the documents of every table."""
        rec = cls(meta=dict(next(iter(tables.get("meta", [])), {})))
        for doc in tables.get("participants", []):
            rec.participants[doc["k"]] = Participant(doc["k"], doc["csrf"], doc["joined"],
                                                     doc.get("role"), bool(doc.get("confirmed", True)))
        for doc in tables.get("votes", []):
            pid = doc.get("pid", doc["k"])  # older files keyed votes "<step>|<pid>"
            rec.votes.setdefault(doc["step"], {})[pid] = doc["value"]
        for doc in sorted(tables.get("answers", []), key=lambda d: str(d["at"])):
            rec.add_answer(Answer(doc["k"], doc["step"], doc["q"], doc["text"], doc["at"],
                                  doc.get("pid", ""), bool(doc.get("hidden")),
                                  bool(doc.get("highlighted")), bool(doc.get("pending")),
                                  bool(doc.get("answered"))))
        for doc in tables.get("steps", []):
            rec.states[doc["k"]] = StepState(bool(doc.get("revealed")), bool(doc.get("locked")),
                                             bool(doc.get("premoderated")), bool(doc.get("on_phones")))
        for doc in tables.get("notes", []):
            rec.notes[doc["k"]] = doc["text"]
        for doc in tables.get("agreements", []):
            rec.agreements[doc["k"]] = Agreement(doc["k"], doc["step"], doc["text"],
                                                 doc.get("owner", ""), doc.get("due", ""),
                                                 doc.get("status", ""))
        for doc in tables.get("finished", []):
            rec.finished.setdefault(doc["step"], set()).add(doc["pid"])
        for doc in tables.get("upvotes", []):
            voters = rec.upvotes.setdefault(doc["step"], {}).setdefault(doc["q"], set())
            if doc.get("on", True):
                voters.add(doc["pid"])
            else:
                voters.discard(doc["pid"])
        return rec

    def add_answer(self, answer: Answer) -> None:
        """Keep a new answer, indexed under its participant (its key is ``<pid>:<submission>``)."""
        self.answers.setdefault(answer.step_key, {})[answer.key] = answer
        owner = answer.key.partition(":")[0]
        self.answer_keys.setdefault(answer.step_key, {}).setdefault(owner, []).append(answer.key)

    def state(self, step_key: str) -> StepState:
        """The facilitator's state of a step (hidden and open until changed)."""
        return self.states.get(step_key, StepState())

    def roles(self) -> dict[str, str]:
        """Participant id -> chosen role, for those who chose one."""
        return {pid: p.role for pid, p in self.participants.items() if p.role}

    def pair(self) -> tuple[str, str] | None:
        """The ordfører's and the kommunedirektør's ids, once one of each has joined and the
        facilitator has confirmed both."""
        found = [[p for p in self.participants.values() if p.role == role] for role in PAIR]
        if all(len(ps) == 1 and ps[0].confirmed for ps in found):
            return found[0][0].id, found[1][0].id
        return None
