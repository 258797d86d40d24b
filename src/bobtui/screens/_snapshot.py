"""A screen that shows one meeting from snapshots read off the event loop.

Whatever changes the meeting (a note, a form's result, a move) asks for a fresh snapshot with
:meth:`SnapshotScreen.request_snapshot`. The read (``MeetingSession.snapshot``, one transaction)
runs in a worker thread and posts :class:`SnapshotScreen.SnapshotLoaded`, which the screen
renders from. Requests that come while a read runs lead to one more read once it is done, not
one read each.

Changes made by other clients (a notulist, a second window) are noticed by
:meth:`SnapshotScreen.watch_changes`: a thread follows the meeting's change feed
(``MeetingSession.change_feed``: told by PostgreSQL's notifications, polled four times a second
on SQLite or while those fail) and asks for a snapshot when the meeting's newest event moved
on. Each snapshot notes the mark it was read at, so a window's own change, already read, is
not read twice. A window that chairs also beats
its heartbeat, and says so when another window took the chair over.
"""

import threading
from dataclasses import dataclass

from textual import on, work
from textual.message import Message
from textual.screen import Screen

from bobtui.core.domain.errors import BobError
from bobtui.core.session import HEARTBEAT_INTERVAL, MeetingSession, MeetingSnapshot
from bobtui.core.store.live import ChangeFeed
from bobtui.screens._workers import from_worker


class SnapshotScreen(Screen[None]):
    """Subclasses render :attr:`snapshot` in :meth:`show_snapshot`."""

    @dataclass
    class SnapshotLoaded(Message):
        """A snapshot read off the event loop; ``request`` is the newest request it answers."""

        snapshot: MeetingSnapshot | None  # None: the read failed, ``problem`` says why
        request: int
        problem: str = ""
        mark: int | None = None  # the meeting's latest change when the read began

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session
        self.snapshot: MeetingSnapshot | None = None
        """The latest snapshot read; None until the first has arrived."""
        self._requested = 0  # requests so far
        self._loading = False
        self._seen: int | None = None  # the latest change the shown snapshot was read at
        self._polled: int | None = None  # the latest change the feed reported
        self._feed: ChangeFeed | None = None

    def request_snapshot(self) -> None:
        """Show the meeting as it is now: call after anything changed it."""
        self._requested += 1
        if not self._loading:
            self._loading = True
            self._load_snapshot(self._requested)

    def show_snapshot(self, current: bool) -> None:
        """Render :attr:`snapshot`; ``current`` when nothing was requested since it was read."""
        raise NotImplementedError

    def watch_changes(self) -> None:
        """Follow the changes other clients commit to the meeting (see the module's text)."""
        self._feed = feed = self.session.change_feed()
        threading.Thread(
            target=self._watch_changes, args=(feed,), name="bobtui-changes", daemon=True
        ).start()
        self.set_interval(HEARTBEAT_INTERVAL.total_seconds(), self._heartbeat)

    @work(thread=True, exclusive=True, group="heartbeat")
    def _heartbeat(self) -> None:
        """Tell other windows this one still chairs; notice when another took over."""
        if not self.session.holds_chair():
            return
        try:
            still = self.session.heartbeat()
        except BobError:
            return  # the store is busy or away: the next beat tries again
        if not still:
            from_worker(
                self.app,
                self.app.notify,
                "Een ander venster heeft het voorzitten overgenomen; dit venster is nu "
                "alleen-lezen.",
                severity="warning",
                timeout=10,
            )

    def _watch_changes(self, feed: ChangeFeed) -> None:
        """One thread for the screen's life, handing over only a mark that moved. Not a
        worker: one for the screen's life would never let the app's workers be done."""
        for latest in feed.marks():
            from_worker(self, self._changes_seen, latest)

    def on_unmount(self) -> None:
        if self._feed is not None:
            self._feed.close()

    def _changes_seen(self, latest: int | None) -> None:
        self._polled = latest
        if not self._loading:  # else the read under way decides once it is in
            self._read_if_behind()

    def _read_if_behind(self) -> None:
        # Marks only grow (each change takes the meeting's lock first), so an older one found
        # by a poll that overlapped a read is no change.
        if self._polled is not None and (self._seen is None or self._polled > self._seen):
            self.request_snapshot()

    @work(thread=True, exclusive=True, group="snapshot")
    def _load_snapshot(self, request: int) -> None:
        try:
            mark = self.session.latest_change()  # before the read: a later change reads again
            self.post_message(self.SnapshotLoaded(self.session.snapshot(), request, mark=mark))
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
        if message.mark is not None:
            self._seen = max(message.mark, self._seen or message.mark)
        self.snapshot = message.snapshot
        self.show_snapshot(current)
        if not self._loading:
            self._read_if_behind()
