"""Textual's own texts on the projector in the session's language form."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandInput, CommandPalette

from samspill_tui.content import Library
from samspill_tui.tui.run import SessionScreen
from tests.tui.helpers import make_app, wait_for

ENGLISH = ("Theme", "Quit", "Keys", "Screenshot", "Maximize", "Minimize", "Search for commands",
           "Do you want to quit", "Press", "palette")


@pytest.mark.parametrize(("lang", "placeholder"), [("nb", "Søk etter kommandoer"),
                                                   ("nn", "Søk etter kommandoar")])
async def test_palette_quit_notice_and_system_commands_speak_norwegian(
        tmp_path: Path, library: Library, lang: str, placeholder: str) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "norsk"), lang=lang)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.press("ctrl+c")
        await wait_for(pilot, lambda: app._notifications)
        [notice] = list(app._notifications)
        assert notice.title == "Vil du avslutte?" and notice.message == "Trykk q for å avslutte Samspill."

        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Avslutt" in titles and not any(word in title for title in titles for word in ENGLISH)

        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        assert str(app.screen.query_one(CommandInput).placeholder).startswith(placeholder)


async def test_a_resumed_session_keeps_its_language_form_for_textuals_texts_too(
        tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "nynorsk"), lang="nn")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
    app = make_app(library, tmp_path, ("folkevalgtdag", "nynorsk"), lang="nb")  # resumed: still nn
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        assert str(app.screen.query_one(CommandInput).placeholder).startswith("Søk etter kommandoar")
