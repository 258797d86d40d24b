"""The meeting session service; see :class:`MeetingSession`."""

from bobtui.core.domain.records import CarriedOverDecision
from bobtui.core.domain.snapshot import MeetingSnapshot, Position
from bobtui.core.session._base import Clock, utc_now
from bobtui.core.session.lookup import open_meeting
from bobtui.core.session.meeting import MeetingSession

__all__ = [
    "CarriedOverDecision",
    "Clock",
    "MeetingSession",
    "MeetingSnapshot",
    "Position",
    "open_meeting",
    "utc_now",
]
