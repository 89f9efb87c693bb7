"""Smoke test of an installed Samspill (run by `make smoke` in a fresh venv, from an empty folder).

What a facilitator does after `pipx install`: check the content, start a session on loopback in a
pseudo-terminal, a phone joins and votes over HTTP, quit, export in every format, list sessions.
Only the installed `samspill` command and the installed package are used; sessions go where
platformdirs says (XDG_DATA_HOME is pointed at a temporary folder). Linux and macOS (a pty).
"""

from __future__ import annotations

import contextlib
import fcntl
import http.cookiejar
import json
import os
import pty
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import termios
import time
import urllib.parse
import urllib.request
from pathlib import Path

TIMEOUT = 60.0


def fail(message: str) -> None:
    print(f"SMOKE FAILED: {message}", file=sys.stderr)
    raise SystemExit(1)


def check(condition: object, message: str) -> None:
    if not condition:
        fail(message)


def samspill(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("samspill", path=str(Path(sys.executable).parent))
    check(exe, "no samspill command next to this Python")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=TIMEOUT)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class App:
    """`samspill run` in a pseudo-terminal, its output drained so it never blocks."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # 120x40
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        self.master, self.output = master, bytearray()

    def drain(self, seconds: float = 0.05) -> None:
        readable, _, _ = select.select([self.master], [], [], seconds)
        if readable:
            with contextlib.suppress(OSError):
                self.output += os.read(self.master, 65536)

    def press(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def stop(self) -> int | None:
        self.press("\x11")  # ctrl+q quits at once (q asks first once phones have joined)
        deadline = time.monotonic() + 20
        while self.proc.poll() is None and time.monotonic() < deadline:
            self.drain()
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        code = self.proc.wait()
        os.close(self.master)
        return code


class Phone:
    """A phone's browser: a cookie jar and forms, over plain HTTP."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        jar = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.http = urllib.request.build_opener(jar)

    def get(self, path: str) -> str:
        with self.http.open(self.origin + path if path.startswith("/") else path, timeout=10) as r:
            return str(r.read().decode())

    def post(self, path: str, fields: dict[str, str]) -> dict[str, object]:
        """A form posted as the page's script does: the reply is JSON."""
        return dict(json.loads(self.send(path, fields, "application/json")))

    def send(self, path: str, fields: dict[str, str], accept: str = "text/html") -> str:
        """A form posted as a browser without script does: the page that follows."""
        request = urllib.request.Request(self.origin + path, data=urllib.parse.urlencode(fields).encode(),
                                         headers={"Accept": accept, "Origin": self.origin})
        with self.http.open(request, timeout=10) as r:
            return str(r.read().decode())


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    check(found, f"no field {name!r} on the phone page")
    assert found is not None
    return found[1]


def main() -> int:
    import samspill_tui
    from samspill_tui.content.library import load_library
    from samspill_tui.paths import default_content
    from samspill_tui.session.steps import build_steps, options
    from samspill_tui.session.store import read_snapshot

    here = Path.cwd()
    check(not any(here.iterdir()), f"run me from an empty folder, not {here}")
    check("site-packages" in samspill_tui.__file__, f"not the installed package: {samspill_tui.__file__}")
    home = Path(tempfile.mkdtemp(prefix="samspill-smoke-"))
    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "SAMSPILL_CACHE_DIR": str(home / "cache"),
           "TERM": "xterm-256color"}
    env.pop("SAMSPILL_CONTENT", None)
    data = home / "data" / "samspill" / "sessions"

    checked = samspill("content", "check", env=env)
    check(checked.returncode == 0 and "OK:" in checked.stdout,
          f"content check: {checked.stdout}{checked.stderr}")
    check("site-packages" in checked.stdout, f"content not from the wheel: {checked.stdout}")
    print("content check: OK,", checked.stdout.strip().splitlines()[-1])

    port = free_port()
    exe = shutil.which("samspill", path=str(Path(sys.executable).parent))
    assert exe is not None
    app = App([exe, "run", "--programme", "folkevalgtdag", "--session", "smoke", "--host", "127.0.0.1",
               "--port", str(port), "--organ", "Kommunestyret", "--place", "Rådhuset"], env)
    origin = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            app.drain()
            check(app.proc.poll() is None, f"samspill run exited: {app.output[-2000:]!r}")
            check(time.monotonic() < deadline, f"no phone page on {origin}: {app.output[-2000:]!r}")
            try:
                urllib.request.urlopen(origin + "/", timeout=2).close()
                break
            except urllib.error.HTTPError:  # the server answers (a phone not joined yet)
                break
            except OSError:
                pass
        meta = read_snapshot(data / "smoke.json")["meta"][0]
        phone = Phone(origin)
        joined = phone.get(f"/j/{meta['token']}")
        if 'name="role"' in joined:  # the folkevalgtdag asks each phone for its group first
            phone.send("/role", {"csrf": hidden(joined, "csrf"), "role": "folkevalgt"})
        library = load_library(default_content())
        steps = build_steps(library.lang("nb").programmes["folkevalgtdag"], library.lang("nb"), "nb")
        index, target = next((n, s) for n, s in enumerate(steps) if s.accepts_votes and options(s, "nb"))
        while (state := json.loads(phone.get("/state")))["step"] < index:
            check(time.monotonic() < deadline, f"the app did not move to {target.key}: {state}, "
                                               f"{app.output[-3000:].decode(errors='replace')}")
            app.press("n")
            for _ in range(20):  # the next step is shown before the next key
                app.drain()
                if json.loads(phone.get("/state"))["step"] > state["step"]:
                    break
        page = phone.get("/")
        value = options(target, "nb")[0].value
        form = {"step": hidden(page, "step"), "csrf": hidden(page, "csrf"), "value": value}
        reply = phone.post("/vote", form)
        check(reply.get("ok") is True, f"vote not registered: {reply}")
        votes = read_snapshot(data / "smoke.json")["votes"]
        check([v["value"] for v in votes] == [value], f"the vote is not on disk: {votes}")
        print(f"session on {origin}: a phone joined and voted on «{target.title}», on disk")
    finally:
        code = app.stop()
    check(code == 0, f"samspill run ended with {code}: {app.output[-2000:]!r}")

    for fmt in ("md", "html", "csv", "json", "xlsx", "pdf"):
        out = here / f"smoke.{fmt}"
        done = samspill("export", "smoke", "--format", fmt, "--out", str(out), env=env)
        check(done.returncode == 0 and out.stat().st_size > 0, f"export {fmt}: {done.stderr}")
    check((here / "smoke.pdf").read_bytes().startswith(b"%PDF"), "not a PDF")
    check((here / "smoke.xlsx").read_bytes().startswith(b"PK"), "not an xlsx")
    check("**Organ:** Kommunestyret" in (here / "smoke.md").read_text(), "meeting details not exported")
    exported = {s["key"]: s for s in json.loads((here / "smoke.json").read_text())["steps"]}
    check(exported[target.key].get("withheld_result", {}).get("reason") == "under_k",
          f"one vote shown, not withheld under k: {exported[target.key]}")
    print("export: md html csv json xlsx pdf")

    listed = samspill("sessions", "list", env=env)
    check(listed.returncode == 0 and "smoke" in listed.stdout,
          f"sessions list: {listed.stdout}{listed.stderr}")
    check(str(data) in listed.stderr, f"sessions list does not say where ({data}): {listed.stderr}")
    print("sessions list:", listed.stderr.strip())
    shutil.rmtree(home, ignore_errors=True)
    print("SMOKE OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
