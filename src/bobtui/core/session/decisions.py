"""Decisions: who does what by when, their status history, and review at the next meeting."""

from datetime import date
from typing import Any

from sqlalchemy import or_
from sqlmodel import col, select

from bobtui.core.domain.bsn import bsn_warnings
from bobtui.core.domain.errors import NotFound, RuleViolation
from bobtui.core.domain.records import (
    CarriedOverDecision,
    DecisionRecord,
    Saved,
    StatusChangeRecord,
    to_record,
)
from bobtui.core.domain.vocabulary import ChainCarePhase, DecisionStatus, Priority
from bobtui.core.session._base import _required
from bobtui.core.session.coverage import CoverageMixin
from bobtui.core.store.meetings import earlier_on_case
from bobtui.core.store.tables import Decision, DecisionStatusChange, Meeting


class DecisionsMixin(CoverageMixin):
    """Decisions with owner and deadline, their status history and carry-over review."""

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
        today = self.today()
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
        """Record who does what by when. No action leaves the room without owner and deadline.

        Filed on the question this session shows: it counts as discussed by it."""
        self._check_decision(action, owner_person, owner_organisation, deadline)
        assert deadline is not None
        position = self.position()
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
                question_id=position.question.id if position else None,
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

    def edit_decision(
        self, decision_id: int, *, expected_version: int | None = None, **changes: Any
    ) -> Saved[DecisionRecord]:
        """Change a decision's fields; the rules for a new decision hold for the result.

        ``expected_version`` is the version the change was made on (``DecisionRecord.version``
        as shown): when the decision was changed since, in another window or by the
        coordinator, ``EditConflict`` is raised and nothing changes. Without it, the change
        goes on whatever is stored."""
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
        return self._update(
            Decision, DecisionRecord, decision_id, changes, "Besluit", expected_version
        )

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
        with self._reading() as db:
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
        with self._reading() as db:
            meeting = self._meeting(db)
            earlier = select(Meeting.id).where(*earlier_on_case(meeting))
            # In order, so a second review of the same action at this meeting is the one shown.
            reviews = {
                row.decision_id: row
                for row in db.exec(
                    select(DecisionStatusChange)
                    .where(DecisionStatusChange.meeting_id == self.meeting_id)
                    .order_by(col(DecisionStatusChange.changed_at), col(DecisionStatusChange.id))
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

    def pending_reviews(self) -> list[CarriedOverDecision]:
        """Earlier open actions not yet reviewed at this meeting."""
        return [item for item in self.carried_over() if item.review is None]

    def review_carried_over(
        self, decision_id: int, status: DecisionStatus, reason: str = ""
    ) -> Saved[DecisionRecord]:
        """Record the review of an earlier open action; its new status goes on the original."""
        if decision_id not in {item.decision.id for item in self.carried_over()}:
            raise NotFound(f"Besluit {decision_id} staat niet open uit een eerder overleg.")
        return self.set_decision_status(decision_id, status, reason)
