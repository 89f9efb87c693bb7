"""Cleaning participant text."""

from samspill_tui.session.text import clean_text


def test_controls_bidi_and_escape_sequences_are_removed() -> None:
    raw = "Hei\x1b[2J\u202edu\u2066\x00 \r\nlinje 2\t "
    assert clean_text(raw) == "Hei[2Jdu\nlinje 2"


def test_nfc_normalisation() -> None:
    assert clean_text("A\u030a") == "\u00c5"
