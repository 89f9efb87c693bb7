"""The server side of the benchmarks and crash tests, run as a child process.

    python -m bench.server --mode samspill|bare|rewrite|tinydb --data-dir DIR [--content DIR]
                           [--programme ID] [--port N] [--tui] [--go KIND]
                           [--checkpoint-batches N] [--say-loading]

``samspill`` is the real Session and WebServer (with ``--tui`` inside the real Textual app,
headless, as the projector runs it, each statement's live results shown as it opens);
``bare`` is a bare aiohttp handler; ``rewrite`` the same handler answering each post only once a
whole-file rewrite holding it is on disk, as issue 5 asks of the store, and nothing else (group
commit, the store's own ``write_atomically``); ``tinydb`` the bare handler storing each vote with
one insert into TinyDB's default storage; and ``append``, the yardstick of issue 24: the
``rewrite`` handler with a journal instead (one append and fsync per batch), the durable floor.

``--checkpoint-batches`` makes the store checkpoint that often (the crash run's kills then land
in checkpoints too); with ``--say-loading`` it first prints {"loading": true} just before it
opens the session (replaying its journal), so the crash run can kill it there.

It prints one JSON line when it is serving ({"origin", "join", "steps", "pid"}), then reads
commands on stdin, one per line, and answers each with one JSON line:
``go N`` (move to step N), ``mark`` (start measuring afresh), ``pause`` and ``resume`` (while
another server has its turn), ``stats`` (loop lag, tally redraws, memory since ``mark``),
``quit``. Phones may vote faster than people: the web face's per-phone and per-address rate
limits are raised (``LIMITS``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import sys
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from aiohttp import web
from tinydb import TinyDB

from bench.measure import Monitor
from samspill_tui.content import Library, load_library
from samspill_tui.session.live import Session
from samspill_tui.session.steps import SCALE, Step, build_steps
from samspill_tui.session.store import write_atomically
from samspill_tui.session.store import writer as store_writer
from samspill_tui.web.limits import Limits, Rate
from samspill_tui.web.server import WebServer

ROOT = Path(__file__).resolve().parent.parent
NAME = "bench"
LIMITS = Limits(posts=Rate(10_000, 10_000.0), joins=Rate(10_000, 10_000.0))
BENCH_PROGRAMME = """---
id: bench
title: Benchmark
roles: nei
---

Every statement of the deck, then a reflection with several questions.

## Steg

1. statements godt-samspill (1 min)
2. reflection samspill-forventninger (1 min)
3. summary (1 min)
"""


def bench_content(root: Path) -> Path:
    """The bundled content plus the benchmark's programme, copied under ``root``."""
    content = root / "content"
    if not content.exists():
        shutil.copytree(ROOT / "content", content)
        for lang in ("nb", "nn"):
            (content / lang / "programmes" / "bench.md").write_text(BENCH_PROGRAMME, encoding="utf-8")
    return content


def reply(**values: Any) -> None:
    """One JSON line on stdout for the parent."""
    sys.stdout.write(json.dumps(values) + "\n")
    sys.stdout.flush()


async def serve_commands(go: Callable[[int], Awaitable[None]], monitor: Monitor) -> None:
    """Answer the parent's commands on stdin until ``quit`` or end of input."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := (await reader.readline()).decode().split():
        if line[0] == "go":
            await go(int(line[1]))
            reply(ok=True)
        elif line[0] in ("mark", "pause", "resume"):
            getattr(monitor, line[0])()
            reply(ok=True)
        elif line[0] == "stats":
            reply(**monitor.stats())
        elif line[0] == "quit":
            break


# -- baselines ------------------------------------------------------------------------------


class Baseline:
    """A bare aiohttp handler with the phone face's shape: join, page with hidden fields, posts.

    With a ``db`` it stores every vote and answer with one ``insert`` into TinyDB's default
    storage, in the handler, as a naive app would.
    """

    def __init__(self, steps: list[Step], db: TinyDB | None) -> None:
        self.steps, self.db, self.current = steps, db, 0
        self.origin = ""
        self.token = secrets.token_urlsafe(16)

    def app(self) -> web.Application:
        """The aiohttp application."""
        app = web.Application()
        app.router.add_get("/j/{token}", self.join)
        app.router.add_get("/", self.page)
        app.router.add_post("/vote", self.post)
        app.router.add_post("/answer", self.post)
        return app

    async def go(self, index: int) -> None:
        """Move to step ``index``."""
        self.current = index

    async def join(self, request: web.Request) -> web.StreamResponse:
        """Set a participant cookie and show the page."""
        response = web.HTTPSeeOther("/")
        response.set_cookie("samspill_bare", secrets.token_urlsafe(16), httponly=True)
        raise response

    async def page(self, request: web.Request) -> web.Response:
        """The current step's forms."""
        step = self.steps[self.current]
        hidden = (f'<input type="hidden" name="step" value="{step.key}">'
                  f'<input type="hidden" name="csrf" value="c">'
                  f'<input type="hidden" name="submission" value="{secrets.token_urlsafe(9)}">')
        forms = ""
        if step.accepts_votes:
            radios = "".join(f'<input type="radio" name="value" value="{v}">' for v in SCALE)
            forms = f'<form method="post" action="/vote">{radios}{hidden}</form>'
        for q in range(len(step.questions)):
            forms += (f'<form method="post" action="/answer"><textarea name="text"></textarea>'
                      f'<input type="hidden" name="q" value="{q}">{hidden}</form>')
        return web.Response(text=f"<!doctype html><title>b</title>{forms}", content_type="text/html")

    async def post(self, request: web.Request) -> web.Response:
        """«Saved» (after one TinyDB insert, with a database)."""
        if self.db is not None:
            form = await request.post()
            self.db.insert({"pid": request.cookies.get("samspill_bare", ""), "path": request.path,
                            **{k: str(v) for k, v in form.items() if k != "csrf"}})
        return web.Response(status=303, headers={"Location": "/?saved=1"})


class Rewrite(Baseline):
    """The bare handler, answering a post only once a whole-file rewrite holding it is on disk:
    the least a store that writes the whole file for every batch costs here, with nothing else.

    Posts are kept as JSON fragments ``[pid, step, value or text]`` (a vote replaces the phone's
    earlier one, an answer is kept once per submission); one writer thread writes every post
    that arrived while the previous write was on its way as the next (group commit).
    """

    def __init__(self, steps: list[Step], path: Path) -> None:
        super().__init__(steps, None)
        self.path = path
        self.fragments: dict[tuple[str, str], bytes] = {}
        self.waiting: list[asyncio.Future[None]] = []
        self.writing: asyncio.Task[None] | None = None
        self.writer = ThreadPoolExecutor(max_workers=1)

    async def post(self, request: web.Request) -> web.Response:
        """«Saved», once on disk."""
        form = await request.post()
        pid, step = request.cookies.get("samspill_bare", ""), str(form.get("step", ""))
        value = str(form.get("value") or form.get("text") or "")
        key = (pid, step if request.path == "/vote" else str(form.get("submission", "")))
        self.keep(key, json.dumps([pid, step, value], ensure_ascii=False).encode())
        done = asyncio.get_running_loop().create_future()
        self.waiting.append(done)
        if self.writing is None:
            self.writing = asyncio.create_task(self.drain())
        await done
        return await super().post(request)

    def keep(self, key: tuple[str, str], fragment: bytes) -> None:
        self.fragments[key] = fragment

    async def drain(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self.waiting:
                batch, self.waiting = self.waiting, []
                await loop.run_in_executor(self.writer, self.next_write())
                for done in batch:
                    done.set_result(None)
        finally:
            self.writing = None

    def next_write(self) -> Callable[[], None]:
        """What the writer thread does for the batch: the whole file, as the store writes it
        (joined there, as the store's are)."""
        fragments = list(self.fragments.values())
        return lambda: write_atomically(self.path, [b"[", b",".join(fragments), b"]"])


class Append(Rewrite):
    """Like ``rewrite``, but a batch is appended to a journal and fsynced, the file never
    rewritten: the least a durable store costs here, the yardstick of the storm's targets."""

    def __init__(self, steps: list[Step], path: Path) -> None:
        super().__init__(steps, path)
        self.fresh: list[bytes] = []  # posts not yet in the journal
        self.journal = open(path.with_suffix(".jsonl"), "ab")  # noqa: SIM115 - closed by the OS

    def keep(self, key: tuple[str, str], fragment: bytes) -> None:
        if self.fragments.get(key) != fragment:  # a replayed answer is journaled once
            self.fresh.append(fragment)
        super().keep(key, fragment)

    def next_write(self) -> Callable[[], None]:
        """The batch's posts, one line each, appended, then fsync."""
        fresh, self.fresh = self.fresh, []
        return partial(self.append, b"".join(f + b"\n" for f in fresh))

    def append(self, lines: bytes) -> None:
        self.journal.write(lines)
        self.journal.flush()
        os.fsync(self.journal.fileno())


async def run_baseline(args: argparse.Namespace, library: Library, monitor: Monitor) -> None:
    programme = library.lang("nb").programmes[args.programme]
    steps = build_steps(programme, library.lang("nb"), "nb")
    path = args.data_dir / f"{NAME}.json"
    if args.mode in ("rewrite", "append"):
        base: Baseline = (Rewrite if args.mode == "rewrite" else Append)(steps, path)
    else:
        db = TinyDB(path) if args.mode == "tinydb" else None
        base = Baseline(steps, db)
    if args.go:
        base.current = next(i for i, s in enumerate(steps) if s.kind == args.go)
    runner = web.AppRunner(base.app(), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", args.port, reuse_address=True).start()
    origin = f"http://127.0.0.1:{runner.addresses[0][1]}"
    hello(origin, f"{origin}/j/{base.token}", steps)
    await serve_commands(base.go, monitor)
    await runner.cleanup()
    if base.db is not None:
        base.db.close()


# -- the real thing ---------------------------------------------------------------------------


def hello(origin: str, join: str, steps: list[Step]) -> None:
    """Tell the parent where to send phones, and the steps."""
    reply(origin=origin, join=join, pid=os.getpid(),
          steps=[[s.key, s.kind, len(s.questions)] for s in steps])


async def first_of_kind(session: Session, kind: str | None) -> None:
    """Move a fresh session (still in the lobby) to its first step of ``kind``."""
    if kind and session.current == 0:
        await session.go_to(next(i for i, s in enumerate(session.steps) if s.kind == kind))


async def run_samspill(args: argparse.Namespace, library: Library, monitor: Monitor) -> None:
    if args.say_loading:
        reply(loading=True)
    session = await Session.open(args.data_dir, NAME, args.programme, library, "nb")
    session.subscribe(monitor.on_event)
    server = WebServer(session, "127.0.0.1", args.port, limits=LIMITS)
    try:
        await server.start()
        await first_of_kind(session, args.go)
        hello(server.origin, server.join_url, session.steps)
        await serve_commands(session.go_to, monitor)
    finally:
        await server.stop()
        await session.close()


async def run_samspill_tui(args: argparse.Namespace, library: Library, monitor: Monitor) -> None:
    """The real app as the facilitator runs it, headless: aiohttp inside Textual's loop."""
    from samspill_tui.tui.app import SamspillApp
    from samspill_tui.tui.run import view_class
    from samspill_tui.tui.views import StepView

    tally = view_class("statement")
    redraw = tally.refresh_data

    def counted(view: StepView) -> None:
        monitor.redrawn()
        redraw(view)

    setattr(tally, "refresh_data", counted)  # noqa: B010 - counting the projector's tally redraws

    async def serve(session: Session) -> WebServer:
        server = WebServer(session, "127.0.0.1", args.port, limits=LIMITS)
        await server.start()
        return server

    app = SamspillApp(library=library, lang="nb", data_dir=args.data_dir, serve=serve,
                      start=(args.programme, NAME))
    async with app.run_test(headless=True, size=(160, 50)):
        while app.session is None or app.face is None:
            await asyncio.sleep(0.02)
        session, face = app.session, app.face
        assert isinstance(face, WebServer)
        session.subscribe(monitor.on_event)
        await first_of_kind(session, args.go)
        hello(face.origin, face.join_url, session.steps)

        async def go_and_reveal(index: int) -> None:
            """Move on and show the live results on the projector (its heaviest drawing)."""
            await session.go_to(index)
            if session.step.accepts_votes:
                await session.set_state(session.step.key, revealed=True)

        await serve_commands(go_and_reveal, monitor)


async def main(args: argparse.Namespace) -> None:
    library = load_library(args.content)
    library.require_valid()
    monitor = Monitor()
    probe = asyncio.create_task(monitor.probe())
    if args.mode != "samspill":
        await run_baseline(args, library, monitor)
    elif args.tui:
        await run_samspill_tui(args, library, monitor)
    else:
        await run_samspill(args, library, monitor)
    probe.cancel()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=("samspill", "bare", "rewrite", "append", "tinydb"),
                        default="samspill")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--content", type=Path, help="content folder (default: bundled + bench programme)")
    parser.add_argument("--programme", default="bench")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tui", action="store_true", help="run inside the real Textual app, headless")
    parser.add_argument("--go", help="move a fresh session to its first step of this kind")
    parser.add_argument("--checkpoint-batches", type=int, help="checkpoint after this many batches")
    parser.add_argument("--say-loading", action="store_true", help="announce the opening of the session")
    args = parser.parse_args(argv)
    if args.checkpoint_batches:
        store_writer.CHECKPOINT_BATCHES = args.checkpoint_batches
    args.data_dir.mkdir(parents=True, exist_ok=True)
    if args.content is None:
        args.content = bench_content(args.data_dir)
    return args


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
