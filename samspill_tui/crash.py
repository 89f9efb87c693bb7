"""An unexpected error: a short Norwegian message where the room can see it, the details in a
log file only the user can read, with the session's secrets taken out (no local variables)."""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

HIDDEN = "[skjult]"


def crash_report(error: BaseException, secrets: Iterable[str], folder: Path) -> Path:
    """Write ``error``'s traceback, without locals and with every secret replaced, to a new file
    in ``folder`` that only the user may read; returns its path (OSError if it cannot)."""
    text = "".join(traceback.format_exception(error))
    for secret in sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True):
        text = text.replace(secret, HIDDEN)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"samspill-feil-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    return path
