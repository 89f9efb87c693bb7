"""Textual's own texts in the session's language form: the command palette, its system commands
and the notice Ctrl+C gives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen

from samspill_tui.i18n import t


def palette(lang: str) -> CommandPalette:
    """The command palette with its search field's placeholder in ``lang``."""
    return CommandPalette(placeholder=t(lang, "palette.placeholder"), id="--command-palette")


def system_commands(app: App[Any], screen: Screen[Any], lang: str) -> Iterator[SystemCommand]:
    """Textual's system commands that a facilitator needs, named in ``lang``."""
    yield SystemCommand(t(lang, "palette.quit"), t(lang, "palette.quit_help"), app.action_quit)
    if screen.maximized is not None:
        yield SystemCommand(t(lang, "palette.minimize"), t(lang, "palette.minimize_help"),
                            screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(t(lang, "palette.maximize"), t(lang, "palette.maximize_help"),
                            screen.action_maximize)


def quit_notice(app: App[Any], lang: str) -> None:
    """Ctrl+C does not quit: say which key does (Textual's notice, in ``lang``)."""
    for active in app.active_bindings.values():
        if active.binding.action in ("quit", "app.quit"):
            app.notify(t(lang, "quit.notice", quit_key=app.get_key_display(active.binding)),
                       title=t(lang, "quit.notice_title"), markup=False)
            return
