"""The presenter console: the facilitator's own screen, attached to the app that runs the session."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from samspill_tui.console.protocol import ProtocolError, connect, decode, encode
from samspill_tui.console.screens import (
    KeysScreen,
    MinutesScreen,
    RolesScreen,
    StepsScreen,
    agreement_form,
    meeting_doc,
    meeting_form,
    norwegian,
    owner_label,
)
from samspill_tui.i18n import t
from samspill_tui.theme import DARK, LIGHT, THEMES

CONFIRM_SECONDS = 3.0  # a key that asks first must be pressed again within this time
RETRY_SECONDS = 0.5  # how often a console that lost the app tries to attach again
GIVE_UP_SECONDS = 600.0  # and for how long, before it closes
# Keys that change what phones can do ask first, as on the projector: the question and the key.
ASKS_FIRST = {"reset": ("reset.confirm", "x"), "joining": ("joining.confirm", "j"),
              "new_code": ("rotate.confirm", "J")}


class ConsoleApp(App[None]):
    """Shows the step, its notes and answer key, the clock, the answers and the gap view; its keys
    drive the projector; the minutes and agreements are typed here."""

    TITLE = "Samspill"
    ENABLE_COMMAND_PALETTE = False  # every key is in the footer or behind ?
    CSS = """
    #top { height: 2; background: $primary; color: $text; padding: 0 1; }
    #heading { width: 1fr; }
    #counts { width: auto; text-align: right; }
    #next { height: 1; padding: 0 1; color: $text-muted; }
    #banner { height: auto; padding: 0 1; background: $error; color: $text; text-style: bold; }
    #notes-box { height: 1fr; border: round $accent; border-title-color: $accent; padding: 0 1; }
    #answers { height: 1fr; border: round $secondary; }
    #gap { height: 1fr; }
    #gap-list { width: 1fr; height: 1fr; border: round $secondary; }
    #gap-detail { width: 1fr; height: 1fr; padding: 0 1; }
    #join { height: 1; padding: 0 1; background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n,space", "send('next')", "Neste"),
        Binding("left,p", "send('previous')", "Tilbake"),
        Binding("r", "send('reveal')", "Resultat"),
        Binding("P", "send('phone_results')", "På mobilene", show=False),
        Binding("l", "send('lock')", "Lås"),
        Binding("v", "send('by_role')", "Roller", show=False),
        Binding("t", "send('timer')", "Klokke"),
        Binding("plus", "send('timer_more')", "+1 min", show=False),
        Binding("minus", "send('timer_less')", "-1 min", show=False),
        Binding("T", "send('timer_closes')", "Klokka stenger", show=False),
        Binding("g", "steps", "Steg"),
        Binding("k", "send('qr')", "QR", show=False),
        Binding("j", "send('joining')", "Påmelding…", show=False),
        Binding("J", "send('new_code')", "Ny kode…", show=False),
        Binding("x", "send('reset')", "Nullstill…", show=False),
        Binding("L", "send('raise_limits')", "Hev grensene", show=False),
        Binding("h", "moderate('hidden')", "Skjul svar"),
        Binding("a", "moderate('highlighted')", "Framhev"),
        Binding("b", "moderate('answered')", "Besvart"),
        Binding("enter", "approve", "Godkjenn"),
        Binding("F", "send('premoderate')", "Forhåndsmoderering", show=False),
        Binding("s", "write", "Skriv avtale"),
        Binding("S", "follow_up", "Ansvar og frist", show=False),
        Binding("escape", "leave", "Ferdig", show=False),
        Binding("o", "show('notes')", "Fasilitatornotat", show=False),
        Binding("f", "show('answer_key')", "Fasit", show=False),
        Binding("m", "minutes", "Notat"),
        Binding("M", "meeting", "Møtet", show=False),
        Binding("R", "roles", "Roller med navn", show=False),
        Binding("e", "send('export')", "Eksporter", show=False),
        Binding("d", "toggle_theme", "Lys/mørk", show=False),
        Binding("question_mark", "keys", "Hjelp"),
        Binding("q", "quit", "Lukk"),
    ]

    def __init__(self, path: Path, name: str, lang: str, theme: str = "light") -> None:
        super().__init__()
        for registered in THEMES.values():
            self.register_theme(registered)
        self.theme = THEMES[theme].name
        self.path, self.session_name, self.lang = path, name, lang
        self.view: dict[str, Any] = {}
        self.shows = {"notes": True, "answer_key": True}  # o and f hide them (someone looking on)
        self._writer: asyncio.StreamWriter | None = None
        self._asked: tuple[str, float] = ("", 0.0)  # the action that asked first, and when
        self._answers: tuple[bool, list[dict[str, Any]]] = (False, [])  # the wall as drawn
        self._gap: list[dict[str, Any]] | None = None  # the gap view's rows as drawn

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(id="heading", markup=False)
            yield Static(id="counts", markup=False)
        yield Static(id="next", markup=False)
        yield Static(id="banner", markup=False)
        with VerticalScroll(id="notes-box"):
            yield Static(id="notes", markup=False)
        yield OptionList(id="answers")
        with Horizontal(id="gap"):
            yield OptionList(id="gap-list")
            with Vertical(id="gap-detail"):
                yield Static(id="gap-statement", markup=False)
                yield Input(id="gap-agreement", max_length=500)
                yield Static(id="gap-owner", markup=False)
        yield Static(id="join", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for hidden in ("#answers", "#gap", "#banner"):
            self.main.query_one(hidden).display = False
        self.run_worker(self._listen(), exclusive=True)

    # -- the channel ------------------------------------------------------------------

    async def _listen(self) -> None:
        """Attach to the app and show each snapshot it sends; when it goes (a resume, a crash),
        say so and attach again as soon as it is back; close after GIVE_UP_SECONDS without it."""
        loop = asyncio.get_running_loop()
        lost_at = loop.time()
        while loop.time() - lost_at < GIVE_UP_SECONDS:
            try:
                reader, self._writer = await connect(self.path)
                while line := await reader.readline():
                    self._received(decode(line))
            except ProtocolError as exc:
                self.exit(return_code=1, message=t(self.lang, "console.version", reason=exc))
                return
            except (OSError, ValueError):
                pass
            if self._writer is not None:
                self._writer.close()
                self._writer = None
                lost_at = loop.time()
                self._banner(t(self.lang, "console.reconnecting", name=self.session_name))
            await asyncio.sleep(RETRY_SECONDS)
        self.exit(return_code=1, message=t(self.lang, "console.lost", name=self.session_name))

    def _received(self, message: dict[str, Any]) -> None:
        if message["type"] == "snapshot":
            if self.main.query_one("#banner").display:
                self._banner("")
                self.notify(t(self.lang, "console.back"))
            self.show(message)
        elif message["type"] == "notice":
            self.notify(str(message.get("text", "")))
        elif message["type"] == "error":
            self.notify(t(self.lang, "console.failed", reason=message.get("reason", "")), severity="error")

    def _banner(self, text: str) -> None:
        banner = self.main.query_one("#banner", Static)
        banner.update(Text(text))
        banner.display = bool(text)

    def send(self, kind: str, **fields: Any) -> None:
        """Send the app a command (while it is away, say so: nothing is sent)."""
        if self._writer is None:
            self.notify(t(self.lang, "console.offline"), severity="warning")
        else:
            self._writer.write(encode(kind, **fields))

    async def on_unmount(self) -> None:
        if self._writer is not None:
            self._writer.close()

    # -- drawing ----------------------------------------------------------------------

    @property
    def main(self) -> Screen[Any]:
        """The console's own screen (under any dialog)."""
        return self.screen_stack[0]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that apply to the current step, as the projector does; a dialog
        open takes every key but quitting and the theme."""
        if isinstance(self.screen, ModalScreen):
            return action in ("quit", "toggle_theme", "help_quit")
        step = self.view.get("step", {})
        votes, answers, gap = bool(step.get("votes")), bool(step.get("answers")), bool(self._gap)
        if parameters in (("reveal",), ("phone_results",), ("by_role",)):
            return votes
        if parameters in (("lock",), ("reset",), ("timer_closes",)):
            return votes or answers
        if parameters in (("highlighted",), ("premoderate",)):  # no highlight or switch on questions
            return answers and not step.get("questions")
        if parameters == ("answered",):  # only a question is answered
            return bool(step.get("questions"))
        if action == "moderate":
            return answers
        if action == "approve":
            return answers and bool(step.get("premoderated"))
        if action in ("write", "follow_up"):
            return gap
        if action == "roles":
            return self.view.get("roles") is not None
        return True

    def show(self, view: dict[str, Any]) -> None:
        """Draw a snapshot of the session."""
        moved = view["step"] != self.view.get("step") or bool(view.get("gap")) != bool(self._gap)
        self.view, self.lang = view, str(view.get("lang", self.lang))
        self.title = t(self.lang, "console.title", name=self.session_name)  # the session's form
        step, lang = view["step"], self.lang
        status = [t(lang, "status.shown" if step["revealed"] else "status.hidden")] if step["votes"] else []
        if step["votes"] and step.get("on_phones"):
            status.append(t(lang, "status.on_phones"))
        if step["locked"] and (step["votes"] or step["answers"]):
            status.append(t(lang, "status.locked"))
        timer = view.get("timer")
        if timer and timer.get("closes") and not step["locked"] and (step["votes"] or step["answers"]):
            status.append(t(lang, f"status.closes.{timer['closes']}"))
        if step["premoderated"] and step["answers"]:
            status.append(t(lang, "console.premoderated"))
        if not view["joining"]:
            status.append(t(lang, "status.closed"))
        heading = Text(step["title"], style="bold")
        heading.append("   " + t(lang, "console.step", n=step["index"] + 1, total=step["count"]))
        heading.append("\n" + "  ·  ".join(status))
        self.main.query_one("#heading", Static).update(heading)
        counts = (t(lang, "console.answered", n=view["answered"], m=view["participants"])
                  if step["votes"] or step["answers"] else t(lang, "console.joined", m=view["participants"]))
        if timer is not None:
            left = abs(timer["left"])
            clock = f"{'-' if timer['left'] < 0 else ''}{left // 60:02d}:{left % 60:02d}"
            counts += "\n" + t(lang, "console.timer", time=clock)
            counts += "" if timer["running"] else " " + t(lang, "console.paused")
        self.main.query_one("#counts", Static).update(counts)
        upcoming = view["next"]
        self.main.query_one("#next", Static).update(
            t(lang, "console.next", title=upcoming) if upcoming else t(lang, "console.last"))
        self._show_notes()
        self._show_answers(step["answers"], view["answer_list"])
        self._show_gap(view.get("gap"))
        self.main.query_one("#join", Static).update(
            t(lang, "console.join", url=view.get("join_url", ""), code=view["code"]))
        if isinstance(self.screen, MinutesScreen | RolesScreen):
            self.screen.follow(view)
        if moved:
            self.refresh_bindings()

    def _show_notes(self) -> None:
        """The step's facilitator notes and answer key, unless the facilitator hid them (o, f)."""
        step, lang = self.view["step"], self.lang
        parts: list[RenderableType] = [
            (Markdown(step["notes"]) if step["notes"] else Text(t(lang, "console.no_notes")))
            if self.shows["notes"] else Text(t(lang, "console.notes_hidden"), style="dim")]
        if step["answer_key"]:
            shown = self.shows["answer_key"]
            parts.append(Text("\n" + t(lang, "console.answer_key", text=step["answer_key"]), style="bold")
                         if shown else Text("\n" + t(lang, "console.key_hidden"), style="dim"))
        self.main.query_one("#notes", Static).update(Group(*parts))  # the content's Markdown, drawn
        self.main.query_one("#notes-box").border_title = t(lang, "console.notes")

    def _show_answers(self, shown: bool, answers: list[dict[str, Any]]) -> None:
        """The answer wall as the facilitator moderates it: the selection stays where it was, else
        on the newest answer; a wall that did not change is not drawn again."""
        wall = self.main.query_one("#answers", OptionList)
        if wall.display != shown:
            wall.display = shown
            self.main.set_focus(wall if shown else None)
        if (shown, answers) == self._answers:
            return
        self._answers = (shown, answers)
        wall.border_title = t(self.lang, "console.answers")
        selected = wall.highlighted_option.id if wall.highlighted_option is not None else None
        wall.clear_options()
        for answer in answers:
            text = Text(answer["text"] or t(self.lang, "console.hidden"),
                        style="bold" if answer["highlighted"] else "dim" if answer["hidden"] else "")
            if answer["pending"]:
                text = Text.assemble((t(self.lang, "console.pending") + " ", "bold reverse"), text)
            if answer.get("answered"):
                text.append(f"  ({t(self.lang, 'questions.answered')})", style="italic")
            wall.add_option(Option(text, id=answer["key"]))
        if not answers:
            wall.add_option(Option(t(self.lang, "console.no_answers"), disabled=True))
        keys = [answer["key"] for answer in answers]
        if keys:
            wall.highlighted = keys.index(selected) if selected in keys else len(keys) - 1

    def _show_gap(self, gap: dict[str, Any] | None) -> None:
        """The gap view: the statements by distance, and what the pair agrees on the highlighted one."""
        box = self.main.query_one("#gap")
        box.display = gap is not None
        self.main.query_one("#notes-box").display = gap is None or not gap["rows"]
        rows = gap["rows"] if gap else []
        if gap is not None and not rows:
            self.main.query_one("#notes", Static).update(Text(gap["waiting"], style="bold"))
        box.display = bool(rows)
        if rows == self._gap:
            return
        first = not self._gap
        self._gap = rows or None
        options = self.main.query_one("#gap-list", OptionList)
        options.border_title = t(self.lang, "console.gap")
        index = options.highlighted or 0
        options.clear_options()
        for row in rows:
            distance = "–" if row["distance"] is None else str(row["distance"])
            options.add_option(Option(Text.assemble((f"{distance:>2}  ", "bold"), row["prompt"]),
                                      id=row["statement"]))
        if rows:
            options.highlighted = min(index, len(rows) - 1)
            self._show_statement()
            if first:
                options.focus()

    def _row(self) -> dict[str, Any] | None:
        index = self.main.query_one("#gap-list", OptionList).highlighted
        return None if index is None or not self._gap else self._gap[index]

    @on(OptionList.OptionHighlighted, "#gap-list")
    def _show_statement(self) -> None:
        row, lang = self._row(), self.lang
        if row is None:
            return
        text = Text(row["prompt"] + "\n", style="bold")
        text.append(f"{t(lang, 'role.ordforer')}: {row['first']}\n{t(lang, 'role.kommunedirektor')}: "
                    f"{row['second']}\n\n")
        text.append(t(lang, "gap.agree"))
        self.main.query_one("#gap-statement", Static).update(text)
        saved = row["agreement"]
        field = self.main.query_one("#gap-agreement", Input)
        if not field.has_focus:  # never over what is being typed
            field.value = saved["text"] if saved else ""
        who = (f"{t(lang, 'minutes.owner')} {owner_label(lang, saved['owner'])}"
               f"{' · ' + norwegian(saved['due']) if saved['due'] else ''}") if saved else ""
        self.main.query_one("#gap-owner", Static).update(Text(who))

    # -- keys -------------------------------------------------------------------------

    def action_help_quit(self) -> None:
        """Ctrl+C: say which key closes the console (the session goes on)."""
        self.notify(t(self.lang, "console.quit_hint"))

    def action_send(self, action: str) -> None:
        """Press the facilitator's key ``action`` on the projector (some ask first: press twice)."""
        question, letter = ASKS_FIRST.get(action, (None, ""))
        if action == "joining" and not self.view.get("joining", True):
            question = None  # opening joining again asks nothing
        now = asyncio.get_running_loop().time()
        asked, when = self._asked
        if question is not None and (asked != action or now - when > CONFIRM_SECONDS):
            self._asked = (action, now)
            what = t(self.lang, question, step=self.view.get("step", {}).get("title", ""))
            self.notify(t(self.lang, "console.again", letter=letter, what=what), timeout=CONFIRM_SECONDS)
            return
        self._asked = ("", 0.0)
        self.send("action", action=action)

    def _selected(self) -> dict[str, Any] | None:
        """The answer under the cursor, if any (else the facilitator is told to choose one)."""
        wall = self.main.query_one("#answers", OptionList)
        option = wall.highlighted_option if wall.display else None
        if option is None or option.id is None:
            self.notify(t(self.lang, "wall.select"))
            return None
        answer: dict[str, Any] = next(a for a in self.view["answer_list"] if a["key"] == option.id)
        return answer

    def action_moderate(self, change: str) -> None:
        """Hide or highlight the selected answer, or mark a question answered (or undo it); a waiting
        answer hidden is rejected, one marked answered is shown as answered."""
        answer = self._selected()
        if answer is not None:
            self.send("moderate", answer=answer["key"], approved=True, **{change: not answer[change]})

    @on(OptionList.OptionSelected, "#answers")
    def action_approve(self) -> None:
        """Let the selected waiting answer onto the projector's wall (Enter)."""
        answer = self._selected()
        if answer is not None and answer["pending"]:
            self.send("moderate", answer=answer["key"], approved=True)

    def action_show(self, what: str) -> None:
        """Hide or show the facilitator notes (o) or the answer key (f), here only."""
        self.shows[what] = not self.shows[what]
        if self.view:
            self._show_notes()

    def action_toggle_theme(self) -> None:
        """Switch between the light theme and the dark one."""
        self.theme = LIGHT.name if self.theme == DARK.name else DARK.name

    def action_steps(self) -> None:
        """Pick a step from the list and move the room there."""
        def chosen(index: int | None) -> None:
            if index is not None:
                self.send("goto", step=index)

        if self.view:
            self.push_screen(StepsScreen(self.view, self.lang), chosen)

    def action_minutes(self) -> None:
        """Type the note and the agreements of the current step."""
        if self.view:
            self.push_screen(MinutesScreen(self.view, self.lang, self.send))

    def action_meeting(self) -> None:
        """Fill in the meeting details."""
        def save(values: dict[str, str] | None) -> None:
            if values is not None:
                self.send("meeting", meeting=meeting_doc(values))

        if self.view:
            self.push_screen(meeting_form(self.lang, self.view["meeting"]), save)

    def action_roles(self) -> None:
        """Confirm or release the roles named by design."""
        if self.view.get("roles") is not None:
            self.push_screen(RolesScreen(self.view, self.lang, self.send))

    def action_write(self) -> None:
        """Put the cursor in the agreement field of the highlighted statement."""
        if self._row() is not None:
            self.main.query_one("#gap-agreement", Input).focus()

    def action_leave(self) -> None:
        """Leave the agreement field (unsaved text stays in it)."""
        if self._gap:
            self.main.query_one("#gap-list", OptionList).focus()

    @on(Input.Submitted, "#gap-agreement")
    def _save_gap(self, event: Input.Submitted) -> None:
        row = self._row()
        if row is not None:
            self.send("gap_agreement", statement=row["statement"], text=event.value)
            self.main.query_one("#gap-list", OptionList).focus()

    def action_follow_up(self) -> None:
        """The highlighted statement's agreement with who follows it up and by when."""
        row = self._row()
        if row is None:
            return
        typed = self.main.query_one("#gap-agreement", Input).value
        saved = row["agreement"] or {"text": typed, "owner": "", "due": ""}

        def save(values: dict[str, str] | None) -> None:
            if values is not None:
                self.send("gap_agreement", statement=row["statement"], **values)

        self.push_screen(agreement_form(self.lang, t(self.lang, "minutes.edit"), saved, status=False), save)

    def action_keys(self) -> None:
        """List every key of the console."""
        keys = [(b.key_display or b.key, b.description) for b in self.BINDINGS if isinstance(b, Binding)]
        self.push_screen(KeysScreen(keys, self.lang))
