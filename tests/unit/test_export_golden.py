"""Golden files: every export format of a fixture session of each shipped programme.

Regenerate after an intended change with ``SAMSPILL_UPDATE_GOLDEN=1 .venv/bin/pytest
tests/unit/test_export_golden.py`` and review the diff of ``tests/golden/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from samspill_tui.content import Library, load_library
from samspill_tui.export.files import FORMATS, render, render_bytes
from samspill_tui.session.summary import load_session
from tests.conftest import REPO_CONTENT
from tests.golden.build import EXPORTED, PROGRAMMES, build, fixed_clock
from tests.golden.readers import xlsx_dump

GOLDEN = Path(__file__).parent.parent / "golden"
UPDATE = os.environ.get("SAMSPILL_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def repo_library() -> Library:
    lib = load_library(REPO_CONTENT)
    lib.require_valid()
    return lib


@pytest.mark.parametrize("programme", PROGRAMMES)
async def test_exports_match_golden_files(programme: str, tmp_path: Path, repo_library: Library) -> None:
    with fixed_clock():
        session = await build(programme, tmp_path, repo_library)
        await session.close()
    summary = load_session(tmp_path, session.name, repo_library).summary(EXPORTED)
    mismatched = []
    # The workbook is compared by its cells (a zip's bytes carry no meaning); the PDF is checked
    # structurally in test_export_pdf.py.
    rendered = {fmt: render(summary, fmt) for fmt in FORMATS}
    rendered["xlsx.txt"] = xlsx_dump(render_bytes(summary, "xlsx"))
    for fmt, text in rendered.items():
        golden = GOLDEN / f"{programme}.{fmt}"
        if UPDATE:
            golden.write_bytes(text.encode())
        elif not golden.exists() or golden.read_bytes().decode() != text:
            (tmp_path / golden.name).write_bytes(text.encode())
            mismatched.append(f"{golden.name} (got: {tmp_path / golden.name})")
    assert not mismatched, f"exports differ from the golden files: {', '.join(mismatched)}"
