"""An unexpected error never puts a traceback with local variables (secrets) on the projector."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from samspill_tui.content import Library
from samspill_tui.i18n import t
from samspill_tui.tui.run import SessionScreen
from samspill_tui.tui.views import StepView
from tests.tui.helpers import make_app, wait_for


async def test_a_crash_shows_a_short_message_and_logs_details_without_secrets(
        tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    app = make_app(library, tmp_path, ("folkevalgtdag", "krasj"))
    with pytest.raises(Exception, match="boom"):  # Pilot re-raises it for the test
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen))
            s = app.session
            assert s is not None
            phone = await s.join()
            secrets = [s.token, s.code, phone.id, phone.csrf]

            def explode(view: StepView) -> None:
                token = s.token  # a local the old traceback would have printed
                raise RuntimeError(f"boom {phone.id} {token}")

            monkeypatch.setattr(StepView, "refresh_data", explode)
            await pilot.press("right")
            await pilot.pause(1)
    shown = "".join(capsys.readouterr().err.split())  # what the terminal shows after the app
    logs = list(tmp_path.glob("samspill-feil-*.log"))
    assert len(logs) == 1  # one message and one log, however many errors followed
    assert shown == "".join(t("nb", "crash.message", path=logs[0]).split())
    assert not [x for x in secrets if x in shown]
    text = logs[0].read_text()
    assert "RuntimeError: boom [skjult] [skjult]" in text and "explode" in text
    assert not [x for x in secrets if x in text]
    assert stat.S_IMODE(logs[0].stat().st_mode) == 0o600
