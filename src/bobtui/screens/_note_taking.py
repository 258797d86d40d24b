"""The note line's side of the meeting screen: a note is saved (committed) on Enter before the
line is cleared, the last ones can be undone, an idea on the line can be parked, and ctrl+t,
ctrl+s and ctrl+l set how the next note is saved. The screen composes the ``NoteLine``.

Text on the line that is not saved yet is kept as a draft (``core/session/drafts.py``) a moment
after each change and whenever the screen goes away, so Esc, quitting, a crash or a failed save
never drop it; the draft comes back on the line when the meeting is opened again."""

from typing import Any

from textual import on
from textual.widgets import TextArea

from bobtui.core.domain.errors import BobError
from bobtui.core.domain.records import Saved
from bobtui.core.session import MeetingSession
from bobtui.core.session.drafts import load_draft, save_draft
from bobtui.screens._snapshot import SnapshotScreen
from bobtui.screens._workplace import workplace_of
from bobtui.widgets.note_editor import NoteEditor
from bobtui.widgets.note_line import NoteLine


class NoteTakingScreen(SnapshotScreen):
    """Actions on the note line; what they change shows with the next snapshot."""

    DRAFT_DELAY = 0.7
    """Seconds after the last key before the line is kept as a draft (not every key: fsync)."""

    def __init__(self, session: MeetingSession) -> None:
        super().__init__(session)
        self._recorded: list[int] = []  # notes saved on this screen, for undo
        # What is on the line: kept here too, because on quitting the editor is gone first.
        self._line_text = ""

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

    @on(NoteEditor.Submitted)
    def _save_note(self, event: NoteEditor.Submitted) -> None:
        line = self.query_one(NoteLine)
        try:  # committed before the line is cleared: a failed save leaves the text there
            saved = self.session.record_note(
                line.kind,
                event.text,
                participant_id=line.speaker_id,
                confidential=line.confidential,
            )
        except BobError as error:
            self.notify(str(error), severity="error")
            return
        line.saved()
        self._line_text = ""
        self.keep_draft()  # the line is empty now: no draft
        self._recorded.append(saved.item.id)
        self._warn(saved)
        self.request_snapshot()

    def action_toggle_confidential(self) -> None:
        """Mark the next note confidential: it stays out of exports unless included on purpose."""
        self.query_one(NoteLine).toggle_confidential()

    def action_cycle_kind(self) -> None:
        self.query_one(NoteLine).cycle_kind()

    def action_cycle_speaker(self) -> None:
        self.query_one(NoteLine).cycle_speaker()

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
