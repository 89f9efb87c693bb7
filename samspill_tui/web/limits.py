"""The phone face's rate limits, as plain values (no aiohttp: the server reads them before it starts)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    """A token bucket: ``burst`` requests at once, refilled at ``per_second``."""

    burst: float
    per_second: float


@dataclass(frozen=True)
class Limits:
    """The rate limits of the phone face; generous for people, 500 phones behind one NAT."""

    posts: Rate = Rate(20, 1.0)  # per participant: votes, answers, role
    joins: Rate = Rate(300, 5.0)  # per client IP: new participants (token or code)
    failures: Rate = Rate(6, 0.1)  # per client IP: wrong short codes, about 6 a minute
    streams: int = 4  # open live streams per participant
    rotate_after: int = 30  # wrong short codes in all before the code changes by itself
    keepalive: float = 10.0  # seconds an idle connection is kept, and to send a request's headers
    body_seconds: float = 10.0  # to send a request's body (a full answer takes milliseconds)
