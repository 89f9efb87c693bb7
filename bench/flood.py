"""One hostile phone, or fifty behind one address, against the projector: does the room stay usable?

    .venv/bin/python -m bench.flood --seconds 8      (or: make bench-flood)

The real app runs headless (120×40) with its real web server on 127.0.0.1, on the first reflection
step of the shipped `utviklingssamtale`. A child process attacks from the loopback addresses
127.0.x.y, as the floods of issue 18 did:

- 400 idle connections from one address (they once filled the laptop's 256 open files);
- 50 phones that join from one address and send answers as fast as they can for ``--seconds``
  (6,000 answers in 8 s once froze the projector for minutes);
- 50 connections that send a request's headers a byte a second (a slow-loris).

Meanwhile an honest phone from another address answers about twice a second, and the facilitator
moves the wall's cursor twice a second. Measured: the honest phone's answers (stored, and how long
each took), every key's time from the key event until the cursor moved, the loop's worst lag (a
task sleeping 5 ms), what the attack got through (answers stored, requests refused), and the app's
memory before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.projector import ROOT, Probe

FIELD = re.compile(r'name="(step|csrf|submission)" value="([^"]*)"')


async def _phone(http: aiohttp.ClientSession, origin: str, url: str) -> dict[str, str]:
    """Join and read the answer form's hidden fields."""
    async with http.get(url) as r:
        page = await r.text()
    return dict(FIELD.findall(page))


async def _answer(http: aiohttp.ClientSession, origin: str, fields: dict[str, str], text: str,
                  n: int) -> int:
    form = {**fields, "q": "0", "text": text, "submission": f"{fields.get('submission', 's')}{n}"}
    async with http.post(origin + "/answer", data=form, allow_redirects=False) as r:
        await r.read()
        return r.status


async def attack(origin: str, url: str, seconds: float) -> None:
    """The child: idle connections, a slow-loris and a flood of answers; prints what it got."""
    host, port = origin.removeprefix("http://").split(":")
    held = []
    for _ in range(400):
        try:
            held.append(await asyncio.open_connection(host, int(port), local_addr=("127.0.9.1", 0)))
        except OSError:
            break
    async def refused(reader: asyncio.StreamReader) -> bool:
        try:
            return bool(await asyncio.wait_for(reader.read(64), 0.5))  # the 429 page came at once
        except TimeoutError:
            return False

    turned_away = sum(await asyncio.gather(*(refused(r) for r, _ in held)))
    slow = []
    for n in range(50):
        _, writer = await asyncio.open_connection(host, int(port), local_addr=(f"127.0.8.{n + 1}", 0))
        writer.write(b"GET / HTTP/1.1\r\n")
        slow.append(writer)
    statuses: dict[int, int] = {}
    phones = []
    for _ in range(50):
        http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),
                                     connector=aiohttp.TCPConnector(local_addr=("127.0.7.1", 0)))
        phones.append((http, await _phone(http, origin, url)))
    end = time.monotonic() + seconds

    async def flood(http: aiohttp.ClientSession, fields: dict[str, str], who: int) -> None:
        n = 0
        while time.monotonic() < end:
            n += 1
            status = await _answer(http, origin, fields, f"flom {who}-{n} " + "x" * 900, n)
            statuses[status] = statuses.get(status, 0) + 1
            slow[who].write(b"X")  # a byte of header now and then

    await asyncio.gather(*(flood(h, f, i) for i, (h, f) in enumerate(phones)))
    for http, _ in phones:
        await http.close()
    print(f"idle connections opened: {len(held)}, turned away: {turned_away}; "
          f"answers sent: {sum(statuses.values())}; by status: {dict(sorted(statuses.items()))}", flush=True)


async def run(seconds: float) -> dict[str, str]:
    from samspill_tui.content import load_library
    from samspill_tui.session.live import Session
    from samspill_tui.tui.app import SamspillApp
    from samspill_tui.tui.wall import AnswerWall
    from samspill_tui.web.server import WebServer, listen_for

    figures: dict[str, str] = {}
    library = load_library(ROOT / "content")
    with tempfile.TemporaryDirectory() as tmp:
        servers: list[WebServer] = []

        async def serve(session: Session) -> WebServer:
            server = await listen_for(session, "127.0.0.1", 0, 0)
            await server.start()
            servers.append(server)
            return server

        app = SamspillApp(library=library, lang="nb", data_dir=Path(tmp), serve=serve,
                          start=("utviklingssamtale", "flom"))
        async with app.run_test(size=(120, 40)):
            while not servers or app.session is None:
                await asyncio.sleep(0.01)
            session, server = app.session, servers[0]
            await session.go_to(1)
            while not app.screen.query(AnswerWall):
                await asyncio.sleep(0.01)
            honest = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),
                                           connector=aiohttp.TCPConnector(local_addr=("127.0.6.1", 0)))
            fields = await _phone(honest, server.origin, server.join_url)
            await _answer(honest, server.origin, fields, "et første svar", 0)
            wall = app.screen.query_one(AnswerWall)
            wall.focus()
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            child = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bench.flood", "--attack", server.origin, server.join_url,
                "--seconds", str(seconds), stdout=subprocess.PIPE, cwd=ROOT)
            await asyncio.sleep(1.0)  # the idle connections are open, the phones joining
            probe = Probe()
            probe.start()
            keys: list[float] = []
            answered: list[float] = []
            refused = 0
            end = time.monotonic() + seconds
            n = 0
            while time.monotonic() < end:
                n += 1
                start = time.perf_counter()
                status = await _answer(honest, server.origin, fields, f"ærlig svar {n}", n)
                answered.append(time.perf_counter() - start)
                refused += status != 303
                for key in ("up", "down"):
                    before = wall.highlighted
                    start = time.perf_counter()
                    app.simulate_key(key)  # as the terminal's key arrives
                    while wall.highlighted == before and time.perf_counter() - start < 5:
                        await asyncio.sleep(0.001)
                    keys.append(time.perf_counter() - start)
                    await asyncio.sleep(0.25)
            lag = probe.stop()
            out, _ = await child.communicate()
            mine = [a for a in session.answers[session.step.key].values() if a.text.startswith("ærlig")]
            flood = [a for a in session.answers[session.step.key].values() if a.text.startswith("flom")]
            rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            await honest.close()
    figures["attack"] = out.decode().strip()
    figures["flood answers stored (50 phones × 30 a step at most)"] = str(len(flood))
    figures["honest answers stored / sent / refused"] = f"{len(mine)} / {n} / {refused}"
    figures["honest answer: median / worst (ms)"] = (f"{1000 * statistics.median(answered):.0f} / "
                                                     f"{1000 * max(answered):.0f}")
    figures["keys on the wall: median / worst (ms)"] = (f"{1000 * statistics.median(keys):.0f} / "
                                                       f"{1000 * max(keys):.0f}")
    figures["worst loop lag (ms)"] = f"{lag:.0f}"
    figures["peak memory before / after the attack (MB)"] = (f"{rss_before / 1024:.0f} / "
                                                            f"{rss_after / 1024:.0f}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--attack", nargs=2, metavar=("ORIGIN", "JOIN_URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.attack:
        asyncio.run(attack(*args.attack, args.seconds))
        return
    figures = asyncio.run(run(args.seconds))
    width = max(map(len, figures))
    for label, value in figures.items():
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
