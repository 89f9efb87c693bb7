"""Where the app finds its content and keeps its sessions, from a checkout and when installed.

- Content: ``SAMSPILL_CONTENT`` if set; in a checkout the top-level ``content/`` (the source); in
  an installed app the copy the wheel carries (``samspill_tui/content_data``, mapped from
  ``content/`` by ``pyproject.toml``).
- Sessions: in a checkout ``sessions/`` beside the code (git-ignored); in an installed app the
  platform's folder for user data (platformdirs: ``~/.local/share/samspill/sessions`` on Linux,
  ``~/Library/Application Support/samspill/sessions`` on macOS, ``%LOCALAPPDATA%\\samspill\\sessions``
  on Windows). ``--data-dir`` overrides both.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent
APP_NAME = "samspill"


def from_checkout() -> bool:
    """Whether the app runs from a source checkout (an editable install included)."""
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "content").is_dir()


def default_content() -> Path:
    """The content folder holding nb/ and nn/."""
    if env := os.environ.get("SAMSPILL_CONTENT"):
        return Path(env)
    return CHECKOUT / "content" if from_checkout() else PACKAGE / "content_data"


def default_data_dir() -> Path:
    """The folder that keeps the sessions when no ``--data-dir`` is given."""
    if from_checkout():
        return CHECKOUT / "sessions"
    from platformdirs import user_data_path  # only an installed app needs it

    return user_data_path(APP_NAME, appauthor=False) / "sessions"
