"""The note line's side of the meeting screen: a note is saved (committed) on Enter before the
line is cleared, the last ones can be undone, an idea on the line can be parked, and the keys
for who said it and what kind of note it is (a picker, ``screens/note_choice.py``, or cycling
with ctrl+s and ctrl+t) and ctrl+l set how the next note is saved. The screen composes the
``NoteLine``.

Text on the line that is not saved yet is kept as a draft (``core/session/drafts.py``) a moment
after each change and whenever the screen goes away, so Esc, quitting or a crash never drop it;
the draft comes back on the line when the meeting is opened again. A note whose save fails
(the store locked, full, read-only or away) waits in the pending notes on this computer, shown
over the note line, and is saved in its turn: every few seconds, with F12, or when the meeting
is opened again. The line is free for the next note meanwhile."""

from typing import Any, Literal

from textual import on, work
from textual.timer import Timer
from textual.widgets import TextArea

from bobtui.core.domain.errors import BobError, SaveFailed
from bobtui.core.domain.records import Saved
from bobtui.core.session import MeetingSession
from bobtui.core.session.drafts import PendingNote, PendingNotes, load_draft, save_draft
from bobtui.screens._snapshot import SnapshotScreen
from bobtui.screens._workers import from_worker
from bobtui.screens._workplace import workplace_of
from bobtui.screens.note_choice import NoteChoice, NoteChoiceScreen
from bobtui.widgets.note_editor import NoteEditor
from bobtui.widgets.note_line import NoteLine

_NOT_KEPT = (
    "De notitie kon ook niet op deze computer worden bewaard (schijf vol of alleen-lezen?); "
    "hij blijft op de notitieregel staan."
)


NOTE_TAKER_ACTIONS = frozenset(
    {
        "choose",
        "cycle_kind",
        "cycle_speaker",
        "toggle_confidential",
        "save_pending",
        "panel",
        "leave",
    }
)
"""What a notulist's window offers (``session.takes_notes_only``): the note line, nothing that
moves through the questions or decides."""


class NoteTakingScreen(SnapshotScreen):
    """Actions on the note line; what they change shows with the next snapshot."""

    DRAFT_DELAY = 0.7
    """Seconds after the last key before the line is kept as a draft (not every key: fsync)."""
    RETRY_INTERVAL = 5.0
    """Seconds between attempts to save the pending notes."""

    def __init__(self, session: MeetingSession) -> None:
        super().__init__(session)
        self._recorded: list[int] = []  # notes saved on this screen, for undo
        # What is on the line: kept here too, because on quitting the editor is gone first.
        self._line_text = ""
        self.pending: PendingNotes | None = None  # none in a window that only looks on
        self._retry_timer: Timer | None = None
        self._pending_problem = ""  # why the last save of a waiting note failed

    def restore_draft(self) -> None:
        """Put a draft left by an earlier window back on the line, and say so."""
        if self.session.is_read_only():  # the draft is the chair's window's, not this one's
            return
        text = load_draft(*self._draft_key())
        if text:
            self._line_text = text
            editor = self.query_one(NoteEditor)
            editor.load_text(text)
            editor.move_cursor(editor.document.end)  # go on typing where it stopped
            self.notify("De tekst die nog niet was opgeslagen, staat weer op de notitieregel.")

    def _draft_key(self) -> tuple[Any, str, int]:
        paths = workplace_of(self).settings.paths
        return paths, self.session.store.url, self.session.meeting_id

    def keep_draft(self) -> None:
        """Keep what is on the line now (an empty line removes the draft); a window that only
        looks on keeps none, so it never overwrites the chair's."""
        if self.session.is_read_only():
            return
        editors = self.query(NoteEditor)
        if editors:  # the line itself, ahead of Changed messages still in the queue
            self._line_text = editors.first().text
        try:
            save_draft(*self._draft_key(), self._line_text)
        except OSError:
            self.notify(
                "De tekst op de notitieregel kon niet als concept worden bewaard; sla hem op "
                "met Enter.",
                severity="warning",
            )

    @on(TextArea.Changed, "#note-editor")
    def _line_changed(self, event: TextArea.Changed) -> None:
        self._line_text = event.text_area.text
        self._stop_draft_timer()
        self._draft_timer = self.set_timer(self.DRAFT_DELAY, self.keep_draft)

    def _stop_draft_timer(self) -> None:
        timer = getattr(self, "_draft_timer", None)
        if timer is not None:
            timer.stop()

    def leave_with_draft(self) -> None:
        """Keep the line's draft now; this screen is done with it (a screen that was left may
        be unmounted only when the app ends, after a newer window wrote a newer draft)."""
        self._stop_draft_timer()
        self.keep_draft()
        self._draft_done = True

    def on_unmount(self) -> None:
        if not getattr(self, "_draft_done", False):
            self.keep_draft()

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

    @on(NoteEditor.Submitted)
    def _save_note(self, event: NoteEditor.Submitted) -> None:
        line = self.query_one(NoteLine)
        if self.pending and event.text.strip():  # after the waiting ones, in the order typed
            if self._queue(self._as_pending(event.text)):
                self.save_pending()
            else:
                self.notify(_NOT_KEPT, severity="error", timeout=15)
            return
        try:  # committed before the line is cleared: a failed save leaves the text there
            saved = self.session.record_note(
                line.kind,
                event.text,
                participant_id=line.speaker_id,
                confidential=line.confidential,
            )
        except SaveFailed as error:
            if self._queue(self._as_pending(event.text), error):
                self.notify(
                    f"{error.what}; de notitie wacht op deze computer en wordt elke "
                    f"{self.RETRY_INTERVAL:.0f} seconden opnieuw opgeslagen (F12: nu).",
                    severity="warning",
                    timeout=10,
                )
            else:
                self.notify(f"{error} {_NOT_KEPT}", severity="error", timeout=15)
            return
        except BobError as error:
            self.notify(str(error), severity="error")
            return
        self._line_saved(line)
        self._recorded.append(saved.item.id)
        self._warn(saved)
        self.request_snapshot()

    def _as_pending(self, text: str) -> PendingNote:
        line = self.query_one(NoteLine)
        position = self.session.position()
        assert position is not None  # notes are typed in a running meeting
        return PendingNote(
            kind=line.kind,
            text=text,
            question_id=position.question.id,
            participant_id=line.speaker_id,
            confidential=line.confidential,
            typed_at=self.session.now(),
        )

    def _queue(self, note: PendingNote, error: BobError | None = None) -> bool:
        """Move the note from the line to the pending notes; False (and the note stays on the
        line) when there are none in this window or this computer's disk refuses it too."""
        if self.pending is None:
            return False
        try:
            self.pending.add(note)
        except OSError:
            return False
        self._line_saved(self.query_one(NoteLine))
        self._show_pending(error)
        return True

    def _line_saved(self, line: NoteLine) -> None:
        line.saved()
        self._line_text = ""
        self.keep_draft()  # the line is empty now: no draft

    def action_save_pending(self) -> None:
        self.save_pending()

    @work(thread=True, exclusive=True, group="pending")
    def save_pending(self) -> None:
        """Save the pending notes in order, off the event loop (a locked store makes a save
        wait for the busy timeout)."""
        if self.pending is None:
            return
        error = self.pending.save_all(self.session)
        from_worker(self, self._pending_tried, error)

    def _pending_tried(self, error: BobError | None) -> None:
        self._show_pending(error)
        self.request_snapshot()
        if error is None:
            self.notify("De wachtende notities zijn opgeslagen.")

    def _show_pending(self, error: BobError | None = None) -> None:
        """The count over the note line, with the latest reason a save failed."""
        waiting = len(self.pending or ())
        if error is not None:
            self._pending_problem = error.what if isinstance(error, SaveFailed) else str(error)
        self.query_one(NoteLine).show_pending(waiting, self._pending_problem if waiting else "")
        if self._retry_timer is None:
            pass
        elif waiting:
            self._retry_timer.resume()
        else:
            self._retry_timer.pause()
        self.refresh_bindings()

    def action_toggle_confidential(self) -> None:
        """Mark the next note confidential: it stays out of exports unless included on purpose."""
        self.query_one(NoteLine).toggle_confidential()

    def action_cycle_kind(self) -> None:
        self.query_one(NoteLine).cycle_kind()

    def action_cycle_speaker(self) -> None:
        self.query_one(NoteLine).cycle_speaker()

    def action_choose(self, closes_on: Literal["speaker", "kind"]) -> None:
        """Pick who said the next note (or its kind) with one more key; see NoteChoiceScreen.

        With text on the line the choice is for that note, which is saved as the picker
        closes: type, ctrl+e, who — saved, without an Enter of its own."""
        line = self.query_one(NoteLine)
        editor = self.query_one(NoteEditor)
        saves = bool(editor.text.strip()) and not editor.read_only

        def chosen(choice: NoteChoice | None) -> None:
            if choice is not None:
                line.choose(choice.kind, choice.speaker_id)
                if saves:
                    editor.submit()

        current = NoteChoice(line.kind, line.speaker_id)
        picker = NoteChoiceScreen(line.people, current, closes_on, saves_note=saves)
        self.app.push_screen(picker, chosen)

    def action_undo_note(self) -> None:
        if not self._recorded:
            return
        try:
            self.session.delete_note(self._recorded.pop())
        except BobError as error:
            self.notify(str(error), severity="error")
            return
        self.notify("Laatste notitie verwijderd.")
        self.request_snapshot()

    def action_park(self) -> None:
        """Park the idea on the note line (with who proposed it) for besluitvorming."""
        editor = self.query_one(NoteEditor)
        try:
            speaker_id = self.query_one(NoteLine).speaker_id
            saved = self.session.park_idea(editor.text, participant_id=speaker_id)
        except BobError as error:
            self.notify(f"{error} Typ het idee eerst op de notitieregel.", severity="warning")
            return
        editor.clear()
        self._warn(saved)
        self.notify("Geparkeerd; het komt terug in besluitvorming.")
        self.request_snapshot()

    def _changed(self, *_: object) -> None:
        """Back from a form or list that may have changed the meeting (a callback's result is
        shown by the snapshot, so it is ignored here)."""
        self.request_snapshot()
        self.query_one(NoteEditor).focus()

    def _warn(self, saved: Saved[Any]) -> None:
        for warning in saved.warnings:
            self.notify(warning, severity="warning", timeout=8)
