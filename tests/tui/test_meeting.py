"""Meeting details in the app: typed on the home screen before a session, with M during it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from samspill_tui.content import Library
from samspill_tui.session.archive import export_folder
from samspill_tui.session.meeting import Meeting
from samspill_tui.tui.home import HomeScreen
from samspill_tui.tui.meeting import MeetingScreen
from samspill_tui.tui.run import SessionScreen
from tests.tui.helpers import make_app, wait_for


def _fill(screen: MeetingScreen, **values: str) -> None:
    for name, value in values.items():
        screen.query_one(f"#meeting-{name}", Input).value = value


async def test_home_screen_says_where_and_takes_meeting_details_into_the_session(
        tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, None)
    async with app.run_test(size=(120, 45)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert str(tmp_path.resolve()) in str(app.screen.query_one("#where", Static).render())
        app.screen.query_one("#name", Input).value = "mote"
        await pilot.click("#meeting")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        _fill(screen, organ="Formannskapet", kommune="Eksempel kommune", date="14.03.2026", start="09:00",
              end="15:00", present="Kari, Ola", chair="Kari", secretary="Ola")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert "lagres i økta" in str(app.screen.query_one("#meeting-set", Static).render())
        await pilot.click("#start")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.session is not None
        assert app.session.meeting == Meeting("Formannskapet", "Eksempel kommune", "", "2026-03-14", "09:00",
                                              "15:00", ("Kari", "Ola"), (), "Kari", "Ola")


async def test_m_edits_the_meeting_during_the_session_and_e_writes_it_in_every_format(
        tmp_path: Path, library: Library) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "underveis"))
    async with app.run_test(size=(120, 45)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen)
                       and app.screen.query(".step-view"))
        assert app.session is not None
        await app.session.set_meeting(Meeting(organ="Kommunestyret"))
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.query_one("#meeting-organ", Input).value == "Kommunestyret"
        _fill(screen, place="Rådhuset", date="31.02.2026", **{"count-folkevalgt": "21"})
        await pilot.press("ctrl+s")
        error = screen.query_one("#meeting-error", Static)
        await wait_for(pilot, lambda: "dd.mm.åååå" in str(error.render()))
        assert isinstance(app.screen, MeetingScreen) and app.session.meeting.place == ""  # nothing stored
        _fill(screen, date="01.03.2026")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
        await wait_for(pilot, lambda: app.session.meeting.place == "Rådhuset")  # type: ignore[union-attr]
        assert app.session.meeting == Meeting(organ="Kommunestyret", place="Rådhuset", date="2026-03-01",
                                              counts=(("folkevalgt", 21),))
        await pilot.press("e")
        folder = export_folder(tmp_path, "underveis")
        suffixes = [".md", ".html", ".csv", ".json", ".xlsx", ".pdf"]
        await wait_for(pilot, lambda: all((folder / f"underveis{s}").exists() for s in suffixes), timeout=30)
        md = (folder / "underveis.md").read_text()
        assert "- **Sted:** Rådhuset" in md and "- **Til stede:** Folkevalgt: 21" in md
        assert (folder / "underveis.pdf").read_bytes().startswith(b"%PDF")
