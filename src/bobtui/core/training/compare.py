"""Two rehearsals of one case side by side: per measure better, worse or equal with both
values, and the key decisions of both."""

from dataclasses import dataclass

from bobtui.core.training.feedback import FeedbackReport
from bobtui.core.training.feedback_facts import KeyResult
from bobtui.core.training.moments import Figure


@dataclass(frozen=True)
class ComparedFigure:
    label: str
    first: str
    second: str
    verdict: str
    """For the second against the first: beter, slechter, gelijk, or why it cannot be said."""


def _rank(figure: Figure) -> float | None:
    """A figure's measure; one without a measure that needs attention (a voice never asked)
    ranks worst."""
    if figure.measure is None and figure.attention:
        return float("inf")
    return figure.measure


def compare_reports(first: FeedbackReport, second: FeedbackReport) -> list[ComparedFigure]:
    """Figure by figure, the second rehearsal against the first (lower measures are better)."""
    rows = []
    for figure in first.figures:
        other = next((f for f in second.figures if f.key == figure.key), None)
        if other is None:
            rows.append(ComparedFigure(figure.label, figure.value, "—", "niet in de tweede"))
            continue
        a, b = _rank(figure), _rank(other)
        if a is None or b is None:
            verdict = "gelijk" if figure.value == other.value else "niet te vergelijken"
        else:
            verdict = "gelijk" if a == b else ("beter" if b < a else "slechter")
        rows.append(ComparedFigure(figure.label, figure.value, other.value, verdict))
    return rows


def _key_cell(result: KeyResult | None) -> str:
    if result is None:
        return "—"
    return f"{result.captured.clock} {result.captured.what}" if result.captured else "gemist"


def compare_decisions(first: FeedbackReport, second: FeedbackReport) -> list[tuple[str, str, str]]:
    """Per key decision of the case: how each rehearsal took it (when, what, owner)."""
    return [
        (a.text, _key_cell(a), _key_cell(b))
        for a, b in zip(first.key_decisions, second.key_decisions, strict=False)
    ]


def side_by_side_decisions(first: FeedbackReport, second: FeedbackReport) -> list[tuple[str, str]]:
    """Every decision both rehearsals recorded, in their order, next to each other."""

    def line(report: FeedbackReport, index: int) -> str:
        if index >= len(report.decisions):
            return ""
        d = report.decisions[index]
        return f"{d.moment.clock} {d.action} ({d.owner}, {d.deadline})"

    count = max(len(first.decisions), len(second.decisions))
    return [(line(first, i), line(second, i)) for i in range(count)]
