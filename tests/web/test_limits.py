"""Bounded everything, with the room still usable at the bound: participants, answers per phone
and step, the text of all answers; the facilitator is told and can raise a limit."""

from __future__ import annotations

from pathlib import Path

from samspill_tui.content import Library
from samspill_tui.session.events import Event, LimitReached
from samspill_tui.session.limits import Limits
from tests.conftest import Phone, answers_of, go_to_kind
from tests.web.helpers import served


async def test_participants_are_bounded_and_the_facilitator_can_raise_the_limit(
        tmp_path: Path, library: Library) -> None:
    async with served(tmp_path, library) as (session, server):
        session.bounds.limits = Limits(participants=2)
        told: list[Event] = []
        session.subscribe(told.append)
        phones = [Phone(server) for _ in range(3)]
        try:
            assert [(await p.join())[0] for p in phones[:2]] == [200, 200]
            status, page = await phones[2].join()
            assert status == 403 and "nådd grensen for hvor mange som kan være med" in page
            assert LimitReached("participants", 2) in told and len(session.participants) == 2
            assert session.raise_limits().participants == 4
            assert (await phones[2].join())[0] == 200
        finally:
            for p in phones:
                await p.close()


async def test_answers_are_bounded_per_phone_and_step_and_in_all(tmp_path: Path, library: Library) -> None:
    async with served(tmp_path, library) as (session, server):
        session.bounds.limits = Limits(answers_per_step=2, text_chars=40)
        told: list[Event] = []
        session.subscribe(told.append)
        flood, other = Phone(server), Phone(server)
        try:
            await flood.join()
            await other.join()
            await go_to_kind(session, "reflection")
            assert (await flood.answer(0, "en", "a"))[0] == 200
            assert (await flood.answer(1, "to", "b"))[0] == 200
            status, page = await flood.answer(0, "tre", "c")  # one phone's flood stops here
            assert status == 400 and "svært mange svar" in page
            assert not [e for e in told if isinstance(e, LimitReached)]  # no alarm for one phone
            assert (await other.answer(0, "x" * 30, "d"))[0] == 200  # the others go on
            status, page = await other.answer(0, "y" * 30, "e")  # 35 + 30 > 40 in all
            assert status == 400 and "tar ikke imot flere svar" in page
            assert LimitReached("text_chars", 40) in told
            assert [a.text for a in answers_of(session)] == ["en", "to", "x" * 30]
            await session.reset_step(session.step.key)  # what a reset removes counts no more
            assert (await other.answer(0, "y" * 30, "f"))[0] == 200
            assert (await flood.answer(0, "tre", "g"))[0] == 200
        finally:
            await flood.close()
            await other.close()
