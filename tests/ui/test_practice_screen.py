"""A rehearsal in the app: its own store, its roster, a timed event at its minute."""

from textual.widgets import DataTable, Static

from bobtui.app import BobApp, StoreChoice
from bobtui.core.training.cases import PracticeCase
from bobtui.screens.meeting import MeetingScreen
from bobtui.screens.practice_event import PracticeEventScreen
from bobtui.screens.setup import SetupScreen
from tests.conftest import FakeClock
from tests.core.test_practice import example_case  # noqa: F401  (fixture)
from tests.ui.test_meeting_screen import until


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
        clock.advance(14)
        await pilot.pause(1.2)
        assert isinstance(app.screen, MeetingScreen)  # minute 14: nothing yet
        clock.advance(2)
        await until(pilot, lambda: isinstance(app.screen, PracticeEventScreen), "the event")
        assert "huisverbod" in str(app.screen.query_one("#practice-event-text").render())
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "back to the meeting")
        assert list(session.practice_events_shown()) == [0]
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
