"""One case over time, as plain records: its meetings in order, the safety-score trend, the
chain-care phase, and every decision with its current status (read by store/history.py)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bobtui.core.domain.vocabulary import (
    ChainCarePhase,
    DecisionStatus,
    MeetingStatus,
    meeting_state,
)

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
    finalized: bool = False

    @property
    def state(self) -> str:
        """gepland, lopend, gesloten (concept) or vastgesteld."""
        return meeting_state(self.status, finalized=self.finalized)

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
    overdue_days: int | None
    """Days past the deadline while still open; None: in time, done or cancelled."""

    @property
    def overdue(self) -> bool:
        return self.overdue_days is not None


@dataclass(frozen=True)
class CaseHistory:
    case_code: str
    meetings: tuple[MeetingPoint, ...]
    decisions: tuple[DecisionState, ...]

    @property
    def score_trend(self) -> list[float | None]:
        """The mean safety score of each meeting, None where none was given."""
        return [m.mean_score for m in self.meetings]


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
