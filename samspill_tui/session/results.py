"""Results as pure functions of the recorded votes: counts, means, and a pair's distances."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from samspill_tui.session.steps import DONT_KNOW


def counts(votes: Iterable[str], values: Sequence[str]) -> tuple[int, ...]:
    """How many ``votes`` went to each of ``values``, in order; unknown values are ignored."""
    tally = dict.fromkeys(values, 0)
    for vote in votes:
        if vote in tally:
            tally[vote] += 1
    return tuple(tally[v] for v in values)


def scale_mean(values: Sequence[str], tally: Sequence[int]) -> float | None:
    """The mean on the 1..5 scale, ignoring 'vet ikke'; ``None`` without scale votes."""
    scored = [(int(v), n) for v, n in zip(values, tally, strict=True) if v.isdigit() and v != DONT_KNOW]
    n = sum(c for _, c in scored)
    return sum(v * c for v, c in scored) / n if n else None


def distance(first: str, second: str) -> int | None:
    """How far apart two ratings are on the 1..5 scale (``None`` if either said 'vet ikke')."""
    if DONT_KNOW in (first, second):
        return None
    return abs(int(first) - int(second))


def rank_by_distance(votes: Mapping[str, Mapping[str, str]], step_keys: Iterable[str], first: str,
                     second: str) -> list[tuple[str, str, str]] | None:
    """(step key, first's rating, second's) ranked by distance, largest first.

    ``None`` until both have rated every statement; statements where either said
    'vet ikke' come last, then the deck order breaks ties.
    """
    rows = []
    for key in step_keys:
        step_votes = votes.get(key, {})
        if first not in step_votes or second not in step_votes:
            return None
        rows.append((key, step_votes[first], step_votes[second]))
    return sorted(rows, key=lambda r: (distance(r[1], r[2]) is None, -(distance(r[1], r[2]) or 0)))
