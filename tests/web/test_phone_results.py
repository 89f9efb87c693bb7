"""Results on the phones after the reveal: off by default, chosen per step, withheld under k."""

from __future__ import annotations

import json

from samspill_tui.session.live import Session
from samspill_tui.web.server import WebServer
from tests.conftest import Phone, go_to_kind


async def test_revealed_results_reach_the_phones_only_when_chosen_and_never_under_k(
    server: WebServer, session: Session
) -> None:
    phones = [Phone(server) for _ in range(5)]
    try:
        for phone in phones:
            await phone.join()
        await go_to_kind(session, "statement")
        key = session.step.key
        for phone in phones[:2]:
            await phone.vote("5")
        await session.set_state(key, revealed=True)
        _, page = await phones[0].get("/")
        assert "<h2>Resultat</h2>" not in page  # off by default: the projector only

        _, before = await phones[0].get("/state")
        await session.set_state(key, on_phones=True)
        _, after = await phones[0].get("/state")
        assert json.loads(after)["rev"] == json.loads(before)["rev"] + 1  # the phones follow
        _, page = await phones[0].get("/")
        assert "<h2>Resultat</h2>" in page
        assert "Resultatet vises når minst 5 har svart (2 så langt)." in page
        assert 'class="results"' not in page and "Helt enig: <strong>" not in page

        for phone in phones[2:]:
            await phone.vote("2")
        _, page = await phones[1].get("/")
        assert "Helt enig: <strong>2</strong> (40 %)" in page and "5 har svart." in page
        assert "Delvis uenig: <strong>3</strong> (60 %)" in page

        await session.set_state(key, revealed=False)  # hidden again on the projector: off the phones
        _, page = await phones[1].get("/")
        assert "<h2>Resultat</h2>" not in page
        await session.reset_step(key)
        assert session.state(key).on_phones  # the choice stays with the step
    finally:
        for phone in phones:
            await phone.close()
