"""The note line's side of the meeting screen: Enter hands a note to the saver
(``screens/_note_saving.py``: kept on this computer, then saved off the event loop in order), the
last ones can be undone, an idea on the line can be parked, and the keys for who said it and
what kind of note it is (a picker, ``screens/note_choice.py``, or cycling with ctrl+s and
ctrl+t) and ctrl+l set how the next note is saved. The screen composes the ``NoteLine``.

Text on the line that is not saved yet is kept as a draft (``core/session/drafts.py``) a moment
after each change and whenever the screen goes away, so Esc, quitting or a crash never drop it;
the draft comes back on the line when the meeting is opened again.

Undo and parking are changes like any other, made by the app's writer off the event loop in
order (``screens/_writes.py``): a parked idea leaves the line at once, stays in the draft until
the store took it, and goes back on the line when the store refuses it; an undo that is refused
leaves the note undoable."""

from bisect import insort
from collections.abc import Callable
from functools import partial
from typing import Any, Literal, TypeVar

from textual import on
from textual.widgets import TextArea

from bobtui.core.domain.errors import BobError
from bobtui.core.domain.records import Saved
from bobtui.core.session import MeetingSession, Position
from bobtui.core.session.drafts import PendingNote, load_draft, save_draft
from bobtui.screens._note_saving import NoteSavingScreen
from bobtui.screens._writes import write
from bobtui.screens.note_choice import NoteChoice, NoteChoiceScreen
from bobtui.widgets.note_editor import NoteEditor
from bobtui.widgets.note_line import NoteLine

T = TypeVar("T")

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


class NoteTakingScreen(NoteSavingScreen):
    """Actions on the note line; what they change shows with the next snapshot."""

    DRAFT_DELAY = 0.7
    """Seconds after the last key before the line is kept as a draft (not every key: fsync)."""
    _position: Position | None = None
    """Where the screen is: its own moves ahead of the snapshot until the next one, and
    where a note is filed."""

    def __init__(self, session: MeetingSession) -> None:
        super().__init__(session)
        # What is on the line: kept here too, because on quitting the editor is gone first.
        self._line_text = ""
        self._on_the_way: list[str] = []  # taken off the line, not confirmed by the store yet

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

    def keep_draft(self) -> None:
        """Keep what is on the line now (an empty line removes the draft); a window that only
        looks on keeps none, so it never overwrites the chair's."""
        if self.session.is_read_only():
            return
        editors = self.query(NoteEditor)
        if editors:  # the line itself, ahead of Changed messages still in the queue
            self._line_text = editors.first().text
        kept = "\n".join(t for t in [*self._on_the_way, self._line_text] if t.strip())
        try:
            save_draft(*self._draft_key(), kept)
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
        if self.send_note(self._as_pending(event.text)):
            self.query_one(NoteLine).saved()
            self._line_text = ""
            self.keep_draft()  # the line is empty now: no draft

    def _as_pending(self, text: str) -> PendingNote:
        line = self.query_one(NoteLine)
        # What the screen shows: a notulist's session would ask the store where the chair is.
        position = self._position or self.session.position()
        assert position is not None  # notes are typed in a running meeting
        return PendingNote(
            kind=line.kind,
            text=text,
            question_id=position.question.id,
            participant_id=line.speaker_id,
            confidential=line.confidential,
            typed_at=self.session.now(),
        )

    def line_saved(self, text: str) -> None:
        editor = self.query_one(NoteEditor)
        if editor.text.strip() == text.strip():
            self.query_one(NoteLine).saved()
            self._line_text = ""
            self.keep_draft()

    def line_gets_back(self, texts: list[str]) -> None:
        editor = self.query_one(NoteEditor)
        editor.load_text("\n".join([*texts, editor.text] if editor.text.strip() else texts))
        editor.move_cursor(editor.document.end)
        self._line_text = editor.text
        self.keep_draft()

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
        note_id = self._recorded.pop()
        self.refresh_bindings()

        def undone(_: None) -> None:
            self.notify("Laatste notitie verwijderd.")
            self.request_snapshot()

        def refused(error: BobError) -> None:
            insort(self._recorded, note_id)  # still saved: it can be undone again
            self.refresh_bindings()
            self.notify(f"{error} De notitie is niet verwijderd.", severity="error", timeout=10)

        write(self, partial(self.session.delete_note, note_id), undone, refused)

    def action_park(self) -> None:
        """Park the idea on the note line (with who proposed it) for besluitvorming."""

        def parked(saved: Saved[Any]) -> None:
            self._warn(saved)
            self.notify("Geparkeerd; het komt terug in besluitvorming.")
            self.request_snapshot()

        speaker_id = self.query_one(NoteLine).speaker_id
        self.send_line_text(
            lambda text: self.session.park_idea(text, participant_id=speaker_id),
            parked,
            "Typ het idee eerst op de notitieregel.",
        )

    def send_line_text(
        self, change: Callable[[str], T], done: Callable[[T], object], hint: str
    ) -> None:
        """Take the text off the note line and hand ``change`` of it to the writer; the draft
        keeps it until the store took it. Refused, it goes back on the line (``hint`` follows
        the reason when the line was empty)."""
        editor = self.query_one(NoteEditor)
        text = editor.text
        taken_off = bool(text.strip())  # else the store's rule says why not, with the hint
        if taken_off:
            self._on_the_way.append(text)
            editor.clear()
            self._line_text = ""
            self.keep_draft()

        def taken(result: T) -> None:
            if taken_off:
                self._arrived(text)
            done(result)

        def refused(error: BobError) -> None:
            if not taken_off:
                self.notify(f"{error} {hint}", severity="warning")
                return
            self._arrived(text)
            self.line_gets_back([text])
            self.notify(f"{error} De tekst staat weer op de notitieregel.", severity="error")

        write(self, lambda: change(text), taken, refused)

    def _arrived(self, text: str) -> None:
        """The store answered for ``text``: the draft need not keep it any more."""
        self._on_the_way.remove(text)
        self.keep_draft()

    def _changed(self, *_: object) -> None:
        """Back from a form or list that may have changed the meeting (a callback's result is
        shown by the snapshot, so it is ignored here)."""
        self.request_snapshot()
        self.query_one(NoteEditor).focus()

    def _warn(self, saved: Saved[Any]) -> None:
        for warning in saved.warnings:
            self.notify(warning, severity="warning", timeout=8)
