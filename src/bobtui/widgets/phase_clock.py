"""The phase clock: the meeting's time and each BOB phase's time against its timebox.

It ticks without asking the database: the time is counted on from the latest snapshot
(:func:`time_spent_at`), and anything that stops or moves the clock (a time-out, the next phase,
closing) brings a new snapshot anyway.
"""

from datetime import datetime, timedelta

from rich.text import Text
from textual.widgets import Static

from bobtui.core.domain.vocabulary import MeetingStatus, Phase
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.widgets.text import show_text


def minutes(duration: timedelta) -> str:
    """A duration as ``m:ss``."""
    total = int(duration.total_seconds())
    return f"{total // 60}:{total % 60:02d}"


def time_spent_at(snapshot: MeetingSnapshot, now: datetime) -> dict[Phase, timedelta]:
    """Time per phase at ``now``: the snapshot's, with the phase it was taken in running on.

    The meeting screen only shows a meeting it started or resumed, so a running meeting's phase
    clock is running unless a time-out is on. Pass the snapshot as read, not one with the
    screen's newer position: the time since it was taken belongs to the phase it was taken in.
    """
    spent = dict(snapshot.time_spent)
    running = snapshot.meeting.status is MeetingStatus.LOPEND and not snapshot.in_time_out
    if running and snapshot.position is not None:
        spent[snapshot.position.phase] += max(timedelta(), now - snapshot.taken_at)
    return spent


def status_line(snapshot: MeetingSnapshot, spent: dict[Phase, timedelta]) -> Text:
    """The clock in one line, for a terminal too narrow for the left pane: the meeting's time,
    the current phase's against its timebox (``!`` past it) and a time-out mark."""
    line = Text(f"Overleg {minutes(sum(spent.values(), timedelta()))}")
    if snapshot.position is not None:
        phase = snapshot.position.phase
        guide = next(g for g in snapshot.question_set.phases if g.phase is phase)
        over = " !" if spent[phase] > timedelta(minutes=guide.timebox_minutes) else ""
        line.append(" · ").append(
            f"{phase.label} {minutes(spent[phase])} / {guide.timebox_minutes}:00{over}", "bold"
        )
    if snapshot.in_time_out:
        line.append("  ").append(" TIME-OUT ", style="reverse")
    return line


class PhaseClock(Static):
    """``Overleg m:ss``, a time-out mark, and one line per phase; the current phase in bold."""

    def show(self, snapshot: MeetingSnapshot, spent: dict[Phase, timedelta]) -> None:
        """Show ``spent`` (from :func:`time_spent_at`) against the timeboxes of ``snapshot``."""
        current = snapshot.position.phase if snapshot.position else None
        clock = Text(f"Overleg {minutes(sum(spent.values(), timedelta()))}")
        if snapshot.in_time_out:
            clock.append("  ").append(" TIME-OUT ", style="reverse")
        for guide in snapshot.question_set.phases:
            label = (
                f"{guide.phase.label} {minutes(spent[guide.phase])} / {guide.timebox_minutes}:00"
            )
            clock.append("\n").append(label, style="bold" if guide.phase is current else "")
        show_text(self, clock)
