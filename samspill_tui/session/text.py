"""Cleaning text typed by participants before it is stored or shown anywhere."""

from __future__ import annotations

import unicodedata

MAX_ANSWER_CHARS = 1000
# Control, format (incl. bidi overrides), surrogate, private, unassigned, line/para separators.
_DROP = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def clean_text(raw: str) -> str:
    """NFC-normalise, drop control and bidi-override characters, keep newlines, trim."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    kept = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in _DROP)
    return "\n".join(line.rstrip() for line in kept.split("\n")).strip()
