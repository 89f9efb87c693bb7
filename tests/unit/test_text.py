"""Cleaning participant text."""

from samspill_tui.text import clean_text, length


def test_controls_bidi_and_escape_sequences_are_removed() -> None:
    raw = "Hei\x1b[2J\u202edu\u2066\x00 \r\nlinje 2\t "
    assert clean_text(raw) == "Hei[2Jdu\nlinje 2"


def test_nfc_normalisation() -> None:
    assert clean_text("A\u030a") == "\u00c5"


def test_text_is_kept_as_typed() -> None:
    family, norway = "👨\u200d👩\u200d👧", "🇳🇴"
    scotland = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    persian = "می\u200cخواهم"  # the zero-width non-joiner is spelling in Persian
    heart = "❤\ufe0f"
    for text in (family, norway, scotland, persian, heart):
        assert clean_text(f"Hei {text}") == f"Hei {text}"


def test_bidi_and_invisible_controls_are_still_removed() -> None:
    raw = "a\u202eb\u2066c\u2069d\u200ee\u200bf\u2060g\ufeffh\u061ci"
    assert clean_text(raw) == "abcdefghi"


def test_length_counts_as_the_browser_does() -> None:
    assert length("abc") == 3 and length("å") == 1 and length("字") == 1
    assert length("😀") == 2 and length("👨\u200d👩\u200d👧") == 8
