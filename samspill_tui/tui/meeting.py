"""The meeting details in a small dialog: organ and kommune, place, date and time, who was
present (names, or counts by role), møteleder and referent. Opened from the home screen before
a session starts and with M during it; what it returns is checked by the core's rules."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from samspill_tui.export.markdown import norwegian_date
from samspill_tui.i18n import t
from samspill_tui.session.meeting import Meeting, MeetingError, parse_names
from samspill_tui.text import clean_text
from samspill_tui.tui.footer import KeyFooter
from samspill_tui.tui.views import plain

COUNTED = ("folkevalgt", "administrasjon", "annet")  # the roles a facilitator counts in a room


class MeetingScreen(ModalScreen[Meeting | None]):
    """Type the meeting details; ctrl+s hands them back checked, escape leaves them as they were."""

    DEFAULT_CSS = """
    MeetingScreen { align: center middle; }
    MeetingScreen .dialog { max-height: 90%; }
    MeetingScreen Label { margin-top: 1; }
    MeetingScreen Horizontal { height: auto; }
    MeetingScreen Horizontal > * { width: 1fr; }
    MeetingScreen .field { height: auto; }
    MeetingScreen #meeting-error { color: $error; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Lagre"),
        Binding("escape", "dismiss(None)", "Avbryt"),
    ]

    def __init__(self, lang: str, meeting: Meeting) -> None:
        super().__init__()
        self.lang, self.meeting = lang, meeting

    def compose(self) -> ComposeResult:
        lang, m = self.lang, self.meeting
        counts = dict(m.counts)
        with VerticalScroll(classes="dialog wide"):
            yield Static(plain(t(lang, "meeting.title")), classes="dialog-heading", markup=False)
            with Horizontal():
                yield self._field("organ", m.organ)
                yield self._field("kommune", m.kommune)
            yield self._field("place", m.place)
            with Horizontal():
                yield self._field("date", norwegian_date(m.date), placeholder="14.03.2026")
                yield self._field("start", m.start, placeholder="09:00")
                yield self._field("end", m.end, placeholder="15:30")
            yield self._field("present", ", ".join(m.present))
            yield Label(plain(t(lang, "meeting.counts")))
            with Horizontal():
                for role in COUNTED:
                    yield Input(str(counts.get(role, "")), id=f"meeting-count-{role}", type="integer",
                                placeholder=t(lang, f"role.{role}"), max_length=4)
            with Horizontal():
                yield self._field("chair", m.chair)
                yield self._field("secretary", m.secretary)
            yield Static(id="meeting-error", markup=False)
        yield KeyFooter()

    def _field(self, name: str, value: str, placeholder: str = "") -> Vertical:
        return Vertical(Label(plain(t(self.lang, f"meeting.{name}"))),
                        Input(value, id=f"meeting-{name}", placeholder=placeholder, max_length=300),
                        classes="field")

    def _value(self, name: str) -> str:
        return self.query_one(f"#meeting-{name}", Input).value

    @on(Input.Submitted)
    def action_save(self) -> None:
        """Check the details and hand them back (an error is shown in the dialog)."""
        counts = []
        for role in COUNTED:
            typed = self._value(f"count-{role}").strip()
            if typed:
                counts.append((role, int(typed) if typed.lstrip("-").isdigit() else -1))
        meeting = Meeting(self._value("organ"), self._value("kommune"), self._value("place"),
                        self._value("date"), self._value("start"), self._value("end"),
                        parse_names(self._value("present")), tuple(counts), self._value("chair"),
                        self._value("secretary"))
        try:
            checked = meeting.checked(clean_text)
        except MeetingError as exc:
            self.query_one("#meeting-error", Static).update(plain(t(self.lang, f"err.meeting-{exc.code}")))
            return
        self.dismiss(checked)
