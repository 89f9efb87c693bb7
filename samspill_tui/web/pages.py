"""What the handlers share: the app keys, Markdown rendering and the message page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import aiohttp_jinja2
from aiohttp import web
from markdown_it import MarkdownIt

from samspill_tui.i18n import t
from samspill_tui.session.live import Session

if TYPE_CHECKING:
    from samspill_tui.web.server import WebServer

SESSION_KEY = web.AppKey("session", Session)
SERVER_KEY: web.AppKey[WebServer] = web.AppKey("server")

_markdown = MarkdownIt("commonmark", {"html": False})


@lru_cache(maxsize=256)
def render_markdown(text: str) -> str:
    """Our own content as HTML under the page's h1 (raw HTML in the source is escaped).

    Heading levels are renumbered from h2 without gaps, so the page's outline stays in order.
    """
    tokens = _markdown.parse(text)
    headings = [tok for tok in tokens if tok.type in ("heading_open", "heading_close")]
    rank = {level: min(6, n + 2) for n, level in enumerate(sorted({tok.tag for tok in headings}))}
    for tok in headings:
        tok.tag = f"h{rank[tok.tag]}"
    return str(_markdown.renderer.render(tokens, _markdown.options, {}))


def translator(request: web.Request) -> Callable[..., str]:
    """``t`` bound to the session's language form."""
    lang = request.app[SESSION_KEY].lang
    return lambda key, **values: t(lang, key, **values)


def render(request: web.Request, template: str, context: Mapping[str, Any], status: int = 200,
           headers: Mapping[str, str] | None = None) -> web.Response:
    """A page of ours, in the session's language form."""
    lang = request.app[SESSION_KEY].lang
    response = aiohttp_jinja2.render_template(
        template, request, {"lang": lang, "t": translator(request), **context}, status=status)
    response.headers.update(headers or {})
    return response


def wants_json(request: web.Request) -> bool:
    """Whether the page's script (not a plain form post) sent the request."""
    return "application/json" in request.headers.get("Accept", "")


def message(request: web.Request, key: str, status: int, *, code: str = "",
            headers: Mapping[str, str] | None = None, **values: object) -> web.Response:
    """A clear page (or, to the page's script, JSON) saying what went wrong."""
    text = translator(request)(key, **values)
    if wants_json(request):
        return web.json_response({"ok": False, "code": code or key, "message": text},
                                 status=status, headers=headers)
    return render(request, "message.html", {"message": text}, status, headers)
