"""Time against the timebox, both ways: each BOB phase against the case's minimum and maximum,
and the share of the meeting it took next to the share the leidraad intends."""

from datetime import timedelta

from bobtui.core.snapshot import MeetingSnapshot
from bobtui.core.training.cases import PracticeCase
from bobtui.core.training.moments import Figure, Stopwatch, duration, minutes_seconds


def _percent(part: float, whole: float) -> int:
    return round(100 * part / whole) if whole else 0


def phase_time_figures(
    snapshot: MeetingSnapshot, case: PracticeCase, at: Stopwatch
) -> list[Figure]:
    spent = snapshot.time_spent
    entered = snapshot.phase_started_at
    total = sum(spent.values(), timedelta())
    intended_total = sum(g.timebox_minutes for g in snapshot.question_set.phases)
    figures = []
    for guide in snapshot.question_set.phases:
        phase = guide.phase
        used = spent[phase]
        timing = case.timing_of(phase)
        low, high = (
            timedelta(minutes=timing.minimum_minutes),
            timedelta(minutes=timing.maximum_minutes),
        )
        share = _percent(used.total_seconds(), total.total_seconds())
        intended = _percent(guide.timebox_minutes, intended_total)
        expected = (
            f"verwacht {timing.minimum_minutes}–{timing.maximum_minutes} min; "
            f"{share} % van het overleg, de leidraad bedoelt {intended} %"
        )
        value = f"{minutes_seconds(used)}; {share} % (doel {intended} %)"
        if phase not in entered or used == timedelta():
            reason = f"Overgeslagen; {expected}."
            value = f"overgeslagen: {value}"
        elif used < low:
            reason = f"Te kort: {duration(low - used)} korter dan het minimum; {expected}."
            value = f"te kort: {value}"
        elif used > high:
            reason = f"Te lang: {duration(used - high)} over het maximum; {expected}."
            value = f"te lang: {value}"
        else:
            reason = f"Binnen de tijd; {expected}."
        outside = max(low - used, used - high, timedelta())
        figures.append(
            Figure(
                f"tijd-{phase.value}",
                f"Tijd in {phase.value}",
                value,
                outside > timedelta(),
                reason,
                (at(entered[phase], f"{phase.label} begint"),) if phase in entered else (),
                outside.total_seconds(),
            )
        )
    return figures
