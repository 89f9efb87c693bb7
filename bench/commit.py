"""The store alone: votes/s and commit latency of SessionStore under 500 concurrent phones.

    .venv/bin/python -m bench.commit [--phones 500] [--steps 25] [--window 0.1]

No HTTP: on each of ``--steps`` steps, every phone commits one vote (a Put into "votes") at a
time drawn in advance over ``--window`` seconds, and waits for it to be on disk (group commit:
one journal append and fsync per batch). Latency is measured from the intended time. A loop-lag
probe shows how much the writer thread holds up the event loop. Runs against whichever
``samspill_tui`` is first on the path (journal appends are counted only by the journal's store).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import tempfile
import time
from pathlib import Path

from bench.measure import Monitor, percentile
from samspill_tui.session.store import Put, SessionStore, read_snapshot


async def storm(path: Path, phones: int, steps: int, window: float) -> None:
    store = SessionStore(path)
    await store.load()
    monitor = Monitor()
    monitor.mark()
    probe = asyncio.create_task(monitor.probe())
    writes = 0
    real_lseek = os.lseek

    def counting_lseek(fd: int, at: int, how: int) -> int:  # once per journal append
        nonlocal writes
        writes += 1
        return real_lseek(fd, at, how)

    os.lseek = counting_lseek
    latencies: list[float] = []
    busy = 0.0

    async def vote(step: str, pid: int, intended: float) -> None:
        await asyncio.sleep(max(0.0, intended - time.monotonic()))
        await store.commit([Put("votes", {"k": f"p{pid:04}", "step": step,
                                          "value": str(random.randrange(6))})])
        latencies.append(time.monotonic() - intended)

    try:
        for s in range(steps):
            step = f"statement:godt-samspill/s{s + 1:02}"
            opened = time.monotonic()
            await asyncio.gather(*(vote(step, p, opened + random.uniform(0, window))
                                   for p in range(phones)))
            busy += time.monotonic() - opened
    finally:
        os.lseek = real_lseek
        probe.cancel()
        await store.close()
    stored = len(read_snapshot(path)["votes"])
    ms = 1000
    print(f"votes {len(latencies)} stored {stored} in {busy:.2f} s busy: {len(latencies) / busy:.0f} votes/s")
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    print(f"latency p50 {p50 * ms:.1f} ms, p99 {p99 * ms:.1f} ms, max {max(latencies) * ms:.1f} ms;"
          f" {writes} journal appends ({len(latencies) / writes:.0f} votes each)")
    lag = monitor.stats()
    print(f"loop lag p99 {lag['lag_p99_ms']:.1f} ms, max {lag['lag_max_ms']:.1f} ms;"
          f" file {path.stat().st_size / 1e6:.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--steps", type=int, default=25)
    parser.add_argument("--window", type=float, default=0.1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="samspill-commit-") as tmp:
        asyncio.run(storm(Path(tmp) / "s.json", args.phones, args.steps, args.window))


if __name__ == "__main__":
    main()
