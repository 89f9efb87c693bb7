"""The core imports no face; the faces never import each other: proved at run time (what a
process really loads) and statically (the import contracts in pyproject.toml, `lint-imports`)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent.parent
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
                "samspill_tui.session.reading",
                "samspill_tui.session.summary",
                "samspill_tui.session.series",
                "samspill_tui.session.archive",
                "samspill_tui.content",
                "samspill_tui.content.guide",
            ],
            ["textual", "aiohttp"],
            ["samspill_tui.tui", "samspill_tui.web", "samspill_tui.export"],
        ),
        (["samspill_tui.export.files"], ["textual", "aiohttp"], ["samspill_tui.tui", "samspill_tui.web"]),
        (["samspill_tui.web.server", "samspill_tui.web.routes"], ["textual"], ["samspill_tui.tui"]),
        (["samspill_tui.tui.app"], ["aiohttp"], ["samspill_tui.web"]),
        (["samspill_tui.console.app", "samspill_tui.console.server"], ["aiohttp"],
         ["samspill_tui.tui", "samspill_tui.web"]),
    ],
)
def test_import_boundaries(modules: list[str], forbidden: list[str], prefixes: list[str]) -> None:
    code = CHECK.format(modules=modules, forbidden=forbidden, forbidden_prefixes=prefixes)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    lint = Path(sys.executable).parent / "lint-imports"
    return subprocess.run([str(lint), "--no-cache"], cwd=root, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)}, timeout=120)


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("session/reading.py", "import samspill_tui.export.markdown", "The core (session, content)"),
        ("session/policy.py", "import textual", "The core (session, content)"),
        ("web/routes.py", "import samspill_tui.tui.views", "The faces never import each other"),
        ("export/csvexport.py", "import aiohttp", "export/ only renders"),
        ("tui/views.py", "import samspill_tui.tui.run", "No import cycles"),
        ("console/server.py", "import samspill_tui.web.net", "The console is a face of its own"),
        ("session/reading.py", "import samspill_tui.console.protocol", "The core (session, content)"),
    ],
)
def test_import_contracts_hold_and_catch_a_breach(tmp_path: Path, module: str, line: str,
                                                  contract: str) -> None:
    shutil.copytree(ROOT / "samspill_tui", tmp_path / "samspill_tui",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    kept = _lint_imports(tmp_path)
    assert kept.returncode == 0, kept.stdout
    target = tmp_path / "samspill_tui" / module
    target.write_text(target.read_text() + f"\n{line}  # noqa\n")
    broken = _lint_imports(tmp_path)
    assert broken.returncode == 1
    assert f"{contract}" in broken.stdout.split("Broken contracts", 1)[1]
