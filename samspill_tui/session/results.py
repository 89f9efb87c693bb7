"""Results as pure functions of the recorded votes: counts, means, a pair's distances, ranks and
agreement."""

from __future__ import annotations

from collections import Counter
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


def ranks(scores: Mapping[str, float], descending: bool = True) -> dict[str, float]:
    """Each key's rank (1 = first) by its score, tied keys sharing the mean of their ranks."""
    ordered = sorted(scores, key=lambda k: -scores[k] if descending else scores[k])
    result: dict[str, float] = {}
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and scores[ordered[end + 1]] == scores[ordered[start]]:
            end += 1
        for key in ordered[start:end + 1]:
            result[key] = (start + end) / 2 + 1
        start = end + 1
    return result


def kendall_w(rankings: Sequence[Mapping[str, float]], keys: Sequence[str]) -> float | None:
    """Kendall's coefficient of concordance W (0: no agreement, 1: all rank alike), corrected for
    ties; ``None`` with fewer than two rankings or nothing to tell apart."""
    m, n = len(rankings), len(keys)
    if m < 2 or n < 2:
        return None
    sums = [sum(r[k] for r in rankings) for k in keys]
    mean = m * (n + 1) / 2
    spread = sum((s - mean) ** 2 for s in sums)
    ties = sum(t ** 3 - t for r in rankings for t in Counter(r[k] for k in keys).values())
    room = m * m * (n ** 3 - n) - m * ties
    return 12 * spread / room if room > 0 else None
