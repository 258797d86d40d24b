"""A rehearsal in the app: its own store, its roster, an event at its offset into its phase,
and the trainer panel (F11) that delays, starts or skips an event."""

from textual.widgets import DataTable, Static

from bobtui.app import BobApp, StoreChoice
from bobtui.core.training.cases import PracticeCase
from bobtui.screens.meeting import MeetingScreen
from bobtui.screens.practice_event import PracticeEventScreen
from bobtui.screens.practice_trainer import PracticeTrainerScreen
from bobtui.screens.setup import SetupScreen
from bobtui.widgets.list_table import ListTable
from tests.conftest import FakeClock
from tests.core.test_practice import example_case  # noqa: F401  (fixture)
from tests.ui.test_meeting_screen import until


def _event_shown(app: BobApp) -> bool:
    """The practice event's screen is up and composed (pushed is not yet drawn)."""
    return isinstance(app.screen, PracticeEventScreen) and bool(
        app.screen.query("#practice-event-text")
    )


async def test_rehearsal_in_the_app_with_a_timed_event(
    example_case: PracticeCase,  # noqa: F811
    clock: FakeClock,
) -> None:
    app = BobApp(StoreChoice(rehearsals=True, rehearse=example_case.id), clock=clock)
    async with app.run_test(size=(140, 45)) as pilot:
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, SetupScreen)
                and app.screen.query("#participants")
                and app.screen.query_one("#participants", DataTable).row_count == 2
            ),
            "setup of the rehearsal, its roster from the role cards",
        )
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        screen = app.screen
        assert "OEFENING" in str(screen.query_one("#practice-banner", Static).render())
        session = screen.session
        clock.advance(4)
        await pilot.pause(1.2)
        assert isinstance(app.screen, MeetingScreen)  # minute 4 of beeldvorming: nothing yet
        clock.advance(2)
        await until(pilot, lambda: _event_shown(app), "the event")
        assert "huisverbod" in str(app.screen.query_one("#practice-event-text").render())
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "back to the meeting")
        assert list(session.practice_events_shown()) == [0]

        async def trainer_panel_on(row: int) -> PracticeTrainerScreen:
            await pilot.press("f11")
            await until(pilot, lambda: isinstance(app.screen, PracticeTrainerScreen), "panel")
            panel = app.screen
            assert isinstance(panel, PracticeTrainerScreen)
            panel.query_one(ListTable).move_cursor(row=row)
            await pilot.pause()
            return panel

        panel = await trainer_panel_on(1)
        statuses = [panel.query_one(ListTable).texts_at(i)[3] for i in range(2)]
        assert statuses == ["getoond", "wacht"]
        await pilot.press("u")  # delay the second event
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "delayed")
        panel = await trainer_panel_on(1)
        assert panel.query_one(ListTable).texts_at(1)[3] == "wacht (1× uitgesteld)"
        await pilot.press("s")  # start it now
        await until(pilot, lambda: _event_shown(app), "started")
        assert "wat dat besluit" in str(app.screen.query_one("#practice-event-text").render())
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "back again")
        panel = await trainer_panel_on(1)
        await pilot.press("o")  # shown already: nothing to skip
        await pilot.pause()
        assert app.screen is panel
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "panel closed")
        assert [(action.value, index) for action, index, _ in session.practice_event_log()] == [
            ("practice.event_shown", 0),
            ("practice.event_delayed", 1),
            ("practice.event_triggered", 1),
        ]
        await pilot.press("escape")
    reopened = BobApp(StoreChoice(rehearsals=True), clock=clock)
    async with reopened.run_test(size=(140, 45)) as pilot:
        await until(
            pilot,
            lambda: (
                reopened.screen.query("DataTable")
                and reopened.screen.query_one(DataTable).row_count == 1
            ),
            "the rehearsal in its own list",
        )
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(reopened.screen, MeetingScreen), "resumed")
        await pilot.pause(1.2)
        assert isinstance(reopened.screen, MeetingScreen)  # the event is not shown twice
