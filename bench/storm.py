"""The storm: throughput, acknowledgement latency and durability against the baselines.

    .venv/bin/python -m bench.storm --phones 2000      (or: make bench)
    .venv/bin/python -m bench.storm --phones 1000      (the storm target of issue 24)

The server runs in a child process (bench/server.py) and the phones in this one, so each has a
core of the two. Every phone goes through the real join (token, cookie, CSRF from the page) and
holds the page's live stream open; the streams are read in a third process (bench/followers.py),
as on real phones, where reading them does not delay other phones' votes. For each server, in
the same run and with the same schedule:

- storm: the first ``votes - bursts`` statements are opened one after the other; on each, every
  phone fetches the page and votes, at times drawn in advance over ``--storm-window`` seconds (an
  open model: latency runs from the intended time to the acknowledgement, page fetch included,
  so a slow server cannot hide its delay). The window is short enough to saturate the server,
  so votes/s is its capacity. Then the reflection: each phone sends ``answers`` answers and
  re-sends some of them (a retry) to check that nothing counts twice.
- bursts: the last ``bursts`` statements; on each, all phones vote within ``--burst-window``
  (1 s) of it opening, as a hall does.

Servers: ``append`` (the yardstick, the durable floor: the bare handler answering only once the
post is appended to a journal and fsynced, one append per batch in group commit), ``samspill``
(the real app: Session, WebServer and, unless --no-tui, the Textual app headless, as projected,
with live results shown) and ``bare`` (a bare aiohttp handler that never touches the disk, for
context); on request also ``rewrite`` (the bare handler with a whole-file rewrite per batch, the
store of issue 5) and ``tinydb`` (TinyDB's default storage, one insert per vote; only
``--tinydb-rounds`` storm statements and no answers, as it is slow). All of them run at once,
each stopped (SIGSTOP) but for its turns: each statement round goes to every server in turn, in
an order that reverses from one round to the next (ABBA), and each server measures only during
its own turns; so a machine that gets busier or quieter during the run weighs on every server
alike, and no server's background work (the projector's clock, a garbage collection) falls into
another's turn. A statement opens once the previous one's votes are all answered, and 0.3 s
later. The targets of issue 24 are checked at the end, against ``append`` of the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from bench.child import ROOT, ServerProcess
from bench.measure import percentile
from bench.phones import Phone, Sent
from bench.server import NAME, bench_content

PAUSE = 0.3  # seconds the room looks at the projector before the next step opens


@dataclass
class Phase:
    """What the phones saw in one phase: every post, with its intended send time."""

    sent: list[tuple[float, Sent]] = field(default_factory=list)
    busy: float = 0.0  # seconds from each statement opening to its last answer, summed

    def acked(self) -> list[tuple[float, Sent]]:
        """The posts the server said were saved."""
        return [(t, s) for t, s in self.sent if s.acked]

    def figures(self) -> dict[str, float]:
        """Votes/s over the busy time and acknowledgement latency from the intended send time."""
        latencies = [s.done - t for t, s in self.acked()]
        return {
            "acked": len(latencies),
            "failed": len(self.sent) - len(latencies),
            "per_s": len(latencies) / self.busy if self.busy else 0.0,
            "p50_ms": percentile(latencies, 0.5) * 1000,
            "p99_ms": percentile(latencies, 0.99) * 1000,
            "max_ms": max(latencies, default=0.0) * 1000,
        }


async def at(when: float) -> None:
    """Sleep until ``when`` on the monotonic clock."""
    await asyncio.sleep(max(0.0, when - time.monotonic()))


async def open_and_vote(child: ServerProcess, index: int, phones: list[Phone], window: float,
                        phase: Phase) -> None:
    """Open statement ``index``; every phone fetches the page and votes at its drawn time."""
    await child.command(f"go {index}")
    opened = time.monotonic()
    times = [opened + random.uniform(0, window) for _ in phones]

    async def one(phone: Phone, intended: float) -> None:
        await at(intended)
        sent = await phone.vote(await phone.page())
        if sent is not None:
            phase.sent.append((intended, sent))

    await asyncio.gather(*(one(p, t) for p, t in zip(phones, times, strict=True)))
    phase.busy += max((s.done for _, s in phase.sent), default=opened) - opened
    await asyncio.sleep(PAUSE)


async def open_and_answer(child: ServerProcess, index: int, phones: list[Phone], answers: int,
                          window: float, phase: Phase, replays: list[Sent]) -> None:
    """Open the reflection; each phone answers ``answers`` questions; a few answers are re-sent."""
    await child.command(f"go {index}")
    opened = time.monotonic()
    plan = [(p, q, opened + random.uniform(0, window)) for p in phones for q in range(answers)]

    async def one(phone: Phone, question: int, intended: float) -> None:
        await at(intended)
        sent = await phone.answer(await phone.page(), question, f"Svar {question} fra {phone.pid[:6]}")
        if sent is not None:
            phase.sent.append((intended, sent))
            if sent.acked and random.random() < 0.05:  # the phone did not see the answer: retry
                replays.append(await phone.send("answer", sent.fields))

    await asyncio.gather(*(one(p, q, t) for p, q, t in plan))
    phase.busy += max((s.done for _, s in phase.sent), default=opened) - opened
    await asyncio.sleep(PAUSE)


async def hold_streams(origin: str, phones: list[Phone]) -> asyncio.subprocess.Process:
    """Every phone's live stream, held open by bench/followers.py in a process of its own."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.followers", origin, cwd=ROOT,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(json.dumps([p.cookies for p in phones]).encode() + b"\n")
    await process.stdin.drain()
    if await asyncio.wait_for(process.stdout.readline(), 60) != b"ready\n":
        raise RuntimeError("the streams did not open")
    return process


def stored_posts(mode: str, path: Path) -> tuple[Counter[tuple[str, str, str]], int]:
    """(pid, step, value-or-text) -> times stored, and the file size."""
    found: Counter[tuple[str, str, str]] = Counter()
    if mode == "samspill":
        from samspill_tui.session.store import read_snapshot

        snapshot = read_snapshot(path)
        found.update((d["k"], d["step"], d["value"]) for d in snapshot["votes"])
        found.update((d["pid"], d["step"], d["text"]) for d in snapshot["answers"])
    elif mode == "rewrite":
        found.update(tuple(post) for post in json.loads(path.read_bytes()))
    elif mode == "append":
        path = path.with_suffix(".jsonl")
        found.update(tuple(json.loads(line)) for line in path.read_bytes().splitlines())
    else:
        found.update((d["pid"], d["step"], d.get("value") or d.get("text", ""))
                     for d in json.loads(path.read_bytes()).get("_default", {}).values())
    return found, path.stat().st_size


def durability(mode: str, path: Path, phases: list[Phase], replays: list[Sent]) -> dict[str, int]:
    """Lost = acknowledged but not stored; duplicates = stored more than once or never acked."""
    found, size = stored_posts(mode, path)
    acked = Counter((s.pid, s.step, s.value) for phase in phases for _, s in phase.acked())
    return {"lost": sum(1 for key in acked if not found[key]),
            "duplicates": sum(n - 1 for n in found.values() if n > 1) + sum(
                1 for key in found if key not in acked),
            "replays_acked": sum(s.acked for s in replays),
            "file_bytes": size}


@dataclass
class Run:
    """One server with its phones, measured in turns with the others."""

    mode: str
    child: ServerProcess
    phones: list[Phone]
    data: Path
    followers: asyncio.subprocess.Process | None = None
    storm: Phase = field(default_factory=Phase)
    answers: Phase = field(default_factory=Phase)
    burst: Phase = field(default_factory=Phase)
    replays: list[Sent] = field(default_factory=list)
    server: dict[str, dict[str, Any]] = field(default_factory=dict)  # phase -> the child's stats

    @classmethod
    async def start(cls, mode: str, args: argparse.Namespace, work: Path, content: Path) -> Run:
        """Start the server and join every phone (holding its live stream, for samspill)."""
        data = work / mode
        flags = ["--mode", mode, "--data-dir", str(data), "--content", str(content)]
        if mode == "samspill" and args.tui:
            flags.append("--tui")
        child = await ServerProcess.start(*flags)
        run = cls(mode, child, [Phone(child.origin, timeout=300) for _ in range(args.phones)], data)
        gate = asyncio.Semaphore(50)

        async def join(phone: Phone) -> None:
            async with gate:
                await phone.join(child.join_url)

        try:
            await asyncio.gather(*(join(p) for p in run.phones))
            if mode == "samspill" and args.streams:  # each phone's page follows the room live
                run.followers = await hold_streams(child.origin, run.phones)
        except BaseException:
            await run.stop()
            raise
        return run

    def statements(self, args: argparse.Namespace) -> tuple[list[int], list[int]]:
        """The step indexes of the storm's statements and of the bursts'."""
        found = [i for i, (_, kind, _) in enumerate(self.child.steps) if kind == "statement"]
        storm = found[: args.votes - args.bursts]
        if self.mode == "tinydb":
            storm = storm[: args.tinydb_rounds]
        return storm, found[args.votes - args.bursts: args.votes]

    async def turn(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` with this server running and measuring; it is stopped before and after.
        Woken, it first has a pause to catch up (its timers, a garbage collection of the quiet
        room), as between two statements. The phones (this process) collect their garbage
        before a turn, not during it: their pauses would count as the server's latency. And the
        disk is synced first: what another server left unsynced (TinyDB's default storage never
        fsyncs) would otherwise be written out by this server's first fsyncs."""
        gc.collect()
        os.sync()
        self.child.thaw()
        await asyncio.sleep(PAUSE)
        await self.child.command("resume")
        gc.disable()
        try:
            await work
        finally:
            gc.enable()
            await self.child.command("pause")
            self.child.freeze()

    async def between(self, *commands: str) -> list[dict[str, Any]]:
        """Wake the stopped server for ``commands`` (mark, stats, ...) and stop it again."""
        self.child.thaw()
        replies = [await self.child.command(c) for c in commands]
        self.child.freeze()
        return replies

    async def stop(self) -> None:
        """Stop the server, the streams and the phones."""
        self.child.thaw()
        await self.child.kill()
        if self.followers is not None:
            self.followers.kill()
            await self.followers.wait()
        for phone in self.phones:
            await phone.close()

    def result(self, content: Path) -> dict[str, Any]:
        """Every figure of this server, once it has stopped."""
        result: dict[str, Any] = {
            "storm": self.storm.figures(), "answers": self.answers.figures(),
            "burst": self.burst.figures(), "storm_server": self.server["storm"],
            "burst_server": self.server["burst"],
            "requests": sum(p.requests for p in self.phones),
        }
        if self.mode != "bare":
            result.update(durability(self.mode, self.data / f"{NAME}.json",
                                     [self.storm, self.answers, self.burst], self.replays))
        if self.mode == "samspill":
            result["export"] = export_times(self.data, content)
        return result


async def in_turns(runs: list[Run], rounds: list[list[Callable[[], Coroutine[Any, Any, None]]]]) -> None:
    """Round ``i`` of every server, then round ``i + 1``; the order reverses from one round to
    the next (ABBA), so a machine getting busier or quieter weighs on every server alike."""
    for i in range(max((len(r) for r in rounds), default=0)):
        order = list(zip(runs, rounds, strict=True))
        for run, its_rounds in order if i % 2 == 0 else reversed(order):
            if i < len(its_rounds):
                await run.turn(its_rounds[i]())


async def measure(args: argparse.Namespace, work: Path, content: Path) -> dict[str, dict[str, Any]]:
    """Every server through the same schedule, in turns; their figures."""
    runs: list[Run] = []
    try:
        for mode in args.modes:
            print(f"starting {mode} …", file=sys.stderr, flush=True)
            runs.append(await Run.start(mode, args, work, content))
        print("storm …", file=sys.stderr, flush=True)
        for run in runs:
            await run.between("mark", "pause")
        await in_turns(runs, [
            [partial(open_and_vote, run.child, index, run.phones, args.storm_window, run.storm)
             for index in run.statements(args)[0]] for run in runs])
        await in_turns(runs, [
            [] if run.mode == "tinydb" else
            [partial(open_and_answer, run.child, run.child.first("reflection"), run.phones,
                     args.answers, args.storm_window * args.answers, run.answers, run.replays)]
            for run in runs])
        print("bursts …", file=sys.stderr, flush=True)
        for run in runs:
            run.server["storm"], *_ = await run.between("stats", "mark", "pause")
        await in_turns(runs, [
            [partial(open_and_vote, run.child, index, run.phones, args.burst_window, run.burst)
             for index in run.statements(args)[1]] for run in runs])
        for run in runs:
            run.child.thaw()
            run.server["burst"] = await run.child.command("stats")
            await run.child.quit()
    finally:
        for run in runs:
            await run.stop()
    return {run.mode: run.result(content) for run in runs}


def export_times(data: Path, content: Path) -> dict[str, float]:
    """Seconds to export the session: in process (summary + Markdown), and `samspill export`."""
    from samspill_tui.content import load_library
    from samspill_tui.export.markdown import summary_markdown
    from samspill_tui.session.summary import load_session

    library = load_library(content)
    runs = []
    for _ in range(5):
        began = time.perf_counter()
        summary_markdown(load_session(data, NAME, library).summary())
        runs.append(time.perf_counter() - began)
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "samspill_tui", "--content", str(content), "export", NAME,
                    "--data-dir", str(data), "--out", str(data / "export.md")], check=True,
                   cwd=ROOT, capture_output=True)
    return {"in_process_first_s": runs[0], "in_process_median_s": statistics.median(runs),
            "cli_s": time.perf_counter() - began}


def ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def report(results: dict[str, dict[str, Any]], args: argparse.Namespace) -> str:
    """The figures as text, with the targets of the issue."""
    lines = [f"{datetime.date.today()}  {platform.node()}  {os.cpu_count()} cores  "
             f"python {platform.python_version()}  phones={args.phones} votes={args.votes} "
             f"answers={args.answers} storm-window={args.storm_window}s burst-window={args.burst_window}s "
             f"tui={args.tui}"]
    head = f"{'':9}{'votes/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'acked':>7}{'failed':>7}"
    for mode, r in results.items():
        lines += ["", f"== {mode}", head]
        for phase in ("storm", "answers", "burst"):
            f = r[phase]
            if f["acked"] or f["failed"]:
                lines.append(f"{phase:9}{f['per_s']:9.0f}{f['p50_ms']:9.1f}{f['p99_ms']:9.1f}"
                             f"{f['max_ms']:9.1f}{f['acked']:7.0f}{f['failed']:7.0f}")
        s, b = r["storm_server"], r["burst_server"]
        rss = max(s["rss_peak_mb"], b["rss_peak_mb"])
        lines.append(f"loop lag p99 {s['lag_p99_ms']:.1f} ms (max {s['lag_max_ms']:.1f}) in the storm, "
                     f"{b['lag_p99_ms']:.1f} ms (max {b['lag_max_ms']:.1f}) in the bursts; "
                     f"peak RSS {rss:.0f} MB ({rss / (args.phones / 1000):.0f} MB per 1,000 phones); "
                     f"requests {r['requests']}")
        if "lost" in r:
            lines.append(f"lost {r['lost']}  duplicates {r['duplicates']}  replayed answers acked "
                         f"{r['replays_acked']}  file {r['file_bytes'] / 1e6:.2f} MB")
        if b["redraws"]:
            lines.append(f"tally redraws/s while votes arrive: storm {s['redraws_per_s']:.1f}, burst "
                         f"{b['redraws_per_s']:.1f}; vote→tally p99 {s['stale_p99_ms']:.0f} ms "
                         f"(max {max(s['stale_max_ms'], b['stale_max_ms']):.0f}), never shown "
                         f"{s['never_shown'] + b['never_shown']}")
        if "export" in r:
            e = r["export"]
            lines.append(f"export: summary+Markdown {e['in_process_first_s'] * 1000:.0f} ms first, "
                         f"{e['in_process_median_s'] * 1000:.0f} ms median; `samspill export` "
                         f"{e['cli_s'] * 1000:.0f} ms")
    if "samspill" in results:
        app = results["samspill"]
        lines.append("")
        for base in ("bare", "rewrite", "append", "tinydb"):
            if base in results:
                other = results[base]
                lines.append(
                    f"samspill / {base}: votes/s {ratio(app['storm']['per_s'], other['storm']['per_s']):.2f}"
                    f"  storm p99 {ratio(app['storm']['p99_ms'], other['storm']['p99_ms']):.2f}"
                    f"  burst p99 {ratio(app['burst']['p99_ms'], other['burst']['p99_ms']):.2f}")
    if "rewrite" in results and "bare" in results:
        floor, bare = results["rewrite"], results["bare"]
        lines.append(f"the whole-file rewrite alone / bare: burst p99 "
                     f"{ratio(floor['burst']['p99_ms'], bare['burst']['p99_ms']):.2f}, storm p99 "
                     f"{ratio(floor['storm']['p99_ms'], bare['storm']['p99_ms']):.2f}")
    if "samspill" in results and "append" in results:
        lines += ["", f"targets (issue 24, {args.phones} phones):",
                  *targets(results["samspill"], results["append"])]
    return "\n".join(lines)


def targets(app: dict[str, Any], floor: dict[str, Any]) -> list[str]:
    """Each target of the issue with the measured figure, met or not; ``floor`` is ``append``."""
    s, b = app["storm_server"], app["burst_server"]

    def vs_floor(phase: str, figure: str) -> float:
        return ratio(app[phase][figure], floor[phase][figure])

    checks = [
        ("burst p99 <= 1.5x the append floor's", vs_floor("burst", "p99_ms"), 1.5, False),
        ("answers/s >= 0.7x the append floor's", vs_floor("answers", "per_s"), 0.7, True),
        ("answers p99 <= 1.5x the append floor's", vs_floor("answers", "p99_ms"), 1.5, False),
        ("lost = 0", app["lost"], 0, False),
        ("duplicates = 0", app["duplicates"], 0, False),
        ("loop lag p99 <= 50 ms in the bursts", b["lag_p99_ms"], 50, False),
        ("loop lag p99 <= 50 ms in the storm", s["lag_p99_ms"], 50, False),
        ("export (summary + Markdown) < 1 s", app["export"]["in_process_first_s"], 1, False),
    ]
    if b["redraws"]:
        checks += [("tally redraws >= 4/s in the bursts", b["redraws_per_s"], 4, True),
                   ("tally redraws >= 4/s in the storm", s["redraws_per_s"], 4, True)]
    return [f"  {'met   ' if (v >= limit if at_least else v <= limit) else 'MISSED'} {name}: {v:.2f}"
            for name, v, limit, at_least in checks]


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="samspill-storm-") as tmp:
        work = Path(tmp)
        results = await measure(args, work, bench_content(work))
        print(report(results, args))
        if args.json:
            args.json.write_text(json.dumps(results, indent=1))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--votes", type=int, default=25, help="statements each phone votes on (≤ 25)")
    parser.add_argument("--answers", type=int, default=3, help="answers each phone sends")
    parser.add_argument("--storm-window", type=float, default=0.1,
                        help="seconds over which a statement's votes are drawn in the storm")
    parser.add_argument("--bursts", type=int, default=5,
                        help="of those statements, how many come last as bursts (the rest: the storm)")
    parser.add_argument("--burst-window", type=float, default=1.0,
                        help="seconds over which a burst statement's votes are drawn")
    parser.add_argument("--tinydb-rounds", type=int, default=2,
                        help="statements the TinyDB baseline gets in the storm")
    parser.add_argument("--modes", nargs="+", default=["bare", "samspill", "append"],
                        choices=["bare", "samspill", "rewrite", "append", "tinydb"])
    parser.add_argument("--no-streams", dest="streams", action="store_false",
                        help="phones do not hold the page's live stream (/events) open")
    parser.add_argument("--no-tui", dest="tui", action="store_false",
                        help="run the real server without the Textual app around it")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON here")
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
