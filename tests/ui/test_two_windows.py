"""A second window on a meeting that is being chaired is told who chairs it, and either looks
on read-only (the note line locked, no key that writes) or takes over after confirming; an edit
made on a version another session has changed since is refused in the form, input kept."""

from datetime import date, datetime, timedelta
from pathlib import Path

from textual.screen import Screen
from textual.widgets import DataTable, Input, Static, TextArea

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.dates import utc_now
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet, default_catalog
from bobtui.core.session import CHAIR_TIMEOUT, MeetingSession, open_meeting
from bobtui.core.session.drafts import load_draft, save_draft
from bobtui.core.store.engine import open_store, sqlite_url
from bobtui.screens.close import CloseScreen
from bobtui.screens.confirm import ConfirmScreen
from bobtui.screens.correct_text import CorrectTextScreen
from bobtui.screens.meeting import MeetingScreen
from tests.conftest import configured_paths
from tests.ui.test_meeting_screen import open_meeting_screen, open_setup, until

WRITE_KEYS = {
    "meeting.score",
    "meeting.judgement",
    "meeting.decision",
    "meeting.park",
    "meeting.close",
    "meeting.notes",
    "meeting.own_question",
    "meeting.time_out",
    "meeting.kind",
    "meeting.speaker",
    "meeting.confidential",
}


def footer_keys(screen: Screen[None]) -> set[str]:
    """The ids of the bindings the footer shows now."""
    return {
        active.binding.id or "" for active in screen.active_bindings.values() if active.binding.show
    }


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
        screen = app.screen
        line = screen.query_one("#note-editor", TextArea)
        await until(pilot, lambda: line.read_only, "the note line locked")
        bar = str(screen.query_one("#note-bar", Static).render())
        assert bar.startswith("Alleen-lezen: bobtui op ") and " zit voor sinds " in bar
        shown = footer_keys(screen)
        assert not shown & WRITE_KEYS, shown & WRITE_KEYS
        assert {"meeting.next", "meeting.jump", "meeting.next_phase", "meeting.leave"} <= shown
        await pilot.press("f4")
        await pilot.pause(0.3)
        assert app.screen is screen  # no decision form
        await pilot.press(*"Mag niet", "enter")
        await pilot.pause(0.3)
        assert line.text == ""  # nothing typed onto a locked line; the chair's draft not taken
        await pilot.press("ctrl+n")  # looking around still works, and stores nothing
        await until(pilot, lambda: screen.session.position().question.id == "vb-eigen-kijk", "")
        assert chair.meeting().current_question_id == "vb-aanleiding"
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
        line = app.screen.query_one("#note-editor", TextArea)
        assert not line.read_only and "meeting.decision" in footer_keys(app.screen)

        chair.take_over_chair()  # ... and takes it back: this window finds out at its next change
        await pilot.press(*"Te laat", "enter")
        await until(pilot, lambda: line.read_only, "the note line locked")
        assert line.text == "Te laat"  # refused, and not lost
        await until(pilot, lambda: not footer_keys(app.screen) & WRITE_KEYS, "no write keys")
        assert len(chair.notes()) == 2
    store.dispose()


async def test_a_correction_on_a_decision_changed_meanwhile_is_refused_and_kept(
    tmp_path: Path, example_as_user_set: QuestionSet
) -> None:
    """The chair's window opened the correction of a decision; another session (to which the
    chair's heartbeat has gone silent, as when its laptop slept) changed the decision since."""
    url = sqlite_url(tmp_path / "versies.sqlite3")
    store = open_store(url)
    meeting_id = MeetingSession.create(
        store, example_as_user_set, case_code="ZVH-VERSIE", held_on=date.today()
    ).item.meeting_id
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        decision = screen.session.record_decision(
            "Huisbezoek, BSN 111222333 nagaan",
            owner_person="R. Jansen",
            owner_organisation="Wijkteam",
            deadline=date.today() + timedelta(days=7),
        ).item
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, CloseScreen), "the closing review")
        await pilot.press("ctrl+b")
        await until(pilot, lambda: isinstance(app.screen, CorrectTextScreen), "the correction")
        form = app.screen

        def later() -> datetime:
            return utc_now() + 2 * CHAIR_TIMEOUT

        other = MeetingSession.open(store, meeting_id, example_as_user_set, later)
        first = other.edit_decision(
            decision.id, expected_version=decision.version, action="Huisbezoek volgende week"
        ).item
        field = form.query_one("#text", Input)
        field.value = "Huisbezoek bij het gezin"
        await pilot.press("enter")
        await until(
            pilot, lambda: "intussen" in str(form.query_one("#form-error").render()), "refusal"
        )
        assert app.screen is form and field.value == "Huisbezoek bij het gezin"
        assert str(form.query_one("#form-error").render()) == (
            "Dit besluit is intussen in een ander venster gewijzigd en hier niet opgeslagen; "
            "sluit dit scherm en open het opnieuw om de nieuwste versie te zien en te wijzigen."
        )
        assert other.decisions() == [first]  # the first edit survives
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CloseScreen), "back in the review")
        review = str(app.screen.query_one("#review", Static).render())
        assert "Nummers die op een BSN lijken" not in review  # the newest version is shown
    store.dispose()


async def test_meeting_details_changed_meanwhile_are_not_overwritten_from_setup(
    tmp_path: Path, example_as_user_set: QuestionSet
) -> None:
    url = sqlite_url(tmp_path / "gegevens.sqlite3")
    store = open_store(url)
    meeting_id = MeetingSession.create(
        store, example_as_user_set, case_code="ZVH-GEGEVENS", held_on=date.today()
    ).item.meeting_id
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        setup = await open_setup(pilot, app)

        def later() -> datetime:
            return utc_now() + 2 * CHAIR_TIMEOUT

        other = MeetingSession.open(store, meeting_id, example_as_user_set, later)
        first = other.update_details(location="Stadhuis", expected_version=1).item
        setup.query_one("#location", Input).value = "Wijkcentrum"
        await pilot.press("ctrl+s")
        message = setup.query_one("#setup-message", Static)
        await until(pilot, lambda: "intussen" in str(message.render()), "the refusal")
        assert str(message.render()).startswith("De gegevens van dit overleg zijn intussen")
        assert setup.query_one("#location", Input).value == "Wijkcentrum"  # kept
        assert other.meeting() == first
    store.dispose()
