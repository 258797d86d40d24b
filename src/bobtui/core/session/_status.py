"""Which changes a meeting's state allows: none once it is closed or finalized, recording
only while it runs."""

from bobtui.core.domain.errors import RuleViolation
from bobtui.core.domain.vocabulary import FINALIZED, MeetingStatus, meeting_state
from bobtui.core.store.tables import Meeting
from bobtui.core.store.team import CLOSED_MEETING


def check_status(state: str, *, running: bool) -> None:
    """Refuse changes to a closed or finalized meeting (``state``: :func:`meeting_state`), and
    recording in one that has not started."""
    if state == FINALIZED:
        raise RuleViolation(
            "Dit overleg is vastgesteld: corrigeer het met een wijziging na vaststelling (met "
            "een reden; bobtui wijzigen), of laat een coördinator het heropenen."
        )
    if state.startswith(MeetingStatus.GESLOTEN):
        raise RuleViolation(CLOSED_MEETING)
    if running and state != MeetingStatus.LOPEND:
        raise RuleViolation("Het overleg is nog niet gestart.")


def check_state(meeting: Meeting, *, running: bool) -> None:
    """:func:`check_status` for a meeting row as read."""
    check_status(
        meeting_state(meeting.status, finalized=meeting.finalized_at is not None), running=running
    )
