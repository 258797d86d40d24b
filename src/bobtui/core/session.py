"""The meeting session: everything a chair does during a casusoverleg, as one service.

Every public method that changes something has committed before it returns, so a killed
process loses nothing that was entered. Each change is also appended to the event log
(what, which record, when; never the text). Callers get plain records, never table rows.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import bindparam, func, insert, or_
from sqlmodel import Session, SQLModel, col, select

from bobtui.core.bsn import bsn_warnings
from bobtui.core.errors import NotFound, RuleViolation
from bobtui.core.leidraad import Question, QuestionSet
from bobtui.core.models import (
    Decision,
    DecisionStatusChange,
    Judgement,
    Meeting,
    MeetingEvent,
    Note,
    Participant,
    PhaseInterval,
    QuestionCoverage,
    SafetyScore,
    TimeOut,
)
from bobtui.core.records import (
    DecisionRecord,
    JudgementRecord,
    MeetingRecord,
    NoteRecord,
    ParticipantRecord,
    SafetyScoreRecord,
    Saved,
    StatusChangeRecord,
    to_record,
)
from bobtui.core.store import Store
from bobtui.core.vocabulary import (
    PHASE_ORDER,
    ChainCarePhase,
    Coverage,
    DecisionStatus,
    Domain,
    JudgementKind,
    Likelihood,
    MeetingStatus,
    NoteKind,
    Phase,
    Presence,
    Priority,
)

Clock = Callable[[], datetime]

# Statements built once: constructing a statement costs more than running it on SQLite.
_INSERT_EVENT = insert(MeetingEvent)
_INSERT_NOTE = insert(Note).returning(col(Note.id))
_NOTE_COLUMNS = [name for name in Note.model_fields if name != "id"]
_MEETING_STATE = select(Meeting.status, Meeting.current_phase, Meeting.current_question_id).where(
    col(Meeting.id) == bindparam("meeting_id")
)
R = TypeVar("R")
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


def _check_score(respondent: str, score: int) -> None:
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        raise RuleViolation("Een veiligheidsscore is een geheel getal van 0 tot en met 10.")
    if not _required(respondent):
        raise RuleViolation("Vermeld wie de veiligheidsscore geeft.")


@dataclass(frozen=True)
class Position:
    """Where the meeting is: the phase and the question on screen."""

    phase: Phase
    question: Question


@dataclass(frozen=True)
class CarriedOverDecision:
    """An open decision from an earlier meeting on the same case, and its review here."""

    decision: DecisionRecord
    from_meeting_held_on: date
    review: StatusChangeRecord | None


class MeetingSession:
    """The service for one meeting. Create one with :meth:`create` or :meth:`open`."""

    def __init__(
        self, store: Store, meeting_id: int, question_set: QuestionSet, clock: Clock = utc_now
    ) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self.question_set = question_set
        self._clock = clock

    # --- lifecycle -------------------------------------------------------------------------

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
        clock: Clock = utc_now,
    ) -> "Saved[MeetingSession]":
        """Plan a new meeting on ``question_set``; warns when the case code looks like a BSN."""
        code = _required(case_code)
        if not code:
            raise RuleViolation("Een overleg heeft een casuscode nodig.")
        now = clock()
        with Session(store.engine, expire_on_commit=False) as db:
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
        """Open an existing meeting (reading it changes nothing; see :meth:`resume`)."""
        with Session(store.engine) as db:
            meeting = db.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound(f"Overleg {meeting_id} bestaat niet.")
            if meeting.leidraad_id != question_set.id:
                raise RuleViolation(
                    f"Overleg {meeting_id} gebruikt leidraad '{meeting.leidraad_id}', "
                    f"niet '{question_set.id}'."
                )
        return cls(store, meeting_id, question_set, clock)

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
        with Session(self.store.engine) as db:
            return to_record(MeetingRecord, self._meeting(db))

    def update_details(
        self,
        *,
        held_on: date | None = None,
        location: str | None = None,
        reason: str | None = None,
        meeting_type: str | None = None,
    ) -> Saved[MeetingRecord]:
        with self._write("meeting.details_changed", "meeting") as (db, changed):
            meeting = self._editable_meeting(db)
            if held_on is not None:
                meeting.held_on = held_on
            if location is not None:
                meeting.location = location.strip()
            if reason is not None:
                meeting.reason = reason.strip()
            if meeting_type is not None:
                meeting.meeting_type = meeting_type.strip() or meeting.meeting_type
            changed.append(meeting.id)
        return Saved(to_record(MeetingRecord, meeting), bsn_warnings(location, reason))

    # --- roster ----------------------------------------------------------------------------

    def add_participant(
        self,
        name: str,
        *,
        organisation: str = "",
        role: str = "",
        domain: Domain | None = None,
        presence: Presence = Presence.AANWEZIG,
        is_client: bool = False,
        is_ervaringsdeskundige: bool = False,
        speaks_for_child: bool = False,
    ) -> Saved[ParticipantRecord]:
        """Add someone to the roster; ``name`` may be a role label such as 'moeder'."""
        if not _required(name):
            raise RuleViolation("Een deelnemer heeft een naam of rol nodig.")
        with self._write("participant.added", "participant") as (db, changed):
            self._editable_meeting(db)
            position = db.exec(
                select(func.count()).where(Participant.meeting_id == self.meeting_id)
            ).one()
            participant = Participant(
                meeting_id=self.meeting_id,
                position=position,
                name=name.strip(),
                organisation=organisation.strip(),
                role=role.strip(),
                domain=domain,
                presence=presence,
                is_client=is_client,
                is_ervaringsdeskundige=is_ervaringsdeskundige,
                speaks_for_child=speaks_for_child,
            )
            db.add(participant)
            db.flush()
            changed.append(participant.id)
        return Saved(
            to_record(ParticipantRecord, participant), bsn_warnings(name, organisation, role)
        )

    def update_participant(self, participant_id: int, **changes: Any) -> Saved[ParticipantRecord]:
        """Change roster fields (name, organisation, role, domain, presence, flags)."""
        return self._update(Participant, ParticipantRecord, participant_id, changes, "Deelnemer")

    def remove_participant(self, participant_id: int) -> None:
        self._delete(Participant, participant_id, "Deelnemer")

    def participants(self) -> list[ParticipantRecord]:
        return self._list(ParticipantRecord, Participant, col(Participant.position))

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
        with Session(self.store.engine) as db:
            statement = select(table).where(table.meeting_id == self.meeting_id)
            rows = db.exec(statement.order_by(*order, table.id)).all()
            return [to_record(record, row) for row in rows]

    # --- moving through the leidraad ---------------------------------------------------------

    def position(self) -> Position | None:
        """The current phase and question, or None before the meeting starts."""
        meeting = self.meeting()
        if meeting.current_phase is None or meeting.current_question_id is None:
            return None
        try:
            question = self.question_set.question(meeting.current_question_id)
        except KeyError:  # the leidraad changed since: fall back to the phase's first question
            question = next(self.question_set.phase(meeting.current_phase).questions())
        return Position(meeting.current_phase, question)

    def start(self) -> Position:
        """Start the meeting at the first question of beeldvorming.

        Open actions from an earlier meeting on the same case are the first agenda point:
        the meeting starts only when each has been reviewed.
        """
        pending = [item for item in self.carried_over() if item.review is None]
        if pending:
            raise RuleViolation(
                f"Bespreek eerst de {len(pending)} open actie(s) uit het vorige overleg."
            )
        first_phase = PHASE_ORDER[0]
        first_question = next(self.question_set.phase(first_phase).questions())
        with self._write("meeting.started", "meeting") as (db, changed):
            meeting = self._editable_meeting(db)
            if meeting.status != MeetingStatus.GEPLAND:
                raise RuleViolation("Dit overleg is al gestart.")
            now = self._clock()
            meeting.status = MeetingStatus.LOPEND
            meeting.started_at = now
            meeting.current_phase = first_phase
            meeting.current_question_id = first_question.id
            db.add(PhaseInterval(meeting_id=self.meeting_id, phase=first_phase, started_at=now))
            changed.append(meeting.id)
        return Position(first_phase, first_question)

    def _questions_in(self, phase: Phase) -> list[Question]:
        return list(self.question_set.phase(phase).questions())

    def _set_coverage(self, db: Session, question_id: str, status: Coverage) -> None:
        phase = self.question_set.phase_of(question_id)
        row = db.get(QuestionCoverage, (self.meeting_id, question_id))
        if row is None:
            row = QuestionCoverage(
                meeting_id=self.meeting_id,
                question_id=question_id,
                phase=phase,
                status=status,
                updated_at=self._clock(),
            )
            db.add(row)
        else:
            row.status = status
            row.updated_at = self._clock()

    def _skip_untouched(self, db: Session, questions: list[Question]) -> None:
        for question in questions:
            if db.get(QuestionCoverage, (self.meeting_id, question.id)) is None:
                self._set_coverage(db, question.id, Coverage.OVERGESLAGEN)

    def go_to_question(self, question_id: str) -> Position:
        """Move to any question of the current phase; the one left counts as discussed.

        Questions jumped over that were never touched count as skipped.
        """
        with self._write("question.entered", "meeting") as (db, changed):
            meeting = self._running_meeting(db)
            assert meeting.current_phase is not None
            phase = Phase(meeting.current_phase)
            questions = self._questions_in(phase)
            ids = [q.id for q in questions]
            if question_id not in ids:
                raise RuleViolation("Die vraag hoort niet bij de huidige fase.")
            left = meeting.current_question_id
            if left in ids and left != question_id:
                self._set_coverage(db, left, Coverage.BESPROKEN)
                start, end = ids.index(left), ids.index(question_id)
                self._skip_untouched(db, questions[start + 1 : end])
            meeting.current_question_id = question_id
            changed.append(meeting.id)
        return Position(phase, self.question_set.question(question_id))

    def _step(self, offset: int) -> Position | None:
        position = self.position()
        if position is None:
            raise RuleViolation("Het overleg is nog niet gestart.")
        ids = [q.id for q in self._questions_in(position.phase)]
        target = ids.index(position.question.id) + offset
        if not 0 <= target < len(ids):
            return None
        return self.go_to_question(ids[target])

    def next_question(self) -> Position | None:
        """The next question of this phase, or None at its last question."""
        return self._step(1)

    def previous_question(self) -> Position | None:
        return self._step(-1)

    def mark_question(self, question_id: str, status: Coverage) -> None:
        """Set a question's coverage by hand (e.g. skip it on purpose)."""
        with self._write("question.marked", "meeting") as (db, changed):
            self._running_meeting(db)
            self._set_coverage(db, question_id, status)
            changed.append(self.meeting_id)

    def coverage(self) -> dict[str, Coverage]:
        """Coverage of every question of the leidraad, in leidraad order."""
        with Session(self.store.engine) as db:
            rows = db.exec(
                select(QuestionCoverage).where(QuestionCoverage.meeting_id == self.meeting_id)
            ).all()
            marked = {row.question_id: Coverage(row.status) for row in rows}
        return {
            q.id: marked.get(q.id, Coverage.NOG_NIET) for q in self.question_set.all_questions()
        }

    def untouched_core_questions(self, phase: Phase) -> list[Question]:
        """Key questions of ``phase`` not discussed yet (the current one counts as in progress)."""
        coverage = self.coverage()
        position = self.position()
        current = position.question.id if position else None
        return [
            q
            for q in self._questions_in(phase)
            if q.core and coverage[q.id] != Coverage.BESPROKEN and q.id != current
        ]

    def leaving_phase_warnings(self) -> list[str]:
        """Gentle warnings before moving on: key questions untouched, or the phase cut short.

        The guide exists because teams jump to solutions, so leaving beeldvorming early is
        worth a second look.
        """
        position = self.position()
        if position is None:
            return []
        warnings = []
        untouched = self.untouched_core_questions(position.phase)
        if untouched:
            warnings.append(
                f"{len(untouched)} kernvra(a)g(en) van {position.phase.value} nog niet besproken."
            )
        if position.phase is Phase.BEELDVORMING:
            spent = self.time_spent()[Phase.BEELDVORMING]
            box = timedelta(minutes=self.question_set.phase(Phase.BEELDVORMING).timebox_minutes)
            if spent < box / 2:
                warnings.append(
                    f"Beeldvorming duurde pas {int(spent.total_seconds() // 60)} van de "
                    f"{int(box.total_seconds() // 60)} minuten; is het beeld compleet?"
                )
        return warnings

    def next_phase(self) -> Position:
        """Move to the next BOB phase. Untouched questions of the phase left count as skipped."""
        with self._write("phase.entered", "meeting") as (db, changed):
            meeting = self._running_meeting(db)
            assert meeting.current_phase is not None
            phase = Phase(meeting.current_phase)
            index = PHASE_ORDER.index(phase)
            if index == len(PHASE_ORDER) - 1:
                raise RuleViolation("Besluitvorming is de laatste fase; sluit het overleg af.")
            if meeting.current_question_id:
                self._set_coverage(db, meeting.current_question_id, Coverage.BESPROKEN)
            self._skip_untouched(db, self._questions_in(phase))
            now = self._clock()
            self._close_open_interval(db, now)
            new_phase = PHASE_ORDER[index + 1]
            first = self._questions_in(new_phase)[0]
            meeting.current_phase = new_phase
            meeting.current_question_id = first.id
            db.add(PhaseInterval(meeting_id=self.meeting_id, phase=new_phase, started_at=now))
            changed.append(meeting.id)
        return Position(new_phase, first)

    # --- the clock: phase time, time-outs, suspend and resume ------------------------------

    def _close_open_interval(self, db: Session, at: datetime) -> None:
        for interval in db.exec(
            select(PhaseInterval).where(
                PhaseInterval.meeting_id == self.meeting_id, col(PhaseInterval.ended_at).is_(None)
            )
        ):
            interval.ended_at = max(at, interval.started_at)

    def _open_time_out(self, db: Session) -> TimeOut | None:
        return db.exec(
            select(TimeOut).where(
                TimeOut.meeting_id == self.meeting_id, col(TimeOut.ended_at).is_(None)
            )
        ).first()

    def start_time_out(self) -> None:
        """Pause the meeting clock (recorded), e.g. when emotions run high."""
        with self._write("timeout.started", "timeout") as (db, changed):
            meeting = self._running_meeting(db)
            if self._open_time_out(db) is not None:
                raise RuleViolation("Er loopt al een time-out.")
            time_out = TimeOut(
                meeting_id=self.meeting_id,
                phase=meeting.current_phase or "",
                started_at=self._clock(),
            )
            db.add(time_out)
            db.flush()
            changed.append(time_out.id)

    def end_time_out(self) -> None:
        with self._write("timeout.ended", "timeout") as (db, changed):
            self._running_meeting(db)
            time_out = self._open_time_out(db)
            if time_out is None:
                raise RuleViolation("Er loopt geen time-out.")
            time_out.ended_at = self._clock()
            changed.append(time_out.id)

    def in_time_out(self) -> bool:
        with Session(self.store.engine) as db:
            return self._open_time_out(db) is not None

    def time_spent(self) -> dict[Phase, timedelta]:
        """Meeting time per phase so far, time-outs not counted."""
        now = self._clock()
        with Session(self.store.engine) as db:
            intervals = db.exec(
                select(PhaseInterval).where(PhaseInterval.meeting_id == self.meeting_id)
            ).all()
            pauses = db.exec(select(TimeOut).where(TimeOut.meeting_id == self.meeting_id)).all()
        spent = {phase: timedelta() for phase in PHASE_ORDER}
        for interval in intervals:
            start, end = interval.started_at, interval.ended_at or now
            paused = sum(
                (
                    max(timedelta(), min(end, p.ended_at or now) - max(start, p.started_at))
                    for p in pauses
                ),
                timedelta(),
            )
            spent[Phase(interval.phase)] += max(timedelta(), end - start - paused)
        return spent

    def meeting_clock(self) -> timedelta:
        return sum(self.time_spent().values(), timedelta())

    def time_outs(self) -> list[tuple[datetime, datetime | None]]:
        with Session(self.store.engine) as db:
            rows = db.exec(
                select(TimeOut)
                .where(TimeOut.meeting_id == self.meeting_id)
                .order_by(col(TimeOut.started_at))
            ).all()
            return [(row.started_at, row.ended_at) for row in rows]

    def suspend(self) -> None:
        """Stop the clock when the app leaves the meeting; :meth:`resume` starts it again."""
        with self._write("meeting.suspended", "meeting") as (db, changed):
            meeting = self._meeting(db)
            if meeting.status != MeetingStatus.LOPEND:
                return
            now = self._clock()
            self._close_open_interval(db, now)
            time_out = self._open_time_out(db)
            if time_out is not None:
                time_out.ended_at = now
            changed.append(meeting.id)

    def resume(self) -> Position | None:
        """Continue a running meeting at the same phase and question, with the clock as it was.

        After a crash the clock stopped at the last recorded change: the time the app was
        down does not count.
        """
        with self._write("meeting.resumed", "meeting") as (db, changed):
            meeting = self._meeting(db)
            if meeting.status != MeetingStatus.LOPEND:
                return None
            last_change = db.exec(
                select(func.max(MeetingEvent.at)).where(MeetingEvent.meeting_id == self.meeting_id)
            ).one()
            stopped_at = last_change or self._clock()
            self._close_open_interval(db, stopped_at)
            time_out = self._open_time_out(db)
            if time_out is not None:
                time_out.ended_at = max(stopped_at, time_out.started_at)
            db.add(
                PhaseInterval(
                    meeting_id=self.meeting_id,
                    phase=meeting.current_phase or "",
                    started_at=self._clock(),
                )
            )
            changed.append(meeting.id)
        return self.position()

    # --- notes -----------------------------------------------------------------------------

    def record_note(
        self,
        kind: NoteKind,
        text: str,
        *,
        participant_id: int | None = None,
        question_id: str | None = None,
    ) -> Saved[NoteRecord]:
        """Save a note on the current (or given) question; committed when this returns."""
        if not _required(text):
            raise RuleViolation("Een notitie mag niet leeg zijn.")
        # The autosave hot path: prepared Core statements, no ORM unit of work (make bench).
        with self._write("note.recorded", "note") as (db, changed):
            connection = db.connection()
            state = connection.execute(_MEETING_STATE, {"meeting_id": self.meeting_id}).first()
            if state is None:
                raise NotFound(f"Overleg {self.meeting_id} bestaat niet.")
            _check_status(state.status, running=True)
            question = question_id or state.current_question_id
            phase = self.question_set.phase_of(question) if question else state.current_phase
            now = self._clock()
            note = NoteRecord(
                id=0,  # assigned by the database below
                meeting_id=self.meeting_id,
                kind=NoteKind(kind),
                text=text.strip(),
                phase=Phase(phase),
                question_id=question,
                participant_id=participant_id,
                created_at=now,
                updated_at=now,
            )
            values = {name: getattr(note, name) for name in _NOTE_COLUMNS}
            note_id = connection.execute(_INSERT_NOTE, values).scalar_one()
            assert note_id is not None
            note = replace(note, id=note_id)
            changed.append(note.id)
        return Saved(note, bsn_warnings(text))

    def edit_note(self, note_id: int, **changes: Any) -> Saved[NoteRecord]:
        """Change a note's text, kind or speaker."""
        if "text" in changes and not _required(changes["text"]):
            raise RuleViolation("Een notitie mag niet leeg zijn.")
        if "kind" in changes:
            changes["kind"] = NoteKind(changes["kind"])
        return self._update(Note, NoteRecord, note_id, changes, "Notitie")

    def delete_note(self, note_id: int) -> None:
        self._delete(Note, note_id, "Notitie")

    def notes(self) -> list[NoteRecord]:
        return self._list(NoteRecord, Note, col(Note.created_at))

    # --- safety scores and judgements --------------------------------------------------------

    def record_safety_score(
        self,
        respondent: str,
        score: int,
        what_would_raise_it: str = "",
        *,
        participant_id: int | None = None,
    ) -> Saved[SafetyScoreRecord]:
        """Record a 0–10 answer to 'how safe is it now?' and what would raise it by one point."""
        _check_score(respondent, score)
        with self._write("safetyscore.recorded", "safetyscore") as (db, changed):
            meeting = self._running_meeting(db)
            row = SafetyScore(
                meeting_id=self.meeting_id,
                participant_id=participant_id,
                respondent=respondent.strip(),
                score=score,
                what_would_raise_it=what_would_raise_it.strip(),
                question_id=meeting.current_question_id,
                created_at=self._clock(),
            )
            db.add(row)
            db.flush()
            changed.append(row.id)
        return Saved(
            to_record(SafetyScoreRecord, row), bsn_warnings(respondent, what_would_raise_it)
        )

    def edit_safety_score(self, score_id: int, **changes: Any) -> Saved[SafetyScoreRecord]:
        """Change who gave a score, the score, or what would raise it."""
        current = next((s for s in self.safety_scores() if s.id == score_id), None)
        if current is None:
            raise NotFound(f"Veiligheidsscore {score_id} hoort niet bij dit overleg.")
        _check_score(
            changes.get("respondent", current.respondent), changes.get("score", current.score)
        )
        return self._update(SafetyScore, SafetyScoreRecord, score_id, changes, "Veiligheidsscore")

    def delete_safety_score(self, score_id: int) -> None:
        self._delete(SafetyScore, score_id, "Veiligheidsscore")

    def safety_scores(self) -> list[SafetyScoreRecord]:
        return self._list(SafetyScoreRecord, SafetyScore, col(SafetyScore.created_at))

    def record_judgement(
        self, kind: JudgementKind, text: str, *, likelihood: Likelihood | None = None
    ) -> Saved[JudgementRecord]:
        """Record a key problem, a risk (with its likelihood) or a dilemma."""
        if not _required(text):
            raise RuleViolation("Een oordeel mag niet leeg zijn.")
        if likelihood is not None and kind != JudgementKind.RISICO:
            raise RuleViolation("Alleen een risico heeft een kans.")
        with self._write("judgement.recorded", "judgement") as (db, changed):
            self._running_meeting(db)
            row = Judgement(
                meeting_id=self.meeting_id,
                kind=JudgementKind(kind),
                text=text.strip(),
                likelihood=likelihood,
                created_at=self._clock(),
            )
            db.add(row)
            db.flush()
            changed.append(row.id)
        return Saved(to_record(JudgementRecord, row), bsn_warnings(text))

    def edit_judgement(self, judgement_id: int, **changes: Any) -> Saved[JudgementRecord]:
        return self._update(Judgement, JudgementRecord, judgement_id, changes, "Oordeel")

    def delete_judgement(self, judgement_id: int) -> None:
        self._delete(Judgement, judgement_id, "Oordeel")

    def judgements(self) -> list[JudgementRecord]:
        return self._list(JudgementRecord, Judgement, col(Judgement.created_at))

    def set_chain_care_phase(self, phase: ChainCarePhase | None) -> None:
        """The phase of gefaseerde ketenzorg the family is in, as judged at this meeting."""
        with self._write("meeting.chain_care_phase_set", "meeting") as (db, changed):
            meeting = self._editable_meeting(db)
            meeting.chain_care_phase = phase
            changed.append(meeting.id)

    # --- decisions ---------------------------------------------------------------------------

    def _check_decision(
        self, action: str, person: str, organisation: str, deadline: date | None
    ) -> None:
        missing = [
            label
            for label, value in (
                ("een actie", action),
                ("een eigenaar (persoon)", person),
                ("de organisatie van de eigenaar", organisation),
            )
            if not _required(value)
        ]
        if deadline is None:
            missing.append("een deadline")
        if missing:
            listed = ", ".join(missing[:-1]) + (" en " if len(missing) > 1 else "") + missing[-1]
            raise RuleViolation(f"Een besluit heeft {listed} nodig.")
        today = self._clock().astimezone().date()
        if deadline is not None and deadline < today:
            raise RuleViolation(f"De deadline {deadline:%d-%m-%Y} ligt in het verleden.")

    def record_decision(
        self,
        action: str,
        *,
        owner_person: str,
        owner_organisation: str,
        deadline: date | None,
        priority: Priority = Priority.MIDDEL,
        chain_care_phase: ChainCarePhase | None = None,
        owner_participant_id: int | None = None,
    ) -> Saved[DecisionRecord]:
        """Record who does what by when. No action leaves the room without owner and deadline."""
        self._check_decision(action, owner_person, owner_organisation, deadline)
        assert deadline is not None
        with self._write("decision.recorded", "decision") as (db, changed):
            self._running_meeting(db)
            now = self._clock()
            row = Decision(
                meeting_id=self.meeting_id,
                action=action.strip(),
                owner_person=owner_person.strip(),
                owner_organisation=owner_organisation.strip(),
                owner_participant_id=owner_participant_id,
                deadline=deadline,
                priority=Priority(priority),
                chain_care_phase=chain_care_phase,
                status=DecisionStatus.OPEN,
                created_at=now,
                updated_at=now,
            )
            db.add(row)
            db.flush()
            assert row.id is not None
            db.add(
                DecisionStatusChange(
                    decision_id=row.id,
                    meeting_id=self.meeting_id,
                    status=DecisionStatus.OPEN,
                    changed_at=now,
                )
            )
            changed.append(row.id)
        return Saved(
            to_record(DecisionRecord, row), bsn_warnings(action, owner_person, owner_organisation)
        )

    def edit_decision(self, decision_id: int, **changes: Any) -> Saved[DecisionRecord]:
        """Change a decision's fields; the rules for a new decision hold for the result."""
        if "status" in changes:
            raise RuleViolation("Wijzig de status met set_decision_status.")
        current = next((d for d in self.decisions() if d.id == decision_id), None)
        if current is None:
            raise NotFound(f"Besluit {decision_id} hoort niet bij dit overleg.")
        self._check_decision(
            changes.get("action", current.action),
            changes.get("owner_person", current.owner_person),
            changes.get("owner_organisation", current.owner_organisation),
            changes.get("deadline", current.deadline),
        )
        return self._update(Decision, DecisionRecord, decision_id, changes, "Besluit")

    def delete_decision(self, decision_id: int) -> None:
        self._delete(Decision, decision_id, "Besluit")

    def decisions(self) -> list[DecisionRecord]:
        return self._list(DecisionRecord, Decision, col(Decision.created_at))

    def set_decision_status(
        self, decision_id: int, status: DecisionStatus, reason: str = ""
    ) -> Saved[DecisionRecord]:
        """Change a decision's status (of this or an earlier meeting); the history keeps each step.

        The change is recorded as made at this meeting.
        """
        with self._write("decision.status_changed", "decision") as (db, changed):
            self._meeting(db)
            row = db.get(Decision, decision_id)
            if row is None:
                raise NotFound(f"Besluit {decision_id} bestaat niet.")
            now = self._clock()
            row.status = DecisionStatus(status)
            row.updated_at = now
            db.add(
                DecisionStatusChange(
                    decision_id=decision_id,
                    meeting_id=self.meeting_id,
                    status=status,
                    reason=reason.strip(),
                    changed_at=now,
                )
            )
            changed.append(decision_id)
        return Saved(to_record(DecisionRecord, row), bsn_warnings(reason))

    def status_history(self, decision_id: int) -> list[StatusChangeRecord]:
        with Session(self.store.engine) as db:
            rows = db.exec(
                select(DecisionStatusChange)
                .where(DecisionStatusChange.decision_id == decision_id)
                .order_by(col(DecisionStatusChange.changed_at), col(DecisionStatusChange.id))
            ).all()
            return [to_record(StatusChangeRecord, row) for row in rows]

    def carried_over(self) -> list[CarriedOverDecision]:
        """Decisions of earlier meetings on this case that were open when this one was planned.

        Each comes with its review at this meeting, if one was recorded.
        """
        with Session(self.store.engine) as db:
            meeting = self._meeting(db)
            earlier = select(Meeting.id).where(
                Meeting.case_code == meeting.case_code,
                Meeting.id != meeting.id,
                col(Meeting.created_at) < meeting.created_at,
            )
            reviews = {
                row.decision_id: row
                for row in db.exec(
                    select(DecisionStatusChange).where(
                        DecisionStatusChange.meeting_id == self.meeting_id
                    )
                )
            }
            rows = db.exec(
                select(Decision, col(Meeting.held_on))
                .join(Meeting, col(Meeting.id) == Decision.meeting_id)
                .where(col(Decision.meeting_id).in_(earlier))
                .where(
                    or_(col(Decision.status) == DecisionStatus.OPEN, col(Decision.id).in_(reviews))
                )
                .order_by(col(Meeting.held_on), col(Decision.deadline), col(Decision.id))
            ).all()
            return [
                CarriedOverDecision(
                    to_record(DecisionRecord, decision),
                    held_on,
                    to_record(StatusChangeRecord, reviews[decision.id])
                    if decision.id in reviews
                    else None,
                )
                for decision, held_on in rows
            ]

    def review_carried_over(
        self, decision_id: int, status: DecisionStatus, reason: str = ""
    ) -> Saved[DecisionRecord]:
        """Record the review of an earlier open action; its new status goes on the original."""
        if decision_id not in {item.decision.id for item in self.carried_over()}:
            raise NotFound(f"Besluit {decision_id} staat niet open uit een eerder overleg.")
        return self.set_decision_status(decision_id, status, reason)

    # --- evaluation and closing --------------------------------------------------------------

    def set_evaluation(
        self,
        *,
        evaluation_date: date | None,
        next_meeting_on: date | None = None,
        client_informed_by: str | None = None,
    ) -> Saved[MeetingRecord]:
        """When the plan is evaluated, the next meeting, and who tells the client."""
        today = self._clock().astimezone().date()
        for label, value in (
            ("evaluatiedatum", evaluation_date),
            ("datum van het volgende overleg", next_meeting_on),
        ):
            if value is not None and value < today:
                raise RuleViolation(f"De {label} {value:%d-%m-%Y} ligt in het verleden.")
        with self._write("meeting.evaluation_set", "meeting") as (db, changed):
            meeting = self._editable_meeting(db)
            meeting.evaluation_date = evaluation_date
            meeting.next_meeting_on = next_meeting_on
            meeting.client_informed_by = (client_informed_by or "").strip() or None
            changed.append(meeting.id)
        return Saved(to_record(MeetingRecord, meeting), bsn_warnings(client_informed_by))

    def closing_problems(self) -> list[str]:
        """What stops this meeting from closing, one Dutch sentence each; empty if nothing."""
        meeting = self.meeting()
        problems = []
        if meeting.status != MeetingStatus.LOPEND:
            problems.append("Het overleg loopt niet.")
        unowned = [
            d
            for d in self.decisions()
            if d.status == DecisionStatus.OPEN
            and not (d.owner_person.strip() and d.owner_organisation.strip())
        ]
        if unowned:
            problems.append(f"{len(unowned)} open besluit(en) zonder eigenaar.")
        if meeting.evaluation_date is None:
            problems.append("Er is geen evaluatiedatum vastgelegd.")
        pending = [item for item in self.carried_over() if item.review is None]
        if pending:
            problems.append(f"{len(pending)} open actie(s) uit het vorige overleg niet besproken.")
        return problems

    def close(self) -> MeetingRecord:
        """Close the meeting: only with every open decision owned and an evaluation date set."""
        problems = self.closing_problems()
        if problems:
            raise RuleViolation("Het overleg kan nog niet worden gesloten: " + " ".join(problems))
        with self._write("meeting.closed", "meeting") as (db, changed):
            meeting = self._running_meeting(db)
            now = self._clock()
            if meeting.current_question_id:
                self._set_coverage(db, meeting.current_question_id, Coverage.BESPROKEN)
            self._close_open_interval(db, now)
            time_out = self._open_time_out(db)
            if time_out is not None:
                time_out.ended_at = now
            meeting.status = MeetingStatus.GESLOTEN
            meeting.closed_at = now
            changed.append(meeting.id)
        return to_record(MeetingRecord, meeting)
