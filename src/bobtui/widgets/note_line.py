"""The note line with the bar above it: how the next note will be saved (its kind, who said it,
confidential or not) and where it is typed; locked, with who chairs over it, in a window that
only looks on.

The bar always fits on its line: when the pane is narrow the key hints go first and a long name
gives way to the role, or is cut, so the kind and the speaker always show, with a "·" between
the parts."""

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from bobtui.core.domain.records import ParticipantRecord
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.widgets.note_editor import NoteEditor
from bobtui.widgets.text import plain, show_text

_APART = " · "
"""Between the bar's parts: a visible mark, so they never read as one word (a picture or a
terminal that drops a run of blanks would show "feitWie:")."""


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
        self._waiting = 0  # notes waiting to be saved: Enter puts the next one after them
        self._typing = False  # the editor has the focus, so Enter is the editor's

    def compose(self) -> ComposeResult:
        yield Static(id="note-pending")
        yield Static(id="note-bar")
        yield NoteEditor(id="note-editor")

    def on_mount(self) -> None:
        self._show_bar()

    def on_resize(self) -> None:
        self._show_bar()

    def on_descendant_focus(self, _: events.DescendantFocus) -> None:
        self._typing = True
        self._show_bar()

    def on_descendant_blur(self, _: events.DescendantBlur) -> None:
        self._typing = False
        self._show_bar()

    def show(self, snapshot: MeetingSnapshot) -> None:
        """The roster to pick the speaker from."""
        self._people = snapshot.participants
        self._show_bar()

    @property
    def people(self) -> tuple[ParticipantRecord, ...]:
        """The roster, in order."""
        return self._people

    def choose(self, kind: NoteKind, speaker_id: int | None) -> None:
        """Save the next notes as ``kind``, said by ``speaker_id`` (None: nobody)."""
        self.kind = kind
        self.speaker_id = speaker_id
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

    def show_pending(self, waiting: int, reason: str, *, offline: bool = False) -> None:
        """How many notes wait to be saved, and why (shown only while some do); ``offline``:
        the database cannot be reached."""
        self._waiting = waiting
        self._show_bar()
        pending = self.query_one("#note-pending", Static)
        pending.display = waiting > 0
        notes = "1 notitie" if waiting == 1 else f"{waiting} notities"
        if offline:
            banner = f" ! offline — {notes} {'wacht' if waiting == 1 else 'wachten'} "
        else:
            banner = f" ! {notes} nog niet opgeslagen "
        text = Text.assemble((banner, "reverse"), " ")
        if reason:
            text.append_text(plain(reason)).append(". ")
        text.append("Ze staan veilig op deze computer en worden steeds opnieuw verstuurd; F12: nu.")
        show_text(pending, text)

    def _show_bar(self) -> None:
        if self._read_only is not None:
            show_text(self.query_one("#note-bar", Static), plain(self._read_only, "bold"))
            return
        show_text(self.query_one("#note-bar", Static), self._fitted_bar(self.size.width or 80))

    def _fitted_bar(self, width: int) -> Text:
        """The fullest bar that fits in ``width`` cells: key hints go first, then the name
        gives way to the role, then the labels "Soort:" and "Wie:", then the name is cut; the
        kind and the speaker always show."""
        speaker = next((p for p in self._people if p.id == self.speaker_id), None)
        name = speaker.name if speaker else "niemand"
        enter = ""
        if self._typing:
            enter = "Enter zet in de wachtrij" if self._waiting else "Enter slaat op"
        for hints, then in ((True, enter), (False, enter), (False, "")):
            bar = self._bar(name, hints, then)
            if bar.cell_len <= width:
                return bar
        if speaker is not None and speaker.role and len(speaker.role) < len(name):
            name = speaker.role
        for labels in (True, False):
            bar = self._bar(name, False, "", labels=labels)
            if bar.cell_len <= width:
                return bar
        room = len(name) - (bar.cell_len - width)
        return self._bar(name[: max(room - 1, 3)] + "…", False, "", labels=False)

    def _bar(self, name: str, hints: bool, enter: str, *, labels: bool = True) -> Text:
        bar = Text.assemble("Soort: " if labels else "", (self.kind.value, "bold"))
        if hints:
            bar.append(" (ctrl+a)")
        bar.append(_APART + ("Wie: " if labels else "")).append_text(plain(name, "bold"))
        if hints:
            bar.append(" (ctrl+e)")
        if self.confidential:
            bar.append(_APART).append(" vertrouwelijk ", style="reverse")
            if hints:
                bar.append(" (ctrl+l)")
        if enter:
            bar.append(_APART + enter)
        return bar
