"""The live session: the one source of truth that the web and the TUI both face.

State lives in memory and is changed only after the store has put the change on disk,
so what the projector shows and what a phone was told are always durable.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from samspill_tui.content.library import Library
from samspill_tui.content.model import Programme
from samspill_tui.session.ballots import BadBallot, ballot
from samspill_tui.session.events import (
    AnswerRecorded,
    Event,
    JoiningChanged,
    LimitReached,
    MeetingChanged,
    NotesChanged,
    ParticipantJoined,
    RoleChosen,
    StepChanged,
    StepStateChanged,
    StoreFailed,
    UpvoteRecorded,
    VoteRecorded,
)
from samspill_tui.session.limits import Bounds, Limits
from samspill_tui.session.meeting import Meeting, MeetingError
from samspill_tui.session.policy import K_DEFAULT, Policy
from samspill_tui.session.reading import Reading
from samspill_tui.session.record import (
    DAMAGED,
    OWNERS,
    ROLE_CHOICES,
    Agreement,
    Answer,
    CorruptSessionError,
    Participant,
    Record,
    StepState,
)
from samspill_tui.session.steps import (
    DeckRating,
    GapReview,
    Questions,
    Step,
    build_steps,
    choose,
    options,
    rated,
    ratings_of,
    statement_of,
)
from samspill_tui.session.store import Clear, Delete, Op, Put, SessionStore, StoreError, session_path
from samspill_tui.session.summary import Summary, build_summary
from samspill_tui.text import MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, clean_text, length

SCHEMA_VERSION = 1
MAX_ATTACHMENT_CHARS = 100_000
log = logging.getLogger(__name__)


class Rejected(ValueError):
    """A request that is invalid; ``code`` names the reason for the UI (``err.<code>``)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class Session:
    """A running session of a programme, backed by its store."""

    name: str
    programme: Programme
    lang: str
    steps: list[Step]
    store: SessionStore
    record: Record
    _listeners: list[Callable[[Event], None]] = field(default_factory=list)
    fresh: bool = False  # created by this open, not resumed
    deadlines: dict[str, float] = field(default_factory=dict)  # step key -> when its timer locks it
    reading: Reading = field(init=False)
    bounds: Bounds = field(init=False)

    def __post_init__(self) -> None:
        policy = Policy.of(self.programme, self.steps, self.record.meta)
        self.reading = Reading(self.steps, self.record, policy, self.lang)
        self.bounds = Bounds(self.record)

    # -- opening ----------------------------------------------------------------------

    @classmethod
    async def open(cls, data_dir: Path, name: str, programme_id: str, library: Library,
                   lang: str, k: int = K_DEFAULT) -> Session:
        """Open (or create) session ``name``; resume where it was if it exists.

        A resumed session keeps the programme, language form and anonymity threshold ``k``
        it was created with.
        """
        store = SessionStore(session_path(data_dir, name))
        try:
            try:
                record = Record.from_tables(await store.load())
            except DAMAGED as exc:
                raise CorruptSessionError(store.path) from exc
            meta = record.meta
            if meta and meta["programme"] != programme_id:
                raise Rejected("programme-mismatch")
            lang = meta.get("lang", lang)
            content = library.lang(lang)
            programme = library.runnable(lang).get(programme_id)  # all it needs is in this form
            if programme is None:
                raise Rejected("unknown-programme")
            fresh = not meta
            if fresh:
                record.meta = {"k": "meta", "schema": SCHEMA_VERSION, "name": name,
                               "programme": programme_id, "lang": lang, "created": _now(),
                               "token": _token(), "code": _short_code(), "current": 0,
                               "joining": True, "min_group": Policy(k=k).k}
            steps = choose(build_steps(programme, content, lang), record.meta.get("chosen", {}))
            record.meta["current"] = min(int(record.meta.get("current", 0)), len(steps) - 1)
            session = cls(name, programme, lang, steps, store, record, fresh=fresh)
            if fresh:
                await store.commit([session._meta_op()])
        except BaseException:
            await store.close()
            raise
        return session

    def _meta_op(self, **changes: Any) -> Put:
        return Put("meta", {**self.record.meta, **changes})

    async def _set_meta(self, event: Event, **changes: Any) -> None:
        """Store changed meta fields, then apply them and publish ``event``."""
        await self._commit([self._meta_op(**changes)])
        self.record.meta.update(changes)
        self._publish(event)

    async def close(self) -> None:
        """Finish pending writes and release the session."""
        await self.store.close()

    async def discard(self) -> None:
        """Close the session; one created by this open (a start that failed) leaves no file behind."""
        if self.fresh:
            await self.store.discard()
        else:
            await self.store.close()

    @property
    def ident(self) -> str:
        """A short id of this session, the same whenever it is resumed (names the phones' cookie)."""
        return hashlib.sha256(f"{self.name}|{self.created}".encode()).hexdigest()[:12]

    @property
    def address(self) -> tuple[str, int] | None:
        """The host and port announced to phones when the session last ran, if any."""
        host, port = self.record.meta.get("host"), self.record.meta.get("port")
        return (str(host), int(port)) if host and port else None

    @property
    def rehearsal(self) -> bool:
        """Whether the session was created for a rehearsal (its participants are simulated)."""
        return bool(self.record.meta.get("rehearsal"))

    async def mark_rehearsal(self) -> None:
        """Record that this new session is a rehearsal, so a resume brings its simulated people back."""
        await self._commit([self._meta_op(rehearsal=True)])
        self.record.meta["rehearsal"] = True

    async def remember_address(self, host: str, port: int) -> None:
        """Record the host and port announced to phones, so that a resume announces them again."""
        if self.address != (host, port):
            await self._commit([self._meta_op(host=host, port=port)])
            self.record.meta.update(host=host, port=port)

    # -- what is recorded -------------------------------------------------------------

    @property
    def participants(self) -> dict[str, Participant]:
        """Joined phones by id."""
        return self.record.participants

    @property
    def votes(self) -> dict[str, dict[str, str]]:
        """Votes: step key -> participant id -> value."""
        return self.record.votes

    @property
    def answers(self) -> dict[str, dict[str, Answer]]:
        """Answers: step key -> answer key -> answer, in arrival order."""
        return self.record.answers

    @property
    def token(self) -> str:
        """The join token the QR address carries."""
        return str(self.record.meta["token"])

    @property
    def code(self) -> str:
        """The short join code a late joiner can type instead of scanning."""
        return str(self.record.meta.get("code", ""))

    @property
    def created(self) -> str:
        """When the session was created (ISO 8601, UTC)."""
        return str(self.record.meta["created"])

    @property
    def current(self) -> int:
        """The index of the step the room is on."""
        return int(self.record.meta["current"])

    @property
    def joining_open(self) -> bool:
        """Whether new phones may join."""
        return bool(self.record.meta.get("joining", True))

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles a phone chooses from on joining (none where the programme asks for no role)."""
        return ROLE_CHOICES[self.programme.roles]

    @property
    def asks_role(self) -> bool:
        """Whether participants choose a role on joining."""
        return bool(self.roles)

    # -- listeners --------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Event], None]) -> Callable[[], None]:
        """Call ``listener`` with every event; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _publish(self, event: Event) -> None:
        """Tell every listener; one that fails is logged and changes nothing a phone is told."""
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("session listener failed on %r", event)

    async def _commit(self, ops: list[Op]) -> None:
        try:
            await self.store.commit(ops)
        except StoreError as exc:
            self._publish(StoreFailed(str(exc)))
            raise

    # -- facilitator ------------------------------------------------------------------

    @property
    def step(self) -> Step:
        """The step the room is on."""
        return self.steps[self.current]

    def step_by_key(self, step_key: str) -> Step:
        """The step with key ``step_key``."""
        for step in self.steps:
            if step.key == step_key:
                return step
        raise Rejected("unknown-step")

    async def go_to(self, index: int) -> None:
        """Move the room to step ``index`` (clamped to the programme)."""
        index = max(0, min(index, len(self.steps) - 1))
        if index != self.current:
            await self._set_meta(StepChanged(index), current=index)
            await self._seal(self.steps[index])

    async def _seal(self, step: Step) -> None:
        """The one simultaneous reveal: once a gap view shows the pair's ratings, its deck's rating
        steps are locked, so nobody's «Ferdig» can be undone and no rating changed afterwards."""
        if isinstance(step.body, GapReview) and self.reading.gap(step).rows is not None:
            for rating in ratings_of(self.steps, step):
                await self.set_state(rating.key, locked=True)

    async def set_joining(self, open_: bool) -> None:
        """Open or close joining for new phones (joined phones keep their place)."""
        if open_ != self.joining_open:
            await self._set_meta(JoiningChanged(open_, self.token), joining=open_)

    async def rotate_token(self) -> None:
        """Give the session a new join token and short code; the old ones stop working."""
        new = _token()
        await self._set_meta(JoiningChanged(self.joining_open, new), token=new, code=_short_code())

    async def new_code(self) -> None:
        """Give the session a new short code (the QR address stays); the old code stops working."""
        await self._set_meta(JoiningChanged(self.joining_open, self.token), code=_short_code())

    def raise_limits(self) -> Limits:
        """The facilitator doubles every limit the session has reached; returns those in force."""
        limits = self.bounds.raise_reached()
        self._publish(ParticipantJoined(len(self.participants)))
        return limits

    def connection_refusal(self, total: int, from_address: int, room: int) -> str | None:
        """Which limit stops a phone opening one more connection, given those open in all and from
        its address (None: it may); the facilitator is told the first time each limit stops one."""
        told = set(self.bounds.reached)
        reason = self.bounds.refuse_connection(total, from_address, room)
        if reason is not None and reason not in told:
            value = room if reason == "descriptors" else getattr(self.bounds.limits, reason)
            self._publish(LimitReached(reason, value))
        return reason

    def state(self, step_key: str) -> StepState:
        """The facilitator's state of a step."""
        return self.record.state(step_key)

    async def set_state(self, step_key: str, *, revealed: bool | None = None,
                        locked: bool | None = None, premoderated: bool | None = None,
                        on_phones: bool | None = None) -> None:
        """Reveal or hide a step's results; lock or reopen its voting; pre-moderate its answers
        (new answers wait for approval before they reach the wall) or stop; show revealed results
        on the phones too, or only on the projector."""
        old = self.state(step_key)
        new = StepState(old.revealed if revealed is None else revealed,
                        old.locked if locked is None else locked,
                        old.premoderated if premoderated is None else premoderated,
                        old.on_phones if on_phones is None else on_phones)
        if new != old:
            await self._commit([Put("steps", new.doc(step_key))])
            self.record.states[step_key] = new
            phones = new.locked != old.locked or new.phones_see_results != old.phones_see_results
            self._publish(StepStateChanged(step_key, phones=phones))

    def deadline(self, step_key: str) -> float | None:
        """When the running timer of a step locks its voting (epoch seconds), if it will."""
        return self.deadlines.get(step_key)

    def set_deadline(self, step_key: str, ends: float | None) -> None:
        """Tell the phones when the timer locks a step (``None``: it will not, or is paused)."""
        old = self.deadlines.get(step_key)
        if ends is None:
            self.deadlines.pop(step_key, None)
        else:
            self.deadlines[step_key] = ends
        if (None if old is None else round(old)) != (None if ends is None else round(ends)):
            self._publish(StepStateChanged(step_key))

    async def reset_step(self, step_key: str) -> None:
        """Delete every vote and answer on a step (a rating step's too, and who had finished it) and
        hide its results again (pre-moderation and results on the phones stay chosen)."""
        step = next((s for s in self.steps if s.key == step_key), None)
        items = [s.key for s in rated([step]) if s.key != step_key] if step else []
        finished = self.record.finished.pop(step_key, set())
        old = self.state(step_key)
        kept = StepState(premoderated=old.premoderated, on_phones=old.on_phones)
        await self._commit([Clear("votes", step_key), Clear("answers", step_key),
                            Clear("upvotes", step_key), *(Clear("votes", key) for key in items),
                            *(Delete("finished", f"{step_key}|{pid}") for pid in finished),
                            Put("steps", kept.doc(step_key))])
        for key in [step_key, *items]:
            self.votes.pop(key, None)
        for gone in self.answers.pop(step_key, {}).values():
            self.bounds.removed(step_key, gone.pid, gone.text)
        self.record.answer_keys.pop(step_key, None)
        self.record.upvotes.pop(step_key, None)
        self.record.states[step_key] = kept
        self._publish(StepStateChanged(step_key))

    async def moderate(self, step_key: str, key: str, *, hidden: bool | None = None,
                       highlighted: bool | None = None, approved: bool = False,
                       answered: bool | None = None) -> None:
        """Hide an answer (or a question) from the projector and exports, or highlight it, or mark a
        question answered; ``approved`` lets a pending one (of a pre-moderated step) onto the wall."""
        old = self.answers.get(step_key, {}).get(key)
        if old is None:
            raise Rejected("unknown-answer")
        new = replace(old, hidden=old.hidden if hidden is None else hidden,
                      highlighted=old.highlighted if highlighted is None else highlighted,
                      pending=old.pending and not approved,
                      answered=old.answered if answered is None else answered)
        await self._commit([Put("answers", new.doc())])
        self.answers[step_key][key] = new
        self._publish(AnswerRecorded(step_key))

    async def set_note(self, step_key: str, text: str) -> None:
        """Store the facilitator's note on a step (an empty text removes it)."""
        text = clean_text(text)
        await self._commit([Put("notes", {"k": step_key, "text": text}) if text
                            else Delete("notes", step_key)])
        if text:
            self.record.notes[step_key] = text
        else:
            self.record.notes.pop(step_key, None)
        self._publish(NotesChanged(step_key))

    async def save_agreement(self, agreement: Agreement) -> None:
        """Add or change an agreement (its key names it)."""
        if agreement.owner and agreement.owner not in OWNERS:
            raise Rejected("bad-owner")
        agreement = replace(agreement, text=clean_text(agreement.text),
                            due=clean_text(agreement.due), status=clean_text(agreement.status))
        if not agreement.text:
            raise Rejected("empty")
        await self._commit([Put("agreements", agreement.doc())])
        self.record.agreements[agreement.key] = agreement
        self._publish(NotesChanged(agreement.step_key))

    async def delete_agreement(self, key: str) -> None:
        """Remove an agreement."""
        agreement = self.record.agreements.get(key)
        if agreement is not None:
            await self._commit([Delete("agreements", key)])
            del self.record.agreements[key]
            self._publish(NotesChanged(agreement.step_key))

    async def carry_over(self, source: str, agreements: Sequence[Agreement],
                         trend: Mapping[str, int | None] | None = None) -> int:
        """Add the agreements carried from session ``source``; those already here stay as they are.

        Records ``source`` as ``meta["follows"]`` and, if given, last time's distance per statement
        as ``meta["trend"]``; returns how many agreements were added.
        """
        new = [a for a in agreements if a.key not in self.record.agreements]
        changes: dict[str, Any] = {"follows": source, **({"trend": dict(trend)} if trend else {})}
        await self._commit([*(Put("agreements", a.doc()) for a in new), self._meta_op(**changes)])
        self.record.meta.update(changes)
        for agreement in new:
            self.record.agreements[agreement.key] = agreement
            self._publish(NotesChanged(agreement.step_key))
        return len(new)

    async def attach(self, name: str, text: str) -> None:
        """Attach a Markdown note (the kommunedirektør's) as ``meta["attachment"]``, replacing any."""
        text = clean_text(text.expandtabs(4))
        if not text:
            raise Rejected("empty")
        if len(text) > MAX_ATTACHMENT_CHARS:
            raise Rejected("too-long")
        await self._set_meta(NotesChanged("attachment"),
                             attachment={"name": clean_text(name), "text": text})

    @property
    def meeting(self) -> Meeting:
        """The meeting details as stored (empty until the facilitator fills them in)."""
        return Meeting.of(self.record.meta.get("meeting"))

    async def set_meeting(self, meeting: Meeting) -> Meeting:
        """Store the meeting details, replacing the old ones; returns them as cleaned.

        Rejected (``meeting-date``, ``-time``, ``-count``, ``-long``) for a date or time that
        cannot be read, an end before the start, a negative count or a field that is too long.
        """
        try:
            meeting = meeting.checked(clean_text)
        except MeetingError as exc:
            raise Rejected(f"meeting-{exc.code}") from None
        if meeting != self.meeting:
            await self._set_meta(MeetingChanged(), meeting=meeting.doc())
        return meeting

    def summary(self, exported: str | None = None) -> Summary:
        """The summary (or referat) of the session as it stands, as every export renders it."""
        return build_summary(self.name, self.programme, self.reading, exported=exported)

    # -- participants -----------------------------------------------------------------

    def check_token(self, token: str) -> bool:
        """Whether ``token`` is the join token (compared in constant time)."""
        return secrets.compare_digest(token.encode(), self.token.encode())

    def check_code(self, code: str) -> bool:
        """Whether ``code`` is the short join code (case and spaces ignored)."""
        typed = "".join(code.split()).upper().encode()
        return bool(self.code) and secrets.compare_digest(typed, self.code.encode())

    async def join(self) -> Participant:
        """Register a new participant and return it once it is on disk."""
        if not self.joining_open:
            raise Rejected("joining-closed")
        if self.bounds.refuse_join(len(self.participants)):
            self._publish(LimitReached("participants", self.bounds.limits.participants))
            raise Rejected("full")
        p = Participant(_token(), _token(), _now())
        await self._commit([Put("participants", p.doc())])
        self.participants[p.id] = p
        self._publish(ParticipantJoined(len(self.participants)))
        return p

    async def choose_role(self, pid: str, role: str) -> None:
        """Record the role participant ``pid`` chose: once, before any vote (only the facilitator
        changes it afterwards). A role named by design (the ordfører, the kommunedirektør) is
        taken by one phone only and waits for the facilitator's confirmation."""
        participant = self.participants.get(pid)
        if participant is None:
            raise Rejected("not-joined")
        if not self.asks_role:
            raise Rejected("no-roles")
        if role not in self.roles:
            raise Rejected("bad-role")
        if participant.role is not None:
            raise Rejected("role-chosen")
        named = self.reading.policy.is_named(role)
        if named and any(p.role == role for p in self.participants.values()):
            raise Rejected("role-taken")
        await self._set_role(participant, role, confirmed=not named)
        self._publish(RoleChosen(role, named))

    async def set_role(self, pid: str, role: str | None, *, confirmed: bool = True) -> None:
        """The facilitator confirms a phone's role, or releases it (``None``: it chooses again)."""
        participant = self.participants.get(pid)
        if participant is None:
            raise Rejected("not-joined")
        await self._set_role(participant, role, confirmed=confirmed or role is None)
        self._publish(ParticipantJoined(len(self.participants)))

    async def _set_role(self, participant: Participant, role: str | None, *, confirmed: bool) -> None:
        await self._commit([Put("participants", replace(participant, role=role, confirmed=confirmed).doc())])
        participant.role, participant.confirmed = role, confirmed

    def _check_role(self, pid: str) -> None:
        """In a programme that asks, a phone votes and answers only once it has chosen a role."""
        participant = self.participants.get(pid)
        if participant is None:
            raise Rejected("not-joined")
        if self.asks_role and participant.role is None:
            raise Rejected("choose-role")

    def _open_step(self, step_key: str) -> Step:
        if step_key != self.step.key:
            raise Rejected("step-closed")
        return self.step

    async def vote(self, pid: str, step_key: str, value: str) -> None:
        """Record (or change) participant ``pid``'s vote on the current poll or statement."""
        await self.give(pid, step_key, {"value": value})

    async def give(self, pid: str, step_key: str, fields: Mapping[str, str]) -> None:
        """Record (or change) participant ``pid``'s ballot on the current step from the form
        ``fields`` it sent: a vote, words or a ranking (see :mod:`samspill_tui.session.ballots`)."""
        self._check_role(pid)
        step = self._open_step(step_key)
        if not step.accepts_votes:
            raise Rejected("not-voting")
        if self.state(step_key).locked:
            raise Rejected("locked")
        try:
            value = ballot(step, fields, self.lang)
        except BadBallot as exc:
            raise Rejected(exc.code) from None
        await self._commit([Put("votes", {"k": pid, "step": step_key, "value": value})])
        self.votes.setdefault(step_key, {})[pid] = value
        self._publish(VoteRecorded(step_key))

    async def choose(self, step_key: str, ids: Sequence[str]) -> None:
        """Choose which statements of rating step ``step_key`` the phones get (the rest are left
        out of it and of its gap view); only before anyone has rated it."""
        body = self.step_by_key(step_key).body
        if not isinstance(body, DeckRating):
            raise Rejected("not-voting")
        if any(self.votes.get(item.key) for item in body.every) or self.record.finished.get(step_key):
            raise Rejected("started")
        wanted = [statement_of(item).id for item in body.every if statement_of(item).id in set(ids)]
        if not wanted:
            raise Rejected("empty")
        chosen = {**self.record.meta.get("chosen", {}), step_key: wanted}
        await self._commit([self._meta_op(chosen=chosen)])
        self.record.meta["chosen"] = chosen
        self.steps[:] = choose(self.steps, chosen)
        self._publish(StepStateChanged(step_key, phones=True))

    def _open_rating(self, pid: str, step_key: str) -> DeckRating:
        """The current rating step's payload, if ``pid`` may still change what it rated on it."""
        self._check_role(pid)
        body = self._open_step(step_key).body
        if not isinstance(body, DeckRating):
            raise Rejected("not-voting")
        if self.state(step_key).locked:
            raise Rejected("locked")
        return body

    async def rate(self, pid: str, step_key: str, index: int, value: str) -> None:
        """Record (or change) ``pid``'s rating of statement ``index`` of the current rating step,
        stored as a vote on that statement's key."""
        body = self._open_rating(pid, step_key)
        if pid in self.record.finished.get(step_key, set()):
            raise Rejected("finished")
        if not 0 <= index < len(body.items):
            raise Rejected("bad-value")
        item = body.items[index]
        if value not in {c.value for c in options(item, self.lang)}:
            raise Rejected("bad-value")
        await self._commit([Put("votes", {"k": pid, "step": item.key, "value": value})])
        self.votes.setdefault(item.key, {})[pid] = value
        self._publish(VoteRecorded(step_key))

    async def finish(self, pid: str, step_key: str, done: bool) -> None:
        """Mark ``pid`` finished with the current rating step (every statement rated), or undo it
        (until the reveal locks the step)."""
        body = self._open_rating(pid, step_key)
        if done and any(pid not in self.votes.get(item.key, {}) for item in body.items):
            raise Rejected("unrated")
        finished = self.record.finished.setdefault(step_key, set())
        if done == (pid in finished):
            return
        key = f"{step_key}|{pid}"
        await self._commit([Put("finished", {"k": key, "step": step_key, "pid": pid}) if done
                            else Delete("finished", key)])
        if done:
            finished.add(pid)
        else:
            finished.discard(pid)
        self._publish(VoteRecorded(step_key))

    def finished(self, pid: str, step_key: str) -> bool:
        """Whether ``pid`` has pressed «Ferdig» on rating step ``step_key`` (and not undone it)."""
        return pid in self.record.finished.get(step_key, set())

    async def answer(self, pid: str, step_key: str, question: int, raw: str,
                     submission: str) -> None:
        """Record a free-text answer; a repeated ``submission`` id is stored once."""
        self._check_role(pid)
        step = self._open_step(step_key)
        if not step.accepts_answers:
            raise Rejected("not-answering")
        if not 0 <= question < len(step.questions):
            raise Rejected("bad-question")
        await self._add_text(pid, step, question, raw, submission, MAX_ANSWER_CHARS)

    async def ask(self, pid: str, step_key: str, raw: str, submission: str) -> None:
        """Record a question sent on the current questions step (waiting for approval where the step
        asks for it); a repeated ``submission`` id is stored once."""
        self._check_role(pid)
        step = self._open_step(step_key)
        if not isinstance(step.body, Questions):
            raise Rejected("not-asking")
        await self._add_text(pid, step, 0, raw, submission, MAX_QUESTION_CHARS,
                             pending=step.body.approval)

    async def _add_text(self, pid: str, step: Step, question: int, raw: str, submission: str,
                        most: int, *, pending: bool = False) -> None:
        """Store a text a phone sent, cleaned and capped, within the session's limits."""
        if self.state(step.key).locked:
            raise Rejected("locked")
        if len(raw) > most * 2:  # refused unread: far over the limit in any unit
            raise Rejected("too-long")
        text = clean_text(raw)
        if not text:
            raise Rejected("empty")
        if length(text) > most:  # as the phone's counter and maxlength count
            raise Rejected("too-long")
        if not submission or len(submission) > 64 or not submission.isascii():
            raise Rejected("bad-submission")
        key = f"{pid}:{submission}"
        if key in self.answers.get(step.key, {}):
            return
        refusal = self.bounds.refusal(step.key, pid, text)
        if refusal == "session-full":
            self._publish(LimitReached("text_chars", self.bounds.limits.text_chars))
        if refusal:
            raise Rejected(refusal)
        ans = Answer(key, step.key, question, text, _now(), pid,
                     pending=pending or self.state(step.key).premoderated)
        await self._commit([Put("answers", ans.doc())])
        self.bounds.added(step.key, pid, text)
        self.record.add_answer(ans)
        self._publish(AnswerRecorded(step.key))

    async def upvote(self, pid: str, step_key: str, public: str, on: bool) -> None:
        """Give (or withdraw) ``pid``'s one upvote of a question the room sees, by its public id;
        the same request twice changes nothing the second time."""
        self._check_role(pid)
        step = self._open_step(step_key)
        if not step.accepts_questions:
            raise Rejected("not-asking")
        if self.state(step_key).locked:
            raise Rejected("locked")
        shown = {q.public: q.key for q in self.reading.questions(step)}
        key = shown.get(public)
        if key is None:
            raise Rejected("unknown-question")
        voters = self.record.upvotes.setdefault(step_key, {}).setdefault(key, set())
        if (pid in voters) == on:
            return
        await self._commit([Put("upvotes", {"k": f"{pid}|{key}", "step": step_key, "q": key,
                                            "pid": pid, "on": on})])
        if on:
            voters.add(pid)
        else:
            voters.discard(pid)
        self._publish(UpvoteRecorded(step_key))

    # -- reading ----------------------------------------------------------------------

    def my_vote(self, pid: str, step_key: str) -> str | None:
        """Participant ``pid``'s current vote on a step, if any."""
        return self.votes.get(step_key, {}).get(pid)

    def my_answers(self, pid: str, step_key: str) -> list[Answer]:
        """Participant ``pid``'s answers on a step, oldest first."""
        answers = self.answers.get(step_key, {})
        return [answers[key] for key in self.record.answer_keys.get(step_key, {}).get(pid, ())]


def _token() -> str:
    """A random secret of 128 bits, URL-safe."""
    return secrets.token_urlsafe(16)


CODE_ALPHABET = "ACDEFHJKLMNPRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B, 2/Z)


def _short_code() -> str:
    """Six characters from an unambiguous alphabet (about 27 bits; joining is rate-limited)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
