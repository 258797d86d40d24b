"""Who said it, and what kind of note: one key opens this picker, one more key chooses.

Opened for the speaker (ctrl+e) it closes on a speaker's key and opened for the kind (ctrl+a) on
a kind's letter; the other choice can be made on the way. Opened with a note typed on the line,
it saves that note as it closes, so a note with both costs three keys: ctrl+e, kind, who.
Speakers have the digits 1-9 and 0, then the letters no kind uses; ``n`` is nobody.
"""

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from bobtui.core.domain.records import ParticipantRecord
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.widgets.text import plain, show_text

KIND_KEYS = {kind.value[0]: kind for kind in NoteKind}
"""Each kind by its first letter: f, a, z, k, i."""
assert len(KIND_KEYS) == len(NoteKind), "every note kind needs a first letter of its own"
NOBODY_KEY = "n"
_LETTERS = [c for c in "bcdeghjlmopqrstuvwxy" if c not in KIND_KEYS and c != NOBODY_KEY]
SPEAKER_KEYS = [*"1234567890", *_LETTERS]
"""The key of each participant in roster order."""


@dataclass(frozen=True)
class NoteChoice:
    """How the next note will be saved: its kind and who said it (None: nobody)."""

    kind: NoteKind
    speaker_id: int | None


class NoteChoiceScreen(ModalScreen[NoteChoice | None]):
    """Returns the choice, or None (Esc: nothing changes)."""

    CSS_PATH = "note_choice.tcss"
    BINDINGS = [
        Binding("enter", "done", "Klaar", id="note_choice.done"),
        Binding("escape", "dismiss(None)", "Terug", id="note_choice.back"),
    ]

    def __init__(
        self,
        people: tuple[ParticipantRecord, ...],
        current: NoteChoice,
        closes_on: Literal["speaker", "kind"],
        *,
        saves_note: bool = False,
    ) -> None:
        super().__init__()
        self._saves_note = saves_note  # the note on the line is saved as the picker closes
        self._people = people
        self._choice = current
        self._closes_on = closes_on
        self._keys = dict(zip(SPEAKER_KEYS, (p.id for p in people), strict=False))

    def compose(self) -> ComposeResult:
        title = "Wie zei het?" if self._closes_on == "speaker" else "Wat voor notitie?"
        if self._saves_note:
            title += " De notitie wordt dan opgeslagen."
        with Vertical(id="choice"):
            yield Static(title, id="choice-title")
            yield Static(id="choice-kinds")
            with VerticalScroll(id="choice-people"):
                yield Static(id="choice-list")
            yield Static(id="choice-help")

    def on_mount(self) -> None:
        self._show()

    def on_key(self, event: events.Key) -> None:
        key = event.character
        if key in KIND_KEYS:
            self._choice = NoteChoice(KIND_KEYS[key], self._choice.speaker_id)
            chosen = "kind"
        elif key == NOBODY_KEY or key in self._keys:
            self._choice = NoteChoice(self._choice.kind, self._keys.get(key))
            chosen = "speaker"
        else:
            return
        event.stop()
        if chosen == self._closes_on:
            self.dismiss(self._choice)
        else:
            self._show()

    def action_done(self) -> None:
        self.dismiss(self._choice)

    def _show(self) -> None:
        kinds = Text("Soort: ")
        for key, kind in KIND_KEYS.items():
            style = "reverse" if kind is self._choice.kind else ""
            kinds.append(key, "bold").append(" ").append(kind.value, style).append("  ")
        show_text(self.query_one("#choice-kinds", Static), kinds)

        rows = []
        for key, person in [(NOBODY_KEY, None), *zip(SPEAKER_KEYS, self._people, strict=False)]:
            chosen = (person.id if person else None) == self._choice.speaker_id
            row = Text.assemble((f"{key:>2} ", "bold"), "▶ " if chosen else "  ")
            if person is None:
                row.append("niemand", "reverse" if chosen else "italic")
            else:
                row.append_text(plain(person.name, "reverse" if chosen else ""))
                detail = " · ".join(x for x in (person.role, person.organisation) if x)
                if detail:
                    row.append("  ").append_text(plain(detail, "dim"))
            rows.append(row)
        show_text(self.query_one("#choice-list", Static), Text("\n").join(rows))

        closes = "cijfer/letter: wie" if self._closes_on == "speaker" else "letter: soort"
        closing = "sluit en slaat op" if self._saves_note else "sluit"
        help_text = f"{closes} ({closing}) · Enter: klaar · Esc: terug"
        show_text(self.query_one("#choice-help", Static), Text(help_text, "dim"))
