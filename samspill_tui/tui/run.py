"""The session screen: the current step, the facilitator's controls, and live counts."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from collections.abc import Awaitable, Callable, Iterator
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Digits, Static

from samspill_tui.i18n import t
from samspill_tui.session.events import (
    Event,
    JoiningChanged,
    LimitReached,
    RoleChosen,
    StepChanged,
    StoreFailed,
)
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.meeting import Meeting
from samspill_tui.session.steps import PollVote, StepKind
from samspill_tui.session.store import StoreError
from samspill_tui.tui.footer import KeyFooter
from samspill_tui.tui.join import Face, JoinCorner, QRScreen
from samspill_tui.tui.messages import SessionChanged
from samspill_tui.tui.timer import Closes, StepTimer
from samspill_tui.tui.views import StepView, redraw

REFRESH_SECONDS = 0.2
# The view of each kind of step, imported when first shown: the lobby, drawn at start-up,
# needs none of the others.
VIEWS = {
    StepKind.LOBBY: "samspill_tui.tui.lobby:LobbyView",
    StepKind.CASE: "samspill_tui.tui.reading:CaseView",
    StepKind.REFLECTION: "samspill_tui.tui.wall:ReflectionView",
    StepKind.POLL: "samspill_tui.tui.vote:VoteView",
    StepKind.STATEMENT: "samspill_tui.tui.vote:VoteView",
    StepKind.RATING: "samspill_tui.tui.rating:RatingView",
    StepKind.RANKING: "samspill_tui.tui.ranking:RankingView",
    StepKind.WORDS: "samspill_tui.tui.words:WordsView",
    StepKind.GAP: "samspill_tui.tui.gap:GapView",
    StepKind.QUESTIONS: "samspill_tui.tui.questions:QuestionsView",
    StepKind.SUMMARY: "samspill_tui.tui.reading:SummaryView",
}


def view_class(kind: StepKind) -> type[StepView]:
    """The view of steps of ``kind``."""
    module, _, name = VIEWS[kind].partition(":")
    view: type[StepView] = getattr(importlib.import_module(module), name)
    return view


class SessionScreen(Screen[None]):
    """The facilitator's view of a running session, one step at a time.

    Key descriptions use words that read the same in bokmål and nynorsk; the help
    screen explains each in the session's language form.
    """

    AUTO_FOCUS = ""  # each step view decides what has focus (nothing, on a case)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n,space", "next", "Neste"),
        Binding("left,p", "previous", "Tilbake"),
        Binding("r", "reveal", "Resultat"),
        Binding("P", "phone_results", "På mobilene", show=False),
        Binding("l", "lock", "Lås"),
        Binding("v", "by_role", "Roller"),
        Binding("f", "answer_key", "Fasit"),
        Binding("o", "facilitator_notes", "Fasilitatornotat"),
        Binding("R", "roles", "Roller med navn", show=False),
        Binding("L", "raise_limits", "Hev grensene", show=False),
        Binding("h", "hide_answer", "Skjul svar"),
        Binding("a", "highlight_answer", "Framhev"),
        Binding("t", "timer", "Klokke"),
        Binding("plus", "timer_more", "+1 min", show=False),
        Binding("minus", "timer_less", "-1 min", show=False),
        Binding("T", "timer_closes", "Klokka stenger", show=False),
        Binding("g", "steps", "Steg"),
        Binding("k", "qr", "QR"),
        Binding("j", "joining", "Påmelding…", show=False),  # «…»: asks first (help screen)
        Binding("J", "new_code", "Ny kode…", show=False),
        Binding("x", "reset", "Nullstill…", show=False),
        Binding("m", "minutes", "Notat"),
        Binding("M", "meeting", "Møtet", show=False),  # in help and the palette; the footer is full
        Binding("e", "export", "Eksporter"),
        Binding("question_mark", "help", "Hjelp"),
        Binding("q", "quit", "Avslutt…"),
        Binding("ctrl+q", "app.quit", "Avslutt nå", show=False),
    ]

    def __init__(self, session: Session, face: Face) -> None:
        super().__init__()
        self.session, self.face = session, face
        self._redraw_due = False
        self._unsubscribe: Callable[[], None] = lambda: None
        self._step_lock = asyncio.Lock()
        self._shown: int | None = None  # the index of the step whose view is in the body
        self._title = Text()  # the heading's first line: the step's title and number

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-bar"):
            yield Static(id="step-heading", markup=False)  # the step's title, then its status
            yield Digits("0", id="answered-n")
            yield Static(id="answered-of", markup=False)
            yield StepTimer(id="timer")
        with Horizontal(id="main"):
            yield Container(id="body")  # and, once the lobby is left, the corner for late joiners
        yield KeyFooter()

    async def on_mount(self) -> None:
        self._unsubscribe = self.session.subscribe(self._post)
        await self.show_step()

    def _post(self, event: Event) -> None:
        """The session's listener: a message to handle on the app's turn, nothing more."""
        self.post_message(SessionChanged(event))

    def on_unmount(self) -> None:
        self._unsubscribe()

    # -- following the session --------------------------------------------------------

    def on_session_changed(self, message: SessionChanged) -> None:
        """A change in the session: redrawn at most every REFRESH_SECONDS however many come."""
        event = message.event
        if isinstance(event, StoreFailed):
            self.notify(t(self.session.lang, "store.failed", reason=event.reason),
                        severity="error", timeout=10)
        elif isinstance(event, LimitReached):
            self.notify(t(self.session.lang, f"limits.reached.{event.name}", n=event.value),
                        severity="error", timeout=30)
        elif isinstance(event, RoleChosen) and event.named:
            role = t(self.session.lang, f"role.{event.role}")
            self.notify(t(self.session.lang, "roles.claimed", role=role), severity="warning", timeout=15)
            self._redraw_soon()
        elif isinstance(event, StepChanged):
            self.run_worker(self.show_step(), group="step")
        else:
            if isinstance(event, JoiningChanged):
                self.refresh_bindings()
            self._redraw_soon()

    def _redraw_soon(self) -> None:
        if not self._redraw_due:
            self._redraw_due = True
            self.set_timer(REFRESH_SECONDS, self._redraw)

    def _redraw(self) -> None:
        self._redraw_due = False
        self.refresh_data()

    def refresh_data(self) -> None:
        """Redraw the counts, the status line and the step view from the session."""
        session, lang, step = self.session, self.session.lang, self.session.step
        state = session.state(step.key)
        for node in self.query("#answered-n, #answered-of"):
            node.display = step.accepts_votes or step.accepts_answers
        self.query_one("#answered-n", Digits).update(str(session.reading.answered(step)))
        redraw(self.query_one("#answered-of", Static),
               Text(t(lang, "answered.of", m=len(session.participants))))
        status = []
        if step.accepts_votes:
            status.append(t(lang, "status.shown" if state.revealed else "status.hidden"))
            if state.on_phones:
                status.append(t(lang, "status.on_phones"))
        lockable = step.accepts_votes or step.accepts_answers or step.accepts_questions
        if lockable and state.locked:
            status.append(t(lang, "status.locked"))
        timer = self.query_one(StepTimer).state
        if lockable and not state.locked and timer and timer.closes:
            status.append(t(lang, f"status.closes.{timer.closes}"))
        if not session.joining_open:
            status.append(t(lang, "status.closed"))
        heading = self._title.copy()
        heading.append("\n" + "  ·  ".join(status))
        redraw(self.query_one("#step-heading", Static), heading)
        self.set_class(state.locked, "locked")
        for view in self.query(StepView):
            if view.is_attached:  # a view being replaced may lose its children first
                with contextlib.suppress(NoMatches):
                    view.refresh_data()

    async def show_step(self) -> None:
        """Replace the body with the view of the current step.

        One change at a time, each to the end: a view cut off half-way through mounting would
        never finish (and its screen never settle); changes that come meanwhile are shown next,
        and a step already shown is not shown again.
        """
        async with self._step_lock:
            if self._shown != self.session.current:
                self._shown = self.session.current
                try:
                    await self._replace_view()
                except NoMatches:
                    if self.app.is_running and self in self.app.screen_stack:
                        raise  # a widget missing from a screen still shown is a bug
                    # else the screen was taken down meanwhile (a resume, the app quitting)

    async def _replace_view(self) -> None:
        session = self.session
        step = session.step
        self._title = Text.assemble(
            (f"{step.title}   ", "bold"),
            (t(session.lang, "step.of", n=session.current + 1, total=len(session.steps)), "bold dim"))
        self.query_one(StepTimer).show_step(step.key, step.minutes, Closes(step.closes))
        body = self.query_one("#body", Container)
        self.set_focus(None)  # the next view decides what has focus, not the removed one
        corners = list(self.query(JoinCorner))
        if step.kind != StepKind.LOBBY and not corners:  # not drawn before it is needed; syncs when mounted
            self.query_one("#main").mount(JoinCorner(self.session, self.face, id="corner"))
        for corner in corners:
            back = not corner.display and step.kind != StepKind.LOBBY
            corner.display = step.kind != StepKind.LOBBY
            if back:
                corner.sync()  # the lobby may have announced another address
        shown = next(iter(body.children), None)
        if not (isinstance(shown, view_class(step.kind)) and shown.follow(step)):
            await body.remove_children()
            await body.mount(view_class(step.kind)(session, step, self.face))
        self.call_after_refresh(self._drop_stale_focus)
        self.refresh_data()
        self.refresh_bindings()

    def _drop_stale_focus(self) -> None:
        """A removed view may still get its deferred focus; keys must then reach this screen."""
        if self.focused is not None and not self.focused.is_attached:
            self.set_focus(None)

    # -- which keys apply -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that apply to the current step."""
        step = self.session.step
        if action in ("reveal", "phone_results"):
            return step.accepts_votes
        if action == "by_role":
            return step.splits_by_role
        if action == "answer_key":
            return isinstance(step.body, PollVote)
        if action == "roles":
            return self.session.reading.policy.named is not None
        if action == "facilitator_notes":
            return bool(step.facilitator_notes)
        if action in ("hide_answer", "highlight_answer"):
            return step.accepts_answers
        if action in ("lock", "reset", "timer_closes"):
            return step.accepts_votes or step.accepts_answers or step.accepts_questions
        return True

    def commands(self) -> Iterator[tuple[str, str, Callable[[], Awaitable[None]]]]:
        """Every key's action for the command palette: title, help, callback."""
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            if self.check_action(binding.action, ()) is False:
                continue
            action = binding.action

            async def run(action: str = action) -> None:
                await self.run_action(action)

            yield (binding.description, t(self.session.lang, f"help.{action}"), run)

    # -- actions ----------------------------------------------------------------------

    async def _do(self, action: Awaitable[None]) -> bool:
        """Run a session change; a write error is already shown by the StoreFailed event."""
        try:
            await action
        except StoreError:
            return False
        return True

    async def action_next(self) -> None:
        """Move the room to the next step."""
        await self._do(self.session.go_to(self.session.current + 1))

    async def action_previous(self) -> None:
        """Move the room to the previous step."""
        await self._do(self.session.go_to(self.session.current - 1))

    async def action_reveal(self) -> None:
        """Show or hide the results of the current vote."""
        key = self.session.step.key
        await self._do(self.session.set_state(key, revealed=not self.session.state(key).revealed))

    async def action_phone_results(self) -> None:
        """Show the revealed results on the phones too, or only on the projector."""
        key = self.session.step.key
        await self._do(self.session.set_state(key, on_phones=not self.session.state(key).on_phones))

    async def action_lock(self) -> None:
        """Lock voting on the current step, or open it again."""
        key = self.session.step.key
        await self._do(self.session.set_state(key, locked=not self.session.state(key).locked))

    def action_by_role(self) -> None:
        """Show the results side by side by role, or all together."""
        from samspill_tui.tui.vote import VoteView  # deferred: start-up time

        for view in self.query(VoteView):
            view.by_role = not view.by_role
            if view.by_role and not self.session.state(view.step.key).revealed:
                self.notify(t(self.session.lang, "roles.reveal_first"))
            view.refresh_data()

    def action_answer_key(self) -> None:
        """Show or hide the poll's answer key and its explanation (never the facilitator notes)."""
        from samspill_tui.tui.vote import VoteView  # deferred: start-up time

        for view in self.query(VoteView):
            view.show_key = not view.show_key
            if view.show_key and not self.session.state(view.step.key).revealed:
                self.notify(t(self.session.lang, "poll.reveal_first"))
            view.refresh_data()

    def action_raise_limits(self) -> None:
        """Double the limits the session has reached (participants, answer text, connections)."""
        self.notify(self.raise_limits())

    def raise_limits(self) -> str:
        """Double the limits the session has reached; returns what the facilitator is told."""
        limits = self.session.raise_limits()
        return t(self.session.lang, "limits.now", participants=limits.participants, chars=limits.text_chars,
                 connections=limits.connections, per_address=limits.connections_per_address)

    def action_roles(self) -> None:
        """Confirm or release the roles named by design (the ordfører, the kommunedirektør)."""
        from samspill_tui.tui.roles import RolesScreen  # deferred: start-up time

        self.app.push_screen(RolesScreen(self.session), lambda _: self._redraw_soon())

    def action_facilitator_notes(self) -> None:
        """Show the step's facilitator notes, on their own and labelled as for the facilitator only."""
        from samspill_tui.tui.dialogs import NotesScreen  # deferred: start-up time

        step = self.session.step
        self.app.push_screen(NotesScreen(step.title, step.facilitator_notes, self.session.lang))

    async def _moderate(self, *, hide: bool) -> None:
        from samspill_tui.tui.wall import ReflectionView  # deferred: start-up time

        for view in self.query(ReflectionView):
            answer = view.selected()
            if answer is None:
                self.notify(t(self.session.lang, "wall.select"))
                return
            change = ({"hidden": not answer.hidden} if hide
                      else {"highlighted": not answer.highlighted})
            with contextlib.suppress(Rejected):
                await self._do(self.session.moderate(answer.step_key, answer.key, **change))
            view.refresh_data()

    async def action_hide_answer(self) -> None:
        """Hide the selected answer from the projector and the exports, or show it again."""
        await self._moderate(hide=True)

    async def action_highlight_answer(self) -> None:
        """Highlight the selected answer, or stop highlighting it."""
        await self._moderate(hide=False)

    def action_timer(self) -> None:
        """Start or pause the discussion timer."""
        self.query_one(StepTimer).toggle()

    def action_timer_more(self) -> None:
        """One more minute on the timer."""
        self.query_one(StepTimer).adjust(1)

    def action_timer_less(self) -> None:
        """One minute less on the timer."""
        self.query_one(StepTimer).adjust(-1)

    def action_timer_closes(self) -> None:
        """Choose what the timer does at zero: nothing, lock the vote, or lock it and reveal."""
        self.query_one(StepTimer).cycle_closes()
        self.refresh_data()

    def on_step_timer_deadline(self, message: StepTimer.Deadline) -> None:
        """Tell the phones when the timer locks the step."""
        self.session.set_deadline(message.key, message.ends)

    async def on_step_timer_expired(self, message: StepTimer.Expired) -> None:
        """The timer reached zero: lock the step (and reveal its results)."""
        await self._do(self.session.set_state(message.key, locked=True,
                                              revealed=True if message.reveal else None))

    def action_steps(self) -> None:
        """Pick a step from the list and move the room there."""
        from samspill_tui.tui.dialogs import StepListScreen  # deferred: start-up time

        async def chosen(index: int | None) -> None:
            if index is not None:
                await self._do(self.session.go_to(index))

        self.app.push_screen(StepListScreen(self.session.steps, self.session.current,
                                            self.session.lang), chosen)

    def action_qr(self) -> None:
        """Show the join QR code large."""
        self.app.push_screen(QRScreen(self.session, self.face))

    async def action_joining(self) -> None:
        """Close joining for new phones (after confirmation), or open it again."""
        if self.session.joining_open:
            self._confirm(t(self.session.lang, "joining.confirm"), "dialog.close_joining",
                          self.switch_joining)
        else:
            await self.switch_joining()

    async def switch_joining(self) -> None:
        """Close joining for new phones, or open it again (asked first by whoever calls it)."""
        await self._do(self.session.set_joining(not self.session.joining_open))
        key = "joining.open" if self.session.joining_open else "joining.closed"
        self.notify(t(self.session.lang, key))

    def action_new_code(self) -> None:
        """Replace the join address and code (a new QR code), after confirmation; joined phones stay."""
        async def rotate() -> None:
            if await self._do(self.session.rotate_token()):
                self.notify(t(self.session.lang, "joining.rotated"))

        self._confirm(t(self.session.lang, "rotate.confirm"), "dialog.rotate", rotate)

    def action_reset(self) -> None:
        """Delete the votes and answers of the current step, after confirmation."""
        step = self.session.step

        async def reset() -> None:
            await self.reset_step(step.key)

        self._confirm(t(self.session.lang, "reset.confirm", step=step.title), "dialog.yes", reset)

    async def reset_step(self, step_key: str) -> None:
        """Delete the votes and answers of step ``step_key`` (asked first by whoever calls it)."""
        await self._do(self.session.reset_step(step_key))

    def action_quit(self) -> None:
        """Quit; asks first once phones have joined (ctrl+q quits at once)."""
        n = len(self.session.participants)
        if not n:
            self.app.exit()
            return

        async def leave() -> None:
            self.app.exit()

        self._confirm(t(self.session.lang, "quit.confirm", n=n), "dialog.quit", leave)

    def _confirm(self, question: str, yes: str, then: Callable[[], Awaitable[None]]) -> None:
        """Run ``then`` once the facilitator has said yes to ``question``."""
        from samspill_tui.tui.dialogs import ConfirmScreen  # deferred: start-up time

        async def answered(confirmed: bool | None) -> None:
            if confirmed:
                await then()

        self.app.push_screen(ConfirmScreen(question, self.session.lang, yes), answered)

    def action_minutes(self) -> None:
        """Open the note and the agreements of the current step."""
        from samspill_tui.tui.minutes import MinutesScreen  # deferred: start-up time

        self.app.push_screen(MinutesScreen(self.session, self.session.step))

    def action_meeting(self) -> None:
        """Open the meeting details (organ, place, time, who was present, møteleder, referent)."""
        from samspill_tui.tui.meeting import MeetingScreen  # deferred: start-up time

        async def save(meeting: Meeting | None) -> None:
            if meeting is None:
                return
            try:
                await self.session.set_meeting(meeting)
            except StoreError:
                return  # shown by the StoreFailed event
            except Rejected as exc:
                reason = t(self.session.lang, f"err.{exc.code}")
                self.notify(t(self.session.lang, "meeting.failed", reason=reason), severity="error")
            else:
                self.notify(t(self.session.lang, "meeting.saved"))

        self.app.push_screen(MeetingScreen(self.session.lang, self.session.meeting), save)

    def action_help(self) -> None:
        """List every key of this screen, the current step's own keys first."""
        from samspill_tui.tui.dialogs import HelpScreen  # deferred: start-up time

        own = [b for view in self.query(StepView) for b in view.BINDINGS if isinstance(b, Binding)]
        taken = {key for b in own for key in b.key.split(",")}  # the step's own keys come first
        bindings = [b for b in self.BINDINGS if isinstance(b, Binding) and not taken & set(b.key.split(","))]
        self.app.push_screen(HelpScreen(own + bindings, self.session.lang))

    async def action_export(self) -> None:
        """Write the summary as Markdown, HTML, CSV, JSON, Excel and PDF into the session's export folder,
        and an attached note as its own confidential file."""
        from samspill_tui.export.files import ExportIncomplete, write_exports  # deferred: start-up
        from samspill_tui.session.archive import export_folder
        from samspill_tui.session.summary import attachment_of

        session = self.session
        folder = export_folder(session.store.path.parent, session.name)
        summary, note = session.summary(), attachment_of(session.name, session.record)
        try:
            await asyncio.to_thread(write_exports, summary, folder, note)
        except OSError as exc:
            self.notify(t(session.lang, "export.failed", reason=exc.strerror), severity="error")
        except ExportIncomplete as exc:  # no PDF without Pango; every other format is written
            self.notify(t(session.lang, "export.partial", path=folder, reason=exc.reason),
                        severity="warning", timeout=20)
        else:
            self.notify(t(session.lang, "export.done", path=folder))
