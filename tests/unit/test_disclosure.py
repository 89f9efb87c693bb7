"""The disclosure policy as the read model applies it, tried against every assignment of roles
and votes hypothesis can think of: no group under k, nothing to work out by subtraction, the
named pair never in a group and shown only side by side once both have finished."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samspill_tui.content import Library
from samspill_tui.session.policy import K_MIN, Policy, PolicyError
from samspill_tui.session.reading import Held, Reading, Tally
from samspill_tui.session.record import PAIR, ROLES, Participant, Record
from samspill_tui.session.steps import SCALE, StepKind, build_steps

VOTER = st.tuples(st.sampled_from([None, *ROLES]), st.sampled_from(SCALE))


def _reading(library: Library, programme: str, voters: list[tuple[str | None, str]], k: int) -> Reading:
    content = library.lang("nb")
    prog = content.programmes[programme]
    steps = build_steps(prog, content, "nb")
    statement = next(s for s in steps if s.kind == StepKind.STATEMENT)
    record = Record(meta={"lang": "nb", "min_group": k})
    for n, (role, value) in enumerate(voters):
        pid = f"p{n}"
        record.participants[pid] = Participant(pid, "c", "t", role)
        record.votes.setdefault(statement.key, {})[pid] = value
    return Reading(steps, record, Policy.of(prog, steps, record.meta), "nb")


def _statement(reading: Reading) -> object:
    return next(s for s in reading.steps if s.kind == StepKind.STATEMENT)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(voters=st.lists(VOTER, max_size=30), k=st.integers(K_MIN, 7))
def test_no_group_under_k_and_nothing_to_subtract(library: Library, voters: list[tuple[str | None, str]],
                                                   k: int) -> None:
    reading = _reading(library, "roller", voters, k)
    step = _statement(reading)
    room = reading.room(step)  # type: ignore[arg-type]
    split = reading.by_role(step)  # type: ignore[arg-type]
    if len(voters) < k:
        assert room == Held(len(voters), k) and not split.groups
        return
    assert isinstance(room, Tally) and room.total == len(voters)
    sizes = [group.total for _, group in split.groups]
    assert all(n >= k for n in sizes)
    left = room.total - sum(sizes)  # what the room shows beyond the groups: none, or at least k
    assert left == 0 or left >= k
    assert {r for r, _ in split.groups}.isdisjoint(split.withheld)
    assert set(split.withheld) | {r for r, _ in split.groups} == {r for r, _ in voters if r}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(voters=st.lists(VOTER, max_size=20))
def test_the_named_pair_is_never_in_a_group_or_the_room(library: Library,
                                                        voters: list[tuple[str | None, str]]) -> None:
    reading = _reading(library, "samspill", voters, 5)
    step = _statement(reading)
    room = reading.room(step)  # type: ignore[arg-type]
    split = reading.by_role(step)  # type: ignore[arg-type]
    others = [v for r, v in voters if r not in PAIR]
    assert not {r for r, _ in split.groups} & set(PAIR) and not set(split.withheld) & set(PAIR)
    if isinstance(room, Tally):
        assert room.total == len(others) >= 5
    else:
        assert room.respondents == len(others) < 5
    gap = reading.gap(next(s for s in reading.steps if s.kind == StepKind.GAP))
    assert gap.rows is None  # a deck of two: one statement rated is never enough


def test_a_policy_never_goes_below_three(library: Library) -> None:
    with pytest.raises(PolicyError):
        Policy(k=2)
    content = library.lang("nb")
    programme = content.programmes["roller"]
    steps = build_steps(programme, content, "nb")
    assert Policy.of(programme, steps, {"min_group": 1}).k == K_MIN  # an edited session file
    assert Policy.of(programme, steps, {}).k == 5  # files from before the policy
