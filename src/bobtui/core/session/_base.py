"""Plumbing shared by every part of the meeting session: one committed transaction per call.

Every public method that changes something has committed before it returns, so a killed
process loses nothing that was entered. Each change is also appended to the event log
(what, which record, when; never the text). Callers get plain records, never table rows.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import insert
from sqlmodel import Session, SQLModel, col, select

from bobtui.core.domain.bsn import bsn_warnings
from bobtui.core.domain.errors import NotFound, RuleViolation
from bobtui.core.domain.records import MeetingRecord, Saved, to_record
from bobtui.core.domain.vocabulary import MeetingStatus
from bobtui.core.questions.sets import Question, QuestionSet
from bobtui.core.store.engine import Store
from bobtui.core.store.tables import Meeting, MeetingEvent, OwnQuestion

Clock = Callable[[], datetime]
R = TypeVar("R")

# Built once: constructing a statement costs more than running it on SQLite.
_INSERT_EVENT = insert(MeetingEvent)

_Row = TypeVar("_Row", bound=SQLModel)


def utc_now() -> datetime:
    return datetime.now(UTC)


def _required(value: str | None) -> str:
    return (value or "").strip()


def _check_status(status: str, *, running: bool) -> None:
    """Refuse changes to a closed meeting, and recording in one that has not started."""
    if status == MeetingStatus.GESLOTEN:
        raise RuleViolation("Dit overleg is gesloten; er kan niets meer worden gewijzigd.")
    if running and status != MeetingStatus.LOPEND:
        raise RuleViolation("Het overleg is nog niet gestart.")


class SessionBase:
    """State and transaction plumbing of a meeting session."""

    def __init__(
        self, store: Store, meeting_id: int, question_set: QuestionSet, clock: Clock = utc_now
    ) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self._shared_read = threading.local()  # the snapshot's transaction, per thread
        self.leidraad = question_set
        """The question set as shipped; :attr:`question_set` adds the chair's own questions."""
        self._clock = clock
        self.question_set = self._with_own_questions()

    def now(self) -> datetime:
        """The time on the meeting's clock: what snapshots are taken at and screens count from."""
        return self._clock()

    def today(self) -> date:
        """The local date on the meeting's clock: deadlines and relative dates count from it."""
        return self.now().astimezone().date()

    def _with_own_questions(self) -> QuestionSet:
        with self._reading() as db:
            rows = db.exec(
                select(OwnQuestion)
                .where(OwnQuestion.meeting_id == self.meeting_id)
                .order_by(col(OwnQuestion.id))
            ).all()
            additions = [
                (row.theme_id, Question(id=row.question_id, text=row.text)) for row in rows
            ]
        return self.leidraad.with_questions(additions)

    # --- lifecycle -------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """A session to read with: the snapshot's transaction while one is being taken on this
        thread (so every part sees the same state), otherwise a short one of its own."""
        shared: Session | None = getattr(self._shared_read, "db", None)
        if shared is not None:
            yield shared
            return
        with Session(self.store.engine) as db:
            yield db

    @contextmanager
    def _one_read_transaction(self) -> Iterator[None]:
        """Make every read on this thread share one transaction that sees one state.

        SQLite's driver starts no transaction for a SELECT, so BEGIN is sent by hand; in WAL
        mode the first read then fixes what the transaction sees. PostgreSQL needs
        REPEATABLE READ for the same (READ COMMITTED takes a new view per statement).
        """
        with Session(self.store.engine) as db:
            if self.store.engine.dialect.name == "sqlite":
                db.connection().exec_driver_sql("BEGIN")
            else:
                db.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            self._shared_read.db = db
            try:
                yield
            finally:
                self._shared_read.db = None
                db.rollback()

    @contextmanager
    def _write(self, action: str, entity: str) -> Iterator[tuple[Session, list[int | None]]]:
        """A transaction that logs ``action`` and commits before the caller's method returns.

        The caller appends the id of the record it changed to the yielded list.
        """
        changed: list[int | None] = []
        with Session(self.store.engine, expire_on_commit=False) as db:
            yield db, changed
            db.flush()
            db.connection().execute(
                _INSERT_EVENT,
                {
                    "meeting_id": self.meeting_id,
                    "at": self._clock(),
                    "action": action,
                    "entity": entity,
                    "entity_id": changed[0] if changed else None,
                },
            )
            db.commit()

    def _meeting(self, db: Session) -> Meeting:
        meeting = db.get(Meeting, self.meeting_id)
        if meeting is None:
            raise NotFound(f"Overleg {self.meeting_id} bestaat niet.")
        return meeting

    def _editable_meeting(self, db: Session) -> Meeting:
        meeting = self._meeting(db)
        _check_status(meeting.status, running=False)
        return meeting

    def _running_meeting(self, db: Session) -> Meeting:
        meeting = self._meeting(db)
        _check_status(meeting.status, running=True)
        return meeting

    def meeting(self) -> MeetingRecord:
        with self._reading() as db:
            return to_record(MeetingRecord, self._meeting(db))

    # --- generic edit, delete and list -----------------------------------------------------

    def _own_row(self, db: Session, table: type[_Row], row_id: int, label: str) -> _Row:
        row = db.get(table, row_id)
        if row is None or getattr(row, "meeting_id", None) != self.meeting_id:
            raise NotFound(f"{label} {row_id} hoort niet bij dit overleg.")
        return row

    def _update(
        self,
        table: type[SQLModel],
        record: type[R],
        row_id: int,
        changes: dict[str, Any],
        label: str,
    ) -> Saved[R]:
        """Apply ``changes`` to one record of this meeting; new text is checked for BSNs."""
        entity = str(table.__tablename__)
        with self._write(f"{entity}.edited", entity) as (db, changed):
            self._editable_meeting(db)
            row = self._own_row(db, table, row_id, label)
            for name, value in changes.items():
                if name in ("id", "meeting_id") or name not in type(row).model_fields:
                    raise RuleViolation(f"{label}: veld '{name}' kan niet worden gewijzigd.")
                setattr(row, name, value.strip() if isinstance(value, str) else value)
            if "updated_at" in type(row).model_fields:
                row.updated_at = self._clock()
            changed.append(row_id)
        texts = [value for value in changes.values() if isinstance(value, str)]
        return Saved(to_record(record, row), bsn_warnings(*texts))

    def _delete(self, table: type[SQLModel], row_id: int, label: str) -> None:
        entity = str(table.__tablename__)
        with self._write(f"{entity}.deleted", entity) as (db, changed):
            self._editable_meeting(db)
            db.delete(self._own_row(db, table, row_id, label))
            changed.append(row_id)

    def _list(self, record: type[R], table: Any, *order: Any) -> list[R]:
        with self._reading() as db:
            statement = select(table).where(table.meeting_id == self.meeting_id)
            rows = db.exec(statement.order_by(*order, table.id)).all()
            return [to_record(record, row) for row in rows]
