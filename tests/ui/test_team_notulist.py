"""A notulist invited to a meeting takes notes in the app while the chair's window holds it:
the note line works, nothing else that changes the meeting is offered."""

from datetime import date

import pytest

from bobtui.app import BobApp, StoreChoice
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.team import invite
from bobtui.screens.meeting import MeetingScreen
from bobtui.widgets.note_editor import NoteEditor
from tests.core.team_fixtures import team_store
from tests.ui.test_meeting_screen import until


@pytest.mark.postgres
async def test_a_notulist_takes_notes_while_the_chair_holds_the_meeting(
    postgres_admin_url: str, example_as_user_set: QuestionSet
) -> None:
    with team_store(postgres_admin_url) as team:
        chair = MeetingSession.create(
            team.store("anna"), example_as_user_set, case_code="ZVH-NOTUL", held_on=date.today()
        ).item
        chair.start()
        chair.claim_chair()
        moved = chair.next_question()
        assert moved is not None
        invite(team.store("anna"), chair.meeting_id, team.login("nora"))
        app = BobApp(StoreChoice(url=team.url("nora")))
        async with app.run_test(size=(140, 40)) as pilot:
            await until(
                pilot,
                lambda: (
                    bool(app.screen.query("DataTable"))
                    and app.screen.query_one("DataTable").row_count == 1
                ),
                "nora's meeting list",
            )
            await pilot.press("enter")
            await until(
                pilot,
                lambda: isinstance(app.screen, MeetingScreen) and app.screen.focused is not None,
                "the meeting screen with the note line in focus",
            )
            screen = app.screen
            assert isinstance(screen, MeetingScreen)
            assert not screen.query_one(NoteEditor).read_only
            await pilot.press(*"Moeder belt elke dag", "enter")
            await until(pilot, lambda: len(chair.notes()) == 1, "the note in the store")
            note = chair.notes()[0]
            assert (note.text, note.question_id) == ("Moeder belt elke dag", moved.question.id)
            assert chair.holds_chair() and chair.heartbeat()
            for action in ("next_question", "next_phase", "mark_discussed", "time_out", "park"):
                assert not screen.check_action(action, ()), action
            assert screen.check_action("cycle_kind", ())
        app.workplace.dispose()
