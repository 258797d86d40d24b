"""The room view's read model: what the wall may show, and how it notices a change."""

from datetime import date, timedelta

from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet, default_catalog
from bobtui.core.session import MeetingSession
from bobtui.core.session.room import RoomWatch, room_picture
from bobtui.core.store.changes import MeetingChanges
from bobtui.core.store.engine import Store
from tests.conftest import configured_paths


def running(store: Store, question_set: QuestionSet) -> MeetingSession:
    session = MeetingSession.create(
        store, question_set, case_code="ZVH-ZAAL", held_on=date.today()
    ).item
    session.add_participant("Moeder", is_client=True)
    session.start()
    return session


def test_confidential_notes_never_reach_the_room(
    store: Store, example_as_user_set: QuestionSet
) -> None:
    chair = running(store, example_as_user_set)
    chair.record_note(NoteKind.FEIT, "Openbaar feit")
    chair.record_note(NoteKind.FEIT, "Vertrouwelijk feit", confidential=True)
    chair.record_note(NoteKind.FEIT, "Nog een feit")

    picture = room_picture(chair.snapshot())

    assert picture.snapshot is not None
    assert [n.text for n in picture.snapshot.notes] == ["Openbaar feit", "Nog een feit"]
    assert [n.text for n in picture.notes[NoteKind.FEIT]] == ["Nog een feit", "Openbaar feit"]
    assert picture.notes[NoteKind.ZORG] == ()
    assert "De cliënt is nog niet gehoord." in picture.flags


def test_the_watch_reads_only_after_a_change_and_follows_the_chair(
    store: Store, example_as_user_set: QuestionSet
) -> None:
    chair = running(store, example_as_user_set)
    watch = RoomWatch(store, chair.meeting_id, default_catalog(configured_paths()))
    changes = MeetingChanges(store, chair.meeting_id)

    first = watch.poll()
    assert first is not None and first.snapshot is not None
    assert first.snapshot.position == chair.position()
    assert watch.poll() is None  # nothing changed: no snapshot read

    before = changes.latest()
    moved = chair.next_question()
    assert changes.latest() != before
    after = watch.poll()
    assert after is not None and after.snapshot is not None
    assert after.snapshot.position == moved


def test_blackout_is_stored_and_hides_everything(
    store: Store, example_as_user_set: QuestionSet
) -> None:
    chair = running(store, example_as_user_set)
    watch = RoomWatch(store, chair.meeting_id, default_catalog(configured_paths()))
    chair.record_note(NoteKind.FEIT, "Openbaar feit")

    chair.black_out_room(True)
    assert chair.room_blacked_out()
    black = watch.poll()
    assert black is not None and black.blacked_out
    assert black.snapshot is None and black.notes == {} and black.flags == ()

    chair.black_out_room(False)
    shown = watch.poll()
    assert shown is not None and not shown.blacked_out
    assert not chair.room_blacked_out()


def test_the_watch_knows_when_the_meeting_closed(
    store: Store, example_as_user_set: QuestionSet
) -> None:
    chair = running(store, example_as_user_set)
    watch = RoomWatch(store, chair.meeting_id, default_catalog(configured_paths()))
    assert not watch.closed()
    chair.set_evaluation(evaluation_date=date.today() + timedelta(days=30))
    chair.close()
    assert watch.closed()
