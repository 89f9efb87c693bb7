"""The projector's themes: contrast, colours only from theme variables, switching by key, flag and palette."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from samspill_tui import cli
from samspill_tui.content import Library
from samspill_tui.i18n import t
from samspill_tui.theme import DARK, LIGHT, THEMES, contrast
from samspill_tui.tui.app import SamspillApp
from samspill_tui.tui.lobby import LobbyView
from tests.tui.helpers import wait_for
from tests.tui.qr_helpers import lobby_app

TCSS = Path(cli.__file__).parent / "tui" / "samspill.tcss"
TEXT_COLOURS = ("foreground", "primary", "secondary", "accent", "warning", "error", "success")
# Words a colour property may hold besides $variables: border kinds, sizes, keywords.
NOT_COLOURS = {"none", "hidden", "round", "solid", "thick", "tall", "wide", "heavy", "double", "dashed",
               "inner", "outer", "hkey", "vkey", "blank", "ascii", "panel", "transparent", "auto"}



@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda th: th.name)
@pytest.mark.parametrize("colour", TEXT_COLOURS)
def test_text_colours_reach_7_to_1(theme: object, colour: str) -> None:
    for ground in ("background", "surface", "panel"):
        assert contrast(getattr(theme, colour), getattr(theme, ground)) >= 7, ground


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_stylesheet_takes_colours_from_theme_variables() -> None:
    found = []
    for line_no, line in enumerate(TCSS.read_text(encoding="utf-8").splitlines(), 1):
        declaration = re.match(r"\s*([a-z-]+)\s*:\s*(.+?);", line)
        if not declaration:
            continue
        prop, value = declaration.groups()
        if not re.search(r"color|background|border|outline|tint|scrollbar", prop):
            continue
        for word in value.split():
            if not (word.startswith("$") or word in NOT_COLOURS or re.fullmatch(r"\d+%?", word)):
                found.append(f"{line_no}: {line.strip()}")
    assert found == []


async def test_light_by_default_and_d_switches(tmp_path: Path, library: Library) -> None:
    app = lobby_app(library, tmp_path, "tema")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(LobbyView))
        assert app.theme == LIGHT.name and not app.current_theme.dark
        await pilot.press("d")
        assert app.theme == DARK.name and app.current_theme.dark
        await pilot.press("d")
        assert app.theme == LIGHT.name


async def test_dark_by_flag_and_switch_in_the_command_palette(tmp_path: Path, library: Library) -> None:
    app = lobby_app(library, tmp_path, "tema", theme="dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(LobbyView))
        assert app.theme == DARK.name
        [command] = [c for c in app.get_system_commands(app.screen)
                     if c.title == t("nb", "theme.command")]
        command.callback()
        assert app.theme == LIGHT.name


def test_cli_theme_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[SamspillApp] = []
    monkeypatch.setattr(SamspillApp, "run", lambda self, *a, **k: started.append(self))
    assert cli.main(["run", "--theme", "dark"]) == 0
    assert cli.main(["run"]) == 0
    assert [app.theme for app in started] == [DARK.name, LIGHT.name]
    with pytest.raises(SystemExit) as exit_:
        cli.main(["run", "--theme", "blue"])
    assert exit_.value.code == 2
