"""Reading one case's history from the store; the records are in domain/history.py."""

from datetime import date

from sqlmodel import col, select

from bobtui.core.domain.errors import NotFound
from bobtui.core.domain.history import CaseHistory, DecisionState, MeetingPoint, ScorePoint
from bobtui.core.domain.vocabulary import ChainCarePhase, DecisionStatus, MeetingStatus
from bobtui.core.store.engine import Store
from bobtui.core.store.tables import Decision, Meeting, SafetyScore


def case_history(store: Store, case_code: str, today: date) -> CaseHistory:
    """Everything recorded on ``case_code``, oldest meeting first."""
    code = case_code.strip()
    with store.reading() as db:
        meetings = db.exec(
            select(Meeting)
            .where(Meeting.case_code == code)
            .order_by(col(Meeting.held_on), col(Meeting.id))
        ).all()
        if not meetings:
            raise NotFound(f"Er is geen overleg met casuscode '{code}'.")
        ids = [m.id for m in meetings]
        scores: dict[int, list[ScorePoint]] = {}
        for row in db.exec(
            select(SafetyScore)
            .where(col(SafetyScore.meeting_id).in_(ids))
            .order_by(col(SafetyScore.created_at), col(SafetyScore.id))
        ):
            scores.setdefault(row.meeting_id, []).append(ScorePoint(row.respondent, row.score))
        held_on = {m.id: m.held_on for m in meetings}
        decisions = db.exec(
            select(Decision)
            .where(col(Decision.meeting_id).in_(ids))
            .order_by(col(Decision.deadline), col(Decision.id))
        ).all()
        return CaseHistory(
            case_code=code,
            meetings=tuple(
                MeetingPoint(
                    meeting_id=m.id or 0,
                    held_on=m.held_on,
                    status=MeetingStatus(m.status),
                    leidraad_id=m.leidraad_id,
                    chain_care_phase=ChainCarePhase(m.chain_care_phase)
                    if m.chain_care_phase
                    else None,
                    scores=tuple(scores.get(m.id or 0, ())),
                    finalized=m.finalized_at is not None,
                )
                for m in meetings
            ),
            decisions=tuple(
                DecisionState(
                    decision_id=d.id or 0,
                    action=d.action,
                    owner_person=d.owner_person,
                    owner_organisation=d.owner_organisation,
                    deadline=d.deadline,
                    status=DecisionStatus(d.status),
                    meeting_held_on=held_on[d.meeting_id],
                    overdue_days=(today - d.deadline).days
                    if d.status == DecisionStatus.OPEN and d.deadline < today
                    else None,
                )
                for d in decisions
            ),
        )
