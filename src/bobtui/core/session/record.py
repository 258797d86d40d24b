"""The official record: finalizing a closed meeting, amendments after it, and reopening it.

A closed meeting is a concept until the chair or a coordinator finalizes it (vastgesteld);
from then on nothing changes but by an amendment: one field of one note, decision or the
meeting's details, from old to new, with who, when and why, shown in every summary under
"Wijzigingen na vaststelling". Only a coordinator may reopen a finalized meeting (back to a
concept), with a reason, recorded as an amendment of its state. On SQLite the one user may do
all of it. On PostgreSQL the database makes these three changes itself
(``store/record_functions.py``): it decides who may (the chair or a coordinator; reopening a
coordinator only) and checks the state again, so the same holds for hand-written SQL.
"""

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from bobtui.core.domain.bsn import bsn_warnings
from bobtui.core.domain.dates import format_date, parse_date
from bobtui.core.domain.errors import RuleViolation
from bobtui.core.domain.records import AmendmentRecord, MeetingRecord, Saved, to_record
from bobtui.core.domain.vocabulary import (
    FINALIZED,
    ChainCarePhase,
    DecisionStatus,
    MeetingStatus,
    NoteKind,
    Priority,
    meeting_state,
)
from bobtui.core.session._base import SessionBase
from bobtui.core.store import record_calls
from bobtui.core.store.record_calls import NO_REASON, UNCHANGED, refusal
from bobtui.core.store.tables import Amendment, Decision, Meeting, Note
from bobtui.core.store.users import current_user

_Parse = Callable[[str, date], Any]
T = TypeVar("T")


def _text(value: str, _today: date) -> str:
    if not value.strip():
        raise RuleViolation("De nieuwe waarde mag niet leeg zijn.")
    return value.strip()


def _optional_text(value: str, _today: date) -> str:
    return value.strip()


def _date(value: str, today: date) -> date:
    parsed = parse_date(value, today)
    if parsed is None:
        raise RuleViolation("Geef een datum, bijvoorbeeld 31-12-2026.")
    return parsed


def _optional_date(value: str, today: date) -> date | None:
    return parse_date(value, today)


def _choice(kind: Any) -> _Parse:
    def parse(value: str, _today: date) -> str:
        allowed = [member.value for member in kind]
        if value.strip() not in allowed:
            raise RuleViolation(f"'{value.strip()}' kan niet; kies uit {', '.join(allowed)}.")
        return value.strip()

    return parse


AMENDABLE: dict[str, tuple[type[Any], dict[str, tuple[str, _Parse]]]] = {
    "notitie": (Note, {"tekst": ("text", _text), "soort": ("kind", _choice(NoteKind))}),
    "besluit": (
        Decision,
        {
            "actie": ("action", _text),
            "eigenaar": ("owner_person", _text),
            "organisatie": ("owner_organisation", _text),
            "deadline": ("deadline", _date),
            "prioriteit": ("priority", _choice(Priority)),
            "ketenfase": ("chain_care_phase", _choice(ChainCarePhase)),
            "status": ("status", _choice(DecisionStatus)),
        },
    ),
    "overleg": (
        Meeting,
        {
            "aanleiding": ("reason", _optional_text),
            "locatie": ("location", _optional_text),
            "evaluatiedatum": ("evaluation_date", _optional_date),
            "volgend-overleg": ("next_meeting_on", _optional_date),
            "client-geinformeerd-door": ("client_informed_by", _optional_text),
        },
    ),
}
"""What an amendment may change: subject → (table, Dutch field → (column, parser)). The
amendment records the Dutch subject and field, as the summaries show them."""


def shown(value: Any) -> str:
    """A stored value as an amendment records it: dates as 31-12-2026, nothing as '—'."""
    if isinstance(value, date):
        return format_date(value)
    return "—" if value is None or value == "" else str(value)


def _reason(reason: str) -> str:
    if not reason.strip():
        raise RuleViolation(NO_REASON)
    return reason.strip()


class RecordMixin(SessionBase):
    """Finalizing, amending and reopening a closed meeting."""

    def _in_database(self) -> bool:
        """Whether the database makes the record's changes itself (PostgreSQL)."""
        return self.store.engine.dialect.name == "postgresql"

    def _through_database(self, call: Callable[[Connection, str], T]) -> T:
        """One of the database's record functions in a transaction of its own, given the
        connection and the case code to name in a refusal; a window that lost the chair is
        refused first, as every change is."""
        with self.store.writing() as db:
            case_code = self._meeting(db).case_code
            chair_refusal = self._refusal(self._chair_row(db))
            if chair_refusal is not None:
                raise chair_refusal
            result = call(db.connection(), case_code)
            db.commit()
        return result

    def finalize(self) -> MeetingRecord:
        """Finalize (vaststellen) a closed meeting: from now on it changes only by amendment."""
        if self._in_database():
            self._through_database(lambda c, code: record_calls.finalize(c, self.meeting_id, code))
            return self.meeting()
        with self._write("meeting.finalized", "meeting") as (db, changed):
            meeting = self._meeting(db)
            if meeting.finalized_at is not None:
                raise refusal("already_finalized", meeting.case_code)
            if meeting.status != MeetingStatus.GESLOTEN:
                raise refusal("not_closed", meeting.case_code)
            meeting.finalized_at = self._clock()
            meeting.finalized_by = current_user(db.connection())
            changed.append(meeting.id)
        return to_record(MeetingRecord, meeting)

    def amend(
        self, subject: str, record_id: int | None, field: str, value: str, *, reason: str
    ) -> Saved[AmendmentRecord]:
        """Correct one field (Dutch name, see :data:`AMENDABLE`) of a finalized meeting's note,
        decision or details (``subject`` overleg: ``record_id`` is ignored) to ``value``."""
        why = _reason(reason)
        if subject not in AMENDABLE:
            raise RuleViolation(f"'{subject}' kan niet; kies uit {', '.join(AMENDABLE)}.")
        table, fields = AMENDABLE[subject]
        if field not in fields:
            raise RuleViolation(
                f"Van een {subject} kan '{field}' niet worden gewijzigd; kies uit "
                f"{', '.join(fields)}."
            )
        column, parse = fields[field]
        new_value = parse(value, self.today())
        warnings = bsn_warnings(value, reason)
        if self._in_database():
            change = (subject, None if subject == "overleg" else record_id or 0, field)
            made = self._through_database(
                lambda c, code: record_calls.amend(c, self.meeting_id, code, change, new_value, why)
            )
            with self._reading() as db:
                return Saved(to_record(AmendmentRecord, db.get_one(Amendment, made)), warnings)
        with self._write("amendment.recorded", "amendment") as (db, changed):
            meeting = self._amendable(db)
            row = (
                meeting
                if subject == "overleg"
                else self._own_row(db, table, record_id or 0, subject.capitalize())
            )
            old_value = getattr(row, column)
            if shown(old_value) == shown(new_value):
                raise RuleViolation(UNCHANGED)
            setattr(row, column, new_value)
            if "updated_at" in type(row).model_fields:
                row.updated_at = self._clock()
            record_id = None if subject == "overleg" else row.id
            amendment = self._record(
                db, subject, record_id, field, shown(old_value), shown(new_value), why
            )
            changed.append(amendment.id)
        return Saved(to_record(AmendmentRecord, amendment), warnings)

    def reopen(self, *, reason: str) -> MeetingRecord:
        """Reopen a finalized meeting (coordinator only): a concept again, the reason recorded."""
        why = _reason(reason)
        if self._in_database():
            self._through_database(
                lambda c, code: record_calls.reopen(c, self.meeting_id, code, why)
            )
            return self.meeting()
        with self._write("meeting.reopened", "meeting") as (db, changed):
            meeting = self._meeting(db)
            if meeting.finalized_at is None:
                raise refusal("not_finalized", meeting.case_code)
            meeting.finalized_at = None
            meeting.finalized_by = None
            state = meeting_state(meeting.status, finalized=False)
            self._record(db, "overleg", None, "status", FINALIZED, state, why)
            changed.append(meeting.id)
        return to_record(MeetingRecord, meeting)

    def amendments(self) -> list[AmendmentRecord]:
        """Every amendment and reopening of this meeting, oldest first."""
        with self._reading() as db:
            rows = db.exec(
                select(Amendment)
                .where(Amendment.meeting_id == self.meeting_id)
                .order_by(col(Amendment.at), col(Amendment.id))
            ).all()
            return [to_record(AmendmentRecord, row) for row in rows]

    def _amendable(self, db: Session) -> Meeting:
        """The meeting, when it is finalized or was (and has been reopened since)."""
        meeting = self._meeting(db)
        reopened = db.exec(select(Amendment.id).where(Amendment.meeting_id == meeting.id)).first()
        if meeting.finalized_at is None and reopened is None:
            if meeting.status == MeetingStatus.GESLOTEN:
                raise refusal("concept", meeting.case_code)
            raise refusal("not_amendable", meeting.case_code)
        return meeting

    def _record(
        self,
        db: Session,
        subject: str,
        record_id: int | None,
        field: str,
        old: str,
        new: str,
        reason: str,
    ) -> Amendment:
        amendment = Amendment(
            meeting_id=self.meeting_id,
            at=self._clock(),
            made_by=current_user(db.connection()),
            subject=subject,
            record_id=record_id,
            field=field,
            old=old,
            new=new,
            reason=reason,
        )
        db.add(amendment)
        db.flush()
        return amendment
