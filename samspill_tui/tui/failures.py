"""Why a session could not be opened or started, said plainly in the session's language form."""

from __future__ import annotations

from samspill_tui.i18n import os_reason, t
from samspill_tui.session.live import Rejected
from samspill_tui.session.record import CorruptSessionError
from samspill_tui.session.store import SessionLockedError


class ListenError(OSError):
    """The phone page could not listen on its address and port (taken, or not this machine's)."""


def open_failure(lang: str, name: str, exc: Exception) -> str | None:
    """The message for ``exc`` raised while opening session ``name``; None if it is not one of ours."""
    if isinstance(exc, SessionLockedError):
        return t(lang, "home.locked", name=name)
    if isinstance(exc, Rejected):
        key = "home.mismatch" if exc.code == "programme-mismatch" else "home.not_in_lang"
        return t(lang, key, name=name)
    if isinstance(exc, CorruptSessionError):
        return t(lang, "home.corrupt", name=name, path=exc.path)
    if isinstance(exc, ListenError):
        return t(lang, "run.listen", reason=os_reason(lang, exc))
    if isinstance(exc, OSError):
        return t(lang, "home.open_failed", name=name, reason=os_reason(lang, exc))
    return None
