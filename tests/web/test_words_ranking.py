"""Words and ranking steps through the real server: forms in, one cleaned ballot per phone stored,
the room's words and order read back through the disclosure policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from samspill_tui.content import Library, load_library
from samspill_tui.session.reading import Cloud, Held, Standing
from samspill_tui.session.store import SessionStore, session_path
from samspill_tui.web.server import WebServer
from tests.conftest import REPO_CONTENT, Phone, go_to_kind, hidden
from tests.web.helpers import served


@pytest.fixture(scope="module")
def shipped() -> Library:
    lib = load_library(REPO_CONTENT)
    lib.require_valid()
    return lib


async def _give(phone: Phone, fields: dict[str, str], submission: str = "") -> tuple[int, str]:
    _, page = await phone.get("/")
    form = {"step": hidden(page, "step"), "csrf": hidden(page, "csrf"),
            "submission": submission or hidden(page, "submission"), **fields}
    return await phone.post("/vote", form, allow_redirects=False)


async def _joined(server: WebServer, n: int) -> list[Phone]:
    """``n`` phones joined; in a programme with groups each says it is a folkevalgt, as asked."""
    phones = [Phone(server) for _ in range(n)]
    for phone in phones:
        _, page = await phone.join()
        if 'name="role"' in page:
            assert (await phone.post("/role", {"csrf": hidden(page, "csrf"), "role": "folkevalgt"}))[0] == 200
    return phones


async def test_words_are_cleaned_counted_once_per_phone_and_shown_from_k(tmp_path: Path,
                                                                         shipped: Library) -> None:
    async with served(tmp_path, shipped) as (session, server):
        phones = await _joined(server, 5)
        try:
            await go_to_kind(session, "words")
            step = session.step
            status, page = await phones[0].get("/")
            assert status == 200 and 'name="w1"' in page and 'name="w3"' in page
            assert "Beskriv samspillet" in page and "Skriv ett til tre korte ord" in page

            status, _ = await _give(phones[0], {"w1": "  Tillit!! ", "w2": "og", "w3": "TILLIT"})
            assert status == 303
            assert session.votes[step.key][next(iter(session.participants))] == "tillit"
            status, page = await _give(phones[1], {"w1": "er", "w2": " ", "w3": "og"})
            assert status == 400 and "Skriv minst ett ord" in page  # only stop words: nothing stored
            status, page = await _give(phones[1], {"w1": "x" * 31})
            assert status == 400 and "høyst 30 tegn" in page
            assert len(session.votes[step.key]) == 1

            # «å» typed as a + combining ring is the same word as «å» (NFC); case and spaces differ
            await _give(phones[1], {"w1": "A\u030apenhet", "w2": "God   dialog", "w3": "\u202eTillit"})
            await _give(phones[2], {"w1": "åpenhet", "w2": "god dialog"})
            await _give(phones[3], {"w1": "Tillit", "w2": "<b>fet</b>"})
            assert isinstance(session.reading.cloud(step), Held)  # four phones: under k
            status, _ = await _give(phones[4], {"w1": "dialog"}, submission="same")
            await _give(phones[4], {"w1": "ignored: a retry of the same submission"}, submission="same")
            cloud = session.reading.cloud(step)
            assert isinstance(cloud, Cloud) and cloud.total == 5
            assert cloud.words == (("tillit", 3), ("god dialog", 2), ("åpenhet", 2),
                                   ("b>fet</b", 1), ("dialog", 1))  # end punctuation stripped

            await _give(phones[4], {"w1": "respekt"})  # a phone changes its words: replaced, not added
            assert dict(session.reading.cloud(step).words)["respekt"] == 1  # type: ignore[union-attr]
            assert "dialog" not in dict(session.reading.cloud(step).words)  # type: ignore[union-attr]
            _, page = await phones[4].get("/")
            assert 'value="respekt"' in page  # the phone sees its own words again

            _, page = await phones[0].get("/")
            form = {"step": step.key, "csrf": hidden(page, "csrf"), "w1": "sent"}
            await session.set_state(step.key, locked=True)
            status, page = await phones[0].post("/vote", form, allow_redirects=False)
            assert status == 400 and "tillit" in session.votes[step.key].values()
        finally:
            for phone in phones:
                await phone.close()
    store = SessionStore(session_path(tmp_path, "test"))
    tables = await store.load()
    await store.close()
    assert sorted(d["value"] for d in tables["votes"]) == sorted(  # durable, one ballot per phone
        ["tillit", "åpenhet\ngod dialog\ntillit", "åpenhet\ngod dialog", "tillit\nb>fet</b", "respekt"])


async def test_a_ranking_in_order_needs_every_place_once_and_gives_the_rooms_order(
        tmp_path: Path, shipped: Library) -> None:
    async with served(tmp_path, shipped, programme="formannskap") as (session, server):
        phones = await _joined(server, 5)
        try:
            await go_to_kind(session, "ranking")
            step = session.step
            ids = ["roller", "saker", "dialog", "samtale", "delegering", "oppfolging"]
            _, page = await phones[0].get("/")
            assert page.count("<select") == 6 and 'name="r.roller"' in page and "1 er viktigst" in page

            status, page = await _give(phones[0], {f"r.{i}": "1" for i in ids})
            assert status == 400 and "sin egen plass" in page
            status, page = await _give(phones[0], {f"r.{i}": str(n) for n, i in enumerate(ids[:-1], 1)})
            assert status == 400 and step.key not in session.votes
            for n, phone in enumerate(phones):
                order = ids if n < 4 else list(reversed(ids))
                status, _ = await _give(phone, {f"r.{i}": str(order.index(i) + 1) for i in ids})
                assert status == 303
            assert session.votes[step.key][next(iter(session.participants))] == ",".join(ids)
            _, page = await phones[0].get("/")
            assert '<option value="1" selected>' in page  # its own order comes back

            standing = session.reading.standing(step)
            assert isinstance(standing, Standing) and standing.total == 5
            assert [p.choice.value for p in standing.places] == ids
            assert standing.places[0].mean_rank == pytest.approx((4 * 1 + 6) / 5)
            assert standing.agreement == pytest.approx(0.36)  # W = 12 · 157.5 / (25 · 210), worked by hand
        finally:
            for phone in phones:
                await phone.close()


async def test_points_must_add_up_and_order_the_alternatives_by_points(tmp_path: Path,
                                                                       shipped: Library) -> None:
    async with served(tmp_path, shipped, lang="nn") as (session, server):
        phones = await _joined(server, 5)
        try:
            await go_to_kind(session, "ranking")
            step = session.step
            _, page = await phones[0].get("/")
            assert 'type="number"' in page and "Fordel 10 poeng" in page
            status, page = await _give(phones[0], {"p.saker": "9"})
            assert status == 400 and "Poenga må til saman" in page
            status, _ = await _give(phones[0], {"p.saker": "-1", "p.dialog": "11"})
            assert status == 400
            for phone in phones:
                assert (await _give(phone, {"p.saker": "6", "p.dialog": "4"}))[0] == 303
            standing = session.reading.standing(step)
            assert isinstance(standing, Standing)
            top = [(p.choice.value, p.points) for p in standing.places[:2]]
            assert top == [("saker", 30), ("dialog", 20)]
            assert standing.agreement == pytest.approx(1.0)  # everyone spread alike
        finally:
            for phone in phones:
                await phone.close()
