"""The phones' live streams (/events), held open from a process of their own.

    python -m bench.followers ORIGIN   (the phones' cookies as one JSON list on stdin)

In a hall every phone reads its own stream. In one load-generating process, 500 streams woken
by the same step change would be read at the very moment that process is meant to send the
first votes of the new statement, and that delay would be counted against the server. Prints
``ready`` once every stream has its response headers, holds them until stdin closes, then
prints the number of events read.
"""

from __future__ import annotations

import asyncio
import json
import sys

from bench.phones import Connection, Phone


async def hold(phone: Phone, connected: list[int]) -> int:
    """Open ``phone``'s stream and count its events until it ends or is cancelled."""
    connection = await Connection.open(phone.host, phone.port)
    events = 0
    try:
        connection.writer.write((phone._head("GET", "/events") + "\r\n").encode())
        await connection.reader.readline()  # the status line: the stream is open
        connected.append(1)
        while line := await connection.reader.readline():
            events += line.startswith(b"data:")
    except (OSError, asyncio.CancelledError):
        pass
    finally:
        connection.close()
    return events


async def main(origin: str) -> None:
    jars = json.loads(sys.stdin.readline())
    phones = [Phone(origin) for _ in jars]
    for phone, jar in zip(phones, jars, strict=True):
        phone.cookies = jar
    connected: list[int] = []
    tasks = [asyncio.create_task(hold(phone, connected)) for phone in phones]
    while len(connected) < len(phones):
        await asyncio.sleep(0.05)
    print("ready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until stdin closes
    for task in tasks:
        task.cancel()
    print(sum(await asyncio.gather(*tasks)), flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
