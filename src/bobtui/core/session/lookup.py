"""Opening a stored meeting with the question set it was held with."""

from bobtui.core.domain.dates import Clock, utc_now
from bobtui.core.questions.sets import Catalog
from bobtui.core.session.meeting import MeetingSession
from bobtui.core.store.engine import Store, meeting_not_found
from bobtui.core.store.tables import Meeting


def open_meeting(
    store: Store, meeting_id: int, catalog: Catalog, clock: Clock = utc_now
) -> MeetingSession:
    """Open a meeting with the question set it was held with."""
    with store.reading() as db:
        meeting = db.get(Meeting, meeting_id)
        if meeting is None:
            raise meeting_not_found(meeting_id)
        leidraad_id = meeting.leidraad_id
    return MeetingSession.open(store, meeting_id, catalog.get(leidraad_id), clock)
