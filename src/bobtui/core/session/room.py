"""What the room sees: the read model of the room view (``bobtui zaal``) and how it follows
the chair.

The room view shows a running meeting on a beamer or in a browser, read only. It follows the
chair's window, not a position of its own: each change is read with a fresh session, which
starts where the chair's last move left the meeting, with the chair's own questions. What the
room must never see is left out here, in the core, before a screen gets it: confidential
notes, and everything while the chair has put the screen on black.
"""

from dataclasses import dataclass, replace

from bobtui.core.domain.dates import Clock, utc_now
from bobtui.core.domain.errors import NotFound
from bobtui.core.domain.records import NoteRecord
from bobtui.core.domain.vocabulary import MeetingStatus, NoteKind
from bobtui.core.questions.sets import Catalog
from bobtui.core.session.attention import MeetingFacts, voice_flags
from bobtui.core.session.lookup import open_meeting
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.core.store.changes import MeetingChanges
from bobtui.core.store.engine import Store


@dataclass(frozen=True)
class RoomPicture:
    """One reading of the meeting as the room may see it."""

    snapshot: MeetingSnapshot | None
    """The meeting without its confidential notes; None while the screen is on black."""
    notes: dict[NoteKind, tuple[NoteRecord, ...]]
    """The notes the room may see, per kind in the order of the BOB picture, newest first."""
    flags: tuple[str, ...]
    """The voices not heard yet (client, child's perspective)."""

    @property
    def blacked_out(self) -> bool:
        return self.snapshot is None

    @property
    def closed(self) -> bool:
        return self.snapshot is not None and self.snapshot.meeting.status is MeetingStatus.GESLOTEN


BLACKED_OUT = RoomPicture(None, {}, ())
"""What the room gets while the chair has put the screen on black: nothing of the meeting."""


def room_picture(snapshot: MeetingSnapshot, *, blacked_out: bool = False) -> RoomPicture:
    """``snapshot`` as the room may see it: no confidential note, nothing at all on black."""
    if blacked_out:
        return BLACKED_OUT
    # The flags are computed from every note: who spoke says nothing of what was said, and the
    # chair's screen shows the same flags.
    facts = MeetingFacts(
        snapshot.question_set,
        list(snapshot.participants),
        list(snapshot.notes),
        list(snapshot.decisions),
    )
    visible = tuple(note for note in snapshot.notes if not note.confidential)
    newest_first = visible[::-1]
    notes = {kind: tuple(n for n in newest_first if n.kind is kind) for kind in NoteKind}
    return RoomPicture(replace(snapshot, notes=visible), notes, tuple(voice_flags(facts)))


class RoomWatch:
    """Reads the room's picture of one meeting when it has changed; never writes.

    Meant to be polled from a worker thread a few times a second: :meth:`poll` costs one index
    lookup (``store/changes.py``) while nothing changed, one snapshot when something did.
    """

    def __init__(
        self, store: Store, meeting_id: int, catalog: Catalog, clock: Clock = utc_now
    ) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self.catalog = catalog
        self.clock = clock
        self._changes = MeetingChanges(store, meeting_id)
        self._shown: tuple[int | None] | None = None  # the change last read; None: not yet

    def poll(self) -> RoomPicture | None:
        """The picture when the meeting changed since the last successful poll (the first poll
        always reads), else None. A failed read is tried again at the next poll."""
        # The mark first: a change committed during the read is read once more, never missed.
        latest = (self._changes.latest(),)
        if latest == self._shown:
            return None
        picture = self.read()
        self._shown = latest
        return picture

    def read(self) -> RoomPicture:
        """The meeting as the room may see it now, where the chair has it."""
        session = open_meeting(self.store, self.meeting_id, self.catalog, self.clock)
        if session.room_blacked_out():
            return BLACKED_OUT
        return room_picture(session.snapshot())

    def closed(self) -> bool:
        """Whether the meeting has been closed (or is gone): the room has nothing more to see."""
        try:
            session = open_meeting(self.store, self.meeting_id, self.catalog, self.clock)
        except NotFound:
            return True
        return session.meeting().status is MeetingStatus.GESLOTEN
