"""Finalizing, correcting and reopening the record from the summary screen (issue 17)."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Markdown, Select

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import open_store, sqlite_url
from bobtui.core.store.meetings import select_meetings
from bobtui.screens.amendment import AmendmentScreen
from bobtui.screens.confirm import ConfirmScreen
from bobtui.screens.reopen import ReopenScreen
from bobtui.screens.summary import SummaryScreen
from tests.ui.test_app import wait_for_rows
from tests.ui.test_meeting_screen import until


@pytest.fixture
def closed(tmp_path: Path, example_as_user_set: QuestionSet) -> tuple[str, int, int]:
    """A closed meeting with one note: the store's URL, the meeting and the note."""
    url = sqlite_url(tmp_path / "record.sqlite3")
    store = open_store(url)
    session = MeetingSession.create(
        store, example_as_user_set, case_code="ZVH-REC", held_on=date.today()
    ).item
    session.start()
    note = session.record_note(NoteKind.FEIT, "Eerste versie").item
    session.set_evaluation(evaluation_date=date.today() + timedelta(days=30))
    session.close()
    store.dispose()
    return url, session.meeting_id, note.id


def _markdown(app: BobApp) -> str:
    return app.screen.query_one(Markdown).source


async def test_finalize_amend_and_reopen_from_the_summary(
    closed: tuple[str, int, int], example_as_user_set: QuestionSet
) -> None:
    url, meeting_id, note_id = closed
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        table = await wait_for_rows(pilot, 1)
        assert table.texts_at(0)[5] == "gesloten (concept)"
        await pilot.press("s")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, SummaryScreen) and app.screen.check_action("finalize", ())
            ),
            "the finalize key",
        )
        assert "CONCEPT" in _markdown(app)
        assert app.screen.check_action("amend", ()) is False
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirmation")
        await pilot.press("j")
        await until(pilot, lambda: "vastgesteld" in _markdown(app), "the finalized summary")
        assert "CONCEPT" not in _markdown(app)
        store = open_store(url)
        assert select_meetings(store)[0].state == "vastgesteld"

        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, AmendmentScreen), "the amendment form")
        form = app.screen
        form.query_one("#what", Select).value = ("notitie", "tekst")
        form.query_one("#record", Input).value = str(note_id)
        form.query_one("#value", Input).value = "Tweede versie"
        await pilot.press("ctrl+s")  # no reason: the form stays open and says why
        await pilot.pause(0.2)
        assert app.screen is form
        form.query_one("#reason", Input).value = "Wijkteam corrigeert"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Tweede versie" in _markdown(app), "the corrected summary")
        assert "Wijzigingen na vaststelling" in _markdown(app)
        session = MeetingSession.open(store, meeting_id, example_as_user_set)
        assert [n.text for n in session.notes()] == ["Tweede versie"]
        (amendment,) = session.amendments()
        assert (amendment.old, amendment.new, amendment.reason) == (
            "Eerste versie",
            "Tweede versie",
            "Wijkteam corrigeert",
        )

        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, ReopenScreen), "the reopen form")
        app.screen.query_one("#reason", Input).value = "Partner mist een besluit"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "CONCEPT" in _markdown(app), "the concept again")
        assert session.meeting().state == "gesloten (concept)"
        assert session.amendments()[-1].reason == "Partner mist een besluit"
        await pilot.press("escape")
        table = await wait_for_rows(pilot, 1)
        await until(pilot, lambda: table.texts_at(0)[5] == "gesloten (concept)", "the list state")
        store.dispose()
