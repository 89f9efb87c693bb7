"""The live session: the one source of truth that the web and the TUI both face.

State lives in memory and is changed only after the store has put the change on disk,
so what the projector shows and what a phone was told are always durable.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from samspill_tui.content.library import Library
from samspill_tui.content.model import Programme
from samspill_tui.session.events import (
    AnswerRecorded,
    Event,
    ParticipantJoined,
    StepChanged,
    StoreFailed,
    VoteRecorded,
)
from samspill_tui.session.results import SCALE_OPTIONS, Distribution, distribution
from samspill_tui.session.steps import POLL, STATEMENT, Step, build_steps
from samspill_tui.session.store import Put, SessionStore, StoreError, session_path
from samspill_tui.session.text import MAX_ANSWER_CHARS, clean_text

SCHEMA_VERSION = 1


class Rejected(ValueError):
    """A participant's request that is invalid; ``code`` names the reason for the UI."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class Participant:
    """A joined phone. The id is a random secret kept in the phone's cookie."""

    id: str
    csrf: str
    joined: str
    role: str | None = None


@dataclass(frozen=True)
class Answer:
    """A free-text answer to one question of a reflection step."""

    key: str
    step_key: str
    question: int
    text: str
    at: str


@dataclass
class Session:
    """A running session of a programme, backed by its store."""

    name: str
    programme: Programme
    lang: str
    steps: list[Step]
    store: SessionStore
    token: str
    created: str
    current: int = 0
    participants: dict[str, Participant] = field(default_factory=dict)
    votes: dict[str, dict[str, str]] = field(default_factory=dict)
    answers: dict[str, dict[str, Answer]] = field(default_factory=dict)
    _listeners: list[Callable[[Event], None]] = field(default_factory=list)

    # -- opening ----------------------------------------------------------------------

    @classmethod
    async def open(cls, data_dir: Path, name: str, programme_id: str, library: Library,
                   lang: str) -> Session:
        """Open (or create) session ``name``; resume where it was if it exists.

        A resumed session keeps the programme and language form it was created with.
        """
        store = SessionStore(session_path(data_dir, name))
        try:
            tables = await store.load()
            meta = next(iter(tables["meta"]), None)
            if meta is not None and meta["programme"] != programme_id:
                raise Rejected("programme-mismatch")
            lang = meta["lang"] if meta else lang
            content = library.lang(lang)
            programme = content.programmes.get(programme_id)
            if programme is None:
                raise Rejected("unknown-programme")
            session = cls(
                name=name,
                programme=programme,
                lang=lang,
                steps=build_steps(programme, content, lang),
                store=store,
                token=meta["token"] if meta else secrets.token_urlsafe(16),
                created=meta["created"] if meta else _now(),
            )
            if meta is None:
                await store.commit([session._meta_op()])
            else:
                session._restore(meta, tables)
        except BaseException:
            await store.close()
            raise
        return session

    def _restore(self, meta: dict[str, Any], tables: dict[str, list[dict[str, Any]]]) -> None:
        self.current = min(int(meta.get("current", 0)), len(self.steps) - 1)
        for doc in tables["participants"]:
            self.participants[doc["k"]] = Participant(doc["k"], doc["csrf"], doc["joined"],
                                                      doc.get("role"))
        for doc in tables["votes"]:
            self.votes.setdefault(doc["step"], {})[doc["pid"]] = doc["value"]
        for doc in tables["answers"]:
            self.answers.setdefault(doc["step"], {})[doc["k"]] = Answer(
                doc["k"], doc["step"], doc["q"], doc["text"], doc["at"])

    def _meta_op(self) -> Put:
        return Put("meta", {"k": "meta", "schema": SCHEMA_VERSION, "name": self.name,
                            "programme": self.programme.id, "lang": self.lang,
                            "created": self.created, "token": self.token,
                            "current": self.current})

    async def close(self) -> None:
        """Finish pending writes and release the session."""
        await self.store.close()

    # -- listeners --------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Event], None]) -> Callable[[], None]:
        """Call ``listener`` with every event; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _publish(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)

    async def _commit(self, ops: list[Put]) -> None:
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

    async def go_to(self, index: int) -> None:
        """Move the room to step ``index`` (clamped to the programme)."""
        index = max(0, min(index, len(self.steps) - 1))
        if index == self.current:
            return
        previous, self.current = self.current, index
        try:
            await self._commit([self._meta_op()])
        except StoreError:
            self.current = previous
            raise
        self._publish(StepChanged(index))

    # -- participants -----------------------------------------------------------------

    def check_token(self, token: str) -> bool:
        """Whether ``token`` is the join token (compared in constant time)."""
        return secrets.compare_digest(token.encode(), self.token.encode())

    async def join(self) -> Participant:
        """Register a new participant and return it once it is on disk."""
        p = Participant(secrets.token_urlsafe(16), secrets.token_urlsafe(16), _now())
        await self._commit([Put("participants", {"k": p.id, "csrf": p.csrf,
                                                 "joined": p.joined, "role": p.role})])
        self.participants[p.id] = p
        self._publish(ParticipantJoined(len(self.participants)))
        return p

    def vote_options(self, step: Step) -> list[str]:
        """The values a vote on ``step`` may take, in display order."""
        if step.kind == STATEMENT:
            return list(SCALE_OPTIONS)
        if step.kind == POLL and step.poll:
            return [o.id for o in step.poll.options]
        return []

    def _open_step(self, step_key: str) -> Step:
        if step_key != self.step.key:
            raise Rejected("step-closed")
        return self.step

    async def vote(self, pid: str, step_key: str, value: str) -> None:
        """Record (or change) participant ``pid``'s vote on the current step."""
        step = self._open_step(step_key)
        if not step.accepts_votes:
            raise Rejected("not-voting")
        if value not in self.vote_options(step):
            raise Rejected("bad-value")
        await self._commit([Put("votes", {"k": f"{step_key}|{pid}", "step": step_key,
                                          "pid": pid, "value": value, "at": _now()})])
        self.votes.setdefault(step_key, {})[pid] = value
        self._publish(VoteRecorded(step_key))

    async def answer(self, pid: str, step_key: str, question: int, raw: str,
                     submission: str) -> None:
        """Record a free-text answer; a repeated ``submission`` id is stored once."""
        step = self._open_step(step_key)
        if not step.accepts_answers:
            raise Rejected("not-answering")
        if not 0 <= question < len(step.questions):
            raise Rejected("bad-question")
        if len(raw) > MAX_ANSWER_CHARS * 2:
            raise Rejected("too-long")
        text = clean_text(raw)
        if not text:
            raise Rejected("empty")
        if len(text) > MAX_ANSWER_CHARS:
            raise Rejected("too-long")
        if not submission or len(submission) > 64 or not submission.isascii():
            raise Rejected("bad-submission")
        key = f"{pid}:{submission}"
        existing = self.answers.get(step_key, {}).get(key)
        if existing is not None:
            return
        ans = Answer(key, step_key, question, text, _now())
        await self._commit([Put("answers", {"k": key, "step": step_key, "pid": pid,
                                            "q": question, "text": text, "at": ans.at})])
        self.answers.setdefault(step_key, {})[key] = ans
        self._publish(AnswerRecorded(step_key))

    # -- reading ----------------------------------------------------------------------

    def my_vote(self, pid: str, step_key: str) -> str | None:
        """Participant ``pid``'s current vote on a step, if any."""
        return self.votes.get(step_key, {}).get(pid)

    def my_answers(self, pid: str, step_key: str) -> list[Answer]:
        """Participant ``pid``'s answers on a step, oldest first."""
        return [a for k, a in self.answers.get(step_key, {}).items() if k.startswith(pid + ":")]

    def tally(self, step: Step) -> Distribution:
        """The live distribution of votes on ``step``."""
        return distribution(self.votes.get(step.key, {}).values(), self.vote_options(step))

    def step_answers(self, step: Step) -> list[Answer]:
        """The answers on ``step`` in the order they arrived."""
        return list(self.answers.get(step.key, {}).values())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
