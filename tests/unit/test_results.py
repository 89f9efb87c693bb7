"""Result aggregation."""

from samspill_tui.session.results import SCALE_OPTIONS, distribution


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
