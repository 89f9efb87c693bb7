"""The cost of one batch on an empty session and after a 2,000-phone day, and the store's memory.

    .venv/bin/python -m bench.batch [--phones 2000] [--statements 75] [--batch 20] [--rounds 300]

No HTTP, no concurrency: ``--rounds`` batches of ``--batch`` votes on a fresh statement, one after
the other, each awaited until it is on disk (``commit``), first on an empty session, then on the
same store once it holds a day's worth: ``--phones`` participants, each voting on
``--statements`` statements and sending ``--answers`` answers on each of ``--reflections``
reflections, stored in large batches, checkpointed, closed and opened again. Reports the commit
latency and the writer thread's CPU time per batch (p50, p99), the file, the time to open it, a
checkpoint's time, and how much the process's memory grew per 1,000 phones. Runs against
whichever ``samspill_tui`` is first on the path, so the same command measures an older store.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.measure import percentile
from samspill_tui.session.store import Op, Put, SessionStore

MS = 1000


def rss_mb() -> float:
    """The process's resident memory now."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def timed_writer() -> list[float]:
    """Note the writer thread's CPU time of every batch from now on."""
    cpu: list[float] = []
    real = SessionStore._write

    def write(self: SessionStore, ops: list[Op]) -> None:
        began = time.thread_time()
        real(self, ops)
        cpu.append(time.thread_time() - began)

    SessionStore._write = write  # type: ignore[method-assign]
    return cpu


async def batches(store: SessionStore, step: str, size: int, rounds: int,
                  cpu: list[float]) -> dict[str, float]:
    """Commit ``rounds`` batches of ``size`` votes on ``step`` one after the other (after a tenth
    as many unmeasured, to warm up)."""
    latencies, first = [], len(cpu) + rounds // 10
    for r in range(-(rounds // 10), rounds):
        ops: list[Op] = [Put("votes", {"k": f"p{(r * size + n) % 2000:04}", "step": step,
                                       "value": str(n % 6)}) for n in range(size)]
        began = time.perf_counter()
        await store.commit(ops)
        if r >= 0:
            latencies.append(time.perf_counter() - began)
    mine = cpu[first:]
    return {"p50_ms": percentile(latencies, 0.5) * MS, "p99_ms": percentile(latencies, 0.99) * MS,
            "cpu_p50_ms": percentile(mine, 0.5) * MS, "cpu_p99_ms": percentile(mine, 0.99) * MS}


def day(phones: int, statements: int, reflections: int, answers: int) -> list[list[Op]]:
    """A day's worth of documents, in batches of one step each."""
    pids = [secrets.token_urlsafe(16) for _ in range(phones)]
    out: list[list[Op]] = [[Put("participants", {"k": p, "csrf": secrets.token_urlsafe(16),
                                                 "joined": "2026-12-01T09:00:00+00:00", "role": None})
                            for p in pids]]
    for s in range(statements):
        step = f"statement:dag/s{s:02}"
        out.append([Put("votes", {"k": p, "step": step, "value": str(n % 6)}) for n, p in enumerate(pids)])
        out.append([Put("steps", {"k": step, "revealed": True, "locked": False})])
    for r in range(reflections):
        step = f"reflection:dag-{r}"
        out.append([Put("answers", {"k": f"{p}:{q}", "step": step, "pid": p, "q": q,
                                    "text": f"Et svar på rundt hundre tegn fra deltaker {n}, spørsmål {q}: "
                                            "vi må snakke mer sammen før sakene kommer.",
                                    "at": "2026-12-01T10:00:00+00:00"})
                    for n, p in enumerate(pids) for q in range(answers)])
    return out


async def checkpoint_ms(store: SessionStore) -> float:
    """A checkpoint's time (0 for a store without them)."""
    if not hasattr(store, "checkpoint"):
        return 0.0
    began = time.perf_counter()
    await store.checkpoint()
    return (time.perf_counter() - began) * MS


async def run(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    cpu = timed_writer()
    base = rss_mb()
    store = SessionStore(path)
    await store.load()
    empty = await batches(store, "statement:tom", args.batch, args.rounds, cpu)
    empty["checkpoint_ms"] = await checkpoint_ms(store)
    for ops in day(args.phones, args.statements, args.reflections, args.answers):
        await store.commit(ops)
    await store.close()
    began = time.perf_counter()
    store = SessionStore(path)
    await store.load()
    opened = (time.perf_counter() - began) * MS
    full = await batches(store, "statement:neste", args.batch, args.rounds, cpu)
    full["checkpoint_ms"] = await checkpoint_ms(store)
    grown = rss_mb() - base
    await store.close()
    return {"empty": empty, "full": full, "open_ms": opened, "file_mb": path.stat().st_size / 1e6,
            "mb_per_1000": grown / (args.phones / 1000)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", type=int, default=2000)
    parser.add_argument("--statements", type=int, default=75)
    parser.add_argument("--reflections", type=int, default=3)
    parser.add_argument("--answers", type=int, default=3)
    parser.add_argument("--batch", type=int, default=20, help="votes per batch")
    parser.add_argument("--rounds", type=int, default=300, help="batches measured on each session")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="samspill-batch-") as tmp:
        r = asyncio.run(run(Path(tmp) / "s.json", args))
    for name in ("empty", "full"):
        f = r[name]
        print(f"{name:6} batch of {args.batch}: commit p50 {f['p50_ms']:.2f} ms, p99 {f['p99_ms']:.2f} ms; "
              f"writer CPU p50 {f['cpu_p50_ms']:.3f} ms, p99 {f['cpu_p99_ms']:.3f} ms; "
              f"checkpoint {f['checkpoint_ms']:.1f} ms")
    e, f = r["empty"], r["full"]
    print(f"full / empty at p50: commit {f['p50_ms'] / e['p50_ms']:.2f}x, writer CPU "
          f"{f['cpu_p50_ms'] / e['cpu_p50_ms']:.2f}x")
    print(f"day: {args.phones} phones x {args.statements} statements + {args.reflections} x {args.answers} "
          f"answers; file {r['file_mb']:.2f} MB, opened in {r['open_ms']:.0f} ms; memory "
          f"{r['mb_per_1000']:.1f} MB per 1,000 phones")


if __name__ == "__main__":
    main()
