"""The command line in the chosen language form: --lang wherever a user writes it, every message."""

from __future__ import annotations

from pathlib import Path

import pytest

from samspill_tui.cli import _parser, main


@pytest.mark.parametrize("argv", [
    ["--lang", "nn", "run"], ["run", "--lang", "nn"], ["run", "--lang=nn"],
    ["export", "x", "--lang", "nn"], ["sessions", "list", "--lang", "nn"],
    ["content", "check", "--lang", "nn"], ["content", "--lang", "nn", "check"],
])
def test_lang_is_taken_before_or_after_the_command(argv: list[str]) -> None:
    assert _parser().parse_args(argv).lang == "nn"


def test_lang_defaults_to_bokmal() -> None:
    assert _parser().parse_args(["run"]).lang == "nb"


def test_messages_follow_the_lang_given_after_the_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "delete", "finst-ikkje", "--yes", "--data-dir", str(tmp_path),
                 "--lang", "nn"]) == 1
    assert "fann inga økt «finst-ikkje»" in capsys.readouterr().err
    assert main(["sessions", "delete", "finnes-ikke", "--yes", "--data-dir", str(tmp_path)]) == 1
    assert "fant ingen økt «finnes-ikke»" in capsys.readouterr().err


@pytest.mark.parametrize(("lang", "words"), [
    ("nb", ("bruk: samspill run", "feil: --port: ugyldig verdi 'x'")),
    ("nn", ("bruk: samspill run", "feil: --port: ugyldig verdi 'x'")),
])
def test_usage_errors_are_norwegian(lang: str, words: tuple[str, ...],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--lang", lang, "--port", "x"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert all(word in err for word in words) and "usage" not in err and "invalid" not in err


@pytest.mark.parametrize(("lang", "words"), [
    ("nb", ("valg:", "vis denne hjelpen og avslutt", "0 velger en ledig port")),
    ("nn", ("val:", "vis denne hjelpa og avslutt", "0 vel ein ledig port")),
])
def test_help_is_norwegian(lang: str, words: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["run", "--help", "--lang", lang])
    out = capsys.readouterr().out
    assert all(word in out for word in words)
    assert "show this help" not in out and "options:" not in out and "usage:" not in out
