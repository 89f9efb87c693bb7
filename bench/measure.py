"""What the benchmarks measure inside a process: percentiles, loop lag, votes and tally redraws."""

from __future__ import annotations

import asyncio
import bisect
import resource
import statistics
import time
from typing import Any

from samspill_tui.session.events import Event, VoteRecorded

LAG_TICK = 0.01  # seconds the loop-lag probe sleeps; lag = how much later it wakes


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values`` (nearest rank), 0 if there are none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


class Monitor:
    """Measures, in the server's own loop: loop lag, votes recorded and tally redraws."""

    def __init__(self) -> None:
        self.lags: list[float] = []
        self.votes: list[float] = []
        self.redraws: list[float] = []

    async def probe(self) -> None:
        """Sleep ``LAG_TICK`` again and again, noting how much later than asked the loop woke."""
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(LAG_TICK)
            self.lags.append(loop.time() - before - LAG_TICK)

    def on_event(self, event: Event) -> None:
        """A session listener: note when each vote was recorded."""
        if isinstance(event, VoteRecorded):
            self.votes.append(time.monotonic())

    def mark(self) -> None:
        """Start a new measurement window."""
        self.lags, self.votes, self.redraws = [], [], []

    def stats(self) -> dict[str, Any]:
        """What was measured since ``mark``."""
        votes, redraws = sorted(self.votes), sorted(self.redraws)
        stale = []  # seconds from a vote being recorded to the tally showing it
        for t in votes:
            i = bisect.bisect_left(redraws, t)
            if i < len(redraws):
                stale.append(redraws[i] - t)
        span = (votes[-1] - votes[0]) if len(votes) > 1 else 0.0
        during = [r for r in redraws if votes and votes[0] <= r <= votes[-1]]
        return {
            "lag_p99_ms": percentile(self.lags, 0.99) * 1000,
            "lag_max_ms": max(self.lags, default=0.0) * 1000,
            "lag_mean_ms": statistics.fmean(self.lags) * 1000 if self.lags else 0.0,
            "votes_recorded": len(votes),
            "redraws": len(redraws),
            "redraws_per_s": len(during) / span if span else 0.0,
            "stale_p99_ms": percentile(stale, 0.99) * 1000,
            "stale_max_ms": max(stale, default=0.0) * 1000,
            "never_shown": len(votes) - len(stale),
            "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
