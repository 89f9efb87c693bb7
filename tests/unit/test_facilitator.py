"""The facilitator's controls in the core: lock, reveal, reset, moderation, joining, roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from samspill_tui.content import Library
from samspill_tui.session.live import Rejected, Session
from samspill_tui.session.reading import Held
from samspill_tui.session.record import Agreement
from samspill_tui.session.steps import gap_statements
from tests.conftest import answers_of, confirm_pair, go_to_kind


async def _reopen(path: Path, library: Library, programme: str = "folkevalgtdag") -> Session:
    return await Session.open(path, "test", programme, library, "nb")


async def test_lock_refuses_votes_and_survives_a_restart(tmp_path: Path, library: Library) -> None:
    s = await _reopen(tmp_path, library)
    p = await s.join()
    await go_to_kind(s, "statement")
    key = s.step.key
    await s.set_state(key, locked=True)
    with pytest.raises(Rejected) as exc:
        await s.vote(p.id, key, "3")
    assert exc.value.code == "locked"
    await s.close()
    s = await _reopen(tmp_path, library)
    assert s.state(key).locked and not s.state(key).revealed
    await s.set_state(key, locked=False, revealed=True)
    await s.vote(p.id, key, "3")
    assert s.reading.answered(s.step) == 1 and s.state(key).revealed
    await s.close()


async def test_reset_deletes_the_steps_votes_on_disk(tmp_path: Path, library: Library) -> None:
    s = await _reopen(tmp_path, library)
    p, q = await s.join(), await s.join()
    await go_to_kind(s, "statement")
    key = s.step.key
    await s.vote(p.id, key, "3")
    await s.vote(q.id, key, "4")
    await s.set_state(key, revealed=True)
    await s.reset_step(key)
    assert s.reading.answered(s.step) == 0 and not s.state(key).revealed
    await s.close()
    s = await _reopen(tmp_path, library)
    assert s.reading.answered(s.step) == 0 and s.my_vote(p.id, key) is None
    await s.close()


async def test_hidden_and_highlighted_answers_persist(tmp_path: Path, library: Library) -> None:
    s = await _reopen(tmp_path, library)
    p = await s.join()
    await go_to_kind(s, "reflection")
    await s.answer(p.id, s.step.key, 0, "Et svar", "sub1")
    await s.answer(p.id, s.step.key, 0, "Et annet", "sub2")
    first, second = answers_of(s)
    await s.moderate(s.step.key, first.key, hidden=True)
    await s.moderate(s.step.key, second.key, highlighted=True)
    with pytest.raises(Rejected):
        await s.moderate(s.step.key, "nope", hidden=True)
    await s.close()
    s = await _reopen(tmp_path, library)
    await go_to_kind(s, "reflection")
    a, b = answers_of(s)
    assert (a.text, a.hidden, a.highlighted) == ("Et svar", True, False)
    assert (b.text, b.hidden, b.highlighted) == ("Et annet", False, True)
    assert s.reading.answered(s.step) == 1
    await s.close()


async def test_a_phone_sees_its_own_answers_in_order_moderated_reset_and_after_a_restart(
        tmp_path: Path, library: Library) -> None:
    s = await _reopen(tmp_path, library)
    p, q = await s.join(), await s.join()
    await go_to_kind(s, "reflection")
    key = s.step.key
    for n, who in enumerate((p, q, p, q, p)):
        await s.answer(who.id, key, 0, f"svar {n}", f"sub{n}")
    await s.answer(p.id, key, 0, "svar 0 again", "sub0")  # a retried submission is stored once
    assert [a.text for a in s.my_answers(p.id, key)] == ["svar 0", "svar 2", "svar 4"]
    assert [a.text for a in s.my_answers(q.id, key)] == ["svar 1", "svar 3"]
    await s.moderate(key, f"{p.id}:sub2", hidden=True)
    assert [a.hidden for a in s.my_answers(p.id, key)] == [False, True, False]
    await s.close()
    s = await _reopen(tmp_path, library)
    assert [a.text for a in s.my_answers(p.id, key)] == ["svar 0", "svar 2", "svar 4"]
    assert [a.text for a in s.my_answers(q.id, key)] == ["svar 1", "svar 3"]
    await s.reset_step(key)
    assert s.my_answers(p.id, key) == [] and s.my_answers(q.id, key) == []
    await s.answer(q.id, key, 0, "ny", "sub9")
    assert [a.text for a in s.my_answers(q.id, key)] == ["ny"] and s.my_answers(p.id, key) == []
    await s.close()


async def test_closed_joining_and_rotated_token(session: Session) -> None:
    old_token, old_code = session.token, session.code
    await session.set_joining(False)
    with pytest.raises(Rejected) as exc:
        await session.join()
    assert exc.value.code == "joining-closed"
    await session.set_joining(True)
    await session.rotate_token()
    assert session.token != old_token and len(session.token) >= 22
    assert not session.check_token(old_token) and session.check_token(session.token)
    assert session.code != old_code and not session.check_code(old_code)
    assert session.check_code(session.code.lower()) and not session.check_code("")


async def test_roles_only_when_the_programme_asks(tmp_path: Path, library: Library,
                                                  session: Session) -> None:
    p = await session.join()
    with pytest.raises(Rejected) as exc:
        await session.choose_role(p.id, "folkevalgt")
    assert exc.value.code == "no-roles"
    s = await Session.open(tmp_path / "pair", "pair", "samspill", library, "nb")
    q = await s.join()
    with pytest.raises(Rejected):
        await s.choose_role(q.id, "konge")
    await s.choose_role(q.id, "ordforer")
    assert s.participants[q.id].role == "ordforer"
    await s.close()


async def test_gap_ranking_waits_for_both_then_orders(tmp_path: Path, library: Library) -> None:
    s = await Session.open(tmp_path, "pair", "samspill", library, "nb")
    o, k = await s.join(), await s.join()
    await s.choose_role(o.id, "ordforer")
    await s.choose_role(k.id, "kommunedirektor")
    await confirm_pair(s)
    statements = [st for st in s.steps if st.kind == "statement"]
    gap = next(st for st in s.steps if st.kind == "gap")
    assert [st.key for st in gap_statements(s.steps, gap)] == [st.key for st in statements]
    for n, (st, (a, b)) in enumerate(zip(statements, [("4", "4"), ("5", "2")], strict=True)):
        await s.go_to(s.steps.index(st))
        await s.vote(o.id, st.key, a)
        assert s.reading.gap(gap).rows is None and s.reading.gap(gap).done == n
        await s.vote(k.id, st.key, b)
    rows = s.reading.gap(gap).rows
    assert rows is not None and [r.step.key for r in rows] == [statements[1].key, statements[0].key]
    assert [(r.first.label, r.second.label, r.distance) for r in rows] == [
        ("Helt enig", "Delvis uenig", 3), ("Delvis enig", "Delvis enig", 0)]
    # The pair is shown only side by side in the gap view: never as a result or a role group.
    assert s.reading.room(statements[0]) == Held(0, 5, named=True)
    assert s.reading.by_role(statements[0]).no_roles
    await s.save_agreement(Agreement("a1", statements[1].key, "Møtes hver uke", "ordforer", "2027-01"))
    await s.close()
    s = await Session.open(tmp_path, "pair", "samspill", library, "nb")
    assert s.record.agreements["a1"].text == "Møtes hver uke"
    await s.close()
