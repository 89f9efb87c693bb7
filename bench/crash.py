"""Kill the real server with SIGKILL again and again under a stream of votes; lose nothing.

    .venv/bin/python -m bench.crash [--kills 200] [--phones 40]     (or: make bench-crash)

A child process runs the real Session and WebServer (bench/server.py) on a fixed port; phones in
this process join, vote and answer over HTTP as fast as they can, and note every post the server
acknowledged. At random moments the parent kills the child with SIGKILL, checks that the session
file parses (JSON and TinyDB) and that file + journal read, starts the child again on the same
data and moves it between steps now and then. The store checkpoints every few batches, so kills
land in checkpoints too; every third restart is killed again as it opens the session, replaying
the journal. At the end every acknowledged join, vote and answer must be in the file and its
journal, and the last, clean, close must leave the file holding everything. The crash test of the
suite (tests/e2e/test_crash.py) runs the same with fewer kills.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import socket
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from tinydb import TinyDB

from bench.child import START_TIMEOUT, ChildGone, ServerProcess
from bench.phones import Phone, Sent
from bench.server import NAME, bench_content
from samspill_tui.session.store import read_snapshot, temp_files
from samspill_tui.session.store.tables import read_session

CHECKPOINT_BATCHES = 5  # the child's store checkpoints this often: kills land in checkpoints
KILL_AT_START = 3  # every third restart is killed again while it opens the session


@dataclass
class Ledger:
    """What the phones were told: joins, and every vote and answer with its outcome."""

    joined: set[str] = field(default_factory=set)
    sent: list[Sent] = field(default_factory=list)

    @property
    def acked(self) -> int:
        """Posts the server said were saved."""
        return sum(s.acked for s in self.sent)

    @property
    def unknown(self) -> int:
        """Posts whose connection broke (the kill came first): stored or not, both are fine."""
        return sum(s.status is None for s in self.sent)


@dataclass
class CrashResult:
    """The outcome of a crash run; ``problems`` is empty when nothing acknowledged was lost."""

    kills: int
    seconds: float
    joined: int
    acked: int
    unknown: int
    problems: list[str]
    in_checkpoint: int = 0  # kills that left a checkpoint half written (its temp file)
    at_start: int = 0  # restarts killed as they opened the session
    before_replayed: int = 0  # ... of which left the journal still to replay


def free_port() -> int:
    """A port nothing listens on now (the child binds it again after every kill)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def check_parses(path: Path) -> list[str]:
    """Problems with the file as JSON and as a TinyDB database (none if it is sound)."""
    if not path.exists():
        return []
    try:
        json.loads(path.read_bytes())
        db = TinyDB(path, access_mode="r")
        try:
            for name in db.tables():
                db.table(name).all()
        finally:
            db.close()
    except (ValueError, OSError) as exc:
        return [f"{path.name} does not parse: {exc}"]
    return []


def journal_state(path: Path) -> tuple[bool, bool, list[str]]:
    """Whether a checkpoint was cut short (its temp file is there), whether the journal holds
    batches the file does not yet, and problems reading file + journal."""
    try:
        opened = read_session(path)
    except FileNotFoundError:
        return bool(temp_files(path)), False, []
    except (ValueError, OSError) as exc:
        return bool(temp_files(path)), False, [f"file + journal do not read: {exc}"]
    return bool(temp_files(path)), opened.seq > opened.from_file, []


async def start(flags: list[str]) -> ServerProcess:
    """Start the child and wait until it serves (past its line saying it opens the session)."""
    child = await ServerProcess.spawn(*flags)
    try:
        await asyncio.wait_for(child.line(), START_TIMEOUT)
        child.hello = await asyncio.wait_for(child.line(), START_TIMEOUT)
    except BaseException:
        await child.kill()
        raise
    return child


async def kill_while_opening(flags: list[str]) -> None:
    """Start the child and kill it within 20 ms of its starting to open the session."""
    child = await ServerProcess.spawn(*flags)
    try:
        await asyncio.wait_for(child.line(), START_TIMEOUT)
        await asyncio.sleep(random.uniform(0, 0.02))
    finally:
        await child.kill()


def verify(path: Path, ledger: Ledger) -> list[str]:
    """Every acknowledged join, vote and answer is in the file; nothing stored was never sent."""
    problems = check_parses(path)
    if problems:
        return problems
    snapshot = read_snapshot(path)
    participants = {d["k"] for d in snapshot["participants"]}
    problems += [f"join of {pid} acknowledged but not stored" for pid in ledger.joined - participants]
    votes = {(d["k"], d["step"]): d["value"] for d in snapshot["votes"]}
    answers = {d["k"]: d["text"] for d in snapshot["answers"]}
    by_key: dict[tuple[str, str], list[Sent]] = defaultdict(list)
    for sent in ledger.sent:
        if sent.kind == "vote":
            by_key[(sent.pid, sent.step)].append(sent)
        elif sent.acked and answers.get(f"{sent.pid}:{sent.submission}") != sent.value:
            problems.append(f"answer {sent.pid}:{sent.submission} acknowledged but not stored")
    for key, posts in by_key.items():
        # A phone votes one post at a time: the stored value is its last acknowledged vote, or a
        # later vote whose outcome it never heard.
        acked = [i for i, s in enumerate(posts) if s.acked]
        after = posts[acked[-1]:] if acked else posts
        allowed = {s.value for s in after if s.status is None}
        if acked:
            allowed.add(posts[acked[-1]].value)
        if votes.get(key) not in allowed and (acked or key in votes):
            problems.append(f"vote {key} is {votes.get(key)!r}; acknowledged {posts[acked[-1]].value!r}"
                            if acked else f"vote {key} stored but never sent")
    return problems


async def vote_or_answer(phone: Phone, join_url: str, ledger: Ledger, stop: asyncio.Event) -> None:
    """One phone as fast as it can: join, then vote or answer whatever the page offers."""
    n = 0
    while not stop.is_set():
        try:
            if not phone.pid:
                try:
                    await phone.join(join_url)
                finally:
                    if phone.pid:  # the server set the cookie: the join was acknowledged
                        ledger.joined.add(phone.pid)
                continue
            page = await phone.page()
        except (ConnectionError, TimeoutError, RuntimeError):
            await asyncio.sleep(0.05)
            continue
        n += 1
        sent = await phone.vote(page)
        if sent is None:
            sent = await phone.answer(page, n % 3, f"svar {n} fra {phone.pid[:8]}")
        if sent is None:
            await asyncio.sleep(0.05)
            continue
        ledger.sent.append(sent)
        if sent.status is None:
            await asyncio.sleep(0.05)


async def crash_run(work: Path, kills: int, phones: int, *, lifetime: tuple[float, float] = (0.2, 1.2),
                    log: bool = False) -> CrashResult:
    """Run phones against a child server killed ``kills`` times; verify the file at the end."""
    began = time.monotonic()
    content, data, port = bench_content(work), work / "data", free_port()
    path = data / f"{NAME}.json"
    flags = ["--data-dir", str(data), "--content", str(content), "--port", str(port), "--go", "statement",
             "--checkpoint-batches", str(CHECKPOINT_BATCHES), "--say-loading"]
    ledger, stop, problems = Ledger(), asyncio.Event(), []
    in_checkpoint = at_start = before_replayed = 0
    child = await start(flags)
    steps = [child.first("reflection"), *[i for i, s in enumerate(child.steps) if s[1] == "statement"][:3]]
    crowd = [Phone(child.origin, timeout=10) for _ in range(phones)]
    tasks = [asyncio.create_task(vote_or_answer(p, child.join_url, ledger, stop)) for p in crowd]
    try:
        for kill in range(kills):
            life = random.uniform(*lifetime)
            if random.random() < 0.3:  # the facilitator moves on now and then
                await asyncio.sleep(life / 2)
                with contextlib.suppress(ChildGone):
                    await child.command(f"go {random.choice(steps)}")
                life /= 2
            await asyncio.sleep(life)
            await child.kill()
            problems += check_parses(path)
            halfway, _, unread = journal_state(path)
            in_checkpoint += halfway
            problems += unread
            if kill % KILL_AT_START == KILL_AT_START - 1:
                await kill_while_opening(flags)
                problems += check_parses(path)
                _, pending, unread = journal_state(path)
                at_start, before_replayed = at_start + 1, before_replayed + pending
                problems += unread
            if log:
                print(f"kill {kill + 1}: acked {ledger.acked}, unknown {ledger.unknown}", flush=True)
            child = await start(flags)
        await asyncio.sleep(lifetime[0])
        stop.set()
        await asyncio.gather(*tasks)
        last = await crowd[0].vote(await crowd[0].page(), "3")  # the last server still serves
        if last is not None:
            ledger.sent.append(last)
            if not last.acked:
                problems.append(f"vote after the last restart failed with {last.status}")
        await child.quit()
    finally:
        stop.set()
        await child.kill()
        for task in tasks:
            task.cancel()
        for phone in crowd:
            await phone.close()
    problems += verify(path, ledger)
    problems += [f"temp file left: {p.name}" for p in data.glob("*.tmp")]
    if journal_state(path)[1]:
        problems.append("the journal still holds batches after a clean close")
    return CrashResult(kills, time.monotonic() - began, len(ledger.joined), ledger.acked, ledger.unknown,
                       problems, in_checkpoint, at_start, before_replayed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--phones", type=int, default=40)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="samspill-crash-") as tmp:
        result = asyncio.run(crash_run(Path(tmp), args.kills, args.phones, log=args.verbose))
    print(f"{result.kills} kills in {result.seconds:.0f} s, {args.phones} phones: {result.joined} joins, "
          f"{result.acked} posts acknowledged, {result.unknown} cut off by a kill; "
          f"{result.in_checkpoint} kills in a checkpoint; {result.at_start} restarts killed while "
          f"opening, {result.before_replayed} of them before the journal was replayed; "
          f"problems: {len(result.problems)}")
    for problem in result.problems[:20]:
        print("  " + problem)
    raise SystemExit(1 if result.problems else 0)


if __name__ == "__main__":
    main()
