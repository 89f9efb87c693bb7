"""Make the README's screenshots: the real app in rehearsal mode, saved as SVG in docs/img/.

Runs the app headless at a fixed terminal size with its real web server, while simulated
participants (the ``--demo`` rehearsal mode) join, vote and answer over HTTP. The script moves
through the session and waits for conditions (everyone joined, everyone voted, the screen has
settled) before each picture, never for a fixed time.

    .venv/bin/python scripts/screenshots.py [--out docs/img] [--size 120x40] [--people 14]
        [--host H] [--port 8765] [--lang nb]

The join address is kept stable between runs: a fixed port, and the session is prepared on disk
with a fixed join token, code and date before the app resumes it (the QR code is still a real
one: the simulated phones join through it). By default the
laptop's LAN address is announced, as in a real session; ``--host 127.0.0.1`` gives the same
address on every machine, at the price of the lobby's "phones cannot reach this" warning.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual.pilot import Pilot  # noqa: E402

from samspill_tui.content.library import Library, load_library  # noqa: E402
from samspill_tui.demo import QUICK_PACE  # noqa: E402
from samspill_tui.session.live import Session  # noqa: E402
from samspill_tui.session.store import Put  # noqa: E402
from samspill_tui.tui.app import SamspillApp  # noqa: E402
from samspill_tui.tui.run import SessionScreen  # noqa: E402
from samspill_tui.web.server import WebServer  # noqa: E402

PROGRAMME = "folkevalgtdag"
SESSION = "kommunestyret-demo"
FIXED = {"token": "skjermbilde-demo-0000", "code": "DEMO34",  # fixed only for the pictures
         "created": "2026-03-12T08:30:00+00:00"}
TIMEOUT = 60.0


def _screen_text(app: SamspillApp) -> str:
    """What the terminal shows, as text (from the SVG the app would save)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def _until(pilot: Pilot[None], condition: Callable[[], object], what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while not condition():
        if loop.time() > deadline:
            raise SystemExit(f"screenshots: timed out waiting for {what}")
        await pilot.pause(0.05)


async def _settled(pilot: Pilot[None], app: SamspillApp) -> None:
    """Wait until the screen stops changing (redraws come at most five times a second)."""
    previous = ""
    for _ in range(int(TIMEOUT / 0.3)):
        await pilot.pause(0.3)
        current = _screen_text(app)
        if current == previous:
            return
        previous = current
    raise SystemExit("screenshots: the screen never settled")


async def _session_on_disk(data: Path, library: Library, lang: str) -> None:
    """Create the session with a fixed join token, code and date; the app then resumes it."""
    session = await Session.open(data, SESSION, PROGRAMME, library, lang)
    try:
        await session.store.commit([Put("meta", {**session.record.meta, **FIXED})])
    finally:
        await session.close()


async def make_screenshots(out: Path, size: tuple[int, int], people: int, host: str, port: int,
                           lang: str) -> list[Path]:
    """Run the app through a session and save one SVG per main screen into ``out``."""
    library = load_library(ROOT / "content")
    library.require_valid()
    data = Path(tempfile.mkdtemp(prefix="samspill-shots-"))
    saved: list[Path] = []

    async def serve(session: Session) -> WebServer:
        server = WebServer(session, host, port)
        try:
            await server.start()
        except OSError:  # the port is taken: any free one (the address then differs)
            server = WebServer(session, host, 0)
            await server.start()
        return server

    app = SamspillApp(library=library, lang=lang, data_dir=data, serve=serve, demo=people,
                      demo_pace=QUICK_PACE)

    def save(name: str) -> None:
        path = out / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(out))
        saved.append(path)

    try:
        await _session_on_disk(data, library, lang)
        async with app.run_test(size=size) as pilot:
            await _settled(pilot, app)
            save("home")

            await app.open_session(PROGRAMME, SESSION)
            await _until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")
            session = app.session
            assert session is not None
            await _until(pilot, lambda: len(session.participants) == people, "everyone to join")
            await _settled(pilot, app)
            save("lobby")

            async def go(kind: str, ready: Callable[[], object] = lambda: True) -> None:
                index = next(i for i, s in enumerate(session.steps) if s.kind == kind)
                await session.go_to(index)
                await _until(pilot, lambda: session.current == index and ready(), f"the {kind} step")
                await _settled(pilot, app)

            await go("case")
            save("case")

            await go("reflection")
            step = session.step
            await _until(pilot, lambda: len({a.pid for a in session.answers.get(step.key, {}).values()})
                         >= people // 2,
                         "answers on the wall")
            await _settled(pilot, app)
            save("reflection")

            index = next(i for i, s in enumerate(session.steps) if s.kind == "statement")
            await session.go_to(index)
            step = session.steps[index]
            await _until(pilot, lambda: session.reading.answered(step) == people, "everyone to vote")
            await session.set_state(step.key, revealed=True)
            await _settled(pilot, app)
            save("statement")

            await go("summary")
            save("summary")
    finally:
        shutil.rmtree(data, ignore_errors=True)
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--size", default="120x40", help="terminal size, COLSxROWS")
    parser.add_argument("--people", type=int, default=14, help="simulated participants")
    parser.add_argument("--host", default="0.0.0.0",
                        help="address to listen on and announce (default: the LAN address)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--lang", choices=("nb", "nn"), default="nb")
    args = parser.parse_args()
    cols, rows = (int(n) for n in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    saved = asyncio.run(make_screenshots(args.out, (cols, rows), args.people, args.host, args.port,
                                         args.lang))
    for path in saved:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
