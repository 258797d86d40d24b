"""The notes on the current question: correct the text, change the kind, or delete one.

Each change is made by the app's writer, off the event loop and in order (``screens/_writes.py``);
the list is read again once it is made. A corrected text the store refuses stays in the field.
"""

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from bobtui.core.domain.errors import BobError
from bobtui.core.domain.records import NoteRecord
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.session import MeetingSession
from bobtui.screens._writes import write
from bobtui.widgets.text import TextField, plain


def _prompt(note: NoteRecord) -> Text:
    secret = (" ", (" vertrouwelijk ", "reverse")) if note.confidential else ()
    return Text.assemble((note.kind.value, "bold"), " ", plain(note.text), *secret)


class NotesScreen(ModalScreen[None]):
    """Every change is saved at once, like a new note."""

    CSS_PATH = "notes.tcss"
    BINDINGS = [
        Binding("e", "edit", "Tekst wijzigen", id="notes.edit"),
        Binding("t", "cycle_kind", "Soort wijzigen", id="notes.kind"),
        Binding("v", "toggle_confidential", "Vertrouwelijk", id="notes.confidential"),
        Binding("delete", "delete", "Verwijderen", id="notes.delete"),
        Binding("escape", "back", "Terug", id="notes.back"),
    ]

    def __init__(self, session: MeetingSession, question_id: str) -> None:
        super().__init__()
        self.session = session
        self.question_id = question_id
        self.notes: list[NoteRecord] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-dialog"):
            yield Static("Notities bij deze vraag", id="notes-title")
            yield OptionList(id="notes-list")
            yield TextField(compact=True, id="notes-edit", disabled=True)
            yield Static(
                "[dim]e: tekst wijzigen (Enter slaat op) · t: soort · v: vertrouwelijk"
                " · Delete: verwijderen · Esc: terug[/dim]"
            )

    def on_mount(self) -> None:
        self._load()

    def _load(self, keep: int | None = None) -> None:
        self.notes = [n for n in self.session.notes() if n.question_id == self.question_id]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(_prompt(note), id=str(note.id)) for note in self.notes)
        if self.notes:
            options.highlighted = min(keep or 0, len(self.notes) - 1)
        options.focus()

    def _selected(self) -> NoteRecord | None:
        index = self.query_one(OptionList).highlighted
        return self.notes[index] if index is not None and self.notes else None

    def action_edit(self) -> None:
        note = self._selected()
        if note is None:
            return
        editor = self.query_one("#notes-edit", Input)
        editor.disabled = False
        editor.value = note.text
        editor.focus()

    @on(Input.Submitted, "#notes-edit")
    def _save_text(self, event: Input.Submitted) -> None:
        note = self._selected()
        text = event.value
        event.input.disabled = True
        if note is None:
            return

        def refused(error: BobError) -> None:
            self._refused(index, error)
            editor = self.query_one("#notes-edit", Input)  # the correction, to save again
            editor.disabled = False
            editor.value = text
            editor.focus()

        index = self.query_one(OptionList).highlighted
        self._change(partial(self.session.edit_note, note.id, text=text), refused)

    def action_cycle_kind(self) -> None:
        note = self._selected()
        if note is not None:
            kinds = list(NoteKind)
            kind = kinds[(kinds.index(note.kind) + 1) % len(kinds)]
            self._change(partial(self.session.edit_note, note.id, kind=kind))

    def action_toggle_confidential(self) -> None:
        note = self._selected()
        if note is not None:
            secret = not note.confidential
            self._change(partial(self.session.edit_note, note.id, confidential=secret))

    def action_delete(self) -> None:
        note = self._selected()
        if note is not None:
            self._change(partial(self.session.delete_note, note.id))

    def _change(
        self, change: Callable[[], object], refused: Callable[[BobError], None] | None = None
    ) -> None:
        index = self.query_one(OptionList).highlighted
        write(
            self, change, lambda _: self._load(keep=index), refused or partial(self._refused, index)
        )

    def _refused(self, index: int | None, error: BobError) -> None:
        self.notify(str(error), severity="error", timeout=10)
        self._load(keep=index)

    def action_back(self) -> None:
        self.dismiss(None)
