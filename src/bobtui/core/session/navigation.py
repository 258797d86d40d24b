"""Moving through the leidraad: phases and questions, skipping what was passed over.

Each session moves on its own: navigation changes the position this session holds in memory
(see ``SessionBase.position``). A session that may write (it chairs the meeting, or nobody else
does) also records each move: the meeting's position (where a restart resumes), the questions
jumped over as skipped, and, entering a phase, the meeting's phase clock. A read-only window only
browses: its moves change nothing stored, so the meeting's phase and clock stay the chair's.
"""

from datetime import timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from bobtui.core.domain.errors import RuleViolation
from bobtui.core.domain.vocabulary import PHASE_ORDER, Coverage, MeetingStatus, Phase, counted
from bobtui.core.questions.sets import Question
from bobtui.core.session._base import _required
from bobtui.core.session.clock import ClockMixin
from bobtui.core.session.decisions import DecisionsMixin
from bobtui.core.snapshot import Position
from bobtui.core.store.tables import OwnQuestion, PhaseInterval, QuestionCoverage


class NavigationMixin(ClockMixin, DecisionsMixin):
    """Phases and questions in BOB order, with coverage and gentle warnings."""

    def _started_position(self) -> Position:
        position = self.position()
        if position is None:
            raise RuleViolation("Het overleg is nog niet gestart.")
        return position

    def start(self) -> Position:
        """Start the meeting at the first question of beeldvorming.

        Open actions from an earlier meeting on the same case are the first agenda point:
        the meeting starts only when each has been reviewed.
        """
        pending = self.pending_reviews()
        if pending:
            raise RuleViolation(
                f"Bespreek eerst de {counted(len(pending), 'open actie', 'open acties')}"
                " uit het vorige overleg."
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
        self._position = Position(first_phase, first_question)
        return self._position

    def _questions_in(self, phase: Phase) -> list[Question]:
        return list(self.question_set.phase(phase).questions())

    def _skip_untouched(self, db: Session, questions: list[Question]) -> None:
        for question in questions:
            if db.get(QuestionCoverage, (self.meeting_id, question.id)) is None:
                self._set_coverage(db, question.id, Coverage.OVERGESLAGEN)

    def go_to_question(self, question_id: str, *, skip_between: bool = True) -> Position:
        """Move this session to any question of its phase.

        The question left keeps its coverage: passing over it is not discussing it (see
        ``coverage``). Questions jumped over that were never touched count as skipped, unless
        ``skip_between`` is False (an own question is added at the end of its theme).
        Recorded when this session may write; a read-only window only browses.
        """
        position = self._started_position()
        questions = self._questions_in(position.phase)
        ids = [q.id for q in questions]
        if question_id not in ids:
            raise RuleViolation("Die vraag hoort niet bij de huidige fase.")
        if self._may_write():
            with self._write("question.entered", "meeting") as (db, changed):
                meeting = self._running_meeting(db)
                left = position.question.id
                if skip_between and left in ids:
                    start, end = ids.index(left), ids.index(question_id)
                    self._skip_untouched(db, questions[start + 1 : end])
                meeting.current_phase = position.phase
                meeting.current_question_id = question_id
                changed.append(meeting.id)
        self._position = Position(position.phase, self.question_set.question(question_id))
        return self._position

    def _step(self, offset: int) -> Position | None:
        position = self._started_position()
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

    def untouched_core_questions(self, phase: Phase) -> list[Question]:
        """Key questions of ``phase`` not discussed yet, the one on screen too."""
        coverage = self.coverage()
        return [
            q for q in self._questions_in(phase) if q.core and coverage[q.id] != Coverage.BESPROKEN
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
            count = counted(len(untouched), "kernvraag", "kernvragen")
            listed = "; ".join(f"'{q.text}'" for q in untouched[:3])
            more = " …" if len(untouched) > 3 else ""
            warnings.append(f"{count} nog niet besproken: {listed}{more}")
        if position.phase is Phase.BEELDVORMING:
            spent = self.time_spent()[Phase.BEELDVORMING]
            box = timedelta(minutes=self.question_set.phase(Phase.BEELDVORMING).timebox_minutes)
            if spent < box / 2:
                warnings.append(
                    f"Beeldvorming duurde pas {int(spent.total_seconds() // 60)} van de "
                    f"{int(box.total_seconds() // 60)} minuten; is het beeld compleet?"
                )
        return warnings

    def add_own_question(self, text: str) -> Position:
        """Add a question of the chair's own to this session's theme and go to it."""
        position = self._started_position()
        if not _required(text):
            raise RuleViolation("Een eigen vraag mag niet leeg zijn.")
        theme = self.question_set.theme_of(position.question.id)
        with self._write("ownquestion.added", "ownquestion") as (db, changed):
            self._running_meeting(db)
            number = db.exec(
                select(func.count()).where(OwnQuestion.meeting_id == self.meeting_id)
            ).one()
            row = OwnQuestion(
                meeting_id=self.meeting_id,
                question_id=f"eigen-{number + 1}",
                theme_id=theme.id,
                text=text.strip(),
                created_at=self._clock(),
            )
            db.add(row)
            db.flush()
            changed.append(row.id)
        self.question_set = self._with_own_questions()
        return self.go_to_question(row.question_id, skip_between=False)

    def next_phase(self) -> Position:
        """Move this session to the next BOB phase.

        When this session may write, the move is the meeting's: questions of the phase left
        that were never discussed nor marked count as skipped and the phase clock moves on. A
        read-only window only browses, and the meeting's phase clock keeps running in the
        chair's phase.
        """
        position = self._started_position()
        index = PHASE_ORDER.index(position.phase)
        if index == len(PHASE_ORDER) - 1:
            raise RuleViolation("Besluitvorming is de laatste fase; sluit het overleg af.")
        new_phase = PHASE_ORDER[index + 1]
        first = self._questions_in(new_phase)[0]
        if self._may_write():
            with self._write("phase.entered", "meeting") as (db, changed):
                meeting = self._running_meeting(db)
                self._skip_untouched(db, self._questions_in(position.phase))
                now = self._clock()
                self._close_open_interval(db, now)
                meeting.current_phase = new_phase
                meeting.current_question_id = first.id
                db.add(PhaseInterval(meeting_id=self.meeting_id, phase=new_phase, started_at=now))
                changed.append(meeting.id)
        self._position = Position(new_phase, first)
        return self._position

    def resume(self) -> Position | None:
        """Continue a running meeting at the phase and question last recorded, with the clock
        as it was; this session moves there.

        After a crash the clock stopped at the last recorded change: the time the app was
        down does not count. A change like any other: refused in a read-only window.
        """
        if self.meeting().status != MeetingStatus.LOPEND:
            return None
        with self._write("meeting.resumed", "meeting") as (db, changed):
            meeting = self._running_meeting(db)
            self._restart_clock(db, Phase(meeting.current_phase or PHASE_ORDER[0]))
            recorded = self._position_at(meeting.current_phase, meeting.current_question_id)
            changed.append(meeting.id)
        self._position = recorded
        return recorded
