"""Every kind of phone page of the real content stays within the 15 KB budget, results on the phones too."""

from __future__ import annotations

from bench.page_weight import BUDGET, heaviest, measure


async def test_every_kind_of_page_is_within_the_budget() -> None:
    weights = await measure()
    kinds = heaviest(weights)
    assert {"join", "role", "lobby", "case", "reflection", "poll", "statement", "rating",
            "questions", "summary"} <= set(kinds)
    assert kinds["questions"].where.endswith("(full)")  # five questions at the cap, escaped large
    assert {"poll-results", "statement-results", "words-results", "ranking-results"} <= set(kinds)
    assert {w.where.split("/")[0] for w in weights} == {"nb", "nn"}
    over = [(w.kind, w.where, w.total) for w in weights if w.total > BUDGET]
    assert over == []
    assert all(w.html > 0 and w.css > 0 for w in weights)
    assert all(w.js > 0 for w in weights if w.kind not in ("join", "role"))
