"""The footer of keys under Pilot: the keys that apply to the step, the palette's key on the
right whatever the width, and a click on a key presses it."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette

from samspill_tui.content import Library
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.footer import KeyFooter
from samspill_tui.tui.run import SessionScreen
from tests.conftest import go_to_kind
from tests.tui.helpers import make_app, wait_for


def _line(app: SamspillApp) -> str:
    return app.screen.query_one(KeyFooter).render_line(0).text


def _column(app: SamspillApp, label: str) -> int:
    return _line(app).index(label)


async def test_the_keys_of_each_step_and_a_click_presses_one(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "fot"))
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen) and "Neste" in _line(app))
        assert app.session is not None
        line = _line(app)
        assert "i Nettverk" in line and "→ Neste" in line and "Resultat" not in line
        assert line.rstrip().endswith("^p Meny")

        await pilot.click(KeyFooter, offset=(_column(app, "Neste"), 0))
        await wait_for(pilot, lambda: app.session is not None and app.session.current == 1)
        await wait_for(pilot, lambda: "Nettverk" not in _line(app))

        await go_to_kind(app.session, "statement")
        await wait_for(pilot, lambda: "r Resultat" in _line(app) and "l Lås" in _line(app))
        await pilot.click(KeyFooter, offset=(_column(app, "Resultat"), 0))
        await wait_for(pilot, lambda: app.session is not None
                       and app.session.state(app.session.step.key).revealed)


async def test_a_narrow_footer_keeps_help_quit_and_the_palette_key(tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "smal"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen) and "Neste" in _line(app))
        line = _line(app)
        assert len(line) == 80 and line.rstrip().endswith("? Hjelp  q Avslutt…  ^p Meny")
        assert "m Notat" not in line  # what does not fit is left out whole, not cut
        assert "t Klokke" in line  # the keys that fit come first, from the left
        await pilot.click(KeyFooter, offset=(_column(app, "Meny"), 0))
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
