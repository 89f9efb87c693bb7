"""Weight of every kind of phone page (HTML + CSS + JS, uncompressed) from a real server.

Every programme of the content, in both language forms: the join page, the role page and each
step, fetched by a phone from the real WebServer on 127.0.0.1 with the assets each page links; a
voting step also with its results on the phones (``<kind>-results``: revealed, **P** pressed, k
ballots that make the result as long as it gets).

    .venv/bin/python -m bench.page_weight [--content DIR]

Prints one line per kind of page (the heaviest one) and exits 1 if any page is over the budget.
A questions step is weighed twice: with no question yet, and with the room's questions at their
heaviest (more than a phone lists, each at the length cap in the characters HTML escapes largest).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from samspill_tui.content import load_library
from samspill_tui.session.ballots import MAX_WORD_CHARS
from samspill_tui.session.live import Session
from samspill_tui.session.steps import RankingList, Step, WordsPrompt, options
from samspill_tui.text import MAX_QUESTION_CHARS
from samspill_tui.web.routes import PHONE_QUESTIONS
from samspill_tui.web.server import WebServer

BUDGET = 15_000  # bytes: «a step page weighs at most 15 KB in total»
CONTENT = Path(__file__).resolve().parent.parent / "content"
ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')
# A question at its cap in what HTML escapes largest: «&» and «"» become 5 bytes («&amp;», «&#34;»),
# more than «<» (4), any letter (at most 4 bytes, and one above 3 counts twice to the cap) or an emoji.
HEAVIEST_QUESTION = '&"' * (MAX_QUESTION_CHARS // 2)


@dataclass(frozen=True)
class Weight:
    """The bytes of one page and the stylesheet and script it links."""

    kind: str
    where: str
    html: int
    css: int
    js: int

    @property
    def total(self) -> int:
        """HTML, CSS and JS together."""
        return self.html + self.css + self.js


class _Phone:
    def __init__(self, server: WebServer) -> None:
        self.origin = server.origin
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.assets: dict[str, bytes] = {}

    async def fetch(self, url: str, data: dict[str, str] | None = None) -> bytes:
        method = "POST" if data is not None else "GET"
        async with self.http.request(method, url if "://" in url else self.origin + url, data=data) as r:
            r.raise_for_status()
            return await r.read()

    async def weigh(self, kind: str, where: str, html: bytes) -> Weight:
        sizes = {"css": 0, "js": 0}
        for url in ASSET.findall(html.decode()):
            if url not in self.assets:
                self.assets[url] = await self.fetch(url.replace("&amp;", "&"))
            sizes["js" if ".js" in url else "css"] += len(self.assets[url])
        return Weight(kind, where, len(html), sizes["css"], sizes["js"])


def _ballot(step: Step, lang: str, n: int) -> dict[str, str]:
    """The form of the ``n``-th voter that makes the longest result: new words as long as allowed,
    points or places for every alternative, a different option."""
    match step.body:
        case WordsPrompt():
            return {f"w{w}": f"{n}{w}".ljust(MAX_WORD_CHARS, "x") for w in (1, 2, 3)}
        case RankingList(items=items, points=None):
            return {f"r.{item.id}": str(place) for place, item in enumerate(items, 1)}
        case RankingList(items=items, points=int(points)):
            return {f"p.{items[n % len(items)].id}": str(points)}
    choices = options(step, lang)
    return {"value": choices[n % len(choices)].value}


async def _show_results(session: Session, step: Step, voters: list[str]) -> None:
    """``voters`` vote on ``step`` and its results are revealed on the phones too."""
    for n, pid in enumerate(voters):
        await session.give(pid, step.key, _ballot(step, session.lang, n))
    await session.set_state(step.key, revealed=True, on_phones=True)


async def _programme(content: Path, data_dir: Path, lang: str, programme: str) -> list[Weight]:
    library = load_library(content)
    library.require_valid()
    session = await Session.open(data_dir, f"{programme}-{lang}", programme, library, lang)
    server = WebServer(session, "127.0.0.1", 0)
    await server.start()
    phone = _Phone(server)
    where = f"{lang}/{programme}"
    try:
        found = [await phone.weigh("join", where, await phone.fetch("/"))]
        page = await phone.fetch(server.join_url)
        if session.asks_role:
            found.append(await phone.weigh("role", where, page))
            csrf = re.search(rb'name="csrf" value="([^"]+)"', page)
            assert csrf is not None
            await phone.fetch("/role", {"csrf": csrf.group(1).decode(), "role": "folkevalgt"})
        voters = [(await session.join()).id for _ in range(session.reading.policy.k)]
        for pid in voters if session.asks_role else ():
            await session.choose_role(pid, "folkevalgt")
        for index, step in enumerate(session.steps):
            await session.go_to(index)
            session.set_deadline(step.key, time.time() + 600)  # the heavier page: a timer will lock it
            found.append(await phone.weigh(step.kind, f"{where} {step.key}", await phone.fetch("/")))
            if step.accepts_questions:
                await _fill_questions(session, step)
                full = await phone.fetch("/")
                found.append(await phone.weigh(step.kind, f"{where} {step.key} (full)", full))
            if step.accepts_votes:
                await _show_results(session, step, voters)
                found.append(await phone.weigh(f"{step.kind}-results", f"{where} {step.key}",
                                               await phone.fetch("/")))
        return found
    finally:
        await phone.http.close()
        await server.stop()
        await session.close()


async def _fill_questions(session: Session, step: Step) -> None:
    """The room's questions on ``step`` at their heaviest: one more than a phone lists, approved and
    marked answered."""
    for n in range(PHONE_QUESTIONS + 1):
        asker = (await session.join()).id
        if session.asks_role:
            await session.choose_role(asker, "annet")
        await session.ask(asker, step.key, HEAVIEST_QUESTION, f"heavy-{n}")
    for key in list(session.answers[step.key]):
        await session.moderate(step.key, key, approved=True, answered=True)


async def measure(content: Path = CONTENT) -> list[Weight]:
    """Every page of every programme of ``content`` in both language forms."""
    library = load_library(content)
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("nb", "nn"):
            for programme in sorted(library.lang(lang).programmes):
                found += await _programme(content, Path(tmp), lang, programme)
    return found


def heaviest(weights: list[Weight]) -> dict[str, Weight]:
    """The heaviest page of each kind."""
    worst: dict[str, Weight] = {}
    for w in weights:
        if w.kind not in worst or w.total > worst[w.kind].total:
            worst[w.kind] = w
    return worst


def main(argv: list[str] | None = None) -> int:
    """Print the heaviest page of each kind against the budget."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=CONTENT)
    args = parser.parse_args(argv)
    weights = asyncio.run(measure(args.content))
    print(f"{len(weights)} pages; budget {BUDGET} bytes (HTML + CSS + JS, uncompressed)")
    print(f"{'kind':<18}{'pages':>6}{'HTML':>8}{'CSS':>7}{'JS':>7}{'total':>8}  heaviest")
    for kind, w in sorted(heaviest(weights).items(), key=lambda kv: kv[1].total):
        count = sum(x.kind == kind for x in weights)
        print(f"{kind:<18}{count:>6}{w.html:>8}{w.css:>7}{w.js:>7}{w.total:>8}  {w.where}")
    over = [w for w in weights if w.total > BUDGET]
    for w in over:
        print(f"OVER BUDGET: {w.kind} {w.where}: {w.total} bytes", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
