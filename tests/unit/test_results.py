"""Result maths: counts, the scale mean, and the pair's distances."""

from samspill_tui.session.results import counts, distance, rank_by_distance, scale_mean
from samspill_tui.session.steps import SCALE


def test_counts_known_values_in_order() -> None:
    assert counts(["a", "b", "a", "zzz"], ["b", "a", "c"]) == (1, 2, 0)


def test_statement_mean_ignores_dont_know() -> None:
    assert scale_mean(SCALE, counts(["5", "1", "0"], SCALE)) == 3.0
    assert scale_mean(SCALE, counts([], SCALE)) is None
    assert scale_mean(SCALE, counts(["0"], SCALE)) is None


def test_distance_is_unknown_when_either_said_dont_know() -> None:
    assert distance("5", "1") == 4 and distance("2", "2") == 0
    assert distance("0", "4") is None and distance("4", "0") is None


def test_ranking_is_largest_first_with_dont_know_last() -> None:
    votes = {"s1": {"o": "3", "k": "3"}, "s2": {"o": "5", "k": "1"}, "s3": {"o": "0", "k": "4"},
             "s4": {"o": "2", "k": "4"}}
    ranked = rank_by_distance(votes, ["s1", "s2", "s3", "s4"], "o", "k")
    assert ranked is not None
    assert [key for key, _, _ in ranked] == ["s2", "s4", "s1", "s3"]


def test_ranking_waits_until_both_have_rated_every_statement() -> None:
    votes = {"s1": {"o": "3", "k": "3"}, "s2": {"o": "5"}}
    assert rank_by_distance(votes, ["s1", "s2"], "o", "k") is None
