"""The core imports neither Textual nor aiohttp; web and tui never import each other."""

import subprocess
import sys

import pytest

CHECK = """
import sys, importlib
for m in {modules!r}:
    importlib.import_module(m)
bad = sorted(n for n in sys.modules if n.split('.')[0] in {forbidden!r}
             or any(n.startswith(p) for p in {forbidden_prefixes!r}))
print(','.join(bad))
"""


@pytest.mark.parametrize(
    ("modules", "forbidden", "prefixes"),
    [
        (
            [
                "samspill_tui.session.live",
                "samspill_tui.content",
                "samspill_tui.content.guide",
                "samspill_tui.export.markdown",
                "samspill_tui.export.jsonexport",
            ],
            ["textual", "aiohttp"],
            ["samspill_tui.tui", "samspill_tui.web"],
        ),
        (["samspill_tui.web.server"], ["textual"], ["samspill_tui.tui"]),
        (["samspill_tui.tui.app"], ["aiohttp"], ["samspill_tui.web"]),
    ],
)
def test_import_boundaries(modules: list[str], forbidden: list[str], prefixes: list[str]) -> None:
    code = CHECK.format(modules=modules, forbidden=forbidden, forbidden_prefixes=prefixes)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
