"""Result aggregation."""

from samspill_tui.session.results import SCALE_OPTIONS, breakdown, distribution, gaps


def test_distribution_counts_known_options_in_order() -> None:
    d = distribution(["a", "b", "a", "zzz"], ["b", "a", "c"])
    assert d.counts == (("b", 1), ("a", 2), ("c", 0))
    assert d.total == 3
    assert d.share("a") == 2 / 3


def test_statement_mean_ignores_dont_know() -> None:
    d = distribution(["5", "1", "0"], SCALE_OPTIONS)
    assert d.total == 3
    assert d.mean == 3.0
    assert distribution([], SCALE_OPTIONS).mean is None
    assert distribution([], SCALE_OPTIONS).share("5") == 0.0


def test_breakdown_is_withheld_when_a_group_has_fewer_than_three() -> None:
    roles = {"a": "folkevalgt", "b": "folkevalgt", "c": "folkevalgt", "d": "administrasjon",
             "e": "administrasjon"}
    votes = {pid: "4" for pid in roles}
    withheld = breakdown(votes, roles, SCALE_OPTIONS)
    assert not withheld.shown and withheld.too_small == ("administrasjon",)

    roles["f"], votes["f"] = "administrasjon", "2"
    shown = breakdown(votes, roles, SCALE_OPTIONS)
    assert shown.shown
    groups = dict(shown.groups)
    assert groups["administrasjon"].total == 3 and groups["administrasjon"].share("2") == 1 / 3
    assert groups["folkevalgt"].total == 3


def test_breakdown_threshold_is_configurable_and_ignores_roleless_votes() -> None:
    roles = {"a": "ordforer", "b": "kommunedirektor"}
    votes = {"a": "5", "b": "1", "x": "3"}
    assert breakdown(votes, roles, SCALE_OPTIONS).too_small == ("kommunedirektor", "ordforer")
    named = breakdown(votes, roles, SCALE_OPTIONS, min_group=1)
    assert named.shown and sum(d.total for _, d in named.groups) == 2
    assert breakdown({"x": "3"}, {}, SCALE_OPTIONS).no_roles


def test_gaps_rank_largest_first_with_dont_know_last() -> None:
    votes = {"s1": {"o": "3", "k": "3"}, "s2": {"o": "5", "k": "1"}, "s3": {"o": "0", "k": "4"},
             "s4": {"o": "2", "k": "4"}}
    ranked = gaps(votes, ["s1", "s2", "s3", "s4"], "o", "k")
    assert ranked is not None
    assert [g.step_key for g in ranked] == ["s2", "s4", "s1", "s3"]
    assert [g.distance for g in ranked] == [4, 2, 0, None]


def test_gaps_wait_until_both_have_rated_every_statement() -> None:
    votes = {"s1": {"o": "3", "k": "3"}, "s2": {"o": "5"}}
    assert gaps(votes, ["s1", "s2"], "o", "k") is None
