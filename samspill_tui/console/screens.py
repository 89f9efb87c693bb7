"""The console's own dialogs: step list, minutes, a form (an agreement, the meeting), named roles
and its keys. What is typed here stays on the console until it is saved: then it goes to the app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from samspill_tui.i18n import t
from samspill_tui.session.meeting import Meeting, MeetingError, parse_date, parse_names
from samspill_tui.session.record import OWNERS
from samspill_tui.text import clean_text

Send = Callable[..., None]  # send(kind, **fields): a command to the app
Field = tuple[str, str, str, tuple[tuple[str, str], ...]]  # name, label, value, choices (key, shown)
COUNTED = ("folkevalgt", "administrasjon", "annet")  # the roles counted present, as on the projector

DIALOG_CSS = """
ModalScreen { align: center middle; }
.dialog { width: 90%; height: auto; max-height: 100%; padding: 0 1; border: thick $primary;
          background: $surface; }
.dialog-heading { text-style: bold; margin-bottom: 1; }
.dialog OptionList { height: auto; max-height: 20; }
.dialog Label { margin-top: 1; }
.dialog #note { height: 6; }
.dialog .error { color: $error; }
"""


def _option(text: str | Text, key: str | None = None, *, disabled: bool = False) -> Option:
    return Option(Text(text) if isinstance(text, str) else text, id=key, disabled=disabled)


def norwegian(iso: str) -> str:
    """An ISO date as dd.mm.yyyy (as typed); anything else as it is."""
    parts = iso.split("-")
    return ".".join(reversed(parts)) if len(parts) == 3 else iso


def owner_label(lang: str, owner: str) -> str:
    """Who follows an agreement up, in words."""
    return t(lang, f"owner.{owner}") if owner else t(lang, "sum.no_owner")


class StepsScreen(ModalScreen[int | None]):
    """Every step of the programme; Enter moves the room to the chosen one."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,g", "dismiss(None)", "Lukk")]

    def __init__(self, view: dict[str, Any], lang: str) -> None:
        super().__init__()
        self.view, self.lang = view, lang

    def compose(self) -> ComposeResult:
        current = self.view["step"]["index"]
        with Vertical(classes="dialog"):
            yield Static(Text(t(self.lang, "steps.heading")), classes="dialog-heading")
            options = []
            for n, step in enumerate(self.view["steps"]):
                style = "bold" if n == current else ""
                prompt = Text.assemble((f"{n + 1:>3}. {step['title']}", style),
                                       (f"  {step['detail']}", "dim"))
                options.append(_option(prompt, str(n)))
            yield OptionList(*options, id="step-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.view["step"]["index"]
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option_id or 0))


class FormScreen(ModalScreen[dict[str, str] | None]):
    """Fields to fill in (a choice where one is given); ctrl+s or Enter hands them back once
    ``check`` finds no fault (else its message stays in the form, with what was typed)."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Lagre"),
        Binding("escape", "dismiss(None)", "Avbryt"),
    ]

    def __init__(self, heading: str, fields: list[Field],
                 check: Callable[[dict[str, str]], str | None], prompt: str = "") -> None:
        super().__init__()
        self.heading, self.fields, self.check, self.prompt = heading, fields, check, prompt

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Text(self.heading), classes="dialog-heading")
            for name, label, value, choices in self.fields:
                yield Label(Text(label))
                if choices:
                    yield Select([(Text(shown), key) for key, shown in choices], id=f"field-{name}",
                                 value=value if value else Select.NULL, prompt=self.prompt)
                else:
                    yield Input(value, id=f"field-{name}", max_length=500)
            yield Static(id="form-error", classes="error", markup=False)
        yield Footer(compact=True)

    def values(self) -> dict[str, str]:
        """What the form holds now."""
        values = {}
        for name, *_ in self.fields:
            field = self.query_one(f"#field-{name}")
            value = field.value if isinstance(field, Input | Select) else ""
            values[name] = value if isinstance(value, str) else ""
        return values

    @on(Input.Submitted)
    def action_save(self) -> None:
        """Hand the fields back, or show what is wrong."""
        values = self.values()
        fault = self.check(values)
        if fault is None:
            self.dismiss(values)
        else:
            self.query_one("#form-error", Static).update(Text(fault))


def agreement_form(lang: str, heading: str, saved: dict[str, Any] | None, *, status: bool) -> FormScreen:
    """The fields of an agreement: what, who follows it up, by when (and its status)."""
    saved = saved or {}
    owners = tuple((o, t(lang, f"owner.{o}")) for o in OWNERS)
    fields: list[Field] = [("text", t(lang, "minutes.text"), saved.get("text", ""), ()),
                           ("owner", t(lang, "minutes.owner"), saved.get("owner", ""), owners),
                           ("due", t(lang, "minutes.due"), norwegian(saved.get("due", "")), ())]
    if status:
        fields.append(("status", t(lang, "minutes.status"), saved.get("status", ""), ()))

    def check(values: dict[str, str]) -> str | None:
        if not values["text"].strip():
            return t(lang, "minutes.empty")
        due = parse_date(values["due"])
        if due is None:
            return t(lang, "minutes.bad_due")
        values["due"] = due
        return None

    return FormScreen(heading, fields, check, t(lang, "sum.no_owner"))


def meeting_form(lang: str, doc: dict[str, Any]) -> FormScreen:
    """The meeting details, checked by the core's rules before they are sent."""
    meeting = Meeting.of(doc)
    counts = dict(meeting.counts)
    names = ("organ", "kommune", "place", "date", "start", "end", "present", "chair", "secretary")
    shown = {**doc, "date": norwegian(meeting.date), "present": ", ".join(meeting.present)}
    fields: list[Field] = [(name, t(lang, f"meeting.{name}"), str(shown.get(name) or ""), ())
                           for name in names]
    fields += [(f"count-{role}", f"{t(lang, 'meeting.counts')}: {t(lang, f'role.{role}')}",
                str(counts.get(role, "")), ()) for role in COUNTED]

    def check(values: dict[str, str]) -> str | None:
        counted = {role: values[f"count-{role}"].strip() for role in COUNTED}
        if any(n and not n.isdecimal() for n in counted.values()):
            return t(lang, "err.meeting-count")
        typed = {name: values[name] for name in names if name != "present"}
        try:
            Meeting(**typed, present=parse_names(values["present"]),
                    counts=tuple((r, int(n)) for r, n in counted.items() if n)).checked(clean_text)
        except MeetingError as exc:
            return t(lang, f"err.meeting-{exc.code}")
        return None

    return FormScreen(t(lang, "meeting.title"), fields, check)


def meeting_doc(values: dict[str, str]) -> dict[str, Any]:
    """The meeting details as the protocol sends them (``Meeting.doc``'s shape)."""
    doc: dict[str, Any] = {name: value for name, value in values.items() if not name.startswith("count-")}
    doc["present"] = list(parse_names(values["present"]))
    counted = {role: values[f"count-{role}"].strip() for role in COUNTED}
    doc["counts"] = {role: int(n) for role, n in counted.items() if n}
    return doc


class AgreementList(OptionList):
    """The agreements of a step; Enter changes the highlighted one, Delete removes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("delete,backspace", "screen.delete", "Slett")]


class MinutesScreen(ModalScreen[None]):
    """The note of the current step and its agreements, typed on the console; saved to the app
    with ctrl+s (and on closing), never shown on the projector meanwhile."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Lagre notat"),
        Binding("ctrl+n", "new", "Ny avtale"),
        Binding("escape", "close", "Lukk"),
    ]

    def __init__(self, view: dict[str, Any], lang: str, send: Send) -> None:
        super().__init__()
        self.view, self.lang, self.send = view, lang, send
        self.step = view["step"]["index"]
        self._saved = view["minutes"]["note"]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Text(t(self.lang, "minutes.title", step=self.view["step"]["title"])),
                         classes="dialog-heading")
            yield Label(Text(t(self.lang, "minutes.note")))
            yield TextArea(self._saved, id="note", soft_wrap=True)
            yield Label(Text(t(self.lang, "minutes.agreements")))
            yield AgreementList(id="agreements")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.follow(self.view)
        self.query_one("#note", TextArea).focus()

    def follow(self, view: dict[str, Any]) -> None:
        """A new snapshot: the agreements as stored (the note being typed is left alone); a step
        change closes the minutes, saving the note to the step it was written for first."""
        if view["step"]["index"] != self.step:
            self.dismiss(None)
            return
        self.view = view
        options = self.query_one(AgreementList)
        index = options.highlighted
        options.clear_options()
        for a in view["minutes"]["agreements"]:
            details = [owner_label(self.lang, a["owner"]), *([norwegian(a["due"])] if a["due"] else [])]
            options.add_option(_option(Text.assemble(a["text"], (f"  ({', '.join(details)})", "dim")),
                                       a["key"]))
        if not options.option_count:
            options.add_option(_option(t(self.lang, "minutes.none"), disabled=True))
        else:
            options.highlighted = min(index or 0, options.option_count - 1)

    def action_save(self) -> None:
        """Send the note if it changed."""
        text = self.query_one("#note", TextArea).text
        if text.strip() != self._saved.strip():
            self.send("note", text=text)
            self._saved = text

    def action_close(self) -> None:
        """Save the note and close."""
        self.action_save()
        self.dismiss(None)

    def _open(self, saved: dict[str, Any] | None) -> None:
        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self.send("agreement", key=saved["key"] if saved else "", **values)
            self.query_one(AgreementList).focus()

        heading = t(self.lang, "minutes.edit" if saved else "minutes.new")
        self.app.push_screen(agreement_form(self.lang, heading, saved, status=True), done)

    def action_new(self) -> None:
        """Add an agreement to this step."""
        self._open(None)

    @on(OptionList.OptionSelected, "#agreements")
    def _edit(self, event: OptionList.OptionSelected) -> None:
        self._open(next((a for a in self.view["minutes"]["agreements"] if a["key"] == event.option_id), None))

    def action_delete(self) -> None:
        """Remove the highlighted agreement."""
        option = self.query_one(AgreementList).highlighted_option
        if option is not None and option.id is not None:
            self.send("delete_agreement", key=option.id)


class RolesScreen(ModalScreen[None]):
    """The roles named by design: Enter confirms who claimed one, Delete releases it."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,R", "dismiss(None)", "Lukk"),
        Binding("delete,backspace", "release", "Frigi"),
    ]

    def __init__(self, view: dict[str, Any], lang: str, send: Send) -> None:
        super().__init__()
        self.view, self.lang, self.send = view, lang, send

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(t(self.lang, "roles.heading")), classes="dialog-heading")
            yield OptionList(id="named-roles")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.follow(self.view)
        self.query_one(OptionList).focus()

    def follow(self, view: dict[str, Any]) -> None:
        """A new snapshot: each role as it is now."""
        self.view, roles = view, self.query_one(OptionList)
        index = roles.highlighted or 0
        roles.clear_options()
        for role in view["roles"] or []:
            state = ("roles.confirmed" if role["confirmed"] else "roles.waiting" if role["held"]
                     else "roles.free")
            prompt = Text.assemble((f"{t(self.lang, 'role.' + role['role'])}: ", "bold"), t(self.lang, state))
            roles.add_option(_option(prompt, role["role"], disabled=not role["held"]))
        roles.highlighted = index

    def _change(self, confirm: bool) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.send("role", role=option.id, confirm=confirm)

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        """Enter confirms the highlighted role: that phone is the person named."""
        self._change(confirm=True)

    def action_release(self) -> None:
        """Release the highlighted role: that phone chooses a role again."""
        self._change(confirm=False)


class KeysScreen(ModalScreen[None]):
    """Every key of the console, with what it does."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark", "dismiss(None)", "Lukk")]

    def __init__(self, keys: list[tuple[str, str]], lang: str) -> None:
        super().__init__()
        self.keys, self.lang = keys, lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Text(t(self.lang, "help.heading")), classes="dialog-heading")
            yield Static(Text("\n".join(f"{key:>12}  {what}" for key, what in self.keys)))
        yield Footer(compact=True)
