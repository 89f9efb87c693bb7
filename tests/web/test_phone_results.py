"""Results on the phones after the reveal: off by default, chosen per step, withheld under k, never
counting the named pair; polls and statements as counts, words as the most common, rankings as the order."""

from __future__ import annotations

import json
import re
from pathlib import Path

from samspill_tui.content import load_library
from samspill_tui.session.live import Session
from samspill_tui.web.server import WebServer
from tests.conftest import REPO_CONTENT, Phone, confirm_pair, go_to_kind, hidden
from tests.web.helpers import named_words_library, phone_results, served
from tests.web.test_words_ranking import _give


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


async def _joined(server: WebServer, roles: list[str]) -> list[Phone]:
    """A phone for each of ``roles``, joined with that role."""
    phones = []
    for role in roles:
        phone = Phone(server)
        _, page = await phone.join()
        status, _ = await phone.post("/role", {"csrf": hidden(page, "csrf"), "role": role})
        assert status == 200
        phones.append(phone)
    return phones


async def test_the_rooms_most_common_words_reach_the_phones_after_the_reveal_and_p(tmp_path: Path) -> None:
    async with served(tmp_path, load_library(REPO_CONTENT)) as (session, server):
        phones = await _joined(server, ["folkevalgt"] * 5)
        try:
            await go_to_kind(session, "words")
            key = session.step.key
            given = [("tillit", "dialog", "alfa"), ("Tillit", "dialog", "bravo"),
                     ("tillit", "respekt", "charlie"), ("tillit", "delta", "echo"),
                     ("foxtrot", "golf", "hotel")]
            for phone, words in zip(phones[:4], given, strict=False):
                assert (await _give(phone, {f"w{n}": w for n, w in enumerate(words, 1)}))[0] == 303
            await session.set_state(key, revealed=True)
            assert await phone_results(phones[0]) == ""  # off by default: the projector only

            _, before = await phones[0].get("/state")
            await session.set_state(key, on_phones=True)
            _, after = await phones[0].get("/state")
            assert json.loads(after)["rev"] == json.loads(before)["rev"] + 1  # the phones follow
            held = await phone_results(phones[0])
            assert "Resultatet vises når minst 5 har svart (4 så langt)." in held
            assert "tillit" not in held and 'class="results"' not in held

            await _give(phones[4], {f"w{n}": w for n, w in enumerate(given[4], 1)})
            shown = await phone_results(phones[1])
            assert "De vanligste ordene, og hvor mange som skrev dem:" in shown
            items = re.findall(r"<li>([^<]*): <strong>(\d+)</strong></li>", shown)
            assert items == [("tillit", "4"), ("dialog", "2"), *((w, "1") for w in (
                "alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"))]  # most given first
            assert "respekt" not in shown  # the eleventh word: the ten most common only
            assert "5 har svart." in shown

            await session.set_state(key, revealed=False)  # hidden on the projector: off the phones too
            assert await phone_results(phones[1]) == ""
        finally:
            for phone in phones:
                await phone.close()


async def test_the_rooms_order_reaches_the_phones_in_nynorsk_with_points_and_agreement(
        tmp_path: Path) -> None:
    async with served(tmp_path, load_library(REPO_CONTENT), lang="nn") as (session, server):
        phones = await _joined(server, ["folkevalgt"] * 5)
        try:
            await go_to_kind(session, "ranking")
            key = session.step.key
            for phone in phones:
                assert (await _give(phone, {"p.saker": "6", "p.dialog": "4"}))[0] == 303
            await session.set_state(key, on_phones=True)
            assert await phone_results(phones[0]) == ""  # chosen, but not revealed yet
            await session.set_state(key, revealed=True)
            shown = await phone_results(phones[0])
            assert "Rekkjefølgja for heile salen, med poenga til saman:" in shown
            items = re.findall(r"<li>([^<]*): <strong>(\d+)</strong></li>", shown)
            assert items[:2] == [("Kortare og tydelegare saksframlegg", "30"),
                                 ("Faste dialogmøte mellom politisk leiing og kommunedirektøren", "20")]
            assert len(items) == 6 and "5 har svart. Einigheit (Kendalls W): 1,00 – sterk" in shown
        finally:
            for phone in phones:
                await phone.close()


async def test_the_named_pairs_words_and_places_never_count_on_the_phones(tmp_path: Path) -> None:
    async with served(tmp_path, named_words_library(tmp_path), programme="samspill") as (session, server):
        pair = await _joined(server, ["ordforer", "kommunedirektor"])
        others = await _joined(server, ["folkevalgt"] * 5)
        await confirm_pair(session)
        try:
            await go_to_kind(session, "words")
            key = session.step.key
            for phone in pair:
                await _give(phone, {"w1": "parord", "w2": "tillit"})
            for phone in others[:4]:
                await _give(phone, {"w1": "tillit"})
            await session.set_state(key, revealed=True, on_phones=True)
            held = await phone_results(others[0])  # six ballots, but four that may count: withheld, and why
            assert "Andre svar vises når minst 5 har svart (4 så langt)." in held and "tillit" not in held
            await _give(others[4], {"w1": "dialog"})
            shown = await phone_results(pair[0])
            items = re.findall(r"<li>([^<]*): <strong>(\d+)</strong></li>", shown)
            assert items == [("tillit", "4"), ("dialog", "1")] and "5 har svart." in shown  # no «parord»

            await go_to_kind(session, "ranking")
            key = session.step.key
            ids = ["roller", "saker", "dialog", "samtale", "delegering", "oppfolging"]
            for n, phone in enumerate([*pair, *others]):
                order = list(reversed(ids)) if n < 2 else ids  # the pair the other way round
                assert (await _give(phone, {f"r.{i}": str(order.index(i) + 1) for i in ids}))[0] == 303
            await session.set_state(key, revealed=True, on_phones=True)
            shown = await phone_results(others[0])
            assert "Rekkefølgen for hele salen, med snittplassen (1 er viktigst):" in shown
            items = re.findall(r"<li>[^<]*: <strong>([\d,]+)</strong></li>", shown)
            assert items == ["1,0", "2,0", "3,0", "4,0", "5,0", "6,0"]  # the five alike, the pair unseen
            assert "5 har svart. Enighet (Kendalls W): 1,00 – sterk" in shown
        finally:
            for phone in pair + others:
                await phone.close()


async def test_words_that_look_like_the_pages_marks_are_shown_as_typed(tmp_path: Path) -> None:
    """A participant's words are never searched for the page's per-phone marks: a word spelled like
    the CSRF mark shows as typed, on the phone that gave it and in everyone's results."""
    async with served(tmp_path, load_library(REPO_CONTENT)) as (session, server):
        phones = await _joined(server, ["folkevalgt"] * 5)
        try:
            await go_to_kind(session, "words")
            key = session.step.key
            odd = {"w1": "samspill-mark-csrf", "w2": "samspill-mark-mine-hidden-0. x"}
            assert (await _give(phones[0], odd))[0] == 303
            for phone in phones[1:]:
                assert (await _give(phone, {"w1": "tillit"}))[0] == 303
            await session.set_state(key, revealed=True, on_phones=True)
            for phone in (phones[0], phones[1]):
                _, page = await phone.get("/")
                csrf = hidden(page, "csrf")
                assert csrf not in page.replace(f'value="{csrf}"', "")  # only in its own field
                assert "samspill&#45;mark&#45;csrf" in page or "samspill&#45;mark-csrf" in page
        finally:
            for phone in phones:
                await phone.close()
