"""Cleaning text typed by participants before it is stored or shown anywhere, measuring it, and
finding in content files what must never reach a terminal.

Text is kept as typed: emoji sequences (zero-width joiner, variation selectors, tag sequences of
subdivision flags) and the Persian zero-width non-joiner survive. Controls, bidi overrides and
isolates and other invisible format characters are removed. Length is counted in UTF-16 code
units, as the phone's browser counts ``maxlength`` and the page's counter does.
"""

from __future__ import annotations

import unicodedata

MAX_ANSWER_CHARS = 1000
MAX_QUESTION_CHARS = 300  # a question to the room is short
# Control, format (incl. bidi overrides), surrogate, private, unassigned, line/para separators.
_DROP = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
# Format characters that are part of what people write: joiners, and the tags of flag sequences.
_KEEP = {"\u200c", "\u200d", *(chr(c) for c in range(0xE0020, 0xE0080))}


def _dropped(ch: str) -> bool:
    return ch not in _KEEP and unicodedata.category(ch) in _DROP


def clean_text(raw: str) -> str:
    """NFC-normalise, drop control and bidi characters (joiners kept), keep newlines, trim."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    kept = "".join(ch for ch in text if ch == "\n" or not _dropped(ch))
    return "\n".join(line.rstrip() for line in kept.split("\n")).strip()


def unsafe_characters(text: str) -> list[tuple[int, str]]:
    """(1-based line, character) of every control, escape or bidi character that ``clean_text``
    would drop, tabs and line ends aside: what a content file must not pass to a terminal."""
    return [(n, ch) for n, line in enumerate(text.removeprefix("\ufeff").split("\n"), 1)
            for ch in line if ch not in "\t\r" and _dropped(ch)]


def length(text: str) -> int:
    """How long ``text`` is as a browser counts it (UTF-16 code units: most emoji count two)."""
    return len(text.encode("utf-16-le")) // 2
