"""Content for the referat: an agenda item's ``referat`` part and ``input`` link are validated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samspill_tui.content import load_library
from samspill_tui.session import referat
from samspill_tui.session.steps import build_steps
from tests.conftest import FIXTURE_CONTENT

INPUT = """---
id: innspill
title: Innspill
---

## Spørsmål

- Om punkt én?
- Om punkt to?
"""

ITEM = """---
id: {id}
title: Punkt
referat: {part}
input: {link}
---

## Spørsmål

- Hva mener vi?
"""

PROGRAMME = """---
id: samtale
title: Samtale
roles: nei
---

Test.

## Steg

{steps}
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    return root


Items = dict[str, tuple[str, str]]  # id -> (referat part, input link)


def _write(root: Path, items: Items, steps: str, nn: Items | None = None) -> None:
    for lang in ("nb", "nn"):
        folder = root / lang / "reflection"
        folder.mkdir(exist_ok=True)
        (folder / "innspill.md").write_text(INPUT)
        for ident, (part, link) in (nn if lang == "nn" and nn else items).items():
            (folder / f"{ident}.md").write_text(ITEM.format(id=ident, part=part, link=link))
        (root / lang / "programmes" / "samtale.md").write_text(PROGRAMME.format(steps=steps))


def _problems(root: Path) -> list[tuple[str, int, str]]:
    return [(str(p.path.relative_to(root)), p.line, p.message()) for p in load_library(root).problems]


def test_valid_links_load_and_reach_the_steps(root: Path) -> None:
    _write(root, {"punkt-1": ("resultater", "innspill 1"), "punkt-2": ("nei", "innspill 2")},
           "1. reflection innspill\n2. reflection punkt-1\n3. reflection punkt-2")
    lib = load_library(root)
    assert lib.problems == []
    item = lib.lang("nb").reflections["punkt-2"]
    assert (item.referat, item.input) == ("nei", ("innspill", 2))
    steps = build_steps(lib.lang("nb").programmes["samtale"], lib.lang("nb"), "nb")
    assert [referat.part(s) for s in steps] == ["", "", "resultater", "nei", ""]


@pytest.mark.parametrize(
    ("items", "steps", "where", "message"),
    [
        ({"punkt-1": ("kanskje", "innspill 1")}, "1. reflection innspill", ("punkt-1", 4),
         "«referat:» må være resultater, forventninger, samhandling, utvikling eller nei, ikke «kanskje»"),
        ({"punkt-1": ("nei", "innspill en")}, "1. reflection innspill", ("punkt-1", 5),
         "«input:» skrives «<id for refleksjonssettet> <spørsmålsnummer>», ikke «innspill en»"),
        ({"punkt-1": ("nei", "ukjent 1")}, "1. reflection innspill", ("punkt-1", 5),
         "«input:» viser ikke til et annet refleksjonssett: «ukjent»"),
        ({"punkt-1": ("nei", "innspill 3")}, "1. reflection innspill", ("punkt-1", 5),
         "«innspill» har 2 spørsmål, ikke 3"),
        ({"punkt-1": ("nei", "innspill 1"), "punkt-2": ("nei", "innspill 1")}, "1. reflection innspill",
         ("punkt-2", 5), "spørsmål 1 i «innspill» er også input til «punkt-1»"),
        ({"punkt-1": ("nei", "innspill 1"), "punkt-2": ("nei", "punkt-1 1")}, "1. reflection innspill",
         ("punkt-2", 5), "«punkt-1» i «input:» er selv et dagsordenpunkt"),
    ],
)
def test_bad_links_are_reported_with_file_and_line(root: Path, items: Items, steps: str,
                                                   where: tuple[str, int], message: str) -> None:
    _write(root, items, steps)
    found = _problems(root)
    path = f"nb/reflection/{where[0]}.md"
    assert any(f == path and n == where[1] and message in m for f, n, m in found), found


def test_agenda_item_needs_its_input_step_in_the_programme(root: Path) -> None:
    _write(root, {"punkt-1": ("resultater", "innspill 1")}, "1. reflection punkt-1\n2. summary")
    message = "«punkt-1» viser svarene fra «innspill»: legg «reflection innspill» til i programmet"
    assert ("nb/programmes/samtale.md", 11, message) in _problems(root)


def test_both_language_forms_must_link_alike(root: Path) -> None:
    _write(root, {"punkt-1": ("resultater", "innspill 1")}, "1. reflection innspill\n2. reflection punkt-1",
           nn={"punkt-1": ("nei", "innspill 1")})
    message = "«referat:» eller «input:» i «punkt-1» er ikke som på bokmål"
    assert ("nn/reflection/punkt-1.md", 2, message) in _problems(root)
