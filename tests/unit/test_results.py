"""Result aggregation."""

from samspill_tui.session.results import distribution, statement_distribution


def test_distribution_counts_known_options_in_order() -> None:
    d = distribution(["a", "b", "a", "zzz"], ["b", "a", "c"])
    assert d.counts == (("b", 1), ("a", 2), ("c", 0))
    assert d.total == 3
    assert d.share("a") == 2 / 3


def test_statement_mean_ignores_dont_know() -> None:
    d = statement_distribution({"p1": "5", "p2": "1", "p3": "0"})
    assert d.total == 3
    assert d.mean == 3.0
    assert statement_distribution({}).mean is None
    assert statement_distribution({}).share("5") == 0.0
