"""Moving a procesregisseur's SQLite store into the team store (``bobtui team importeer``).

Every meeting of the file comes along with every row that belongs to it (participants, notes,
scores, judgements, decisions and their history, parked ideas, own questions, coverage, phase
times, time-outs, the event log), under new ids, in one transaction: all of it or nothing. It
is written as the importing user, so the database's rules apply as to anything they plan: a
case that is new to the store puts them in its team, a case of someone else's team is refused.
The triggers write the audit trail as usual.

Each meeting gets an import key (its id and creation time in the file, hashed), kept in the
audit trail (``table_name`` ``import``), which no one can change or delete: a second run finds
it and imports that meeting not again. A trial run (``proef``) does all of it and rolls back,
so its counts, and any refusal, are exactly those of the real run.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.exc import SQLAlchemyError

from bobtui.core.domain.errors import SaveFailed, StoreError
from bobtui.core.store.engine import Store, access_denied, is_refusal, store_trouble
from bobtui.core.store.tables import Meeting

IMPORT_TABLE = "import"
"""``auditentry.table_name`` of the row that records one imported meeting."""

_COPIED = (
    "participant",
    "decision",
    "note",
    "safetyscore",
    "judgement",
    "parkedidea",
    "ownquestion",
    "questioncoverage",
    "phaseinterval",
    "timeout",
)
"""Tables copied by ``meeting_id``, in an order that puts every referenced row first. The
chair (``meetingchair``) is a live window's, not the meeting's, and stays behind."""

_REFERENCES = {
    "meeting_id": "meeting",
    "participant_id": "participant",
    "owner_participant_id": "participant",
    "decision_id": "decision",
}
"""Columns pointing at a copied row, and the table of that row."""


@dataclass
class ImportReport:
    """What a run imported (or, in a trial run, would import), per case code."""

    meetings: Counter[str] = field(default_factory=Counter)
    notes: Counter[str] = field(default_factory=Counter)
    already: Counter[str] = field(default_factory=Counter)
    """Meetings imported by an earlier run, left alone."""

    @property
    def total(self) -> int:
        return sum(self.meetings.values())


def import_key(meeting: Any) -> str:
    """The stable key of a meeting of a SQLite file: the same in every copy of that file."""
    created = meeting.created_at.isoformat()
    digest = hashlib.sha256(f"{meeting.id}|{created}|{meeting.case_code}".encode()).hexdigest()
    return f"sqlite-{digest[:40]}"


def _table(name: str) -> Table:
    return Meeting.metadata.tables[name]


class _Copier:
    """Copies meetings from ``source`` into ``target`` (one open transaction), keeping the new
    id of every copied row to point the rows that refer to it at the copy."""

    def __init__(self, source: Connection, target: Connection) -> None:
        self.source = source
        self.target = target
        self.new_ids: dict[str, dict[int, int]] = {}

    def _remapped(self, table: Table, row: Any) -> dict[str, Any]:
        values = dict(row._mapping)
        values.pop("id", None)
        for column, referred in _REFERENCES.items():
            if column in values and values[column] is not None:
                values[column] = self.new_ids.get(referred, {}).get(values[column])
        return values

    def copy(self, table: Table, rows: Sequence[Any]) -> None:
        if not rows:
            return
        values = [self._remapped(table, row) for row in rows]
        if "id" not in table.c:
            self.target.execute(insert(table), values)
            return
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        new = self.target.execute(statement, values).scalars().all()
        self.new_ids.setdefault(str(table.name), {}).update(
            zip((row.id for row in rows), new, strict=True)
        )

    def copy_meeting(self, meeting: Any) -> None:
        self.copy(_table("meeting"), [meeting])
        for name in _COPIED:
            table = _table(name)
            rows = self.source.execute(
                select(table).where(table.c.meeting_id == meeting.id).order_by(*table.primary_key)
            ).all()
            self.copy(table, rows)

    def copy_history(self, meeting_ids: list[int]) -> None:
        """Decisions' status history and the event log, once every meeting is in (a decision's
        change may be recorded at a later meeting)."""
        changes = _table("decisionstatuschange")
        decision = _table("decision")
        of_imported = select(decision.c.id).where(decision.c.meeting_id.in_(meeting_ids))
        rows = self.source.execute(
            select(changes).where(changes.c.decision_id.in_(of_imported)).order_by(changes.c.id)
        ).all()
        self.copy(changes, rows)
        events = _table("meetingevent")
        rows = self.source.execute(
            select(events).where(events.c.meeting_id.in_(meeting_ids)).order_by(events.c.id)
        ).all()
        values = []
        for row in rows:
            value = self._remapped(events, row)
            value["entity_id"] = self.new_ids.get(row.entity, {}).get(row.entity_id)
            values.append(value)
        if values:
            self.target.execute(insert(events), values)


def _imported_keys(target: Connection, case_codes: set[str]) -> set[str]:
    audit = _table("auditentry")
    found = target.execute(
        select(audit.c.row_id).where(
            audit.c.table_name == IMPORT_TABLE, audit.c.case_code.in_(case_codes)
        )
    )
    return set(found.scalars())


def _record_import(target: Connection, meeting: Any, key: str, new_id: int) -> None:
    target.execute(
        insert(_table("auditentry")).values(
            at=datetime.now(UTC),  # the server stamps its own time and login over these
            actor="",
            table_name=IMPORT_TABLE,
            row_id=key,
            operation="import",
            case_code=meeting.case_code,
            meeting_id=new_id,
            new=json.dumps({"bron_overleg": meeting.id}),
        )
    )


def import_store(source: Store, target: Store, *, trial: bool) -> ImportReport:
    """Copy every meeting of ``source`` (a SQLite store) not imported before into ``target``
    (a team store) in one transaction; ``trial``: roll it back, so nothing is written."""
    if target.engine.dialect.name != "postgresql" or source.engine.dialect.name != "sqlite":
        raise StoreError("Importeren gaat van een SQLite-bestand naar een PostgreSQL-opslag.")
    report = ImportReport()
    meeting = _table("meeting")
    note = _table("note")
    with store_trouble(SaveFailed), source.engine.connect() as reading:
        meetings = reading.execute(select(meeting).order_by(meeting.c.id)).all()
        with target.engine.connect() as writing, writing.begin() as transaction:
            done = _imported_keys(writing, {row.case_code for row in meetings})
            copier = _Copier(reading, writing)
            imported = []
            for row in meetings:
                key = import_key(row)
                if key in done:
                    report.already[row.case_code] += 1
                    continue
                try:
                    copier.copy_meeting(row)
                except SQLAlchemyError as error:
                    if is_refusal(error):
                        raise access_denied(row.case_code) from None
                    raise
                _record_import(writing, row, key, copier.new_ids["meeting"][row.id])
                imported.append(row.id)
                report.meetings[row.case_code] += 1
                notes = reading.execute(select(note.c.id).where(note.c.meeting_id == row.id))
                report.notes[row.case_code] += len(notes.all())
            copier.copy_history(imported)
            if trial:
                transaction.rollback()
            else:
                transaction.commit()
    return report
