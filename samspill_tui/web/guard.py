"""Rules every request passes: Host check, same-origin posts, rate limits, security headers."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import Any

from aiohttp import web

from samspill_tui.web.limits import Rate
from samspill_tui.web.pages import SERVER_KEY, message

log = logging.getLogger(__name__)
CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; "
       "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
STATIC_CACHE = "public, max-age=86400"  # static URLs carry a content hash (?v=...)


class RateLimiter:
    """Token buckets by key (participant id or client IP)."""

    MAX_KEYS = 10_000

    def __init__(self, rate: Rate, clock: Callable[[], float]) -> None:
        self.rate, self.clock = rate, clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def _level(self, key: str) -> float:
        tokens, then = self._buckets.get(key, (self.rate.burst, self.clock()))
        return min(self.rate.burst, tokens + (self.clock() - then) * self.rate.per_second)

    def take(self, key: str) -> bool:
        """Spend one request of ``key``'s bucket; False (nothing spent) when it is empty."""
        level = self._level(key)
        if level < 1:
            return False
        if len(self._buckets) >= self.MAX_KEYS:
            self._forget_full()
        self._buckets[key] = (level - 1, self.clock())
        return True

    def give_back(self, key: str) -> None:
        """Return a request spent by ``take`` that turned out not to count (a right code)."""
        if key in self._buckets:
            self._buckets[key] = (min(self.rate.burst, self._level(key) + 1), self.clock())

    def retry_after(self, key: str) -> int:
        """Seconds until ``key`` may make a request again."""
        missing = 1 - self._level(key)
        return max(1, math.ceil(missing / self.rate.per_second)) if missing > 0 else 0

    def _forget_full(self) -> None:
        for key in [k for k in self._buckets if self._level(k) >= self.rate.burst]:
            del self._buckets[key]


def client_ip(request: web.Request) -> str:
    """The peer address (no proxy sits in front of the laptop)."""
    return request.remote or "?"


def too_many(request: web.Request, limiter: RateLimiter, key: str) -> web.Response:
    """The 429 page, with Retry-After."""
    return message(request, "web.rate_limited", 429, code="rate-limited",
                   headers={"Retry-After": str(limiter.retry_after(key))})


def same_origin(request: web.Request) -> bool:
    """Whether a POST comes from our own page (Origin and Sec-Fetch-Site, set by the browser)."""
    # With Referrer-Policy: no-referrer, browsers send "Origin: null" on same-origin form posts;
    # Sec-Fetch-Site (which pages cannot set) still tells a cross-site post.
    origin = request.headers.get("Origin")
    fetch_site = request.headers.get("Sec-Fetch-Site")
    allowed = request.app[SERVER_KEY].origins
    return (origin is None or origin == "null" or origin in allowed) and \
        fetch_site in (None, "same-origin", "none")


@web.middleware
async def security_headers(request: web.Request, handler: Any) -> web.StreamResponse:
    """Add the headers every response carries; unknown paths get our own page."""
    try:
        response: web.StreamResponse = await handler(request)
    except web.HTTPException as exc:
        if exc.status not in (404, 405):
            exc.headers.update(HEADERS)
            exc.headers.setdefault("Cache-Control", "no-store")
            raise
        response = message(request, "web.not_found", exc.status)
    except Exception:  # a bug: logged, and the phone still gets our page with our headers
        log.exception("request %s %s failed", request.method, request.path)
        response = message(request, "err.server", 500, code="server")
    if not response.prepared:
        response.headers.update(HEADERS)
        static = request.path.startswith("/static/") and response.status == 200
        response.headers.setdefault("Cache-Control", STATIC_CACHE if static else "no-store")
    return response


@web.middleware
async def check_host(request: web.Request, handler: Any) -> web.StreamResponse:
    """Only the host and port the app announces are served (defeats DNS rebinding)."""
    if request.headers.get("Host", "").lower() not in request.app[SERVER_KEY].hosts:
        return message(request, "web.bad_host", 421, code="bad-host")
    response: web.StreamResponse = await handler(request)
    return response
