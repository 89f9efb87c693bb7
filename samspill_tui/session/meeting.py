"""The meeting details that make a summary into minutes a council can file.

Organ and kommune, place, date with start and end time, who was present (names, or counts by
role, as the facilitator chooses), møteleder and referent. The facilitator types them (the home
screen, ``samspill run`` options, or the key M during the session); they are kept in the
session's meta and shown at the top of every export. They are the facilitator's own record of the
meeting, not what participants sent, so the disclosure policy has nothing to withhold in them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any

from samspill_tui.session.record import ROLES

MAX_FIELD_CHARS = 200
MAX_PRESENT_CHARS = 2000
_NORWEGIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")


class MeetingError(ValueError):
    """A meeting detail that cannot be read; ``code`` names it (``err.meeting-<code>`` in i18n)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def parse_date(text: str) -> str | None:
    """A date typed as dd.mm.yyyy (or yyyy-mm-dd) as ISO; "" for none; None if invalid."""
    text = text.strip()
    if not text:
        return ""
    m = _NORWEGIAN_DATE.match(text)
    try:
        return (date(int(m[3]), int(m[2]), int(m[1])) if m else date.fromisoformat(text)).isoformat()
    except ValueError:
        return None


def parse_clock(text: str) -> str | None:
    """A clock time typed as HH:MM or HH.MM as HH:MM; "" for none; None if invalid."""
    text = text.strip()
    if not text:
        return ""
    m = _CLOCK.match(text)
    if m is None or int(m[1]) > 23 or int(m[2]) > 59:
        return None
    return f"{int(m[1]):02d}:{m[2]}"


def parse_names(text: str) -> tuple[str, ...]:
    """Names typed on one line, separated by commas or semicolons (or one per line)."""
    return tuple(n for n in (p.strip() for p in re.split(r"[,;\n]", text)) if n)


@dataclass(frozen=True)
class Meeting:
    """Who met, where and when; every field may be empty."""

    organ: str = ""  # e.g. «Formannskapet»
    kommune: str = ""
    place: str = ""
    date: str = ""  # ISO date
    start: str = ""  # HH:MM
    end: str = ""  # HH:MM
    present: tuple[str, ...] = ()  # names, when the facilitator lists them
    counts: tuple[tuple[str, int], ...] = ()  # (role id, how many present), in ROLES order
    chair: str = ""  # møteleder
    secretary: str = ""  # referent

    @property
    def empty(self) -> bool:
        """Whether nothing is filled in."""
        return self == Meeting()

    def doc(self) -> dict[str, Any]:
        """The details as stored in the session's meta."""
        doc = asdict(self)
        doc["present"] = list(self.present)
        doc["counts"] = {role: n for role, n in self.counts}
        return doc

    @classmethod
    def of(cls, doc: object) -> Meeting:
        """The details stored in a session's meta (tolerant of a missing or edited value)."""
        if not isinstance(doc, dict):
            return cls()
        text = {f.name: str(doc.get(f.name) or "") for f in fields(cls)
                if f.name not in ("present", "counts")}
        present = doc.get("present") or []
        counts = doc.get("counts") or {}
        return cls(**text,
                   present=tuple(str(n) for n in present) if isinstance(present, list) else (),
                   counts=_counts(counts) if isinstance(counts, dict) else ())

    def merged(self, other: Meeting) -> Meeting:
        """These details with every field that ``other`` fills in taken from it."""
        changes = {f.name: getattr(other, f.name) for f in fields(self) if getattr(other, f.name)}
        return replace(self, **changes)

    def checked(self, clean: Any) -> Meeting:
        """The details cleaned (``clean`` is the participant-text cleaner) and validated.

        Raises MeetingError for a date or time that cannot be read, an end before the start, a
        negative count or an unknown role.
        """
        def short(value: str) -> str:
            value = " ".join(clean(value).split())
            if len(value) > MAX_FIELD_CHARS:
                raise MeetingError("long")
            return value

        day, start, end = parse_date(self.date), parse_clock(self.start), parse_clock(self.end)
        if day is None:
            raise MeetingError("date")
        if start is None or end is None or (start and end and end < start):
            raise MeetingError("time")
        present = tuple(n for n in (short(n) for n in self.present) if n)
        if sum(map(len, present)) > MAX_PRESENT_CHARS:
            raise MeetingError("long")
        if any(role not in ROLES or n < 0 for role, n in self.counts):
            raise MeetingError("count")
        return Meeting(short(self.organ), short(self.kommune), short(self.place), day, start, end,
                       present, _counts(dict(self.counts)), short(self.chair), short(self.secretary))


def _counts(counts: dict[Any, Any]) -> tuple[tuple[str, int], ...]:
    found = []
    for role in ROLES:
        try:
            n = int(counts.get(role) or 0)
        except (TypeError, ValueError):
            continue
        if n > 0:
            found.append((role, n))
    return tuple(found)
