"""Everything on a meeting at one moment, read in one transaction: what the meeting screen, the
summary and the feedback report are built from, so they never mix two states of the meeting."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bobtui.core.domain.records import (
    AmendmentRecord,
    CarriedOverDecision,
    ChairHolder,
    DecisionRecord,
    JudgementRecord,
    MeetingRecord,
    NoteRecord,
    ParkedIdeaRecord,
    ParticipantRecord,
    SafetyScoreRecord,
)
from bobtui.core.domain.vocabulary import Coverage, Phase

if TYPE_CHECKING:  # pydantic models; the snapshot only carries them
    from bobtui.core.questions.sets import Question, QuestionSet


@dataclass(frozen=True)
class Position:
    """Where the meeting is: the phase and the question on screen."""

    phase: Phase
    question: "Question"


@dataclass(frozen=True)
class MeetingSnapshot:
    """One consistent reading of a meeting (see ``MeetingSession.snapshot``)."""

    taken_at: datetime
    meeting: MeetingRecord
    question_set: "QuestionSet"
    """With the chair's own questions added."""
    position: Position | None
    """Where the window that took the snapshot is; ``meeting`` has where the chair is."""
    chair: ChairHolder | None
    """Who chairs the meeting (None: nobody, or a holder gone silent)."""
    participants: tuple[ParticipantRecord, ...]
    notes: tuple[NoteRecord, ...]
    coverage: dict[str, Coverage]
    time_spent: dict[Phase, timedelta]
    phase_started_at: dict[Phase, datetime]
    chain_care_carried: bool
    """The meeting's phase of gefaseerde ketenzorg is the last meeting's, not yet set here."""
    in_time_out: bool
    time_outs: tuple[tuple[datetime, datetime | None], ...]
    safety_scores: tuple[SafetyScoreRecord, ...]
    judgements: tuple[JudgementRecord, ...]
    decisions: tuple[DecisionRecord, ...]
    parked_ideas: tuple[ParkedIdeaRecord, ...]
    carried_over: tuple[CarriedOverDecision, ...]
    practice_events_shown: dict[int, datetime]
    amendments: tuple[AmendmentRecord, ...] = ()
    """Corrections after finalizing, and reopenings, oldest first."""
    author: str = ""
    """Who the window that took the snapshot records notes as (``NoteRecord.author``)."""

    @property
    def open_parked_ideas(self) -> tuple[ParkedIdeaRecord, ...]:
        return tuple(idea for idea in self.parked_ideas if idea.outcome is None)

    @property
    def elapsed(self) -> timedelta:
        """Meeting time so far, time-outs not counted."""
        return sum(self.time_spent.values(), timedelta())

    def notes_on(self, question_id: str) -> list[NoteRecord]:
        return [note for note in self.notes if note.question_id == question_id]
