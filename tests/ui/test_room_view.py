"""The room view (``bobtui zaal``) against a store that the chair's session writes to."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from bobtui.app import BobApp, StoreChoice
from bobtui.app.room import RoomApp
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.screens.room import BLACKED_OUT_TEXT, RoomScreen
from bobtui.widgets.room_board import RoomBox
from tests.conftest import new_meeting_store
from tests.ui.test_meeting_screen import open_meeting_screen, planned, until

__all__ = ["planned"]  # a fixture, used by name


@pytest.fixture
def chaired(tmp_path: Path, example_as_user_set: QuestionSet):
    """A running meeting and the chair's session on it (another connection than the room's)."""
    url, store, session = new_meeting_store(
        tmp_path / "zaal.sqlite3", example_as_user_set, "ZVH-ZAAL"
    )
    session.add_participant("Moeder", is_client=True)
    session.claim_chair()
    session.start()
    yield url, session
    store.dispose()


def box_text(app: RoomApp, box: str) -> str:
    return str(app.screen.query_one(f"#{box}", RoomBox).content)


def screen_text(app: RoomApp) -> str:
    """Everything the room view shows: each visible widget's content."""
    return "\n".join(
        str(widget.render()) for widget in app.screen.query("Static") if widget.display
    )


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_the_room_follows_the_chair_without_confidential_notes(
    chaired: tuple[str, MeetingSession], size: tuple[int, int]
) -> None:
    url, chair = chaired
    app = RoomApp(chair.meeting_id, StoreChoice(url=url))
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, RoomScreen)
        await until(pilot, lambda: screen.picture is not None, "the first picture")
        question = chair.position().question.text
        assert question in screen_text(app)
        assert "De cliënt is nog niet gehoord." in screen_text(app)

        chair.record_note(NoteKind.FEIT, "Drie meldingen [bold]sinds[/bold] mei")
        chair.record_note(NoteKind.ZORG, "Geheim: de buurman", confidential=True)
        chair.record_note(NoteKind.KRACHT, "Oma helpt elke woensdag")
        await until(
            pilot, lambda: "Oma helpt" in box_text(app, "kind-kracht"), "the chair's new note"
        )
        assert "Drie meldingen [bold]sinds[/bold] mei" in box_text(app, "kind-feit")
        assert "Geheim" not in screen_text(app)
        assert all(not n.confidential for n in screen.picture.snapshot.notes)

        moved = chair.next_question()
        assert moved is not None
        await until(pilot, lambda: moved.question.text in screen_text(app), "the chair's move")

        chair.record_decision(
            "Gezinscoach inzetten",
            owner_person="Jan",
            owner_organisation="Wijkteam",
            deadline=date.today() + timedelta(days=7),
        )
        await until(pilot, lambda: "Gezinscoach" in box_text(app, "decisions"), "the decision")
        assert "Jan (Wijkteam)" in box_text(app, "decisions")


async def test_blackout_hides_everything_until_the_chair_shows_it_again(
    chaired: tuple[str, MeetingSession],
) -> None:
    url, chair = chaired
    chair.record_note(NoteKind.FEIT, "Drie meldingen sinds mei")
    app = RoomApp(chair.meeting_id, StoreChoice(url=url))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Drie meldingen" in screen_text(app), "the picture")
        chair.black_out_room(True)
        await until(pilot, lambda: BLACKED_OUT_TEXT in screen_text(app), "the black screen")
        assert "Drie meldingen" not in screen_text(app)
        assert chair.position().question.text not in screen_text(app)

        chair.record_note(NoteKind.ZORG, "Tijdens zwart gezegd")
        await pilot.pause(0.6)  # several polls: the black screen stays black
        assert "Tijdens zwart" not in screen_text(app)

        chair.black_out_room(False)
        await until(pilot, lambda: "Tijdens zwart" in screen_text(app), "the picture again")
        assert BLACKED_OUT_TEXT not in screen_text(app)


async def test_room_keys_change_the_view_only(chaired: tuple[str, MeetingSession]) -> None:
    url, chair = chaired
    app = RoomApp(chair.meeting_id, StoreChoice(url=url), large=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.picture is not None, "the first picture")
        assert screen.has_class("-large")
        await pilot.press("g", "c")
        assert not screen.has_class("-large")
        assert app.theme == "bobtui-hoog-contrast"
        await pilot.press("c")
        assert app.theme != "bobtui-hoog-contrast"
        for key in ("enter", "f4", "ctrl+n", "ctrl+f", "a", "1"):
            await pilot.press(key)
        assert chair.position() == chair._recorded_position()


async def test_the_chair_blacks_out_the_room_from_the_meeting_screen(
    planned: tuple[str, int],
) -> None:
    url, meeting_id = planned
    chair_app = BobApp(StoreChoice(url=url))
    async with chair_app.run_test(size=(120, 40)) as chair_pilot:
        screen = await open_meeting_screen(chair_pilot, chair_app)
        room = RoomApp(meeting_id, StoreChoice(url=url))
        async with room.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: room.screen.picture is not None, "the room's picture")
            await chair_pilot.press("f11")
            assert "ZAAL OP ZWART" in screen.sub_title
            await until(pilot, lambda: BLACKED_OUT_TEXT in screen_text(room), "black")
            await chair_pilot.press("ctrl+backslash")
            await until(chair_pilot, lambda: "ZWART" not in screen.sub_title, "the marker gone")
            await until(pilot, lambda: BLACKED_OUT_TEXT not in screen_text(room), "shown again")
            assert not screen.session.room_blacked_out()
