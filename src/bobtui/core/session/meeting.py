"""The meeting session: everything a chair does during a casusoverleg, as one service."""

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select

from bobtui.core.domain.bsn import bsn_warnings
from bobtui.core.domain.dates import Clock, utc_now
from bobtui.core.domain.errors import RuleViolation
from bobtui.core.domain.records import (
    DecisionRecord,
    JudgementRecord,
    MeetingRecord,
    NoteRecord,
    ParkedIdeaRecord,
    ParticipantRecord,
    SafetyScoreRecord,
    Saved,
    to_record,
)
from bobtui.core.domain.vocabulary import (
    MeetingStatus,
    NoteKind,
)
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session._base import _edit_conflict, _required
from bobtui.core.session.attention import BsnFinding, MeetingFacts
from bobtui.core.session.blackout import BlackoutMixin
from bobtui.core.session.chair import ChairMixin
from bobtui.core.session.closing import closing_points, closing_problems
from bobtui.core.session.judging import JudgingMixin
from bobtui.core.session.navigation import NavigationMixin
from bobtui.core.session.parking import ParkingMixin
from bobtui.core.session.record import RecordMixin
from bobtui.core.session.rehearsal import RehearsalMixin
from bobtui.core.session.roster import RosterMixin
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.core.store.engine import Store, meeting_not_found
from bobtui.core.store.tables import (
    Decision,
    Judgement,
    Meeting,
    MeetingEvent,
    Note,
    ParkedIdea,
    Participant,
    SafetyScore,
)
from bobtui.core.store.team import naming_case

# Where each finding of bsn_findings lives; texts a record cannot do without.
_CORRECTABLE: dict[str, tuple[type[SQLModel], type[Any], str]] = {
    "participant": (Participant, ParticipantRecord, "Deelnemer"),
    "note": (Note, NoteRecord, "Notitie"),
    "safetyscore": (SafetyScore, SafetyScoreRecord, "Veiligheidsscore"),
    "judgement": (Judgement, JudgementRecord, "Oordeel"),
    "decision": (Decision, DecisionRecord, "Besluit"),
    "parkedidea": (ParkedIdea, ParkedIdeaRecord, "Geparkeerd idee"),
}
_REQUIRED_TEXT = {"name", "text", "respondent", "action", "owner_person", "owner_organisation"}

# Built once: constructing a statement costs more than running it on SQLite.
_INSERT_NOTE = insert(Note).returning(col(Note.id))
_NOTE_COLUMNS = [name for name in Note.model_fields if name != "id"]
# PostgreSQL: the id comes from the sequence first and the insert returns nothing, as RETURNING
# would make it pass the note's read rule too (the set of all the login's meetings, built anew
# for every note: most of an autosave's time in the database, make bench).
_NEXT_NOTE_ID = sa_select(func.nextval(func.pg_get_serial_sequence("note", "id")))
_INSERT_NOTE_WITH_ID = insert(Note).inline()


class MeetingSession(
    NavigationMixin,
    ParkingMixin,
    JudgingMixin,
    RosterMixin,
    RehearsalMixin,
    ChairMixin,
    BlackoutMixin,
    RecordMixin,
):
    """The service for one meeting, as one window (client) sees it. Create one with
    :meth:`create` or :meth:`open`.

    Each session has its own position and files what it records on the question it shows.
    To change the meeting it must chair it (:meth:`claim_chair`), or nobody else may; see
    ``session/chair.py``.
    """

    @classmethod
    def create(
        cls,
        store: Store,
        question_set: QuestionSet,
        *,
        case_code: str,
        held_on: date,
        location: str = "",
        reason: str = "",
        meeting_type: str | None = None,
        practice_case_id: str | None = None,
        clock: Clock = utc_now,
    ) -> "Saved[MeetingSession]":
        """Plan a new meeting on ``question_set``; warns when the case code looks like a BSN.

        The phase of gefaseerde ketenzorg starts as the last one judged on this case, a
        proposal until it is set at this meeting (:meth:`chain_care_phase_carried`).
        ``practice_case_id`` makes it a rehearsal of that practice case (which starts afresh)."""
        code = _required(case_code)
        if not code:
            raise RuleViolation("Een overleg heeft een casuscode nodig.")
        now = clock()
        with naming_case(lambda: code), store.writing() as db:
            last_phase = None
            if practice_case_id is None:
                last_phase = db.exec(
                    select(Meeting.chain_care_phase)
                    .where(Meeting.case_code == code, col(Meeting.chain_care_phase).is_not(None))
                    .order_by(col(Meeting.held_on).desc(), col(Meeting.created_at).desc())
                ).first()
            meeting = Meeting(
                case_code=code,
                leidraad_id=question_set.id,
                leidraad_version=question_set.version,
                meeting_type=meeting_type or question_set.meeting_type,
                held_on=held_on,
                location=location.strip(),
                reason=reason.strip(),
                status=MeetingStatus.GEPLAND,
                created_at=now,
                practice_case_id=practice_case_id,
                chain_care_phase=last_phase,
            )
            db.add(meeting)
            db.flush()
            assert meeting.id is not None
            db.add(
                MeetingEvent(
                    meeting_id=meeting.id,
                    at=now,
                    action="meeting.created",
                    entity="meeting",
                    entity_id=meeting.id,
                )
            )
            db.commit()
        session = cls(store, meeting.id, question_set, clock)
        return Saved(session, bsn_warnings(code, location, reason))

    @classmethod
    def open(
        cls, store: Store, meeting_id: int, question_set: QuestionSet, clock: Clock = utc_now
    ) -> "MeetingSession":
        """Open an existing meeting (reading it changes nothing; see :meth:`resume`).

        The session starts at the meeting's recorded position and does not claim the chair."""
        with store.reading() as db:
            meeting = db.get(Meeting, meeting_id)
            if meeting is None:
                raise meeting_not_found(meeting_id)
            if meeting.leidraad_id != question_set.id:
                raise RuleViolation(
                    f"Overleg {meeting_id} gebruikt leidraad '{meeting.leidraad_id}', "
                    f"niet '{question_set.id}'."
                )
        return cls(store, meeting_id, question_set, clock)

    def snapshot(self) -> MeetingSnapshot:
        """Everything on this meeting, read in one transaction (one consistent state)."""
        with self._one_read_transaction():
            return MeetingSnapshot(
                taken_at=self._clock(),
                meeting=self.meeting(),
                question_set=self.question_set,
                position=self.position(),
                chair=self.chair_holder(),
                participants=tuple(self.participants()),
                notes=tuple(self.notes()),
                coverage=self.coverage(),
                time_spent=self.time_spent(),
                phase_started_at=self.phase_started_at(),
                chain_care_carried=self.chain_care_phase_carried(),
                in_time_out=self.in_time_out(),
                time_outs=tuple(self.time_outs()),
                safety_scores=tuple(self.safety_scores()),
                judgements=tuple(self.judgements()),
                decisions=tuple(self.decisions()),
                parked_ideas=tuple(self.parked_ideas()),
                carried_over=tuple(self.carried_over()),
                practice_events_shown=self.practice_events_shown(),
                amendments=tuple(self.amendments()),
                author=self.author,
            )

    def update_details(
        self,
        *,
        held_on: date | None = None,
        location: str | None = None,
        reason: str | None = None,
        meeting_type: str | None = None,
        expected_version: int | None = None,
        case_code: str | None = None,
    ) -> Saved[MeetingRecord]:
        """Change the case code, date, place, reason or type; ``expected_version`` is the
        ``details_version`` the change was made on (``EditConflict`` when changed since)."""
        if case_code is not None and not _required(case_code):
            raise RuleViolation("Een overleg heeft een casuscode nodig.")
        with self._write("meeting.details_changed", "meeting") as (db, changed):
            meeting = self._edited_details(db, expected_version)
            if case_code is not None:
                meeting.case_code = case_code.strip()
            if held_on is not None:
                meeting.held_on = held_on
            if location is not None:
                meeting.location = location.strip()
            if reason is not None:
                meeting.reason = reason.strip()
            if meeting_type is not None:
                meeting.meeting_type = meeting_type.strip() or meeting.meeting_type
            changed.append(meeting.id)
        warnings = bsn_warnings(location, reason, case_code)
        return Saved(to_record(MeetingRecord, meeting), warnings)

    def correct_text(self, finding: BsnFinding, text: str) -> Saved[Any]:
        """Replace the text of a finding of :func:`bsn_findings` (e.g. to remove a BSN).

        Refused with ``EditConflict`` when the record was changed since the snapshot the
        finding came from (its ``version``)."""
        if finding.entity == "meeting":
            texts: dict[str, Any] = {finding.field: text}
            return self.update_details(**texts, expected_version=finding.version)
        table, record, label = _CORRECTABLE[finding.entity]
        if finding.field in _REQUIRED_TEXT and not _required(text):
            raise RuleViolation(f"{label}: dit veld mag niet leeg zijn.")
        changes = {finding.field: text}
        return self._update(table, record, finding.record_id, changes, label, finding.version)

    # --- notes -----------------------------------------------------------------------------

    def record_note(
        self,
        kind: NoteKind,
        text: str,
        *,
        participant_id: int | None = None,
        question_id: str | None = None,
        confidential: bool = False,
        typed_at: datetime | None = None,
        once: bool = False,
    ) -> Saved[NoteRecord]:
        """Save a note on the question this session shows (or the given one); committed when
        this returns. ``typed_at``: when it was said, for a note saved later (now without).

        ``once`` (with ``typed_at``): the note may be in the store already, its commit done but
        its confirmation lost with the connection; a note of this meeting with the same moment
        and text is that one, and is returned instead of being saved twice.

        A ``confidential`` note stays out of every export unless it is included on purpose."""
        if not _required(text):
            raise RuleViolation("Een notitie mag niet leeg zijn.")
        if once and typed_at is not None and (earlier := self._note_at(typed_at, text)):
            return Saved(earlier, ())
        # The autosave hot path: prepared Core statements, no ORM unit of work (make bench).
        position = self.position()
        with self._write_rows("note.recorded", "note", running=True) as (connection, changed):
            assert position is not None  # a running meeting has been started
            question = question_id or position.question.id
            said = typed_at or self._clock()
            note = NoteRecord(
                id=0,  # assigned by the database below
                meeting_id=self.meeting_id,
                kind=NoteKind(kind),
                text=text.strip(),
                phase=self.question_set.phase_of(question),
                question_id=question,
                participant_id=participant_id,
                confidential=confidential,
                created_at=said,
                updated_at=said,
                author=self.author,  # on PostgreSQL the database sets it, the same name
            )
            values = {name: getattr(note, name) for name in _NOTE_COLUMNS}
            if connection.dialect.name == "postgresql":
                note_id = connection.execute(_NEXT_NOTE_ID).scalar_one()
                connection.execute(_INSERT_NOTE_WITH_ID, {"id": note_id, **values})
            else:
                note_id = connection.execute(_INSERT_NOTE, values).scalar_one()
            assert note_id is not None
            note = replace(note, id=note_id)
            changed.append(note.id)
        return Saved(note, bsn_warnings(text))

    def _note_at(self, said: datetime, text: str) -> NoteRecord | None:
        """This meeting's note said at ``said`` with ``text``, if it is stored."""
        statement = select(Note).where(
            Note.meeting_id == self.meeting_id, Note.created_at == said, Note.text == text.strip()
        )
        with self._reading() as db:
            row = db.exec(statement.limit(1)).first()
            return None if row is None else to_record(NoteRecord, row)

    def edit_note(self, note_id: int, **changes: Any) -> Saved[NoteRecord]:
        """Change a note's text, kind, speaker or whether it is confidential."""
        if "text" in changes and not _required(changes["text"]):
            raise RuleViolation("Een notitie mag niet leeg zijn.")
        if "kind" in changes:
            changes["kind"] = NoteKind(changes["kind"])
        return self._update(Note, NoteRecord, note_id, changes, "Notitie")

    def delete_note(self, note_id: int) -> None:
        self._delete(Note, note_id, "Notitie")

    def notes(self) -> list[NoteRecord]:
        return self._list(NoteRecord, Note, col(Note.created_at))

    def _edited_details(self, db: Session, expected_version: int | None) -> Meeting:
        """The meeting, to change its details or evaluation: refused when they were changed
        since ``expected_version``; their version goes up by one."""
        meeting = self._editable_meeting(db)
        if expected_version is not None and meeting.details_version != expected_version:
            raise _edit_conflict("meeting")
        meeting.details_version += 1
        return meeting

    # --- evaluation and closing --------------------------------------------------------------

    def set_evaluation(
        self,
        *,
        evaluation_date: date | None,
        next_meeting_on: date | None = None,
        client_informed_by: str | None = None,
        expected_version: int | None = None,
    ) -> Saved[MeetingRecord]:
        """When the plan is evaluated, the next meeting, and who tells the client;
        ``expected_version`` as for :meth:`update_details`."""
        today = self.today()
        for label, value in (
            ("evaluatiedatum", evaluation_date),
            ("datum van het volgende overleg", next_meeting_on),
        ):
            if value is not None and value < today:
                raise RuleViolation(f"De {label} {value:%d-%m-%Y} ligt in het verleden.")
        with self._write("meeting.evaluation_set", "meeting") as (db, changed):
            meeting = self._edited_details(db, expected_version)
            meeting.evaluation_date = evaluation_date
            meeting.next_meeting_on = next_meeting_on
            meeting.client_informed_by = (client_informed_by or "").strip() or None
            changed.append(meeting.id)
        return Saved(to_record(MeetingRecord, meeting), bsn_warnings(client_informed_by))

    def closing_problems(self) -> list[str]:
        """What stops this meeting from closing, one Dutch sentence each; empty if nothing."""
        return closing_problems(
            self.meeting(), self.decisions(), self.open_parked_ideas(), self.pending_reviews()
        )

    def closing_points(self) -> list[str]:
        """Points worth a look before closing that do not block it: voices, untouched questions."""
        facts = MeetingFacts(self.question_set, self.participants(), self.notes(), self.decisions())
        return closing_points(
            self.question_set,
            self.coverage(),
            self.meeting(),
            self.chain_care_phase_carried(),
            facts,
        )

    def close(self) -> MeetingRecord:
        """Close the meeting: only with every open decision owned and an evaluation date set."""
        problems = self.closing_problems()
        if problems:
            raise RuleViolation("Het overleg kan nog niet worden gesloten: " + " ".join(problems))
        with self._write("meeting.closed", "meeting") as (db, changed):
            meeting = self._running_meeting(db)
            now = self._clock()
            self._stop_clock(db, now)
            meeting.status = MeetingStatus.GESLOTEN
            meeting.closed_at = now
            changed.append(meeting.id)
        return to_record(MeetingRecord, meeting)
