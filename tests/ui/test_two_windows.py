"""A second window on a meeting that is being chaired is told who chairs it, and either looks
on read-only (every change refused in one sentence) or takes over after confirming."""

from datetime import date
from pathlib import Path

from textual.widgets import DataTable, TextArea

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet, default_catalog
from bobtui.core.session import MeetingSession, open_meeting
from bobtui.core.session.drafts import load_draft, save_draft
from bobtui.core.store.engine import open_store, sqlite_url
from bobtui.screens.confirm import ConfirmScreen
from bobtui.screens.meeting import MeetingScreen
from tests.conftest import configured_paths
from tests.ui.test_meeting_screen import until


async def open_from_the_list(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await until(
        pilot,
        lambda: app.screen.query(DataTable) and app.screen.query_one(DataTable).row_count == 1,
        "the meeting list",
    )
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question who chairs")


async def test_a_second_window_looks_on_or_takes_over(
    tmp_path: Path, example_as_user_set: QuestionSet
) -> None:
    url = sqlite_url(tmp_path / "samen.sqlite3")
    store = open_store(url)
    meeting_id = MeetingSession.create(
        store, example_as_user_set, case_code="ZVH-SAMEN", held_on=date.today()
    ).item.meeting_id
    chair = open_meeting(store, meeting_id, default_catalog())
    chair.claim_chair()
    chair.start()
    chair.record_note(NoteKind.FEIT, "Uit het venster van de voorzitter")
    save_draft(configured_paths(), url, meeting_id, "Concept van de voorzitter")

    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_from_the_list(pilot, app)
        assert "wordt al voorgezeten" in str(app.screen.query_one("#dialog-points").render())
        await pilot.press("n")  # look on
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        await pilot.pause(0.3)
        await pilot.press(*"Mag niet", "enter")
        await pilot.pause(0.3)
        line = app.screen.query_one("#note-editor", TextArea)
        assert line.text == "Mag niet"  # refused, and not lost; the chair's draft not taken
        assert [n.text for n in chair.notes()] == ["Uit het venster van de voorzitter"]
    assert load_draft(configured_paths(), url, meeting_id) == "Concept van de voorzitter"

    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_from_the_list(pilot, app)
        await pilot.press("j")  # take over
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        await until(pilot, lambda: app.screen.focused is not None, "the note line")
        await pilot.press(*"Nu van mij", "enter")
        await until(pilot, lambda: len(chair.notes()) == 2, "the note saved")
    assert not chair.heartbeat()  # the first window knows it lost the chair
    store.dispose()
