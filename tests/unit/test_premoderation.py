"""Pre-moderation: on a step the facilitator pre-moderates, answers wait for approval, off the wall."""

from __future__ import annotations

from pathlib import Path

from samspill_tui.content import Library
from samspill_tui.export.markdown import summary_markdown
from samspill_tui.session.live import Session
from tests.conftest import answers_of


async def test_answers_wait_for_approval_and_it_is_kept(tmp_path: Path, library: Library) -> None:
    s = await Session.open(tmp_path, "pre", "folkevalgtdag", library, "nb")
    await s.go_to(2)  # the reflection
    key = s.step.key
    await s.set_state(key, premoderated=True)
    pid = (await s.join()).id
    await s.answer(pid, key, 0, "Venter på godkjenning", "s1")
    assert [a.pending for a in answers_of(s)] == [True]
    assert s.reading.wall(s.step) == () and s.reading.hidden(s.step) == 0
    assert [i.text for i in s.reading.pending(s.step)] == ["Venter på godkjenning"]
    assert "Venter på godkjenning" not in summary_markdown(s.summary())
    await s.close()

    s = await Session.open(tmp_path, "pre", "folkevalgtdag", library, "nb")  # resumed: as it was
    assert s.state(key).premoderated and answers_of(s, key)[0].pending
    await s.moderate(key, answers_of(s, key)[0].key, approved=True)
    assert [i.text for i in s.reading.wall(s.step)] == ["Venter på godkjenning"]
    assert "Venter på godkjenning" in summary_markdown(s.summary())
    await s.reset_step(key)  # a reset deletes the answers, not the choice to pre-moderate
    assert s.state(key).premoderated
    await s.close()


async def test_a_console_never_learns_a_phones_id(tmp_path: Path, library: Library) -> None:
    """A phone's id is its cookie, and every answer's key begins with it: what a console receives
    names answers by their public id only, so it can neither act as a phone nor tie its answers."""
    import json

    from samspill_tui.console.snapshot import snapshot

    s = await Session.open(tmp_path, "konsoll", "folkevalgtdag", library, "nb")
    await s.go_to(2)  # the reflection
    key = s.step.key
    pid = (await s.join()).id
    await s.answer(pid, key, 0, "Vises på veggen", "s1")
    await s.set_state(key, premoderated=True)
    await s.answer(pid, key, 1, "Venter", "s2")
    sent = json.dumps(snapshot(s, {"timer": None, "join_url": "", "gap": None}))
    assert pid not in sent
    assert {a["key"] for a in json.loads(sent)["answer_list"]} == {a.public for a in answers_of(s)}
    await s.close()
