"""What the benchmarks measure inside a process: percentiles, loop lag, votes and tally redraws."""

from __future__ import annotations

import asyncio
import bisect
import resource
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from samspill_tui.session.events import Event, VoteRecorded

LAG_TICK = 0.01  # seconds the loop-lag probe sleeps; lag = how much later it wakes


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values`` (nearest rank), 0 if there are none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


@dataclass
class Window:
    """What was measured between one ``resume`` and the next ``pause``."""

    began: float = field(default_factory=time.monotonic)
    lags: list[float] = field(default_factory=list)
    votes: list[float] = field(default_factory=list)
    redraws: list[float] = field(default_factory=list)


class Monitor:
    """Measures, in the server's own loop, while resumed: loop lag, votes recorded and tally
    redraws. Pausing lets the parent measure servers in turns (another server's turn, during
    which this process may be stopped, is not counted)."""

    def __init__(self) -> None:
        self.windows: list[Window] = []
        self.active = False

    async def probe(self) -> None:
        """Sleep ``LAG_TICK`` again and again, noting how much later than asked the loop woke."""
        while True:
            before = time.monotonic()
            await asyncio.sleep(LAG_TICK)
            # A sleep begun before the window (say, while the process was stopped) is not lag.
            if self.active and before >= self.windows[-1].began:
                self.windows[-1].lags.append(time.monotonic() - before - LAG_TICK)

    def on_event(self, event: Event) -> None:
        """A session listener: note when each vote was recorded."""
        if self.active and isinstance(event, VoteRecorded):
            self.windows[-1].votes.append(time.monotonic())

    def redrawn(self) -> None:
        """The projector's tally was redrawn."""
        if self.active:
            self.windows[-1].redraws.append(time.monotonic())

    def mark(self) -> None:
        """Forget what was measured and start measuring."""
        self.windows = []
        self.resume()

    def resume(self) -> None:
        """Measure (again)."""
        if not self.active:
            self.windows.append(Window())
            self.active = True

    def pause(self) -> None:
        """Stop measuring until ``resume``."""
        self.active = False

    def stats(self) -> dict[str, Any]:
        """What was measured since ``mark``."""
        lags = [lag for w in self.windows for lag in w.lags]
        stale = []  # seconds from a vote being recorded to the tally showing it
        shown = span = 0.0
        for w in self.windows:
            votes, redraws = sorted(w.votes), sorted(w.redraws)
            for t in votes:
                i = bisect.bisect_left(redraws, t)
                if i < len(redraws):
                    stale.append(redraws[i] - t)
            if votes:  # from the first vote until the tally shows the last one
                i = bisect.bisect_left(redraws, votes[-1])
                end = redraws[i] if i < len(redraws) else votes[-1]
                span += end - votes[0]
                shown += sum(1 for r in redraws if votes[0] <= r <= end)
        votes_recorded = sum(len(w.votes) for w in self.windows)
        return {
            "lag_p99_ms": percentile(lags, 0.99) * 1000,
            "lag_max_ms": max(lags, default=0.0) * 1000,
            "lag_mean_ms": statistics.fmean(lags) * 1000 if lags else 0.0,
            "votes_recorded": votes_recorded,
            "redraws": sum(len(w.redraws) for w in self.windows),
            "redraws_per_s": shown / span if span else 0.0,
            "stale_p99_ms": percentile(stale, 0.99) * 1000,
            "stale_max_ms": max(stale, default=0.0) * 1000,
            "never_shown": votes_recorded - len(stale),
            "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
