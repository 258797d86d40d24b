"""The practice case's events during a rehearsal: due at an offset into their phase (only while
the meeting is in that phase) or once their condition holds, and what the trainer did with them
(started early, delayed, skipped)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bobtui.core.domain.vocabulary import Phase
from bobtui.core.session.rehearsal import PracticeEventAction
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.core.training.cases import PracticeCase, TimedEvent

DELAY = timedelta(minutes=2)
"""How much later an event comes each time the trainer delays it."""

EventLog = Sequence[tuple[PracticeEventAction, int, datetime]]


@dataclass(frozen=True)
class EventState:
    index: int
    event: TimedEvent
    shown_at: datetime | None
    by_trainer: bool
    delays: int
    skipped: bool

    @property
    def status(self) -> str:
        if self.skipped:
            return "overgeslagen door de trainer"
        if self.shown_at is not None:
            return "gestart door de trainer" if self.by_trainer else "getoond"
        return f"wacht ({self.delays}× uitgesteld)" if self.delays else "wacht"


def event_states(case: PracticeCase, log: EventLog) -> list[EventState]:
    states = []
    for index, event in enumerate(case.events):
        mine = [(action, at) for action, i, at in log if i == index]
        shown = next(
            (
                (action, at)
                for action, at in mine
                if action in (PracticeEventAction.SHOWN, PracticeEventAction.TRIGGERED)
            ),
            None,
        )
        states.append(
            EventState(
                index,
                event,
                shown[1] if shown else None,
                shown is not None and shown[0] is PracticeEventAction.TRIGGERED,
                sum(action is PracticeEventAction.DELAYED for action, _ in mine),
                any(action is PracticeEventAction.SKIPPED for action, _ in mine),
            )
        )
    return states


def condition_met_at(event: TimedEvent, snapshot: MeetingSnapshot) -> datetime | None:
    """When the event's condition first held: a decision or judgement recorded before
    oordeelsvorming began."""
    judging = snapshot.phase_started_at.get(Phase.OORDEELSVORMING)
    if event.when == "besluit-in-beeldvorming":
        times = [d.created_at for d in snapshot.decisions]
    elif event.when == "oordeel-in-beeldvorming":
        times = [j.created_at for j in snapshot.judgements]
    else:
        return None
    early = [t for t in times if judging is None or t < judging]
    return min(early, default=None)


def due_event(
    case: PracticeCase,
    snapshot: MeetingSnapshot,
    log: EventLog,
    spent: dict[Phase, timedelta],
    now: datetime,
) -> int | None:
    """The first event that should pop up now, if any: not shown or skipped, its phase the
    meeting's and its offset (plus delays) reached, or its condition held long enough."""
    phase = snapshot.meeting.current_phase
    for state in event_states(case, log):
        if state.skipped or state.shown_at is not None:
            continue
        event, delay = state.event, DELAY * state.delays
        if event.when is not None:
            met = condition_met_at(event, snapshot)
            if met is not None and now >= met + delay:
                return state.index
        elif (
            event.phase is not None
            and event.phase is phase
            and spent.get(event.phase, timedelta()) >= event.offset + delay
        ):
            return state.index
    return None
