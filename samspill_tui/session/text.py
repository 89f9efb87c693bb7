"""Cleaning text typed by participants before it is stored or shown anywhere, and measuring it.

Text is kept as typed: emoji sequences (zero-width joiner, variation selectors, tag sequences of
subdivision flags) and the Persian zero-width non-joiner survive. Controls, bidi overrides and
isolates and other invisible format characters are removed. Length is counted in UTF-16 code
units, as the phone's browser counts ``maxlength`` and the page's counter does.
"""

from __future__ import annotations

import unicodedata

MAX_ANSWER_CHARS = 1000
# Control, format (incl. bidi overrides), surrogate, private, unassigned, line/para separators.
_DROP = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
# Format characters that are part of what people write: joiners, and the tags of flag sequences.
_KEEP = {"\u200c", "\u200d", *(chr(c) for c in range(0xE0020, 0xE0080))}


def clean_text(raw: str) -> str:
    """NFC-normalise, drop control and bidi characters (joiners kept), keep newlines, trim."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    kept = "".join(ch for ch in text
                   if ch == "\n" or ch in _KEEP or unicodedata.category(ch) not in _DROP)
    return "\n".join(line.rstrip() for line in kept.split("\n")).strip()


def length(text: str) -> int:
    """How long ``text`` is as a browser counts it (UTF-16 code units: most emoji count two)."""
    return len(text.encode("utf-16-le")) // 2
