"""The meeting list's row, on its own: the home screen's first query needs only this record,
and ``records`` (nineteen dataclasses) costs about 40 ms to import (make bench)."""

from dataclasses import dataclass
from datetime import date

from bobtui.core.domain.vocabulary import MeetingStatus, meeting_state


@dataclass(frozen=True)
class MeetingListRow:
    """One line of the meeting list: enough to find a meeting, no case content."""

    id: int
    case_code: str
    held_on: date
    leidraad_id: str
    status: MeetingStatus
    open_actions: int
    finalized: bool = False

    @property
    def state(self) -> str:
        """gepland, lopend, gesloten (concept) or vastgesteld."""
        return meeting_state(self.status, finalized=self.finalized)
