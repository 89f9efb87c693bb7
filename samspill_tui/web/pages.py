"""What the handlers share: the app keys, Markdown rendering and the message page."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping, Sequence, Set
from functools import lru_cache
from typing import Any, ClassVar, Protocol

import aiohttp_jinja2
from aiohttp import web
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from samspill_tui.i18n import t
from samspill_tui.session.live import Session
from samspill_tui.session.record import Answer
from samspill_tui.web.limits import Limits

MINE_RE = re.compile(r"samspill-mark-mine-(hidden|items)-(\d+)\.")
UPVOTE_RE = re.compile(r"samspill-mark-up-([0-9a-f]{12})\.")
# What a question's upvote button does, and says, for a phone that has upvoted it or not.
UPVOTED = {True: 'name="on" value="0" aria-pressed="true"', False: 'name="on" value="1" aria-pressed="false"'}


class Host(Protocol):
    """What the handlers need of the server that runs them: who it answers, its cookie, its limits."""

    @property
    def hosts(self) -> frozenset[str]:
        """The Host headers the server answers (the announced addresses)."""

    @property
    def origins(self) -> frozenset[str]:
        """The origins a post may come from."""

    @property
    def cookie_name(self) -> str:
        """The name of the participant cookie."""

    @property
    def limits(self) -> Limits:
        """The rate limits."""

    clock: Callable[[], float]


SESSION_KEY = web.AppKey("session", Session)
SERVER_KEY = web.AppKey("server", Host)

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


def unmark(text: str) -> Markup:
    """Participant text escaped for a cached page, with any look-alike of our marks written so that
    ``fill`` never finds it (``-`` as ``&#45;``: the phone shows the same text)."""
    return Markup(str(escape(text)).replace("samspill-mark", "samspill&#45;mark"))


def clip(text: str, most: int) -> Markup:
    """Participant text as ``unmark`` writes it, cut short with «…» where it would pass ``most``
    bytes (a question full of «&» escapes to five times its length)."""
    shown = unmark(text)
    if len(str(shown).encode()) <= most:
        return shown
    size = 0
    for cut, ch in enumerate(text):
        size += 5 if ch == "-" else len(str(escape(ch)).encode())  # «-» at most «&#45;»
        if size > most - len("…".encode()):
            return unmark(text[:cut].rstrip() + "…")
    return shown  # not reached: the escaped text is longer than ``most``


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


class PageCache:
    """Rendered pages shared by every phone that would see the same thing.

    A page is rendered with ``MARKS`` in place of the per-phone tokens, and with a mark for the
    list of the phone's own answers under each question (``mine_hidden``, ``mine_items``), which
    ``fill`` swaps in; a hall fetching the same step then costs one render, not hundreds.
    """

    MARKS: ClassVar[dict[str, str]] = {"csrf": "samspill-mark-csrf", "submission": "samspill-mark-submission"}

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._pages: dict[Hashable, str] = {}

    def page(self, request: web.Request, key: Hashable, template: str,
             context: Callable[[], Mapping[str, Any]]) -> str:
        """The page for ``key``, rendered from ``context()`` the first time it is asked for."""
        if (text := self._pages.get(key)) is None:
            lang = request.app[SESSION_KEY].lang
            text = aiohttp_jinja2.render_string(
                template, request, {"lang": lang, "t": translator(request), **context(),
                                    **self.MARKS, "mine_hidden": self.mine_hidden,
                                    "mine_items": self.mine_items})
            if len(self._pages) >= self.size:
                self._pages.clear()
            self._pages[key] = text
        return text

    @staticmethod
    def mine_hidden(question: int) -> str:
        """The mark where the heading of a question's own answers is ``hidden`` (none yet)."""
        return f"samspill-mark-mine-hidden-{question}."

    @staticmethod
    def mine_items(question: int) -> str:
        """The mark where the list items of a question's own answers go."""
        return f"samspill-mark-mine-items-{question}."

    @staticmethod
    def upvote_mark(public: str) -> str:
        """The mark in a question's upvote button where this phone's state of it goes."""
        return f"samspill-mark-up-{public}."

    def fill(self, text: str, mine: Sequence[Answer] = (), upvoted: Set[str] = frozenset(),
             **tokens: str) -> web.Response:
        """The cached ``text`` with this phone's ``tokens``, own answers ``mine`` and upvotes (the
        public ids of the questions it upvoted) in place of the marks (in one pass each, so a
        participant's text is never searched for marks)."""
        for name, value in tokens.items():
            text = text.replace(self.MARKS[name], value)
        if "samspill-mark-up-" in text:
            text = UPVOTE_RE.sub(lambda match: UPVOTED[match[1] in upvoted], text)
        if "samspill-mark-mine-" in text:
            def own(match: re.Match[str]) -> str:
                texts = [a.text for a in mine if a.question == int(match[2])]
                if match[1] == "hidden":
                    return "" if texts else " hidden"
                return "".join(f"<li>{escape(text)}</li>" for text in texts)

            text = MINE_RE.sub(own, text)
        return web.Response(text=text, content_type="text/html")


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
