"""The open actions between meetings on their own screen, changed with the keyboard only."""

from datetime import timedelta
from pathlib import Path

from textual.widgets import DataTable, Input, Static

from bobtui.app import BobApp, StoreChoice
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.store.actions import action_history, open_actions
from bobtui.core.store.engine import open_store, sqlite_url
from bobtui.screens.action_update import ActionUpdateScreen
from bobtui.screens.actions import ActionsScreen
from bobtui.widgets.list_table import ListTable
from tests.conftest import FakeClock
from tests.core.test_actions import meeting_with_actions
from tests.ui.test_meeting_screen import until


async def test_actions_screen_with_keys_only(
    tmp_path: Path, example_as_user_set: QuestionSet, clock: FakeClock
) -> None:
    url = sqlite_url(tmp_path / "scherm.sqlite3")
    store = open_store(url)
    ids = meeting_with_actions(store, example_as_user_set, clock, "ZVH-SCHERM")
    clock.advance(60 * 24 * 2)
    app = BobApp(StoreChoice(url=url), clock=clock)
    async with app.run_test(size=(140, 45)) as pilot:
        await until(
            pilot,
            lambda: app.screen.query("DataTable") and app.screen.query_one(DataTable).row_count,
            "the meeting list",
        )
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ActionsScreen), "the actions")
        screen = app.screen
        table = screen.query_one(ListTable)
        first = table.texts_at(0)
        assert "te laat" in first[0]
        assert first[1] == "Schoolbeeld opvragen"

        await pilot.press("u", *"+14", "tab", *"School was dicht", "enter")
        await until(pilot, lambda: not isinstance(app.screen, ActionUpdateScreen), "saved")
        assert action_history(store, ids[1])[-1].new_deadline == clock.today + timedelta(14)
        assert table.texts_at(0)[1] == "Huisbezoek"  # no longer overdue: re-sorted

        await pilot.press("v", "enter")  # no reason: the form stays with the rule
        await pilot.pause(0.2)
        assert isinstance(app.screen, ActionUpdateScreen)
        assert "reden" in str(app.screen.query_one("#form-error", Static).render())
        await pilot.press(*"Niet meer nodig", "enter")
        await until(pilot, lambda: isinstance(app.screen, ActionsScreen), "the actions")
        await until(pilot, lambda: table.row_count == 2, "one action fewer")

        await pilot.press("g")
        await until(pilot, lambda: table.row_count == 1, "done")
        assert [a.action for a in open_actions(store, clock.today)] == ["Schoolbeeld opvragen"]
        history = str(screen.query_one("#actions-history").render())
        assert "besluit genomen (in overleg)" in history

        await pilot.press("slash", *"ggz")
        assert screen.query_one("#actions-filter", Input).value == "ggz"
        await pilot.press("escape", "escape")
        await until(pilot, lambda: not isinstance(app.screen, ActionsScreen), "back home")
    store.dispose()
