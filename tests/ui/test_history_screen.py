"""A case's history on its own screen: the meetings, the trend, the decisions, the export."""

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from bobtui.app import BobApp, StoreChoice
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.store.audit import case_audit
from bobtui.core.store.engine import open_store, sqlite_url
from bobtui.screens.case_history import CaseHistoryScreen
from tests.conftest import FakeClock
from tests.core.test_history import three_meetings
from tests.ui.test_meeting_screen import until


async def test_case_history_screen(
    tmp_path: Path,
    example_as_user_set: QuestionSet,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    url = sqlite_url(tmp_path / "scherm.sqlite3")
    store = open_store(url)
    three_meetings(store, example_as_user_set, clock)
    store.dispose()
    app = BobApp(StoreChoice(url=url), clock=clock)
    async with app.run_test(size=(140, 45)) as pilot:
        await until(
            pilot,
            lambda: app.screen.query("DataTable") and app.screen.query_one(DataTable).row_count,
            "the meeting list",
        )
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, CaseHistoryScreen), "the history")
        screen = app.screen
        assert screen.query_one("#history-meetings", DataTable).row_count == 3
        assert "▃·▆" in str(screen.query_one("#history-trend", Static).render())
        decisions = screen.query_one("#history-decisions", DataTable)
        assert "te laat" in str(decisions.get_row_at(2)[4])
        await pilot.press("h")
        await until(pilot, lambda: (tmp_path / "casusgeschiedenis-ZVH-TREND.html").exists(), "HTML")
    store = open_store(url)
    exports = [
        {change.column: change.new for change in record.changes}
        for record in case_audit(store, "ZVH-TREND")
        if record.table == "export"
    ]
    store.dispose()
    assert [(export["wat"], export["formaat"]) for export in exports] == [
        ("casusgeschiedenis", "html")
    ]
