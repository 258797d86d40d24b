"""The meeting session service; see :class:`MeetingSession`."""

from bobtui.core.domain.dates import Clock, utc_now
from bobtui.core.domain.records import CarriedOverDecision, ChairHolder
from bobtui.core.session._base import CHAIR_TIMEOUT
from bobtui.core.session.chair import HEARTBEAT_INTERVAL
from bobtui.core.session.lookup import open_meeting
from bobtui.core.session.meeting import MeetingSession
from bobtui.core.snapshot import MeetingSnapshot, Position

__all__ = [
    "CHAIR_TIMEOUT",
    "HEARTBEAT_INTERVAL",
    "CarriedOverDecision",
    "ChairHolder",
    "Clock",
    "MeetingSession",
    "MeetingSnapshot",
    "Position",
    "open_meeting",
    "utc_now",
]
