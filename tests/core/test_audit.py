"""The audit trail: every change of meetings, notes, decisions and scores leaves a row that
nobody can change or delete afterwards, on SQLite and on PostgreSQL."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.session import MeetingSession
from bobtui.core.store.audit import audit_csv, case_audit
from bobtui.core.store.engine import Store


def _note_trail(session: MeetingSession) -> None:
    session.start()
    note = session.record_note(NoteKind.FEIT, "Drie meldingen").item
    session.edit_note(note.id, text="=Vier meldingen")
    session.delete_note(note.id)


def test_every_change_of_a_note_is_in_the_trail(store: Store, session: MeetingSession) -> None:
    _note_trail(session)
    notes = [r for r in case_audit(store, "ZVH-TEST-001") if r.table == "note"]
    assert [r.operation for r in notes] == ["insert", "update", "delete"]
    inserted, edited, deleted = notes
    assert {c.column: c.new for c in inserted.changes}["text"] == "Drie meldingen"
    text_change = next(c for c in edited.changes if c.column == "text")
    assert (text_change.old, text_change.new) == ("Drie meldingen", "=Vier meldingen")
    assert {c.column: c.old for c in deleted.changes}["text"] == "=Vier meldingen"
    assert all(r.meeting_id == session.meeting_id for r in notes)
    meetings = [r for r in case_audit(store, "ZVH-TEST-001") if r.table == "meeting"]
    assert meetings[0].operation == "insert"


def test_an_update_records_only_what_changed(store: Store, session: MeetingSession) -> None:
    _note_trail(session)
    edited = [r for r in case_audit(store, "ZVH-TEST-001") if r.operation == "update"]
    note_edit = next(r for r in edited if r.table == "note")
    assert {c.column for c in note_edit.changes} <= {"text", "updated_at"}


def test_another_case_has_its_own_trail(store: Store, session: MeetingSession) -> None:
    _note_trail(session)
    assert case_audit(store, "ZVH-ANDERS") == []


@pytest.mark.parametrize(
    "statement", ["UPDATE auditentry SET actor = 'x'", "DELETE FROM auditentry"]
)
def test_the_trail_cannot_be_changed(store: Store, session: MeetingSession, statement: str) -> None:
    _note_trail(session)
    before = len(case_audit(store, "ZVH-TEST-001"))
    with pytest.raises(DatabaseError, match="alleen worden aangevuld"), store.engine.begin() as c:
        c.execute(text(statement))
    assert len(case_audit(store, "ZVH-TEST-001")) == before


def test_csv_keeps_every_cell_text(store: Store, session: MeetingSession) -> None:
    _note_trail(session)
    lines = audit_csv(case_audit(store, "ZVH-TEST-001")).splitlines()
    assert lines[0].startswith('"tijdstip";"gebruiker";"tabel"')
    assert any(';"\'=Vier meldingen"' in line for line in lines)
    assert not any(';"=Vier' in line for line in lines)
