"""A batch export started from the home screen: mark meetings, choose, write."""

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from bobtui.app import BobApp, StoreChoice
from bobtui.screens.batch_export import BatchExportScreen
from bobtui.screens.home import HomeScreen
from tests.core.test_exports import fifty_meetings  # noqa: F401  (fixture)
from tests.ui.test_meeting_screen import until


async def test_batch_export_from_the_home_screen(
    tmp_path: Path,
    fifty_meetings: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    app = BobApp(StoreChoice(url=fifty_meetings))
    async with app.run_test(size=(140, 45)) as pilot:
        await until(
            pilot,
            lambda: app.screen.query("DataTable") and app.screen.query_one(DataTable).row_count,
            "the meeting list",
        )
        await pilot.press("space", "space", "e")  # mark the two newest meetings, export them
        await until(pilot, lambda: isinstance(app.screen, BatchExportScreen), "the export form")
        assert "2 overleggen" in str(app.screen.query_one("#form-title", Static).render())
        await pilot.press("ctrl+s")  # Markdown and Word, profile volledig, into this folder
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "back home")
        names = sorted(p.name for p in tmp_path.glob("verslag-*"))
        assert names == [
            "verslag-ZVH-BATCH-008-2026-02-18-nr49.docx",
            "verslag-ZVH-BATCH-008-2026-02-18-nr49.md",
            "verslag-ZVH-BATCH-009-2026-02-19-nr50.docx",
            "verslag-ZVH-BATCH-009-2026-02-19-nr50.md",
        ]
        assert (tmp_path / "index.md").exists()

        await pilot.press("e")  # the highlighted meeting only: its files exist already
        await until(pilot, lambda: isinstance(app.screen, BatchExportScreen), "the export form")
        assert "1 overleg" in str(app.screen.query_one("#form-title", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert isinstance(app.screen, BatchExportScreen)
        assert "bestaat al" in str(app.screen.query_one("#form-error", Static).render())
        await pilot.press("escape")
