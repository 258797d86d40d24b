"""The parkeerplaats: ideas proposed while the picture is still forming, kept for besluitvorming.

The chair keeps the BOB order without losing the idea: each parked idea comes back when the
decisions are made, and is turned into a decision or dropped before the meeting closes.
"""

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from bobtui.core.domain.bsn import bsn_warnings
from bobtui.core.domain.errors import NotFound, RuleViolation
from bobtui.core.domain.records import DecisionRecord, ParkedIdeaRecord, Saved, to_record
from bobtui.core.domain.vocabulary import PHASE_ORDER, ParkedOutcome
from bobtui.core.session._base import _required
from bobtui.core.session.decisions import DecisionsMixin
from bobtui.core.store.tables import ParkedIdea


class ParkingMixin(DecisionsMixin):
    """Park an idea with who proposed it; decide on it or drop it in besluitvorming."""

    def park_idea(self, text: str, *, participant_id: int | None = None) -> Saved[ParkedIdeaRecord]:
        """Park an idea on the question this session shows."""
        if not _required(text):
            raise RuleViolation("Een geparkeerd idee mag niet leeg zijn.")
        position = self.position()
        with self._write("parkedidea.recorded", "parkedidea") as (db, changed):
            self._running_meeting(db)
            idea = ParkedIdea(
                meeting_id=self.meeting_id,
                text=text.strip(),
                participant_id=participant_id,
                phase=position.phase if position else PHASE_ORDER[0],
                question_id=position.question.id if position else None,
                created_at=self._clock(),
            )
            db.add(idea)
            db.flush()
            changed.append(idea.id)
        return Saved(to_record(ParkedIdeaRecord, idea), bsn_warnings(text))

    def parked_ideas(self) -> list[ParkedIdeaRecord]:
        return self._list(ParkedIdeaRecord, ParkedIdea, col(ParkedIdea.created_at))

    def open_parked_ideas(self) -> list[ParkedIdeaRecord]:
        return [idea for idea in self.parked_ideas() if idea.outcome is None]

    def _open_idea(self, db: Session, idea_id: int) -> ParkedIdea:
        idea = db.exec(
            select(ParkedIdea).where(
                ParkedIdea.id == idea_id, ParkedIdea.meeting_id == self.meeting_id
            )
        ).first()
        if idea is None:
            raise NotFound(f"Geparkeerd idee {idea_id} hoort niet bij dit overleg.")
        if idea.outcome is not None:
            raise RuleViolation("Dit geparkeerde idee is al behandeld.")
        return idea

    def decide_parked_idea(
        self,
        idea_id: int,
        action: str,
        *,
        owner_person: str,
        owner_organisation: str,
        deadline: date | None,
        **decision: Any,
    ) -> Saved[DecisionRecord]:
        """Turn a parked idea into a decision (same rules as any decision)."""
        with self._reading() as db:
            self._open_idea(db, idea_id)
        saved = self.record_decision(
            action,
            owner_person=owner_person,
            owner_organisation=owner_organisation,
            deadline=deadline,
            **decision,
        )
        self._resolve(idea_id, ParkedOutcome.BESLUIT, saved.item.id)
        return saved

    def drop_parked_idea(self, idea_id: int) -> None:
        """Besluitvorming weighed the idea and let it go."""
        self._resolve(idea_id, ParkedOutcome.VERVALLEN, None)

    def _resolve(self, idea_id: int, outcome: ParkedOutcome, decision_id: int | None) -> None:
        with self._write(f"parkedidea.{outcome.value}", "parkedidea") as (db, changed):
            self._running_meeting(db)
            idea = self._open_idea(db, idea_id)
            idea.outcome = outcome
            idea.decision_id = decision_id
            idea.resolved_at = self._clock()
            changed.append(idea_id)
