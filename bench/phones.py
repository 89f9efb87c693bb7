"""A simulated phone over HTTP: the real join (token, cookie, CSRF) and the page's own forms.

Shared by the storm benchmark and the crash tests. It reads the hidden fields of whatever page
is served, chooses a role first when the page asks for one, and backs off on 429.
"""

from __future__ import annotations

import asyncio
import html
import random
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

FORM_RE = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
INPUT_RE = re.compile(r"<(?:input|textarea)\b([^>]*)>", re.I)
ATTR_RE = re.compile(r'([\w-]+)="([^"]*)"')
ROLE = "folkevalgt"
MAX_BACKOFF = 2.0  # seconds: at most this long between retries after a 429


@dataclass
class Form:
    """One form of a page: where it posts, its hidden fields and the choices of its radio buttons."""

    action: str
    hidden: dict[str, str] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)


def parse_forms(page: str) -> list[Form]:
    """The forms of ``page``, in order."""
    forms = []
    for attrs, body in FORM_RE.findall(page):
        form = Form(html.unescape(dict(ATTR_RE.findall(attrs)).get("action", "")))
        for tag in INPUT_RE.findall(body):
            a = {k: html.unescape(v) for k, v in ATTR_RE.findall(tag)}
            if a.get("type") == "hidden" and "name" in a:
                form.hidden[a["name"]] = a.get("value", "")
            elif a.get("type") == "radio" and "name" in a:
                form.choices.setdefault(a["name"], []).append(a.get("value", ""))
        forms.append(form)
    return forms


def find_form(page: str, action: str, **hidden: str) -> Form | None:
    """The first form posting to ``action`` whose hidden fields include ``hidden``."""
    for form in parse_forms(page):
        if form.action == action and all(form.hidden.get(k) == v for k, v in hidden.items()):
            return form
    return None


@dataclass
class Sent:
    """One vote or answer a phone posted, and what came of it.

    ``acked`` means the server said «saved»; ``status`` is None when the connection broke, so
    whether it was stored is unknown. ``value`` is the vote's value or the answer's text.
    """

    kind: str
    pid: str
    fields: dict[str, str]
    started: float
    done: float = 0.0
    status: int | None = None
    acked: bool = False

    @property
    def step(self) -> str:
        """The step key posted."""
        return self.fields.get("step", "")

    @property
    def value(self) -> str:
        """The vote's value or the answer's text."""
        return self.fields.get("value") or self.fields.get("text", "")

    @property
    def submission(self) -> str:
        """The submission id posted."""
        return self.fields.get("submission", "")


class Connection:
    """One HTTP/1.1 keep-alive connection (a few dozen lines instead of a client library, so
    that the load generator costs less CPU than the server it measures)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        """Connect to ``host``:``port``."""
        return cls(*await asyncio.open_connection(host, port))

    async def exchange(self, request: bytes) -> tuple[int, list[tuple[str, str]], bytes, bool]:
        """Send ``request``; (status, headers, body, whether the connection may be reused)."""
        self.writer.write(request)
        status = int((await self.reader.readuntil(b"\r\n")).split()[1])
        headers = []
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            headers.append((name.strip().lower(), value.strip()))
        fields = dict(headers)
        if fields.get("transfer-encoding") == "chunked":
            body = b""
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                body += (await self.reader.readexactly(size + 2))[:-2]
            await self.reader.readuntil(b"\r\n")
        else:
            body = await self.reader.readexactly(int(fields.get("content-length", "0")))
        return status, headers, body, fields.get("connection", "").lower() != "close"

    def close(self) -> None:
        """Close the connection."""
        self.writer.close()


class Phone:
    """A participant's browser: its cookie, a few keep-alive connections, the forms of its pages."""

    def __init__(self, origin: str, *, timeout: float = 60.0) -> None:
        self.origin = origin
        url = urlsplit(origin)
        self.host, self.port, self.authority = url.hostname or "", url.port or 80, url.netloc
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.requests = 0
        self._idle: list[Connection] = []

    @property
    def pid(self) -> str:
        """This phone's participant id (the value of its samspill cookie), or ''."""
        return next((v for k, v in self.cookies.items() if k.startswith("samspill")), "")

    def _head(self, method: str, path: str) -> str:
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.authority}\r\n"
        if self.cookies:
            head += "Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()) + "\r\n"
        return head

    async def _request(self, method: str, path: str,
                       data: dict[str, str] | None) -> tuple[int, str, str]:
        """One request: status, Location and body. Raises ConnectionError when the connection breaks."""
        self.requests += 1
        body = urlencode(data).encode() if data is not None else b""
        head = self._head(method, path)
        if data is not None:  # posted as the page's script does: it asks for JSON back
            head += (f"Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     f"Content-Length: {len(body)}\r\n")
        reused = bool(self._idle)
        connection = self._idle.pop() if reused else await Connection.open(self.host, self.port)
        try:
            async with asyncio.timeout(self.timeout):
                status, headers, reply, keep = await connection.exchange(head.encode() + b"\r\n" + body)
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            connection.close()
            if reused and method == "GET":  # the server closed an idle connection: try a new one
                return await self._request(method, path, data)
            raise ConnectionError(str(exc)) from exc
        except BaseException:
            connection.close()
            raise
        if keep:
            self._idle.append(connection)
        else:
            connection.close()
        location = ""
        for name, value in headers:
            if name == "set-cookie":
                cookie, _, attributes = value.partition(";")
                key, _, val = cookie.strip().partition("=")
                if "max-age=0" in attributes.lower():
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = val
            elif name == "location":
                location = value
        return status, location, reply.decode()

    async def _send(self, method: str, url: str, data: dict[str, str] | None = None,
                    redirects: bool = True) -> tuple[int, str, str]:
        """Status, Location and body of a request; a 429 is waited out and retried."""
        delay = 0.05
        path = urlsplit(url).path or "/"
        while True:
            status, location, body = await self._request(method, path, data)
            if redirects and status in (301, 302, 303):
                method, path, data = "GET", urlsplit(location).path or "/", None
                continue
            if status != 429:
                return status, location, body
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_BACKOFF)

    async def join(self, join_url: str) -> str:
        """Follow the join address; choose a role if asked. Returns the step page."""
        status, _, page = await self._send("GET", join_url)
        if status != 200:
            raise RuntimeError(f"join failed with {status}")
        form = find_form(page, "/role")
        if form is not None:
            status, _, page = await self._send("POST", self.origin + "/role",
                                               {**form.hidden, "role": ROLE})
            if status != 200:
                raise RuntimeError(f"choosing a role failed with {status}")
        return page

    async def page(self) -> str:
        """The current page."""
        _, _, page = await self._send("GET", self.origin + "/")
        return page

    async def vote(self, page: str, value: str | None = None) -> Sent | None:
        """Vote ``value`` (a random choice if None) on the page's vote form, if it has one."""
        form = find_form(page, "/vote")
        if form is None:
            return None
        return await self.send("vote", {**form.hidden,
                                        "value": value or random.choice(form.choices["value"])})

    async def answer(self, page: str, question: int, text: str) -> Sent | None:
        """Answer question ``question`` of the page's answer forms, if it has one."""
        form = find_form(page, "/answer", q=str(question))
        if form is None:
            return None
        return await self.send("answer", {**form.hidden, "text": text})

    async def send(self, kind: str, fields: dict[str, str]) -> Sent:
        """Post ``fields`` to ``/<kind>`` (again, for a retry) and record what came of it."""
        sent = Sent(kind, self.pid, fields, time.monotonic())
        try:
            status, location, body = await self._send("POST", f"{self.origin}/{kind}", fields,
                                                      redirects=False)
        except (ConnectionError, TimeoutError):
            status, location, body = None, "", ""
        sent.status = status
        sent.acked = (status == 303 and "saved" in location) or (status == 200 and '"ok": true' in body)
        sent.done = time.monotonic()
        return sent

    async def close(self) -> None:
        """Close the phone's connections."""
        for connection in self._idle:
            connection.close()
        self._idle = []
