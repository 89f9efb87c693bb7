"""Results as pure functions of the recorded votes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Agreement scale values: 1 (helt uenig) .. 5 (helt enig), 0 = vet ikke.
SCALE = (1, 2, 3, 4, 5)
DONT_KNOW = 0
SCALE_VALUES = (*SCALE, DONT_KNOW)
SCALE_OPTIONS = tuple(str(v) for v in SCALE_VALUES)  # as votes are stored, in display order


@dataclass(frozen=True)
class Distribution:
    """Counts per option, in display order, with the number who voted."""

    counts: tuple[tuple[str, int], ...]
    total: int

    def share(self, option: str) -> float:
        """Share of votes for ``option`` (0..1); 0 when nobody voted."""
        count = dict(self.counts).get(option, 0)
        return count / self.total if self.total else 0.0

    @property
    def mean(self) -> float | None:
        """Mean on the 1..5 scale, ignoring 'vet ikke'; None if no scale votes."""
        scored = [(int(k), n) for k, n in self.counts if k.isdigit() and k != "0"]
        n = sum(c for _, c in scored)
        return sum(v * c for v, c in scored) / n if n else None


def distribution(votes: Iterable[str], options: Iterable[str]) -> Distribution:
    """Count ``votes`` over ``options``; votes for unknown options are ignored."""
    order = list(options)
    counts = dict.fromkeys(order, 0)
    for vote in votes:
        if vote in counts:
            counts[vote] += 1
    return Distribution(tuple((o, counts[o]) for o in order), sum(counts.values()))



MIN_GROUP = 3  # smallest group a role breakdown may show (anonymity)


@dataclass(frozen=True)
class Breakdown:
    """Distributions per role, or the reason they are withheld (``too_small`` names groups)."""

    groups: tuple[tuple[str, Distribution], ...]
    too_small: tuple[str, ...] = ()
    no_roles: bool = False

    @property
    def shown(self) -> bool:
        """Whether the breakdown may be shown."""
        return bool(self.groups) and not self.too_small


def breakdown(votes: Mapping[str, str], roles: Mapping[str, str], options: Iterable[str],
              min_group: int = MIN_GROUP) -> Breakdown:
    """Votes (participant -> value) split by role, withheld if any group is below ``min_group``.

    Votes of participants without a role are left out. ``min_group=1`` shows every group
    (for sessions whose participants are known by design).
    """
    order = list(options)
    by_role: dict[str, list[str]] = {}
    for pid, value in votes.items():
        role = roles.get(pid)
        if role:
            by_role.setdefault(role, []).append(value)
    if not by_role:
        return Breakdown((), no_roles=True)
    small = tuple(sorted(r for r, vs in by_role.items() if len(vs) < min_group))
    if small:
        return Breakdown((), too_small=small)
    return Breakdown(tuple((r, distribution(vs, order)) for r, vs in sorted(by_role.items())))


@dataclass(frozen=True)
class Gap:
    """How far apart two people rated one statement (``None`` if either said 'vet ikke')."""

    step_key: str
    first: str
    second: str

    @property
    def distance(self) -> int | None:
        """The absolute difference on the 1..5 scale."""
        if DONT_KNOW in (int(self.first), int(self.second)):
            return None
        return abs(int(self.first) - int(self.second))


def gaps(votes: Mapping[str, Mapping[str, str]], step_keys: Iterable[str], first: str,
         second: str) -> list[Gap] | None:
    """Statements ranked by how far apart ``first`` and ``second`` rated them, largest first.

    ``None`` until both have rated every statement; statements where either said
    'vet ikke' come last, then the deck order breaks ties.
    """
    result = []
    for key in step_keys:
        step_votes = votes.get(key, {})
        if first not in step_votes or second not in step_votes:
            return None
        result.append(Gap(key, step_votes[first], step_votes[second]))
    return sorted(result, key=lambda g: (g.distance is None, -(g.distance or 0)))
