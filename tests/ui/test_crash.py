"""A crash, if one still happens, shows no case text and leaves a report without content."""

import stat
from pathlib import Path

import pytest
from textual.widgets import DataTable

from bobtui.app import BobApp, StoreChoice
from bobtui.core.store.engine import sqlite_url
from bobtui.screens.home import HomeScreen
from tests.conftest import configured_paths

SECRET = "Moeder vertelde over 111222333 en de kinderen"


async def test_an_unhandled_error_reports_where_not_what(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def broken(self: HomeScreen) -> None:
        note = SECRET  # noqa: F841  (a local Textual would print with its traceback)
        raise RuntimeError(f"kon niet opslaan: {SECRET}")

    monkeypatch.setattr(HomeScreen, "action_new_meeting", broken)
    app = BobApp(StoreChoice(url=sqlite_url(tmp_path / "eigen.sqlite3")))
    with pytest.raises(RuntimeError):  # the test harness re-raises what crashed the app
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(200):
                await pilot.pause(0.05)
                if app.screen.query(DataTable) and getattr(app.screen, "catalog", None):
                    break  # n works once the question sets are in
            await pilot.press("n")
            await pilot.pause(0.3)
    assert app.return_code == 1
    captured = capfd.readouterr()
    shown = " ".join((captured.out + captured.err).split())  # what the terminal got
    assert "onverwacht gestopt (RuntimeError)" in shown
    assert SECRET not in shown and "111222333" not in shown
    reports = list((configured_paths().data_dir / "crashes").iterdir())
    assert len(reports) == 1 and stat.S_IMODE(reports[0].stat().st_mode) == 0o600
    report = reports[0].read_text(encoding="utf-8")
    assert "RuntimeError" in report and "in broken" in report
    assert SECRET not in report and "111222333" not in report
