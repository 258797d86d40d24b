"""One case over time: its meetings in order, the safety-score trend, the chain-care phase, and
every decision with its current status."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from bobtui.core.errors import NotFound
from bobtui.core.models import Decision, Meeting, SafetyScore
from bobtui.core.store import Store
from bobtui.core.vocabulary import ChainCarePhase, DecisionStatus, MeetingStatus

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class ScorePoint:
    respondent: str
    score: int


@dataclass(frozen=True)
class MeetingPoint:
    meeting_id: int
    held_on: date
    status: MeetingStatus
    leidraad_id: str
    chain_care_phase: ChainCarePhase | None
    scores: tuple[ScorePoint, ...]

    @property
    def mean_score(self) -> float | None:
        if not self.scores:
            return None
        return sum(s.score for s in self.scores) / len(self.scores)


@dataclass(frozen=True)
class DecisionState:
    decision_id: int
    action: str
    owner_person: str
    owner_organisation: str
    deadline: date
    status: DecisionStatus
    meeting_held_on: date
    overdue: bool


@dataclass(frozen=True)
class CaseHistory:
    case_code: str
    meetings: tuple[MeetingPoint, ...]
    decisions: tuple[DecisionState, ...]

    @property
    def score_trend(self) -> list[float | None]:
        """The mean safety score of each meeting, None where none was given."""
        return [m.mean_score for m in self.meetings]


def case_history(store: Store, case_code: str, today: date) -> CaseHistory:
    """Everything recorded on ``case_code``, oldest meeting first."""
    code = case_code.strip()
    with Session(store.engine) as db:
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
                    overdue=d.status == DecisionStatus.OPEN and d.deadline < today,
                )
                for d in decisions
            ),
        )


def sparkline(values: Sequence[float | None], maximum: float = 10) -> str:
    """One block per value on a 0..maximum scale; a dot where there is no value."""
    top = len(SPARK_BLOCKS) - 1
    return "".join(
        "·" if v is None else SPARK_BLOCKS[round(max(0.0, min(v, maximum)) / maximum * top)]
        for v in values
    )


def chart_points(
    values: Sequence[float | None], width: int, height: int, maximum: float = 10
) -> list[tuple[float, float, float]]:
    """(x, y, value) for each meeting with a score, for an SVG line chart ``width``×``height``
    (y grows downwards, as in SVG)."""
    step = width / max(len(values) - 1, 1)
    return [
        (round(i * step, 1), round(height - v / maximum * height, 1), v)
        for i, v in enumerate(values)
        if v is not None
    ]
