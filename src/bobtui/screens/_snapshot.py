"""A screen that shows one meeting from snapshots read off the event loop.

Whatever changes the meeting (a note, a form's result, a move, later another client) asks for a
fresh snapshot with :meth:`SnapshotScreen.request_snapshot`. The read (``MeetingSession.snapshot``,
one transaction) runs in a worker thread and posts :class:`SnapshotScreen.SnapshotLoaded`, which
the screen renders from. Requests that come while a read runs lead to one more read once it is
done, not one read each.
"""

from dataclasses import dataclass

from textual import on, work
from textual.message import Message
from textual.screen import Screen

from bobtui.core.domain.errors import BobError
from bobtui.core.session import MeetingSession, MeetingSnapshot


class SnapshotScreen(Screen[None]):
    """Subclasses render :attr:`snapshot` in :meth:`show_snapshot`."""

    @dataclass
    class SnapshotLoaded(Message):
        """A snapshot read off the event loop; ``request`` is the newest request it answers."""

        snapshot: MeetingSnapshot | None  # None: the read failed, ``problem`` says why
        request: int
        problem: str = ""

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session
        self.snapshot: MeetingSnapshot | None = None
        """The latest snapshot read; None until the first has arrived."""
        self._requested = 0  # requests so far
        self._loading = False

    def request_snapshot(self) -> None:
        """Show the meeting as it is now: call after anything changed it."""
        self._requested += 1
        if not self._loading:
            self._loading = True
            self._load_snapshot(self._requested)

    def show_snapshot(self, current: bool) -> None:
        """Render :attr:`snapshot`; ``current`` when nothing was requested since it was read."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="snapshot")
    def _load_snapshot(self, request: int) -> None:
        try:
            self.post_message(self.SnapshotLoaded(self.session.snapshot(), request))
        except BobError as error:
            self.post_message(self.SnapshotLoaded(None, request, str(error)))

    @on(SnapshotLoaded)
    def _snapshot_loaded(self, message: SnapshotLoaded) -> None:
        self._loading = False
        current = message.request == self._requested
        if not current:  # asked again during the read: once more, for all of those requests
            self._loading = True
            self._load_snapshot(self._requested)
        if message.snapshot is None:
            self.notify(message.problem, severity="error")
            return
        self.snapshot = message.snapshot
        self.show_snapshot(current)
