"""The presenter console: the facilitator's own screen, attached to the app that runs the session."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from samspill_tui.console.protocol import MAX_LINE, ProtocolError, decode, encode
from samspill_tui.i18n import t

CONFIRM_SECONDS = 3.0  # a key that asks first must be pressed again within this time
# Keys that change what phones can do ask first, as on the projector: the i18n key of the question.
ASKS_FIRST = {"reset": "reset.confirm", "joining": "joining.confirm"}


class ConsoleApp(App[None]):
    """Shows the step, its notes and answer key, the clock and the answers; its keys drive the projector."""

    TITLE = "Samspill"
    ENABLE_COMMAND_PALETTE = False  # every key is in the footer
    CSS = """
    #top { height: 2; background: $primary; color: $text; padding: 0 1; }
    #heading { width: 1fr; }
    #counts { width: auto; text-align: right; }
    #next { height: 1; padding: 0 1; color: $text-muted; }
    #notes-box { height: 1fr; border: round $accent; border-title-color: $accent; padding: 0 1; }
    #answers { height: 1fr; border: round $secondary; }
    #join { height: 1; padding: 0 1; background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n,space", "send('next')", "Neste"),
        Binding("left,p", "send('previous')", "Tilbake"),
        Binding("r", "send('reveal')", "Resultat"),
        Binding("l", "send('lock')", "Lås"),
        Binding("t", "send('timer')", "Klokke"),
        Binding("plus", "send('timer_more')", "+1 min", show=False),
        Binding("minus", "send('timer_less')", "-1 min", show=False),
        Binding("k", "send('qr')", "QR"),
        Binding("h", "moderate('hidden')", "Skjul svar"),
        Binding("a", "moderate('highlighted')", "Framhev"),
        Binding("g", "approve", "Godkjenn"),
        Binding("F", "send('premoderate')", "Forhåndsmoderering", show=False),
        Binding("j", "send('joining')", "Påmelding…", show=False),
        Binding("x", "send('reset')", "Nullstill…", show=False),
        Binding("e", "send('export')", "Eksporter"),
        Binding("q", "quit", "Lukk"),
    ]

    def __init__(self, path: Path, name: str, lang: str) -> None:
        super().__init__()
        self.path, self.session_name, self.lang = path, name, lang
        self.view: dict[str, Any] = {}
        self._writer: asyncio.StreamWriter | None = None
        self._asked: tuple[str, float] = ("", 0.0)  # the action that asked first, and when
        self._answers: tuple[bool, list[dict[str, Any]]] = (False, [])  # the wall as drawn

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(id="heading", markup=False)
            yield Static(id="counts", markup=False)
        yield Static(id="next", markup=False)
        with VerticalScroll(id="notes-box"):
            yield Static(id="notes", markup=False)
        yield OptionList(id="answers")
        yield Static(id="join", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#answers").display = False
        self.run_worker(self._listen(), exclusive=True)

    async def _listen(self) -> None:
        """Attach to the app and show each snapshot it sends; leave with a message when it goes."""
        try:
            reader, self._writer = await asyncio.open_unix_connection(str(self.path), limit=MAX_LINE * 64)
            while line := await reader.readline():
                message = decode(line)
                if message["type"] == "snapshot":
                    self.show(message)
                elif message["type"] == "error":
                    self.notify(t(self.lang, "console.failed", reason=message.get("reason", "")),
                                severity="error")
        except ProtocolError as exc:
            self.exit(return_code=1, message=t(self.lang, "console.version", reason=exc))
            return
        except (OSError, ValueError):
            pass
        self.exit(return_code=1, message=t(self.lang, "console.lost", name=self.session_name))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that apply to the current step, as the projector does."""
        step = self.view.get("step", {})
        if parameters == ("reveal",):
            return bool(step.get("votes"))
        if parameters in (("lock",), ("reset",)):
            return bool(step.get("votes") or step.get("answers"))
        if action == "moderate" or parameters == ("premoderate",):
            return bool(step.get("answers"))
        if action == "approve":
            return bool(step.get("answers") and step.get("premoderated"))
        return True

    def show(self, view: dict[str, Any]) -> None:
        """Draw a snapshot of the session."""
        moved = view["step"] != self.view.get("step")
        self.view, self.lang = view, str(view.get("lang", self.lang))
        self.title = t(self.lang, "console.title", name=self.session_name)  # the session's form
        if moved:
            self.refresh_bindings()
        step, lang = view["step"], self.lang
        status = [t(lang, "status.shown" if step["revealed"] else "status.hidden")] if step["votes"] else []
        if step["locked"] and (step["votes"] or step["answers"]):
            status.append(t(lang, "status.locked"))
        if step["premoderated"] and step["answers"]:
            status.append(t(lang, "console.premoderated"))
        if not view["joining"]:
            status.append(t(lang, "status.closed"))
        heading = Text(step["title"], style="bold")
        heading.append("   " + t(lang, "console.step", n=step["index"] + 1, total=step["count"]))
        heading.append("\n" + "  ·  ".join(status))
        self.query_one("#heading", Static).update(heading)
        counts = (t(lang, "console.answered", n=view["answered"], m=view["participants"])
                  if step["votes"] or step["answers"] else t(lang, "console.joined", m=view["participants"]))
        timer = view.get("timer")
        if timer is not None:
            left = abs(timer["left"])
            clock = f"{'-' if timer['left'] < 0 else ''}{left // 60:02d}:{left % 60:02d}"
            counts += "\n" + t(lang, "console.timer", time=clock)
            counts += "" if timer["running"] else " " + t(lang, "console.paused")
        self.query_one("#counts", Static).update(counts)
        upcoming = view["next"]
        self.query_one("#next", Static).update(
            t(lang, "console.next", title=upcoming) if upcoming else t(lang, "console.last"))
        notes = Text(step["notes"] or t(lang, "console.no_notes"))
        if step["answer_key"]:
            notes.append("\n\n" + t(lang, "console.answer_key", text=step["answer_key"]), style="bold")
        self.query_one("#notes", Static).update(notes)
        self.query_one("#notes-box").border_title = t(lang, "console.notes")
        self._show_answers(step["answers"], view["answer_list"])
        self.query_one("#join", Static).update(
            t(lang, "console.join", url=view.get("join_url", ""), code=view["code"]))

    def _show_answers(self, shown: bool, answers: list[dict[str, Any]]) -> None:
        """The answer wall as the facilitator moderates it: the selection stays where it was, else
        on the newest answer; a wall that did not change is not drawn again."""
        wall = self.query_one("#answers", OptionList)
        if wall.display != shown:
            wall.display = shown
            self.set_focus(wall if shown else None)
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
            wall.add_option(Option(text, id=answer["key"]))
        if not answers:
            wall.add_option(Option(t(self.lang, "console.no_answers"), disabled=True))
        keys = [answer["key"] for answer in answers]
        if keys:
            wall.highlighted = keys.index(selected) if selected in keys else len(keys) - 1

    async def on_unmount(self) -> None:
        if self._writer is not None:
            self._writer.close()

    def _write(self, kind: str, **fields: Any) -> None:
        if self._writer is not None:
            self._writer.write(encode(kind, **fields))

    def action_help_quit(self) -> None:
        """Ctrl+C: say which key closes the console (the session goes on)."""
        self.notify(t(self.lang, "console.quit_hint"))

    def action_send(self, action: str) -> None:
        """Press the facilitator's key ``action`` on the projector (some ask first: press twice)."""
        question = ASKS_FIRST.get(action)
        if action == "joining" and not self.view.get("joining", True):
            question = None  # opening joining again asks nothing
        now = asyncio.get_running_loop().time()
        asked, when = self._asked
        if question is not None and (asked != action or now - when > CONFIRM_SECONDS):
            self._asked = (action, now)
            what = t(self.lang, question, step=self.view.get("step", {}).get("title", ""))
            letter = "x" if action == "reset" else "j"
            self.notify(t(self.lang, "console.again", letter=letter, what=what), timeout=CONFIRM_SECONDS)
            return
        self._asked = ("", 0.0)
        self._write("action", action=action)

    def _selected(self) -> dict[str, Any] | None:
        """The answer under the cursor, if any (else the facilitator is told to choose one)."""
        wall = self.query_one("#answers", OptionList)
        option = wall.highlighted_option if wall.display else None
        if option is None or option.id is None:
            self.notify(t(self.lang, "wall.select"))
            return None
        answer: dict[str, Any] = next(a for a in self.view["answer_list"] if a["key"] == option.id)
        return answer

    def action_moderate(self, change: str) -> None:
        """Hide or highlight the selected answer (or undo it); a waiting answer hidden is rejected."""
        answer = self._selected()
        if answer is not None:
            self._write("moderate", answer=answer["key"], approved=True, **{change: not answer[change]})

    def action_approve(self) -> None:
        """Let the selected waiting answer onto the projector's wall."""
        answer = self._selected()
        if answer is not None and answer["pending"]:
            self._write("moderate", answer=answer["key"], approved=True)
