"""Which questions were discussed: only those something was recorded on, or the chair marked.

Moving past a question says nothing about it, so it stays "not yet" and the warning before the
next phase counts it. A question counts as discussed when it holds a note, a safety score, a
parked idea, a judgement or a decision (each filed under the question on screen when it was
recorded, and found from what is stored, so an undone note takes its mark with it), or when the
chair marked it. Judgements and decisions from before they kept their question (migration 0012)
marked it at the time; that mark still counts.
"""

from sqlmodel import Session, col, select

from bobtui.core.domain.vocabulary import Coverage
from bobtui.core.session._base import SessionBase
from bobtui.core.store.tables import (
    Decision,
    Judgement,
    Note,
    ParkedIdea,
    QuestionCoverage,
    SafetyScore,
)


class CoverageMixin(SessionBase):
    """The coverage of the leidraad's questions in one meeting."""

    def _set_coverage(self, db: Session, question_id: str, status: Coverage) -> None:
        row = db.get(QuestionCoverage, (self.meeting_id, question_id))
        if row is None:
            row = QuestionCoverage(
                meeting_id=self.meeting_id,
                question_id=question_id,
                phase=self.question_set.phase_of(question_id),
                status=status,
                updated_at=self._clock(),
            )
            db.add(row)
        else:
            row.status = status
            row.updated_at = self._clock()

    def coverage(self) -> dict[str, Coverage]:
        """Coverage of every question of the leidraad, in leidraad order."""
        with self._reading() as db:
            rows = db.exec(
                select(QuestionCoverage).where(QuestionCoverage.meeting_id == self.meeting_id)
            ).all()
            marked = {row.question_id: Coverage(row.status) for row in rows}
            recorded: set[str | None] = set()
            for table in (Note, SafetyScore, ParkedIdea, Judgement, Decision):
                recorded.update(
                    db.exec(
                        select(col(table.question_id))
                        .where(table.meeting_id == self.meeting_id)
                        .distinct()
                    ).all()
                )
        return {
            q.id: Coverage.BESPROKEN if q.id in recorded else marked.get(q.id, Coverage.NOG_NIET)
            for q in self.question_set.all_questions()
        }

    def mark_question(self, question_id: str, status: Coverage) -> None:
        """Set a question's coverage by hand: discussed without a note, or skipped on purpose."""
        with self._write("question.marked", "meeting") as (db, changed):
            self._running_meeting(db)
            self._set_coverage(db, question_id, status)
            changed.append(self.meeting_id)
