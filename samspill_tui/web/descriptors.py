"""File descriptors: as many as the system allows, and some always kept for the store."""

from __future__ import annotations

import os
import sys

if sys.platform != "win32":
    import resource

# Descriptors never given to phones: the store, its journal, logs and exports (64), and the
# sockets of one burst of accepts (asyncio takes up to the backlog, 128, before any is refused).
RESERVE = 64 + 128


def descriptor_room() -> int:
    """How many more files this process may open, less the reserve (no limit known: a large number)."""
    if sys.platform == "win32":
        return 1 << 20  # sockets are not counted against a descriptor limit there
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 1 << 20
    return max(0, soft - _open_descriptors() - RESERVE)


def raise_descriptor_limit() -> None:
    """Let this process open as many files as the system allows it (macOS starts at 256)."""
    if sys.platform == "win32":
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    ceiling = 65_536 if hard == resource.RLIM_INFINITY else min(hard, 65_536)
    for wanted in (ceiling, 10_240):  # macOS refuses more than OPEN_MAX (10,240)
        if soft >= wanted:
            return
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            return
        except (ValueError, OSError):
            continue


def _open_descriptors() -> int:
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            return len(os.listdir(folder))
        except OSError:
            continue
    return 0
