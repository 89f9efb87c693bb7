"""The parent's handle on a server child process (bench/server.py): start, command, kill."""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30.0  # seconds a child may take to start serving
COMMAND_TIMEOUT = 60.0


class ChildGone(Exception):
    """The server child exited (or was killed) before answering."""


class ServerProcess:
    """A running ``python -m bench.server``; ``hello`` is its first line (origin, join, steps)."""

    def __init__(self, process: asyncio.subprocess.Process, hello: dict[str, Any]) -> None:
        self.process, self.hello = process, hello

    @classmethod
    async def spawn(cls, *args: str) -> ServerProcess:
        """Start the child with ``args``; it is not serving yet."""
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bench.server", *args, cwd=ROOT,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        return cls(process, {})

    @classmethod
    async def start(cls, *args: str) -> ServerProcess:
        """Start the child with ``args`` and wait until it serves."""
        child = await cls.spawn(*args)
        try:
            child.hello = await asyncio.wait_for(child.line(), START_TIMEOUT)
        except BaseException:
            await child.kill()
            raise
        return child

    @property
    def origin(self) -> str:
        """Where phones send requests."""
        return str(self.hello["origin"])

    @property
    def join_url(self) -> str:
        """The join address (with the token)."""
        return str(self.hello["join"])

    @property
    def steps(self) -> list[tuple[str, str, int]]:
        """(key, kind, number of questions) of every step."""
        return [(str(k), str(kind), int(n)) for k, kind, n in self.hello["steps"]]

    def first(self, kind: str) -> int:
        """The index of the first step of ``kind``."""
        return next(i for i, (_, k, _) in enumerate(self.steps) if k == kind)

    async def line(self) -> dict[str, Any]:
        """The child's next JSON line."""
        assert self.process.stdout is not None
        line = await self.process.stdout.readline()
        if not line:
            raise ChildGone(f"server exited with {await self.process.wait()}")
        reply: dict[str, Any] = json.loads(line)
        return reply

    async def command(self, command: str) -> dict[str, Any]:
        """Send one command and return the child's answer."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(command.encode() + b"\n")
            await self.process.stdin.drain()
        except (BrokenPipeError, ConnectionResetError) as exc:
            raise ChildGone(str(exc)) from None
        return await asyncio.wait_for(self.line(), COMMAND_TIMEOUT)

    def freeze(self) -> None:
        """Stop the child (SIGSTOP) until ``thaw``: it uses no CPU while others are measured."""
        self._signal(signal.SIGSTOP)

    def thaw(self) -> None:
        """Let a frozen child run again (SIGCONT)."""
        self._signal(signal.SIGCONT)

    def _signal(self, number: int) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):  # exited, not yet reaped
                self.process.send_signal(number)

    async def quit(self) -> int:
        """Ask the child to finish its writes and exit; returns its exit code."""
        assert self.process.stdin is not None
        self.process.stdin.write(b"quit\n")
        await self.process.stdin.drain()
        return await asyncio.wait_for(self.process.wait(), COMMAND_TIMEOUT)

    async def kill(self) -> None:
        """SIGKILL the child (no chance to finish anything) and reap it."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)
        await self.process.wait()
