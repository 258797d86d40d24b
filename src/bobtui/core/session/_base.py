"""Plumbing shared by every part of the meeting session: one committed transaction per call.

Every public method that changes something has committed before it returns, so a killed
process loses nothing that was entered. Each change is also appended to the event log
(what, which record, when; never the text). Callers get plain records, never table rows.

Several windows may have one meeting open, each with a session of its own. A session keeps its
own position (phase and question) in memory, and files what it records there. Changes are
serialised per meeting and allowed only to the session that may write: the one holding the
chair (see ``session/chair.py``), or, while no other live client holds it, a session that
never tried to claim it (scripts, tests, a single window).
"""

import enum
import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Connection, Row, bindparam, insert
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, col, select

from bobtui.core.domain.bsn import bsn_warnings
from bobtui.core.domain.dates import Clock, utc_now
from bobtui.core.domain.errors import (
    EditConflict,
    NotFound,
    ReadFailed,
    ReadOnly,
    RuleViolation,
)
from bobtui.core.domain.records import ChairHolder, MeetingRecord, Saved, to_record
from bobtui.core.domain.vocabulary import Phase, meeting_state
from bobtui.core.questions.sets import Question, QuestionSet
from bobtui.core.session._status import check_state, check_status
from bobtui.core.session.clients import note_author, process_gone
from bobtui.core.snapshot import Position
from bobtui.core.store.engine import Store, meeting_not_found, store_trouble
from bobtui.core.store.tables import Meeting, MeetingChair, MeetingEvent, OwnQuestion
from bobtui.core.store.team import naming_case, takes_notes_only, unwritable

R = TypeVar("R")

CHAIR_TIMEOUT = timedelta(seconds=30)
"""A holder whose last heartbeat is older than this has gone (crashed, suspended, cut off):
another window may claim the chair without asking."""

# Built once: constructing a statement costs more than running it on SQLite. Inline: without
# RETURNING of the new id, which nothing reads and which on PostgreSQL makes the insert pass
# the event log's read rule as well (the set of all the login's meetings, built anew).
_INSERT_EVENT = insert(MeetingEvent).inline()
# The first statement of every change: on PostgreSQL it locks the meeting's row (FOR NO KEY
# UPDATE, so foreign keys pointing at it stay free), on SQLite BEGIN IMMEDIATE came first.
_LOCK_MEETING = (
    select(Meeting.status, Meeting.finalized_at, Meeting.case_code)
    .where(col(Meeting.id) == bindparam("meeting_id"))
    .with_for_update(key_share=True)
)
# A statement of its own after the lock: on PostgreSQL each statement of a READ COMMITTED
# transaction sees what was committed before it began, so this sees a claim that just won.
_CHAIR_ROW = select(
    MeetingChair.client_id, MeetingChair.description, MeetingChair.since, MeetingChair.heartbeat_at
).where(col(MeetingChair.meeting_id) == bindparam("meeting_id"))

_ChairRow = Row[str, str, datetime, datetime]
"""client_id, description, since, heartbeat_at"""

_CHANGED_ELSEWHERE = {
    "decision": "Dit besluit is",
    "safetyscore": "Deze veiligheidsscore is",
    "judgement": "Dit oordeel is",
    "meeting": "De gegevens van dit overleg zijn",
}

_Row = TypeVar("_Row", bound=SQLModel)

_FIXED = ("id", "meeting_id", "version", "author")
"""Fields no edit changes: who typed a note stays who typed it."""


def _required(value: str | None) -> str:
    return (value or "").strip()


def _edit_conflict(entity: str) -> EditConflict:
    """Refusal of a change to ``entity`` (a table name) that someone else changed first."""
    subject = _CHANGED_ELSEWHERE.get(entity, "Dit gegeven is")
    return EditConflict(
        f"{subject} intussen in een ander venster gewijzigd en hier niet opgeslagen; "
        "sluit dit scherm en open het opnieuw om de nieuwste versie te zien en te wijzigen."
    )


class _Chair(enum.Enum):
    """Where a session stands with the meeting's chair."""

    UNCLAIMED = "unclaimed"
    """Never claimed: may write while no other live client holds the chair."""
    HOLDING = "holding"
    """Claimed or took over the chair, and has not found it lost since."""
    READ_ONLY = "read_only"
    """Found another live holder, lost the chair or gave it up: reads only until it claims."""


NOTE_ONLY = "note.recorded"  # the one change of a notulist's session (takes_notes_only)


class SessionBase:
    """State and transaction plumbing of a meeting session."""

    def __init__(
        self, store: Store, meeting_id: int, question_set: QuestionSet, clock: Clock = utc_now
    ) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self._shared_read = threading.local()  # the snapshot's transaction, per thread
        self.shipped_question_set = question_set
        """The question set as shipped; :attr:`question_set` adds the chair's own questions."""
        self._clock = clock
        self.question_set = self._with_own_questions()
        # Random, plus the process id: a window on this computer that was killed can be told
        # from one that still runs, so reopening after a crash does not ask to take over.
        self.client_id = f"{secrets.token_hex(8)}-{os.getpid()}"
        """Random per session: a second window on the same computer is another client."""
        self._chair = _Chair.UNCLAIMED
        self._case_code: str | None = None  # read with the lock, to name it in a refusal
        # A notulist invited to this meeting (team mode): adds notes, where the chair is, only.
        self.takes_notes_only = takes_notes_only(store, meeting_id)
        self.author = note_author(store)
        """Who this session's notes are recorded as typed by (``NoteRecord.author``)."""
        self._position = self._recorded_position()

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
        return self.shipped_question_set.with_questions(additions)

    # --- position ----------------------------------------------------------------------------

    def position(self) -> Position | None:
        """Where this session is: the phase and question it shows, or None before the start.

        Kept in memory: a session starts where the meeting was recorded to be (or, opened
        before the start, where it is when first asked after it) and then moves only by its
        own navigation, never by another window's.
        """
        if self._position is None or self.takes_notes_only:  # a notulist follows the chair
            self._position = self._recorded_position()
        return self._position

    def _recorded_position(self) -> Position | None:
        """The position the meeting's last recorded move left it at (None before the start)."""
        with self._reading() as db:
            meeting = self._meeting(db)
            return self._position_at(meeting.current_phase, meeting.current_question_id)

    def _position_at(self, phase: str | None, question_id: str | None) -> Position | None:
        if phase is None or question_id is None:
            return None
        try:
            question = self.question_set.question(question_id)
        except KeyError:  # the leidraad changed since: fall back to the phase's first question
            question = next(self.question_set.phase(Phase(phase)).questions())
        return Position(Phase(phase), question)

    # --- the chair ---------------------------------------------------------------------------

    def _holder(self, row: _ChairRow | None) -> ChairHolder | None:
        if row is None:
            return None
        return ChairHolder(
            row.description,
            row.since,
            row.heartbeat_at,
            row.client_id == self.client_id,
            process_gone=process_gone(row.client_id, row.description),
        )

    def _alive(self, holder: ChairHolder | None) -> bool:
        """Whether ``holder`` gave a sign of life within :data:`CHAIR_TIMEOUT` (and, when it
        ran on this computer as this user, whether its process still runs)."""
        if holder is None or holder.process_gone:
            return False
        return self._clock() - holder.heartbeat_at <= CHAIR_TIMEOUT

    def _chaired_from(self, holder: ChairHolder) -> str:
        """'vanuit bobtui op X (gebruiker Y) sinds 10:42' (with the date when not today)."""
        since = holder.since.astimezone()
        when = f"{since:%H:%M}" if since.date() == self.today() else f"{since:%d-%m-%Y %H:%M}"
        return f"vanuit {holder.description} sinds {when}"

    def _refusal(self, row: _ChairRow | None) -> ReadOnly | None:
        """Why this session may not write, given the chair's row; None when it may.

        A session holding the chair that finds another holder has lost it; one that never
        claimed and finds a live holder is read-only from then on, as is one that gave it up.
        """
        holder = self._holder(row)
        if holder is not None and holder.this_session:
            return None
        if self._chair is _Chair.HOLDING or (
            self._chair is _Chair.UNCLAIMED and self._alive(holder)
        ):
            self._chair = _Chair.READ_ONLY
        if self._chair is not _Chair.READ_ONLY:
            return None
        if holder is not None and self._alive(holder):
            reason = f"het overleg wordt voorgezeten {self._chaired_from(holder)}."
        else:
            reason = "neem eerst het voorzitterschap op je."
        return ReadOnly(f"Dit venster is alleen-lezen: {reason}")

    def _may_write(self) -> bool:
        """Whether this session may change the meeting now (checked again, under the lock, by
        every change)."""
        if self._chair is _Chair.READ_ONLY or self.takes_notes_only:
            return False
        with self._reading() as db:
            row = self._chair_row(db)
        return self._refusal(row) is None

    def _lock_meeting(self, db: Session | Connection) -> str:
        """Start a transaction that changes this meeting; wait for any other such transaction.

        SQLite: BEGIN IMMEDIATE takes the database's write lock before the first read, so what
        is checked cannot change before it is written. PostgreSQL: the meeting's row is locked.
        Returns the meeting's state (:func:`meeting_state`).
        """
        connection = _connection_of(db)
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        locked = connection.execute(_LOCK_MEETING, {"meeting_id": self.meeting_id}).first()
        if locked is None:  # not there, or need-to-know lets this user read it only
            raise unwritable(connection, self.meeting_id)
        self._case_code = locked.case_code
        return meeting_state(locked.status, finalized=locked.finalized_at is not None)

    def _chair_row(self, db: Session | Connection) -> _ChairRow | None:
        return _connection_of(db).execute(_CHAIR_ROW, {"meeting_id": self.meeting_id}).first()

    # --- lifecycle -------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """A session to read with: the snapshot's transaction while one is being taken on this
        thread (so every part sees the same state), otherwise a short one of its own."""
        shared: Session | None = getattr(self._shared_read, "db", None)
        if shared is not None:
            yield shared
            return
        with self.store.reading() as db:
            yield db

    @contextmanager
    def _one_read_transaction(self) -> Iterator[None]:
        """Make every read on this thread share one transaction that sees one state.

        SQLite's driver starts no transaction for a SELECT, so BEGIN is sent by hand; in WAL
        mode the first read then fixes what the transaction sees. PostgreSQL needs
        REPEATABLE READ for the same (READ COMMITTED takes a new view per statement).
        """
        with store_trouble(ReadFailed), Session(self.store.engine) as db:
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
    def _write(
        self, action: str, entity: str, *, running: bool = False
    ) -> Iterator[tuple[Session, list[int | None]]]:
        """A transaction that logs ``action`` and commits before the caller's method returns.

        It waits for other changes to this meeting and refuses (:class:`ReadOnly`) when this
        session may not write; ``running`` also refuses a meeting that is not running. The
        caller appends the id of the record it changed to the yielded list. A versioned row
        changed by someone else since it was read here raises :class:`EditConflict`.
        """
        changed: list[int | None] = []
        with naming_case(lambda: self._case_code), self.store.writing() as db:
            self._checked_for_change(db.connection(), action, running=running)
            yield db, changed
            try:
                db.flush()
            except StaleDataError:
                raise _edit_conflict(entity) from None
            self._log_change(db.connection(), action, entity, changed)
            db.commit()

    @contextmanager
    def _write_rows(
        self, action: str, entity: str, *, running: bool = False
    ) -> Iterator[tuple[Connection, list[int | None]]]:
        """:meth:`_write` for a change made with Core statements alone, without the ORM's
        session around them: the autosave's path, where that session was a third of the time
        of a note on SQLite (make bench)."""
        changed: list[int | None] = []
        with naming_case(lambda: self._case_code), self.store.writing_rows() as connection:
            self._checked_for_change(connection, action, running=running)
            yield connection, changed
            self._log_change(connection, action, entity, changed)
            connection.commit()

    def _checked_for_change(self, connection: Connection, action: str, *, running: bool) -> None:
        """Lock the meeting, then refuse a change this session may not make (see _write)."""
        if self.takes_notes_only and action != NOTE_ONLY:
            raise ReadOnly("Als notulist voeg je alleen notities toe; de rest doet de voorzitter.")
        state = self._lock_meeting(connection)
        refusal = None if self.takes_notes_only else self._refusal(self._chair_row(connection))
        if refusal is not None:
            raise refusal
        if running:
            check_status(state, running=True)

    def _log_change(
        self, connection: Connection, action: str, entity: str, changed: list[int | None]
    ) -> None:
        """The event log's line of a change, in the change's own transaction."""
        connection.execute(
            _INSERT_EVENT,
            {
                "meeting_id": self.meeting_id,
                "at": self._clock(),
                "action": action,
                "entity": entity,
                "entity_id": changed[0] if changed else None,
            },
        )

    def _meeting(self, db: Session) -> Meeting:
        meeting = db.get(Meeting, self.meeting_id)
        if meeting is None:
            raise meeting_not_found(self.meeting_id)
        return meeting

    def _editable_meeting(self, db: Session) -> Meeting:
        meeting = self._meeting(db)
        check_state(meeting, running=False)
        return meeting

    def _running_meeting(self, db: Session) -> Meeting:
        meeting = self._meeting(db)
        check_state(meeting, running=True)
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
        expected_version: int | None = None,
    ) -> Saved[R]:
        """Apply ``changes`` to one record of this meeting; new text is checked for BSNs.

        With ``expected_version`` (the version the caller last saw) the edit is refused with
        :class:`EditConflict`, changing nothing, when the record has been changed since.
        """
        entity = str(table.__tablename__)
        with self._write(f"{entity}.edited", entity) as (db, changed):
            self._editable_meeting(db)
            row = self._own_row(db, table, row_id, label)
            if expected_version is not None and getattr(row, "version", None) != expected_version:
                raise _edit_conflict(entity)
            for name, value in changes.items():
                if name in _FIXED or name not in type(row).model_fields:
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


def _connection_of(db: Session | Connection) -> Connection:
    return db.connection() if isinstance(db, Session) else db
