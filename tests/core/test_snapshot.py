"""A meeting snapshot is one consistent reading: a write by another client half-way through
taking it is not half in it, on SQLite and on PostgreSQL."""

import pytest

from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.session import MeetingSession
from tests.conftest import FakeClock


def test_snapshot_matches_the_separate_reads(session: MeetingSession) -> None:
    session.add_participant("Sanne", organisation="Veilig Thuis")
    session.start()
    session.record_note(NoteKind.FEIT, "Twee meldingen in een jaar")
    snapshot = session.snapshot()
    assert snapshot.meeting == session.meeting()
    assert snapshot.position == session.position()
    assert list(snapshot.participants) == session.participants()
    assert list(snapshot.notes) == session.notes()
    assert snapshot.coverage == session.coverage()
    assert snapshot.time_spent == session.time_spent()
    assert list(snapshot.decisions) == session.decisions()
    assert snapshot.notes_on(snapshot.position.question.id) == list(snapshot.notes)  # type: ignore[union-attr]


def test_a_write_during_the_snapshot_is_not_half_in_it(
    session: MeetingSession, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    session.start()
    session.record_note(NoteKind.FEIT, "Eerste notitie")
    other_window = MeetingSession.open(
        session.store, session.meeting_id, session.shipped_question_set, clock
    )
    read_participants = MeetingSession.participants

    def participants_then_another_client_writes(self: MeetingSession) -> object:
        found = read_participants(self)
        if self is session:
            other_window.record_note(NoteKind.ZORG, "Notitie uit het andere venster")
        return found

    monkeypatch.setattr(MeetingSession, "participants", participants_then_another_client_writes)
    snapshot = session.snapshot()
    assert [n.text for n in snapshot.notes] == ["Eerste notitie"]
    monkeypatch.undo()
    assert [n.text for n in session.snapshot().notes] == [
        "Eerste notitie",
        "Notitie uit het andere venster",
    ]
