"""Garbage collection that leaves the oldest generation for a quiet moment in the room.

Python collects the oldest generation now and then on its own; with a session's worth of
objects that pause reaches 100–250 ms, and it falls, as likely as not, while a hall is voting
(bench/RESULTS.md). Here the young and middle generations are collected as Python would
(a few milliseconds at most), and the oldest one only once no vote, answer or join has come
for ``QUIET_SECONDS``, or, in a room that is never quiet, after ``MAX_WAIT`` seconds.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

# Python's own young and middle thresholds; the oldest generation is never collected on its own.
THRESHOLDS = (700, 10, 1_000_000)
QUIET_SECONDS = 2.0
MAX_WAIT = 300.0


class QuietCollector:
    """Collects the oldest generation when the room is quiet: call ``activity`` on every vote,
    answer or join, and ``tick`` every second or so."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last_activity = self.last_collection = clock()
        self.dirty = False  # something happened since the last collection

    def start(self) -> None:
        """Freeze what exists now (it lives as long as the app) and take over the old generation."""
        gc.freeze()
        gc.set_threshold(*THRESHOLDS)
        gc.enable()

    def activity(self, _event: object = None) -> None:
        """The room did something."""
        self.last_activity = self.clock()
        self.dirty = True

    def tick(self) -> bool:
        """Collect every generation if the room has been quiet long enough (or too long busy);
        returns whether it did."""
        now = self.clock()
        quiet = now - self.last_activity >= QUIET_SECONDS
        if not (self.dirty and (quiet or now - self.last_collection >= MAX_WAIT)):
            return False
        gc.collect()
        self.last_collection, self.dirty = now, False
        return True
