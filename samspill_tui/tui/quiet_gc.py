"""Garbage collection that waits for a quiet moment in the room.

Reference counting frees almost everything a vote allocates; Python's cycle collector runs on top
of it every few hundred allocations, and in a hall that votes it walks the objects of every
request in flight: pauses of 3–25 ms in the middle generation and 100–250 ms in the oldest,
falling while the phones wait for their «registrert» (bench/RESULTS.md). So while the room is
busy (a vote, answer or join in the last ``QUIET_SECONDS``) nothing is collected; once it is
quiet, everything is collected once and Python collects as usual until the next activity. A room
that is never quiet is collected after ``MAX_WAIT`` seconds, or sooner once ``BUSY_LIMIT`` objects
have piled up (memory stays bounded whatever the hall does).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

# Python's own young and middle thresholds while quiet; the oldest generation only in ``tick``.
THRESHOLDS = (700, 10, 1_000_000)
QUIET_SECONDS = 2.0
MAX_WAIT = 300.0
BUSY_LIMIT = 1_000_000  # objects allocated (and not freed) since the last collection


class QuietCollector:
    """Pauses the cycle collector while the room is busy: call ``activity`` on every vote, answer
    or join, and ``tick`` every second or so."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last_activity = self.last_collection = clock()
        self.dirty = False  # something happened since the last full collection

    def start(self) -> None:
        """Freeze what exists now (it lives as long as the app) and take over collecting."""
        gc.freeze()
        gc.set_threshold(*THRESHOLDS)
        gc.enable()

    def activity(self, _event: object = None) -> None:
        """The room did something: no collection until it is quiet again."""
        self.last_activity = self.clock()
        if not self.dirty:
            self.dirty = True
            gc.disable()

    def tick(self) -> bool:
        """Collect every generation if the room has been quiet long enough (or busy too long, or
        with too much piled up); returns whether it did."""
        if not self.dirty:
            return False
        now = self.clock()
        if (now - self.last_activity < QUIET_SECONDS and now - self.last_collection < MAX_WAIT
                and gc.get_count()[0] < BUSY_LIMIT):
            return False
        gc.collect()
        self.last_collection, self.dirty = now, False
        gc.enable()
        return True
