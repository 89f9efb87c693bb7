"""HTTP routes of the phone page: join, choose a role, show the current step, vote, answer, follow.

The network side can do nothing else: every facilitator action lives in the TUI only.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections import deque
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web

from samspill_tui.session.ballots import MAX_WORD_CHARS, given, words_of
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.reading import Cloud, Held, Standing, Tally, agreement_text, held_text
from samspill_tui.session.record import Participant
from samspill_tui.session.steps import DeckRating, Step, label, options
from samspill_tui.session.store import StoreError
from samspill_tui.text import MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, clean_text
from samspill_tui.web.follow import Pulse, stream
from samspill_tui.web.guard import (
    HEADERS,
    RateLimiter,
    check_host,
    client_ip,
    same_origin,
    security_headers,
    too_many,
)
from samspill_tui.web.pages import (
    SERVER_KEY,
    SESSION_KEY,
    Host,
    PageCache,
    clip,
    message,
    render,
    render_markdown,
    translator,
    unmark,
    wants_json,
)

HERE = Path(__file__).parent
MAX_BODY = 16 * 1024  # a full answer of 1,000 characters in any script, percent-encoded, fits
MAX_TOKEN = 64  # longer join tokens and submission ids are refused unread
WEEK = 7 * 24 * 3600
PHONE_QUESTIONS = 5  # the top questions a phone lists (the page stays within its 15 KB) ...
PHONE_QUESTION_BYTES = 500  # ... each cut short where its escaped text would pass this


@dataclass
class Guards:
    """The rate limiters, the memory of recent vote submissions and the rendered pages of one app."""

    posts: RateLimiter
    joins: RateLimiter
    failures: RateLimiter
    streams: int
    pulse: Pulse
    recent: dict[str, deque[tuple[str, str]]]
    pages: PageCache
    wrong_codes: int = 0  # wrong short codes since the code last changed, from every address


GUARDS_KEY = web.AppKey("guards", Guards)
ROUTES = (  # everything the network can reach (a test pins it)
    ("GET", "/"), ("GET", "/j/{token}"), ("POST", "/kode"), ("POST", "/role"), ("POST", "/vote"),
    ("POST", "/answer"), ("POST", "/rate"), ("POST", "/ask"), ("POST", "/upvote"), ("GET", "/state"),
    ("GET", "/events"),
)


def build_app(session: Session, server: Host) -> web.Application:
    """The aiohttp application for ``session``; ``server`` knows the announced hosts and limits."""
    app = web.Application(client_max_size=MAX_BODY, middlewares=[security_headers, check_host])
    app[SESSION_KEY] = session
    app[SERVER_KEY] = server
    limits, clock = server.limits, server.clock
    pulse = Pulse(session)
    app[GUARDS_KEY] = Guards(RateLimiter(limits.posts, clock), RateLimiter(limits.joins, clock),
                             RateLimiter(limits.failures, clock), limits.streams, pulse, {},
                             PageCache())
    app.on_shutdown.append(pulse.close)
    env = aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(HERE / "templates"),
                               autoescape=True, trim_blocks=True, lstrip_blocks=True)
    static = app.router.add_static("/static", HERE / "static", append_version=True)
    env.globals.update(
        md=render_markdown, unmark=unmark, clip=lambda text: clip(text, PHONE_QUESTION_BYTES),
        max_chars=MAX_ANSWER_CHARS, max_question=MAX_QUESTION_CHARS, word_chars=MAX_WORD_CHARS,
        words_of=words_of, given=given, agreement=agreement_text,
        static={name: str(static.url_for(filename=name)) for name in ("style.css", "app.js", "icon.svg")},
    )
    app.router.add_get("/", page)
    app.router.add_get("/j/{token}", join_by_token, allow_head=False)
    app.router.add_post("/kode", join_by_code)
    app.router.add_post("/role", role)
    app.router.add_post("/vote", vote)
    app.router.add_post("/answer", answer)
    app.router.add_post("/rate", rate)
    app.router.add_post("/ask", ask)
    app.router.add_post("/upvote", upvote)
    app.router.add_get("/state", state)
    app.router.add_get("/events", events)
    return app


def _participant(request: web.Request) -> Participant | None:
    pid = request.cookies.get(request.app[SERVER_KEY].cookie_name, "")
    return request.app[SESSION_KEY].participants.get(pid)


# -- joining ------------------------------------------------------------------------------


def _join_page(request: web.Request, error: str = "", status: int = 200) -> web.Response:
    session = request.app[SESSION_KEY]
    if not session.joining_open:
        return render(request, "join.html", {"open": False,
                                             "error": translator(request)("web.joining_closed")}, 403)
    return render(request, "join.html", {"open": True, "error": error}, status)


async def join_by_token(request: web.Request) -> web.StreamResponse:
    """The QR address: exchange the token for a participant cookie, then show the current step."""
    if _participant(request) is not None:
        raise web.HTTPSeeOther("/")
    token = request.match_info["token"]
    session = request.app[SESSION_KEY]
    return await _join(request, len(token) <= MAX_TOKEN and session.check_token(token), "web.bad_token")


async def join_by_code(request: web.Request) -> web.StreamResponse:
    """The short code typed by a late joiner: joins like the QR address."""
    if not same_origin(request):
        return message(request, "err.csrf", 403)
    if _participant(request) is not None:
        raise web.HTTPSeeOther("/")
    session, guards, ip = request.app[SESSION_KEY], request.app[GUARDS_KEY], client_ip(request)
    # About 27 bits. A guess is paid for before anything is read, so guesses sent at once cannot
    # all pass one check; a right code is paid back. Wrong guesses from anywhere add up: after
    # ``rotate_after`` of them the code changes on the projector, so a flood from behind the
    # venue's NAT locks nobody out for long (and the QR code is never rate-limited this way).
    if not guards.failures.take(ip):
        return message(request, "web.code_limited", 429, code="rate-limited",
                       headers={"Retry-After": str(guards.failures.retry_after(ip))})
    form = await _read_form(request)
    if isinstance(form, web.Response):
        return form
    code = _field(form, "code")
    valid = len(code) <= 16 and session.check_code(code)
    if valid or not session.joining_open:
        guards.failures.give_back(ip)
    else:
        guards.wrong_codes += 1
        if guards.wrong_codes >= request.app[SERVER_KEY].limits.rotate_after:
            guards.wrong_codes = 0
            with contextlib.suppress(StoreError):
                await session.new_code()
    return await _join(request, valid, "web.bad_code")


async def _join(request: web.Request, valid: bool, wrong: str) -> web.StreamResponse:
    session, guards = request.app[SESSION_KEY], request.app[GUARDS_KEY]
    if not session.joining_open:
        return _join_page(request)
    if not valid:
        return _join_page(request, translator(request)(wrong), 403)
    ip = client_ip(request)
    if not guards.joins.take(ip):
        return too_many(request, guards.joins, ip)
    try:
        participant = await session.join()
    except Rejected as exc:
        if exc.code == "full":
            return message(request, "err.full", 403, code="full")
        return _join_page(request)
    except StoreError:
        return message(request, "err.store", 503)
    response = web.HTTPSeeOther("/")
    response.set_cookie(request.app[SERVER_KEY].cookie_name, participant.id, httponly=True,
                        samesite="Strict", path="/", max_age=WEEK)
    raise response


# -- pages --------------------------------------------------------------------------------


async def page(request: web.Request) -> web.StreamResponse:
    """The current step for this participant with their own earlier vote or answers."""
    session = request.app[SESSION_KEY]
    participant = _participant(request)
    if participant is None:
        return _join_page(request)
    policy = session.reading.policy
    if session.asks_role and participant.role is None:
        return render(request, "role.html", {"roles": session.roles, "csrf": participant.csrf,
                                             "promise": policy.role_promise(), "k": policy.k})
    step, guards = session.step, request.app[GUARDS_KEY]
    if isinstance(step.body, DeckRating):
        return _rating_page(request, participant, step, step.body)
    if step.accepts_questions:
        return _questions_page(request, participant, step)
    mine = session.my_vote(participant.id, step.key)
    my_answers = session.my_answers(participant.id, step.key)
    saved = request.query.get("saved", "")  # the form a «saved» redirect names
    if saved not in {"vote", *(f"q{q}" for q in range(len(step.questions)))}:
        saved = ""
    locked = session.state(step.key).locked
    # Shared by every phone in the same situation (its own answers are filled in afterwards).
    promise = policy.promise(participant.role, step)
    ends = _deadline(session, step, locked)
    result = session.reading.on_phones(step)  # the policy applied: a result only for k or more
    key = (session.current, guards.pulse.revision, locked, mine, saved, promise, ends["ends"], result)

    def context() -> dict[str, Any]:
        choices = options(step, session.lang)
        return {"step": step, "body": step.body, "index": session.current, "rev": guards.pulse.revision,
                "locked": locked, "promise": promise, "k": policy.k, "options": choices, **ends,
                "mine": mine, "mine_label": label(step, session.lang, mine) if mine else "",
                "saved": saved, "tally": result if isinstance(result, Tally) else None,
                "cloud": result if isinstance(result, Cloud) else None,
                "standing": result if isinstance(result, Standing) else None,
                "held": held_text(session.lang, result) if isinstance(result, Held) else ""}

    text = guards.pages.page(request, key, "step.html", context)
    return guards.pages.fill(text, my_answers, csrf=participant.csrf,
                             submission=secrets.token_urlsafe(12))


def _rating_page(request: web.Request, participant: Participant, step: Step,
                 body: DeckRating) -> web.Response:
    """One statement of a rating step per screen (``?i=``, else the first not yet rated), with this
    phone's own rating; after the last, the «Ferdig» screen (where a finished phone stays)."""
    session, guards = request.app[SESSION_KEY], request.app[GUARDS_KEY]
    mine = [session.my_vote(participant.id, item.key) for item in body.items]
    missing = [n for n, value in enumerate(mine) if value is None]
    finished, total = session.finished(participant.id, step.key), len(body.items)
    asked = request.query.get("i", "")
    if finished or not (asked.isdecimal() and int(asked) <= total):
        index = total if finished or not missing else missing[0]
    else:
        index = int(asked)
    item = body.items[index] if index < total else None

    locked, promise = session.state(step.key).locked, session.reading.policy.promise(participant.role, step)
    ends = _deadline(session, step, locked)

    def context() -> dict[str, Any]:
        return {"step": step, "body": body, "index": session.current, "rev": guards.pulse.revision,
                "locked": locked, "k": session.reading.policy.k, "promise": promise, **ends,
                "at": index, "total": total, "item": item, "finished": finished,
                "options": options(item, session.lang) if item else (),
                "mine": mine[index] if item else None, "missing": missing}

    # Shared by the phones in the very same place: the same statement, ratings and «Ferdig».
    key = (session.current, guards.pulse.revision, locked, promise, index, finished, tuple(mine),
           ends["ends"])
    text = guards.pages.page(request, key, "step.html", context)
    return guards.pages.fill(text, csrf=participant.csrf, submission="")


def _questions_page(request: web.Request, participant: Participant, step: Step) -> web.Response:
    """The questions step: ask one, and the room's questions with this phone's upvotes marked."""
    session, guards = request.app[SESSION_KEY], request.app[GUARDS_KEY]
    locked = session.state(step.key).locked
    asked = session.reading.questions(step)  # the policy applied: approved and not hidden only
    promise = session.reading.policy.promise(participant.role, step)
    ends = _deadline(session, step, locked)
    saved = "q0" if request.query.get("saved") == "q0" else ""
    key = (session.current, guards.pulse.revision, locked, saved, ends["ends"], asked, guards.pulse.listed)

    def context() -> dict[str, Any]:
        return {"step": step, "body": step.body, "index": session.current, "rev": guards.pulse.revision,
                "locked": locked, "promise": promise, "k": session.reading.policy.k, **ends,
                "saved": saved, "asked": asked[:PHONE_QUESTIONS], "more": len(asked) > PHONE_QUESTIONS,
                "listed": guards.pulse.listed,
                "up": guards.pages.upvote_mark}

    text = guards.pages.page(request, key, "step.html", context)
    voters = session.record.upvotes.get(step.key, {})
    mine = {q.public for q in asked if participant.id in voters.get(q.key, ())}
    return guards.pages.fill(text, session.my_answers(participant.id, step.key), upvoted=mine,
                             csrf=participant.csrf, submission=secrets.token_urlsafe(12))


def _deadline(session: Session, step: Step, locked: bool) -> dict[str, Any]:
    """When an open step's timer locks it: ``ends`` (epoch seconds) and ``closes_at`` (HH:MM)."""
    ends = None if locked else session.deadline(step.key)
    if ends is None:
        return {"ends": None, "closes_at": ""}
    return {"ends": round(ends), "closes_at": datetime.fromtimestamp(ends).strftime("%H:%M")}


async def state(request: web.Request) -> web.Response:
    """Where the room is ({"step", "rev"}), polled by the page when it cannot stream."""
    if _participant(request) is None:
        return web.json_response({"error": "not-joined"}, status=403)
    return web.json_response(request.app[GUARDS_KEY].pulse.snapshot())


async def events(request: web.Request) -> web.StreamResponse:
    """Where the room is, as server-sent events: now and on every change."""
    participant = _participant(request)
    if participant is None:
        return web.json_response({"error": "not-joined"}, status=403)
    guards = request.app[GUARDS_KEY]
    if guards.pulse.streams.get(participant.id, 0) >= guards.streams:
        return web.json_response({"error": "rate-limited"}, status=429, headers={"Retry-After": "15"})
    return await stream(request, guards.pulse, participant.id, HEADERS)


# -- posts --------------------------------------------------------------------------------


async def _read_form(request: web.Request) -> Any:
    """The posted form, or the error page for a body that is too large or malformed."""
    try:
        async with asyncio.timeout(request.app[SERVER_KEY].limits.body_seconds):
            return await request.post()
    except TimeoutError:  # a body sent a byte at a time holds a connection and a handler
        return message(request, "err.slow", 408, code="slow")
    except web.HTTPRequestEntityTooLarge:
        return message(request, "err.too-large", 413, code="too-large")
    except (ValueError, LookupError, web.HTTPBadRequest, web.RequestPayloadError):
        # a malformed form, an unknown charset, a body that does not decode as its Content-Encoding
        return message(request, "err.bad-request", 400, code="bad-request")


async def _checked_form(request: web.Request) -> tuple[Participant, Any] | web.Response:
    """The participant and form of a POST, or the error response to send."""
    if not same_origin(request):
        return message(request, "err.csrf", 403, code="csrf")
    participant = _participant(request)
    if participant is None:
        return message(request, "web.no_cookie", 403, code="not-joined")
    posts = request.app[GUARDS_KEY].posts
    if not posts.take(participant.id):
        return too_many(request, posts, participant.id)
    form = await _read_form(request)
    if isinstance(form, web.Response):
        return form
    token = _field(form, "csrf")
    if not secrets.compare_digest(token.encode(), participant.csrf.encode()):
        return message(request, "err.csrf", 403, code="csrf")
    return participant, form


def _field(form: Any, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def _saved(request: web.Request, form_id: str, **reply: str) -> web.Response:
    """«Registrert»: JSON for the page's script, else a redirect back to the form (PRG)."""
    if wants_json(request):
        return web.json_response({"ok": True, "message": translator(request)("web.saved") + " ✓",
                                  **reply})
    return web.Response(status=303, headers={"Location": f"/?saved={form_id}#{form_id}"})


async def _record(request: web.Request, action: Awaitable[None], form_id: str, most: int = MAX_ANSWER_CHARS,
                  **reply: str) -> web.Response:
    """Run ``action``; tell the phone «Registrert» only once it is on disk (``most``: the longest text)."""
    try:
        await action
    except Rejected as exc:
        return message(request, f"err.{exc.code}", 400, code=exc.code, max=most)
    except StoreError:
        return message(request, "err.store", 503, code="store")
    return _saved(request, form_id, **reply)


async def role(request: web.Request) -> web.StreamResponse:
    """Record the role the participant chose, then show the current step."""
    checked = await _checked_form(request)
    if isinstance(checked, web.Response):
        return checked
    participant, form = checked
    try:
        await request.app[SESSION_KEY].choose_role(participant.id, _field(form, "role"))
    except Rejected as exc:
        return message(request, f"err.{exc.code}", 400, code=exc.code)
    except StoreError:
        return message(request, "err.store", 503, code="store")
    raise web.HTTPSeeOther("/")


async def vote(request: web.Request) -> web.StreamResponse:
    """Record or change this phone's vote, words or ranking; a retried submission id is applied once."""
    checked = await _checked_form(request)
    if isinstance(checked, web.Response):
        return checked
    participant, form = checked
    session, guards = request.app[SESSION_KEY], request.app[GUARDS_KEY]
    step_key, submission = _field(form, "step"), _field(form, "submission")
    if len(submission) > MAX_TOKEN or not submission.isascii():
        return message(request, "err.bad-submission", 400, code="bad-submission")
    recent = guards.recent.setdefault(participant.id, deque(maxlen=32))
    if submission and (step_key, submission) in recent:
        return _saved(request, "vote")  # a retry of a vote already stored: never applied twice
    fields = {name: value for name, value in form.items() if isinstance(value, str)}
    response = await _record(request, session.give(participant.id, step_key, fields), "vote")
    if submission and response.status < 400:
        recent.append((step_key, submission))
    return response


async def answer(request: web.Request) -> web.StreamResponse:
    """Record a free-text answer to one question of the current step (once per submission id)."""
    checked = await _checked_form(request)
    if isinstance(checked, web.Response):
        return checked
    participant, form = checked
    session = request.app[SESSION_KEY]
    question, text = _field(form, "q"), _field(form, "text")
    if not question.isdecimal() or len(question) > 3:
        return message(request, "err.bad-question", 400, code="bad-question")
    return await _record(request, session.answer(
        participant.id, _field(form, "step"), int(question), text, _field(form, "submission")),
        f"q{int(question)}", text=clean_text(text))


async def ask(request: web.Request) -> web.StreamResponse:
    """Record a question sent on the current questions step (once per submission id)."""
    checked = await _checked_form(request)
    if isinstance(checked, web.Response):
        return checked
    participant, form = checked
    text = _field(form, "text")
    action = request.app[SESSION_KEY].ask(participant.id, _field(form, "step"), text,
                                           _field(form, "submission"))
    return await _record(request, action, "q0", MAX_QUESTION_CHARS, text=clean_text(text))


async def upvote(request: web.Request) -> web.StreamResponse:
    """Give (``on=1``) or withdraw (``on=0``) this phone's upvote of a question; the same twice is
    the same as once."""
    checked = await _checked_form(request)
    if isinstance(checked, web.Response):
        return checked
    participant, form = checked
    on = _field(form, "on")
    if on not in ("0", "1"):
        return message(request, "err.bad-value", 400, code="bad-value")
    action = request.app[SESSION_KEY].upvote(participant.id, _field(form, "step"), _field(form, "q"),
                                              on == "1")
    return await _record(request, action, "asked")


async def rate(request: web.Request) -> web.StreamResponse:
    """Store this phone's rating of one statement of the rating step, then show the screen it asked
    for (``go``: back or next); or press or undo «Ferdig»."""
    checked = await _checked_form(request)
    if isinstance(checked, web.Response):
        return checked
    participant, form = checked
    session = request.app[SESSION_KEY]
    step_key, go, value, index = (_field(form, name) for name in ("step", "go", "value", "i"))
    if not index.isdecimal() or len(index) > 4:
        return message(request, "err.bad-value", 400, code="bad-value")
    at = int(index)
    try:
        if value:
            await session.rate(participant.id, step_key, at, value)
        if go in ("done", "undo"):
            await session.finish(participant.id, step_key, go == "done")
    except Rejected as exc:
        return message(request, f"err.{exc.code}", 400, code=exc.code)
    except StoreError:
        return message(request, "err.store", 503, code="store")
    moves = {"back": at - 1, "next": at + 1, "undo": at}
    raise web.HTTPSeeOther(f"/?i={max(0, moves[go])}" if go in moves else "/")
