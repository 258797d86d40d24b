"""The note line with the bar above it: how the next note will be saved (its kind, who said it,
confidential or not) and where it is typed; locked, with who chairs over it, in a window that
only looks on."""

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from bobtui.core.domain.records import ParticipantRecord
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.widgets.note_editor import NoteEditor
from bobtui.widgets.text import plain, show_text


class NoteLine(Vertical):
    """The bar (``#note-bar``) over the editor (``#note-editor``); keeps how the next note
    will be saved. The screen saves it and then calls :meth:`saved`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = NoteKind.FEIT
        self.confidential = False  # for the next note only
        self.speaker_id: int | None = None
        self._people: tuple[ParticipantRecord, ...] = ()
        self._read_only: str | None = None  # the hint over a locked line

    def compose(self) -> ComposeResult:
        yield Static(id="note-pending")
        yield Static(id="note-bar")
        yield NoteEditor(id="note-editor")

    def on_mount(self) -> None:
        self._show_bar()

    def show(self, snapshot: MeetingSnapshot) -> None:
        """The roster to pick the speaker from."""
        self._people = snapshot.participants
        self._show_bar()

    def show_read_only(self, hint: str | None) -> None:
        """Lock the line, with ``hint`` (who chairs) in place of the bar, or unlock it (None).

        What is on the line stays there: locking never drops typed text."""
        self._read_only = hint
        self.set_class(hint is not None, "-read-only")
        self.query_one(NoteEditor).read_only = hint is not None
        self._show_bar()

    def cycle_kind(self) -> None:
        kinds = list(NoteKind)
        self.kind = kinds[(kinds.index(self.kind) + 1) % len(kinds)]
        self._show_bar()

    def toggle_confidential(self) -> None:
        self.confidential = not self.confidential
        self._show_bar()

    def cycle_speaker(self) -> None:
        """Nobody, then each participant in roster order."""
        choices: list[int | None] = [None, *(p.id for p in self._people)]
        index = choices.index(self.speaker_id) if self.speaker_id in choices else 0
        self.speaker_id = choices[(index + 1) % len(choices)]
        self._show_bar()

    def saved(self) -> None:
        """The note on the line was saved: clear it, and the confidential mark with it."""
        self.query_one(NoteEditor).clear()
        if self.confidential:
            self.confidential = False
            self._show_bar()

    def show_pending(self, waiting: int, reason: str) -> None:
        """How many notes wait to be saved, and why (shown only while some do)."""
        pending = self.query_one("#note-pending", Static)
        pending.display = waiting > 0
        notes = "1 notitie" if waiting == 1 else f"{waiting} notities"
        text = Text.assemble((f" ! {notes} nog niet opgeslagen ", "reverse"), " ")
        if reason:
            text.append_text(plain(reason)).append(". ")
        text.append("Wordt steeds opnieuw geprobeerd; F12: nu.")
        show_text(pending, text)

    def _show_bar(self) -> None:
        if self._read_only is not None:
            show_text(self.query_one("#note-bar", Static), plain(self._read_only, "bold"))
            return
        speaker = next((p.name for p in self._people if p.id == self.speaker_id), "—")
        bar = Text.assemble(
            "Soort: ",
            (self.kind.value, "bold"),
            " (ctrl+t)   Wie: ",
            plain(speaker, "bold"),
            " (ctrl+s)",
        )
        if self.confidential:
            bar.append("   ").append(" vertrouwelijk ", style="reverse").append(" (ctrl+l)")
        bar.append("   Enter slaat op")
        show_text(self.query_one("#note-bar", Static), bar)
