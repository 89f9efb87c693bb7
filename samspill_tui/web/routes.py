"""HTTP routes of the phone page: join, show the current step, vote, answer, follow."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from markdown_it import MarkdownIt

from samspill_tui.i18n import t
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.record import Participant
from samspill_tui.session.store import StoreError
from samspill_tui.session.text import MAX_ANSWER_CHARS

if TYPE_CHECKING:
    from samspill_tui.web.server import WebServer

HERE = Path(__file__).parent
MAX_BODY = 8 * 1024
SESSION_KEY = web.AppKey("session", Session)
SERVER_KEY: web.AppKey[WebServer] = web.AppKey("server")
CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; "
       "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")

_markdown = MarkdownIt("commonmark", {"html": False})


@lru_cache(maxsize=256)
def render_markdown(text: str) -> str:
    """Our own content as HTML (raw HTML in the source is escaped, not passed through)."""
    return str(_markdown.render(text))


@web.middleware
async def security_headers(request: web.Request, handler: Any) -> web.StreamResponse:
    """Add the headers every response carries."""
    response: web.StreamResponse = await handler(request)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def build_app(session: Session, server: WebServer) -> web.Application:
    """The aiohttp application for ``session``; ``server`` knows the announced origin."""
    app = web.Application(client_max_size=MAX_BODY, middlewares=[security_headers])
    app[SESSION_KEY] = session
    app[SERVER_KEY] = server
    env = aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(HERE / "templates"),
                               autoescape=True)
    env.globals.update(md=render_markdown, max_chars=MAX_ANSWER_CHARS)
    app.router.add_get("/j/{token}", join)
    app.router.add_get("/", page)
    app.router.add_get("/state", state)
    app.router.add_post("/vote", vote)
    app.router.add_post("/answer", answer)
    app.router.add_static("/static", HERE / "static")
    return app


def _participant(request: web.Request) -> Participant | None:
    session = request.app[SESSION_KEY]
    pid = request.cookies.get(request.app[SERVER_KEY].cookie_name, "")
    return session.participants.get(pid)


def _message(request: web.Request, key: str, status: int, **values: object) -> web.Response:
    lang = request.app[SESSION_KEY].lang
    return aiohttp_jinja2.render_template(
        "message.html", request,
        {"lang": lang, "t": lambda k, **v: t(lang, k, **v), "message": t(lang, key, **values)},
        status=status,
    )


async def join(request: web.Request) -> web.StreamResponse:
    """Exchange the join token for a participant cookie, then show the current step."""
    session, server = request.app[SESSION_KEY], request.app[SERVER_KEY]
    if not session.check_token(request.match_info["token"]):
        return _message(request, "web.bad_token", 403)
    if _participant(request) is None:
        try:
            participant = await session.join()
        except StoreError:
            return _message(request, "err.store", 503)
        response = web.HTTPSeeOther("/")
        response.set_cookie(server.cookie_name, participant.id, httponly=True, samesite="Strict",
                            path="/", max_age=7 * 24 * 3600)
        raise response
    raise web.HTTPSeeOther("/")


async def page(request: web.Request) -> web.StreamResponse:
    """The current step for this participant, with their own earlier answers."""
    session = request.app[SESSION_KEY]
    participant = _participant(request)
    if participant is None:
        return _message(request, "web.no_cookie", 403)
    step = session.step
    lang = session.lang
    return aiohttp_jinja2.render_template("step.html", request, {
        "lang": lang,
        "t": lambda k, **v: t(lang, k, **v),
        "step": step,
        "index": session.current,
        "options": [(o, _option_label(session, lang, o)) for o in session.vote_options(step)],
        "mine": session.my_vote(participant.id, step.key),
        "my_answers": session.my_answers(participant.id, step.key),
        "csrf": participant.csrf,
        "submission": secrets.token_urlsafe(12),
        "saved": request.query.get("saved") == "1",
    })


def _option_label(session: Session, lang: str, value: str) -> str:
    poll = session.step.poll
    if poll is not None:
        option = poll.option(value)
        return option.text if option else value
    return t(lang, f"scale.{value}")


async def state(request: web.Request) -> web.Response:
    """The current step number, polled by the page so it follows the facilitator."""
    if _participant(request) is None:
        return web.json_response({"error": "not-joined"}, status=403)
    return web.json_response({"step": request.app[SESSION_KEY].current})


async def _checked_form(request: web.Request) -> tuple[Participant, Any] | web.Response:
    """The participant and form of a POST, or the error response to send."""
    server = request.app[SERVER_KEY]
    # With Referrer-Policy: no-referrer, browsers send "Origin: null" on same-origin form
    # posts; Sec-Fetch-Site (set by the browser, not by pages) still tells a cross-site post.
    origin = request.headers.get("Origin")
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if (origin not in (None, "null", server.origin)) or fetch_site not in (None, "same-origin", "none"):
        return _message(request, "err.csrf", 403)
    participant = _participant(request)
    if participant is None:
        return _message(request, "web.no_cookie", 403)
    try:
        form = await request.post()
    except (web.HTTPRequestEntityTooLarge, ValueError):
        return _message(request, "err.too-long", 413, max=MAX_ANSWER_CHARS)
    token = form.get("csrf")
    if not isinstance(token, str) or not secrets.compare_digest(token, participant.csrf):
        return _message(request, "err.csrf", 403)
    return participant, form


async def _record(request: web.Request, action: Any) -> web.StreamResponse:
    try:
        await action
    except Rejected as exc:
        return _message(request, f"err.{exc.code}", 400, max=MAX_ANSWER_CHARS)
    except StoreError:
        return _message(request, "err.store", 503)
    raise web.HTTPSeeOther("/?saved=1")


def _field(form: Any, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


async def vote(request: web.Request) -> web.StreamResponse:
    """Record or change this phone's vote on the current step."""
    checked = await _checked_form(request)
    if isinstance(checked, web.Response):
        return checked
    participant, form = checked
    session = request.app[SESSION_KEY]
    return await _record(request, session.vote(participant.id, _field(form, "step"),
                                               _field(form, "value")))


async def answer(request: web.Request) -> web.StreamResponse:
    """Record a free-text answer to one question of the current step."""
    checked = await _checked_form(request)
    if isinstance(checked, web.Response):
        return checked
    participant, form = checked
    session = request.app[SESSION_KEY]
    question = _field(form, "q")
    if not question.isdigit() or len(question) > 3:
        return _message(request, "err.bad-question", 400)
    return await _record(request, session.answer(
        participant.id, _field(form, "step"), int(question), _field(form, "text"),
        _field(form, "submission")))
