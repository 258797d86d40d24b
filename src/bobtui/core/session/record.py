"""The official record: finalizing a closed meeting, amendments after it, and reopening it.

A closed meeting is a concept until the chair or a coordinator finalizes it (vastgesteld);
from then on nothing changes but by an amendment: one field of one note, decision or the
meeting's details, from old to new, with who, when and why, shown in every summary under
"Wijzigingen na vaststelling". Only a coordinator may reopen a finalized meeting (back to a
concept), with a reason, recorded as an amendment of its state. On SQLite the one user may do
all of it; in team mode (PostgreSQL) the roles decide, and the database's own rules hold too.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from bobtui.core.domain.bsn import bsn_warnings
from bobtui.core.domain.dates import format_date, parse_date
from bobtui.core.domain.errors import AccessDenied, RuleViolation
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
from bobtui.core.store.tables import Amendment, Decision, Meeting, Note
from bobtui.core.store.team import identity
from bobtui.core.store.users import current_user

_Parse = Callable[[str, date], Any]


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
        raise RuleViolation("Geef een reden: waarom verandert dit na de vaststelling?")
    return reason.strip()


class RecordMixin(SessionBase):
    """Finalizing, amending and reopening a closed meeting."""

    def _check_role(self, *, reopening: bool) -> None:
        """Refuse a user whose role may not do this (team mode); on SQLite the one user may."""
        team = identity(self.store)
        if team is None or not team.roles:  # SQLite, or the owner of a PostgreSQL store
            return
        allowed = ("coordinator",) if reopening else ("coordinator", "procesregisseur")
        if not set(allowed) & set(team.roles):
            if reopening:
                raise AccessDenied("Alleen een coördinator kan een vastgesteld overleg heropenen.")
            raise AccessDenied(
                "Alleen de voorzitter (procesregisseur) of een coördinator kan het verslag "
                "vaststellen of wijzigen."
            )

    def finalize(self) -> MeetingRecord:
        """Finalize (vaststellen) a closed meeting: from now on it changes only by amendment."""
        self._check_role(reopening=False)
        with self._write("meeting.finalized", "meeting") as (db, changed):
            meeting = self._meeting(db)
            if meeting.finalized_at is not None:
                raise RuleViolation("Dit overleg is al vastgesteld.")
            if meeting.status != MeetingStatus.GESLOTEN:
                raise RuleViolation("Alleen een gesloten overleg kan worden vastgesteld.")
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
        self._check_role(reopening=False)
        with self._write("amendment.recorded", "amendment") as (db, changed):
            meeting = self._amendable(db)
            row = (
                meeting
                if subject == "overleg"
                else self._own_row(db, table, record_id or 0, subject.capitalize())
            )
            old_value = getattr(row, column)
            if shown(old_value) == shown(new_value):
                raise RuleViolation(
                    "De nieuwe waarde is gelijk aan de oude; er is niets gewijzigd."
                )
            setattr(row, column, new_value)
            if "updated_at" in type(row).model_fields:
                row.updated_at = self._clock()
            record_id = None if subject == "overleg" else row.id
            amendment = self._record(
                db, subject, record_id, field, shown(old_value), shown(new_value), why
            )
            changed.append(amendment.id)
        return Saved(to_record(AmendmentRecord, amendment), bsn_warnings(value, reason))

    def reopen(self, *, reason: str) -> MeetingRecord:
        """Reopen a finalized meeting (coordinator only): a concept again, the reason recorded."""
        why = _reason(reason)
        self._check_role(reopening=True)
        with self._write("meeting.reopened", "meeting") as (db, changed):
            meeting = self._meeting(db)
            if meeting.finalized_at is None:
                raise RuleViolation("Dit overleg is niet vastgesteld; er is niets te heropenen.")
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
                raise RuleViolation(
                    "Dit overleg is gesloten maar nog niet vastgesteld; stel het eerst vast "
                    "(een wijziging na vaststelling legt vast wat, waarom en door wie)."
                )
            raise RuleViolation(
                "Alleen een vastgesteld overleg krijgt wijzigingen na vaststelling."
            )
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
