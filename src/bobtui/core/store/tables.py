"""The store's tables (SQLModel). Only the store and the meeting session import this module.

Enumerations are stored as their plain string values so the data stays readable with any tool.
Times are timezone-aware and stored in UTC; dates are calendar dates.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Index
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

# An explicit naming convention gives constraints stable names across SQLite and PostgreSQL,
# which Alembic needs to alter them later.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class _Versioned(SQLModel):
    """A row SQLAlchemy guards with a version: every UPDATE raises it and only succeeds while
    the row still has the version that was read, so a change made in between is not
    overwritten (``StaleDataError``); the session compares it with the version a client saw."""

    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Meeting(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_code: str = Field(index=True, max_length=64)
    leidraad_id: str = Field(max_length=80)
    leidraad_version: str = Field(max_length=32)
    meeting_type: str = Field(max_length=64)
    held_on: date = Field(index=True)
    location: str = ""
    reason: str = ""
    status: str = Field(default="gepland", max_length=16)
    current_phase: str | None = Field(default=None, max_length=32)
    current_question_id: str | None = Field(default=None, max_length=80)
    chain_care_phase: str | None = Field(default=None, max_length=32)
    evaluation_date: date | None = None
    next_meeting_on: date | None = None
    client_informed_by: str | None = None
    created_at: datetime
    started_at: datetime | None = None
    closed_at: datetime | None = None
    practice_case_id: str | None = Field(default=None, max_length=80)
    """Set for a rehearsal: the practice case it plays (rehearsals live in their own store)."""
    details_version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    """Raised by each change of the details or the evaluation (not by moving through the
    questions, which changes this row all the time); checked by the session by hand."""
    finalized_at: datetime | None = None
    """Set when the closed meeting was finalized (vastgesteld): the official record."""
    finalized_by: str | None = Field(default=None, max_length=200)


class Participant(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    position: int = 0
    name: str
    organisation: str = ""
    role: str = ""
    domain: str | None = Field(default=None, max_length=16)
    presence: str = Field(default="aanwezig", max_length=16)
    represented_by: str = ""
    """Who speaks for a participant who is ``vertegenwoordigd``; empty otherwise."""
    is_client: bool = False
    is_ervaringsdeskundige: bool = False
    speaks_for_child: bool = False


class QuestionCoverage(SQLModel, table=True):
    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    question_id: str = Field(primary_key=True, max_length=80)
    phase: str = Field(max_length=32)
    status: str = Field(max_length=16)
    updated_at: datetime


class PhaseInterval(SQLModel, table=True):
    """A stretch of time the meeting spent in one phase; time-outs are subtracted from it."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    phase: str = Field(max_length=32)
    started_at: datetime
    ended_at: datetime | None = None


class TimeOut(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    phase: str = Field(max_length=32)
    started_at: datetime
    ended_at: datetime | None = None


class Note(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=16)
    text: str
    phase: str = Field(max_length=32)
    question_id: str | None = Field(default=None, max_length=80)
    participant_id: int | None = Field(
        default=None, foreign_key="participant.id", ondelete="SET NULL"
    )
    confidential: bool = False
    """Kept out of every export unless the user includes confidential notes on purpose."""
    created_at: datetime
    updated_at: datetime
    author: str | None = Field(default=None, max_length=63)
    """Who typed it: on PostgreSQL the login, set by the database itself (migration 0016); on
    SQLite the computer's login. None for notes from before."""


class SafetyScore(_Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    participant_id: int | None = Field(
        default=None, foreign_key="participant.id", ondelete="SET NULL"
    )
    respondent: str
    score: int
    what_would_raise_it: str = ""
    question_id: str | None = Field(default=None, max_length=80)
    created_at: datetime


class Judgement(_Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=16)
    text: str
    likelihood: str | None = Field(default=None, max_length=16)
    question_id: str | None = Field(default=None, max_length=80)
    """The question on screen when it was recorded (None: recorded before 0012 kept it)."""
    created_at: datetime


class Decision(_Versioned, table=True):
    # Open actions are listed by deadline across all meetings.
    __table_args__ = (Index("ix_decision_status_deadline", "status", "deadline"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    action: str
    owner_person: str
    owner_organisation: str
    owner_participant_id: int | None = Field(
        default=None, foreign_key="participant.id", ondelete="SET NULL"
    )
    deadline: date
    priority: str = Field(default="middel", max_length=16)
    chain_care_phase: str | None = Field(default=None, max_length=32)
    status: str = Field(default="open", max_length=16)
    question_id: str | None = Field(default=None, max_length=80)
    """The question on screen when it was recorded (None: recorded before 0012 kept it)."""
    created_at: datetime
    updated_at: datetime


class DecisionStatusChange(SQLModel, table=True):
    """The history of a decision's status; ``meeting_id`` is the meeting where it was reviewed
    (None: updated by a coordinator between meetings). ``new_deadline`` marks a postponement."""

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id", index=True, ondelete="CASCADE")
    meeting_id: int | None = Field(
        default=None, foreign_key="meeting.id", index=True, ondelete="SET NULL"
    )
    status: str = Field(max_length=16)
    reason: str = ""
    new_deadline: date | None = None
    changed_at: datetime


class MeetingEvent(SQLModel, table=True):
    """Append-only log of every change: what happened to which record and when, never its text."""

    # The change poll asks for a meeting's newest event: the last entry of its range here.
    __table_args__ = (Index("ix_meetingevent_meeting_id_id", "meeting_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int | None = None
    at: datetime
    action: str = Field(max_length=48)
    entity: str = Field(max_length=32)
    entity_id: int | None = None


class ParkedIdea(SQLModel, table=True):
    """A solution proposed while the picture was still forming, kept for besluitvorming."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    text: str
    participant_id: int | None = Field(
        default=None, foreign_key="participant.id", ondelete="SET NULL"
    )
    phase: str = Field(max_length=32)
    question_id: str | None = Field(default=None, max_length=80)
    created_at: datetime
    outcome: str | None = Field(default=None, max_length=16)
    decision_id: int | None = Field(default=None, foreign_key="decision.id", ondelete="SET NULL")
    resolved_at: datetime | None = None


class OwnQuestion(SQLModel, table=True):
    """A question the chair added during the meeting to a theme of the leidraad."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    question_id: str = Field(max_length=80)
    theme_id: str = Field(max_length=80)
    text: str
    created_at: datetime


class MeetingChair(SQLModel, table=True):
    """Who chairs a meeting: the one client (a window) that may change it, while it is alive.

    A row per chaired meeting; the holder refreshes ``heartbeat_at`` every few seconds and a
    holder silent for longer than the timeout may be replaced. ``description`` is shown to
    whoever finds the chair taken, so it holds no case data (app, computer, login).
    """

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    client_id: str = Field(max_length=32)
    description: str = Field(max_length=200)
    since: datetime
    heartbeat_at: datetime


class CaseAccess(SQLModel, table=True):
    """The case team: who may see and change the meetings of a case (team mode, PostgreSQL).

    ``member`` is a PostgreSQL login role; row-level security reads this table. The
    procesregisseur who plans a case's first meeting is added by the database itself."""

    case_code: str = Field(primary_key=True, max_length=64)
    member: str = Field(primary_key=True, max_length=63, index=True)
    granted_by: str = Field(max_length=63)
    granted_at: datetime


class MeetingInvite(SQLModel, table=True):
    """A notulist invited to one meeting: they may read it and add notes while it is open."""

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    member: str = Field(primary_key=True, max_length=63, index=True)
    granted_by: str = Field(max_length=63)
    granted_at: datetime


class AuditEntry(SQLModel, table=True):
    """Append-only audit trail, written by database triggers: who changed which row of which
    table when, and the row's columns before and after (JSON; only the changed ones for an
    update). It holds case data, so it is read under the same rules as the meeting."""

    __table_args__ = (Index("ix_auditentry_case_code_at", "case_code", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    actor: str = Field(default="", max_length=63)
    table_name: str = Field(max_length=32)
    row_id: str = Field(max_length=80)
    operation: str = Field(max_length=8)
    case_code: str | None = Field(default=None, max_length=64)
    meeting_id: int | None = Field(default=None, index=True)
    old: str | None = None
    new: str | None = None


class Amendment(SQLModel, table=True):
    """A correction of a finalized meeting: what changed (``subject`` ``record_id``'s
    ``field``), from ``old`` to ``new``, who, when and why; or its reopening (subject
    ``meeting``, field ``status``). Added, never changed."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    at: datetime
    made_by: str = Field(max_length=200)
    subject: str = Field(max_length=32)
    record_id: int | None = None
    field: str = Field(max_length=48)
    old: str
    new: str
    reason: str


class PurgeRecord(SQLModel, table=True):
    """That a meeting was purged past its retention period, without any of its content."""

    id: int | None = Field(default=None, primary_key=True)
    case_code: str = Field(max_length=64)
    held_on: date
    purged_at: datetime
    purged_by: str = Field(max_length=200)
    rule: str = Field(max_length=200)
