"""Results as pure functions of the recorded votes."""

from __future__ import annotations

from collections.abc import Iterable
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

