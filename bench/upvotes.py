"""The projector while a hall upvotes: event-loop lag and key latency with 500 phones at once.

    .venv/bin/python -m bench.upvotes --phones 500      (or: make bench-upvotes)

The app runs headless (Textual's ``run_test`` at 120×40) with the real web server, on the
formannskap's questions step made ``direkte``, with ``--questions`` questions already shown. The
phones run in a child process (so they do not take the projector's loop): each joins through the
real token → cookie → page, then, all within ``--window`` seconds, posts ``--upvotes`` upvotes
to questions of its page, as its form does. Meanwhile the app's process measures how late a 10 ms
sleep wakes (loop lag) and how long an arrow key takes to move the projector's cursor (from the
terminal's key event until the cursor moved), and counts how often the list's order changed. Each
phone comes from its own loopback address (127.0.x.y), as phones on a venue's Wi-Fi do.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.child import ROOT
from bench.measure import percentile

TICK = 0.01
HIDDEN_RE = re.compile(r'name="(step|csrf|q)" value="([^"]*)"')


async def _phone(join_url: str, origin: str, start: float, window: float, upvotes: int,
                 rng: random.Random, address: str) -> list[tuple[int, float]]:
    """One phone from its own ``address``: join (saying it is a folkevalgt where the programme
    asks for a group), read its page, then upvote at its drawn moments; (status, seconds) each."""
    import aiohttp

    done: list[tuple[int, float]] = []
    connector = aiohttp.TCPConnector(local_addr=(address, 0))
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True), connector=connector) as http:
        async with http.get(join_url) as r:
            page = await r.text()
        if 'name="role"' in page:
            csrf = re.search(r'name="csrf" value="([^"]*)"', page)
            async with http.post(origin + "/role", headers={"Origin": origin},
                                 data={"csrf": csrf[1] if csrf else "", "role": "folkevalgt"}) as r:
                page = await r.text()
        step = re.search(r'name="step" value="([^"]*)"', page)
        csrf = re.search(r'name="csrf" value="([^"]*)"', page)
        questions = re.findall(r'name="q" value="([0-9a-f]{12})"', page)
        if not (step and csrf and questions):
            return [(0, 0.0)]
        moments = sorted(start + rng.random() * window for _ in range(upvotes))
        for at, public in zip(moments, rng.sample(questions, min(upvotes, len(questions))), strict=False):
            await asyncio.sleep(max(0.0, at - time.time()))
            began = time.perf_counter()
            async with http.post(origin + "/upvote", headers={"Origin": origin, "Accept": "application/json"},
                                 data={"step": step[1], "csrf": csrf[1], "q": public, "on": "1"}) as r:
                await r.read()
                done.append((r.status, time.perf_counter() - began))
    return done


async def _phones(join_url: str, phones: int, start: float, window: float, upvotes: int) -> None:
    origin = join_url.split("/j/")[0]
    rng = random.Random(7)
    addresses = [f"127.0.{1 + n // 250}.{1 + n % 250}" for n in range(phones)]
    results = await asyncio.gather(*(_phone(join_url, origin, start, window, upvotes,
                                            random.Random(rng.random()), address)
                                     for address in addresses))
    flat = [r for phone in results for r in phone]
    ok = [s for status, s in flat if status == 200]
    print(json.dumps({"sent": len(flat), "ok": len(ok),
                      "p50_ms": 1000 * percentile(ok, 0.5) if ok else None,
                      "p99_ms": 1000 * percentile(ok, 0.99) if ok else None}))


def _content(root: Path) -> Path:
    """The bundled content with the formannskap's questions shown without approval."""
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    for lang in ("nb", "nn"):
        path = content / lang / "programmes" / "formannskap.md"
        text = path.read_text(encoding="utf-8")
        line = "questions hvem-bestemmer (5 min"
        path.write_text(text.replace(f"{line})", f"{line}, direkte)"), encoding="utf-8")
    return content


async def _measure(args: argparse.Namespace, data: Path) -> dict[str, Any]:
    from textual.widgets import OptionList

    from samspill_tui.content import load_library
    from samspill_tui.session.live import Session
    from samspill_tui.tui.app import SamspillApp
    from samspill_tui.tui.questions import QuestionsView
    from samspill_tui.tui.run import SessionScreen
    from samspill_tui.web.server import WebServer, listen_for

    library = load_library(_content(data))
    library.require_valid()

    async def serve(session: Session) -> WebServer:
        server = await listen_for(session, "127.0.0.1", 0, 0)
        await server.start()
        return server

    app = SamspillApp(library=library, lang="nb", data_dir=data, serve=serve,
                      start=("formannskap", "bench"), demo=0)
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, SessionScreen):
            await pilot.pause(0.05)
        screen = app.screen
        session = screen.session
        await session.go_to(next(i for i, s in enumerate(session.steps) if s.accepts_questions))
        while not screen.query(QuestionsView):
            await pilot.pause(0.05)
        for n in range(args.questions):
            asker = await session.join()
            if session.asks_role:  # the shipped formannskap asks each phone for its group
                await session.choose_role(asker.id, "folkevalgt")
            await session.ask(asker.id, session.step.key, f"Spørsmål nummer {n + 1} fra salen?", "b")
        view = screen.query_one(QuestionsView)
        box = view.query_one("#asked", OptionList)
        box.focus()
        await pilot.pause(0.5)
        orders: list[list[str]] = []
        start = time.time() + 3.0 + args.phones / 200  # the phones join first
        child = subprocess.Popen([sys.executable, "-m", "bench.upvotes", "--child", screen.face.join_url,
                                  "--phones", str(args.phones), "--start", str(start),
                                  "--window", str(args.window), "--upvotes", str(args.upvotes)],
                                 stdout=subprocess.PIPE, cwd=ROOT)
        lags: list[float] = []
        keys: list[float] = []
        end = start + args.window + 2.0
        while time.time() < start:
            await pilot.pause(0.05)
        loop = asyncio.get_running_loop()
        while time.time() < end:
            before = loop.time()
            await asyncio.sleep(TICK)
            lags.append(loop.time() - before - TICK)
            if len(lags) % 20 == 0:  # the terminal's key, timed until the cursor moved
                cursor = box.highlighted
                began = time.perf_counter()
                app.simulate_key("down" if len(keys) % 8 < 4 else "up")
                while box.highlighted == cursor and time.perf_counter() - began < 5:
                    await asyncio.sleep(0.001)
                keys.append(time.perf_counter() - began)
            if not orders or orders[-1] != view.order:
                orders.append(list(view.order))
        out, _ = await asyncio.to_thread(child.communicate)
        phones = json.loads(out.decode().strip().splitlines()[-1])
        total = sum(q.upvotes for q in session.reading.questions(session.step))
    return {"phones": args.phones, "upvotes_sent": phones["sent"], "acked": phones["ok"],
            "stored": total, "upvote_p50_ms": phones["p50_ms"], "upvote_p99_ms": phones["p99_ms"],
            "loop_lag_p50_ms": 1000 * percentile(lags, 0.5), "loop_lag_p99_ms": 1000 * percentile(lags, 0.99),
            "loop_lag_max_ms": 1000 * max(lags), "key_p50_ms": 1000 * percentile(keys, 0.5),
            "key_p99_ms": 1000 * percentile(keys, 0.99), "reorders": len(orders) - 1,
            "seconds": round(end - start, 1)}


def main() -> None:
    """Run the measurement (or, with --child, the phones)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--upvotes", type=int, default=3, help="upvotes per phone")
    parser.add_argument("--window", type=float, default=1.0, help="seconds all upvotes are sent within")
    parser.add_argument("--child", metavar="JOIN_URL", help=argparse.SUPPRESS)
    parser.add_argument("--start", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        asyncio.run(_phones(args.child, args.phones, args.start, args.window, args.upvotes))
        return
    with tempfile.TemporaryDirectory(prefix="samspill-upvotes-") as tmp:
        print(json.dumps(asyncio.run(_measure(args, Path(tmp))), indent=2))


if __name__ == "__main__":
    main()
