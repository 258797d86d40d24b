"""Saving the notes typed on the meeting screen, off the event loop and strictly in order.

Enter puts the note in the meeting's pending notes on this computer (``core/session/drafts.py``,
a private 0600 file, written and synced before the line is cleared) and wakes the one saver: a
worker thread that saves the queue oldest first, one note at a time, so the line is free for
the next note at once and typing never waits for the database. A note shows "wacht…" under the
question until the store confirmed it, then "opgeslagen".

When the store does not take a note (locked, full, unreachable) it stays in the queue, and the
queue is tried again every few seconds, with F12, and when the meeting is opened again; a
banner over the note line counts the waiting notes ("offline — N notities wachten" while the
database cannot be reached). A note the store may have taken before its confirmation was lost
is looked up before it is saved again, so nothing is saved twice (``PendingNotes``). A note the
store refuses for good (this window lost the chair, the meeting was closed) goes back onto the
note line with the reason. Only when this computer's disk refuses the queue too is a note saved
straight from the line, which keeps it until the store confirmed it.
"""

from dataclasses import dataclass, field

from textual import work
from textual.timer import Timer

from bobtui.core.config.paths import Paths
from bobtui.core.domain.errors import BobError, StoreTrouble
from bobtui.core.domain.records import NoteRecord
from bobtui.core.session import MeetingSession
from bobtui.core.session.drafts import PendingNote, PendingNotes
from bobtui.screens._snapshot import SnapshotScreen
from bobtui.screens._workers import from_worker
from bobtui.screens._workplace import workplace_of
from bobtui.widgets.note_line import NoteLine
from bobtui.widgets.question_panel import QuestionPanel

NOT_KEPT = (
    "De notitie kon ook niet op deze computer worden bewaard (schijf vol of alleen-lezen?); "
    "ze blijft op de notitieregel staan."
)

OFFLINE = "De verbinding met de database is weg"
"""``StoreTrouble.what`` of a store that cannot be reached: the banner then says "offline"."""


@dataclass
class _Round:
    """What one run of the saver did, for the event loop."""

    error: BobError | None = None
    handed_back: list[PendingNote] = field(default_factory=list)
    saved_anything: bool = False


class NoteSavingScreen(SnapshotScreen):
    """The saver of the note line's notes and what it shows; see the module's text."""

    RETRY_INTERVAL = 5.0
    """Seconds between attempts to save the pending notes."""

    def __init__(self, session: MeetingSession) -> None:
        super().__init__(session)
        self.pending: PendingNotes | None = None  # none in a window that only looks on
        self._recorded: list[int] = []  # notes saved from this screen, for undo
        self._confirmed: list[NoteRecord] = []  # saved, perhaps not in the snapshot yet
        self._retry_timer: Timer | None = None
        self._pending_problem = ""  # why the last save of a waiting note failed
        self._saver_busy = False
        self._save_again = False
        self._unkept: PendingNote | None = None  # saved straight from the line
        self._banner: tuple[int, str] = (0, "")  # what the banner over the line shows

    def start_pending(self) -> None:
        """Take up the notes an earlier window could not save, and try them now."""
        if self.session.is_read_only():
            return
        try:
            self.pending = PendingNotes(*self._draft_key())
        except BobError as error:
            self.notify(str(error), severity="error", timeout=15)
            return
        self._retry_timer = self.set_interval(self.RETRY_INTERVAL, self.save_pending, pause=True)
        if self.pending:
            self._show_pending()
            self.save_pending()

    def _draft_key(self) -> tuple[Paths, str, int]:
        """Where this meeting's draft and pending notes are kept on this computer."""
        paths = workplace_of(self).settings.paths
        return paths, self.session.store.url, self.session.meeting_id

    def send_note(self, note: PendingNote) -> bool:
        """Hand ``note`` to the saver; True when it left the line (it is kept on this
        computer until the store confirms it), False when the line keeps it."""
        if self.pending is not None:
            try:
                self.pending.add(note)
            except OSError:
                pass
            else:
                self._show_pending()
                self.save_pending()
                return True
        if self._saver_busy or self.pending:  # it would overtake the notes before it
            self.notify(NOT_KEPT, severity="error", timeout=15)
        elif self._unkept is None:
            self._unkept = note
            self.save_pending()
        return False

    def action_save_pending(self) -> None:
        self.save_pending()

    def save_pending(self) -> None:
        """Wake the saver; while it runs, it runs once more when it is done."""
        if self._saver_busy:
            self._save_again = True
            return
        self._saver_busy = True
        self._save_in_order(self._unkept)

    @work(thread=True, group="note-saver")
    def _save_in_order(self, unkept: PendingNote | None) -> None:
        """The saver: the note saved straight from the line, then the queue, oldest first,
        off the event loop (a locked store makes a save wait; a lost server, a timeout)."""
        outcome = _Round()
        try:
            if unkept is not None:
                try:
                    record = unkept.save(self.session).item
                except BobError as error:
                    outcome.error = error
                    from_worker(self, self._unkept_refused, unkept, error)
                    return
                outcome.saved_anything = True
                from_worker(self, self._unkept_saved, unkept, record)
            if self.pending is None:
                return

            def confirmed(note: PendingNote, record: NoteRecord) -> None:
                outcome.saved_anything = True
                from_worker(self, self._confirm, record)

            outcome.error = self.pending.save_all(self.session, confirmed)
            if outcome.error is not None and not isinstance(outcome.error, StoreTrouble):
                outcome.handed_back = self.pending.take_all()
        finally:
            from_worker(self, self._saver_done, outcome)

    def _confirm(self, record: NoteRecord) -> None:
        """The store confirmed ``record``: it shows "opgeslagen" at once."""
        self._recorded.append(record.id)
        self._confirmed.append(record)
        self._show_saving()

    def _unkept_saved(self, note: PendingNote, record: NoteRecord) -> None:
        self._unkept = None
        self._confirm(record)
        self.line_saved(note.text)

    def _unkept_refused(self, note: PendingNote, error: BobError) -> None:
        self._unkept = None
        if isinstance(error, StoreTrouble):
            self.notify(f"{error} {NOT_KEPT}", severity="error", timeout=15)
        else:
            self.notify(str(error), severity="error")

    def line_saved(self, text: str) -> None:
        """The note ``text`` from the line is saved: clear the line if it still shows it."""
        raise NotImplementedError

    def line_gets_back(self, texts: list[str]) -> None:
        """Put ``texts`` (notes the store refused for good) back on the line."""
        raise NotImplementedError

    def _saver_done(self, outcome: _Round) -> None:
        self._saver_busy = False
        error = outcome.error
        if outcome.handed_back:
            self.line_gets_back([note.text for note in outcome.handed_back])
            self.notify(
                f"{error} De notities die nog wachtten, staan weer op de notitieregel.",
                severity="error",
                timeout=10,
            )
        had_problem = bool(self._pending_problem)
        self._show_pending(error if isinstance(error, StoreTrouble) else None)
        if had_problem and not self.pending and not outcome.handed_back:
            self.notify("De wachtende notities zijn opgeslagen.")
        if outcome.saved_anything or outcome.handed_back:
            self.request_snapshot()
        if self._save_again:
            self._save_again = False
            if not isinstance(error, StoreTrouble):  # else the retry timer's turn comes
                self.save_pending()

    def _show_pending(self, error: StoreTrouble | None = None) -> None:
        """The banner over the note line, once a save failed: how many notes wait, and why."""
        waiting = len(self.pending or ())
        if error is not None:
            self._pending_problem = error.what
        if not waiting:
            self._pending_problem = ""
        problem = self._pending_problem
        self._show_saving()
        banner = (waiting if problem else 0, problem)
        if banner == self._banner:  # the usual note, saved at once: nothing to redraw
            return
        self._banner = banner
        line = self.query_one(NoteLine)
        line.show_pending(*banner, offline=problem == OFFLINE)
        if self._retry_timer is not None:
            if waiting and problem:
                self._retry_timer.resume()
            else:
                self._retry_timer.pause()
        self.refresh_bindings()  # F12 (a footer redrawn for every note would slow typing)

    def _show_saving(self) -> None:
        """The marks under the question: "wacht…" on the notes in the queue, "opgeslagen" on
        the last one the store confirmed."""
        if self.snapshot is not None:  # forget what the snapshot shows by itself now
            shown = {note.id for note in self.snapshot.notes}
            self._confirmed = [note for note in self._confirmed if note.id not in shown]
        last = self._recorded[-1] if self._recorded else None
        waiting = tuple(self.pending or ())
        self.query_one(QuestionPanel).show_saving(tuple(self._confirmed), waiting, last)

    def saving_problem(self) -> bool:
        """Whether notes wait because a save failed (F12 then makes sense)."""
        return bool(self.pending) and bool(self._pending_problem)
