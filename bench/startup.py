"""Start-up benchmark: launch to the lobby with its QR code, as a ratio to a bare Textual app.

Each run is a separate process in a pseudo-terminal of a fixed size, so the measurement covers
everything a facilitator waits for: interpreter start, imports, loading and validating content,
opening the session file, starting the web server and painting the first frame that holds the
QR code. The parent times from spawn until the QR code's half-block characters (or, for the
baseline, its marker text) have reached the terminal, then kills the process. Baseline and app
alternate so both see the same machine load. The web server starts after the lobby is painted
(its socket is bound before), so for the app the parent also times, from the lobby, until the
join address answers an HTTP request; that is reported, not part of the ratio.

    .venv/bin/python bench/startup.py [--runs 20] [--size 120x40]
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_MARKER = b"BARE-APP-READY"
BARE_APP = f"""
from textual.app import App
from textual.widgets import Static

class Bare(App[None]):
    def compose(self):
        yield Static("{BARE_MARKER.decode()}")

Bare().run()
"""
# The QR code of a join address is at least 37x37 modules with its quiet zone: one scale-1
# drawing has ~700 half-block cells. Nothing else on the lobby comes close.
QR_CELLS = 600
HALF_BLOCKS = ("▀".encode(), "▄".encode(), "█".encode())
TIMEOUT = 60.0
JOIN_ORIGIN = re.compile(rb"(http://[0-9.]+:\d+)/j/")


def _spawn(argv: list[str], size: tuple[int, int], cwd: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Start ``argv`` in a new pseudo-terminal of ``size`` (columns, rows)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
           "COLUMNS": str(size[0]), "LINES": str(size[1])}
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                            start_new_session=True, close_fds=True)
    os.close(slave)
    return proc, master


def _time_to(argv: list[str], ready: Callable[[bytearray], bool], size: tuple[int, int], cwd: Path,
             then: Callable[[bytearray], None] | None = None) -> float:
    """Seconds from spawn until ``ready(output_so_far)`` holds; ``then(output)`` runs before the kill."""
    start = time.perf_counter()
    proc, master = _spawn(argv, size, cwd)
    output = bytearray()
    try:
        while True:
            left = TIMEOUT - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"not ready after {TIMEOUT} s: {argv}\n{output[-2000:]!r}")
            readable, _, _ = select.select([master], [], [], left)
            if readable:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk:
                    raise RuntimeError(f"exited before ready: {argv}\n{output[-2000:]!r}")
                output += chunk
                if ready(output):
                    took = time.perf_counter() - start
                    if then is not None:
                        then(output)
                    return took
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def _bare_ready(output: bytearray) -> bool:
    return BARE_MARKER in output


def _lobby_ready(output: bytearray) -> bool:
    """The join address is on the terminal, and a QR code's worth of half blocks."""
    return b"/j/" in output and sum(output.count(ch) for ch in HALF_BLOCKS) >= QR_CELLS


def _first_answer(output: bytearray) -> float:
    """Seconds until the join address's server answers an HTTP request (it may still be starting)."""
    found = JOIN_ORIGIN.search(bytes(output))
    if found is None:
        raise RuntimeError(f"no join address on the terminal:\n{output[-2000:]!r}")
    start = time.perf_counter()
    with urllib.request.urlopen(found.group(1).decode() + "/", timeout=TIMEOUT) as response:
        response.read()
    return time.perf_counter() - start


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each (default 20)")
    parser.add_argument("--size", default="120x40", help="terminal size, COLSxROWS (default 120x40)")
    parser.add_argument("--programme", default="folkevalgtdag")
    args = parser.parse_args()
    cols, rows = (int(n) for n in args.size.split("x"))
    size = (cols, rows)
    python = sys.executable
    data = Path(tempfile.mkdtemp(prefix="samspill-bench-"))
    bare_cmd = [python, "-c", BARE_APP]

    def app_cmd(n: int) -> list[str]:
        return [python, "-m", "samspill_tui", "run", "--programme", args.programme,
                "--session", f"bench-{n}", "--port", "0", "--data-dir", str(data)]

    bare: list[float] = []
    app: list[float] = []
    serving: list[float] = []
    # Byte-compiled, as pip leaves an installed package and as Python leaves it after a first run
    # (an editable checkout under PYTHONDONTWRITEBYTECODE=1 would otherwise compile every start).
    compileall.compile_dir(ROOT / "samspill_tui", quiet=1)
    try:
        _time_to(bare_cmd, _bare_ready, size, ROOT)  # warm-up: file caches
        _time_to(app_cmd(-1), _lobby_ready, size, ROOT)
        for n in range(args.runs):
            order = ("bare", "app") if n % 2 == 0 else ("app", "bare")
            for name in order:
                if name == "bare":
                    bare.append(_time_to(bare_cmd, _bare_ready, size, ROOT))
                else:
                    app.append(_time_to(app_cmd(n), _lobby_ready, size, ROOT,
                                        lambda out: serving.append(_first_answer(out))))
    finally:
        shutil.rmtree(data, ignore_errors=True)

    ratio = statistics.median(app) / statistics.median(bare)
    print(f"runs: {args.runs} each, alternating; terminal {cols}x{rows}; python {sys.version.split()[0]}")
    for label, values in (("bare Textual app (one Static)", bare), ("samspill run → lobby with QR", app)):
        print(f"{label:<31} median {statistics.median(values) * 1000:5.0f} ms   "
              f"p90 {_p90(values) * 1000:5.0f} ms")
    print(f"then until the phone page answers: median {statistics.median(serving) * 1000:5.0f} ms   "
          f"p90 {_p90(serving) * 1000:5.0f} ms (requests wait in the listen backlog meanwhile)")
    print(f"ratio of medians: {ratio:.2f}x   ratio of p90: {_p90(app) / _p90(bare):.2f}x   "
          f"(target ≤ 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
