"""The question on screen: where it sits (phase › theme · audience), its text, what to ask on
(doorvragen, the hint, the leidraad's generic prompts) and the notes taken on it so far, those
of this window still on their way to the store marked "wacht…", the last one the store
confirmed "opgeslagen", and those typed by another login "door <login>"."""

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from bobtui.core.domain.records import NoteRecord
from bobtui.core.domain.vocabulary import Audience
from bobtui.core.session.drafts import PendingNote
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.widgets.text import plain, show_text

_AUDIENCE = {
    Audience.IEDEREEN: "aan iedereen",
    Audience.CLIENT: "aan cliënt",
    Audience.KINDPERSPECTIEF: "kindperspectief",
    Audience.PARTNER: "aan partner",
}


class QuestionPanel(Vertical):
    """The centre of the meeting screen, above the note line."""

    def __init__(self, generic_prompts: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._generic_prompts = generic_prompts
        self._snapshot: MeetingSnapshot | None = None
        self._confirmed: tuple[NoteRecord, ...] = ()
        self._waiting: tuple[PendingNote, ...] = ()
        self._last_saved: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="question-meta")
        yield Static(id="question-text")
        yield Static(id="question-help")
        with VerticalScroll(id="question-notes"):
            yield Static(id="notes")

    def show(self, snapshot: MeetingSnapshot) -> None:
        """The snapshot's current question and its notes (nothing before the meeting starts)."""
        self._snapshot = snapshot
        position = snapshot.position
        if position is None:
            return
        question = position.question
        theme = snapshot.question_set.theme_of(question.id).title
        audience = (
            f"aan {question.partner_role}"
            if question.partner_role
            else _AUDIENCE[question.audience]
        )
        meta = Text.assemble(
            f"{position.phase.label} › ",
            plain(theme),
            " · ",
            plain(audience),
            " · kernvraag" if question.core else "",
        )
        show_text(self.query_one("#question-meta", Static), meta)
        show_text(self.query_one("#question-text", Static), plain(question.text))

        help_lines = [Text.assemble("› ", plain(prompt)) for prompt in question.doorvragen]
        if question.hint:
            help_lines.append(plain(f"Tip: {question.hint}", "italic"))
        if self._generic_prompts:
            prompts = " · ".join(self._generic_prompts[:4])
            help_lines.append(plain(f"Doorvragen: {prompts}", "dim"))
        show_text(self.query_one("#question-help", Static), Text("\n").join(help_lines))

        self._show_notes()

    def show_saving(
        self,
        confirmed: Sequence[NoteRecord],
        waiting: Sequence[PendingNote],
        last_saved: int | None,
    ) -> None:
        """This window's notes the store confirmed that the snapshot may not hold yet, the
        ones still waiting, and which one the store confirmed last."""
        self._confirmed, self._waiting = tuple(confirmed), tuple(waiting)
        self._last_saved = last_saved
        self._show_notes()

    def _show_notes(self) -> None:
        snapshot = self._snapshot
        if snapshot is None or snapshot.position is None:
            return
        question_id = snapshot.position.question.id
        names = {p.id: p.name for p in snapshot.participants}
        stored = {note.id: note for note in snapshot.notes_on(question_id)}
        for note in self._confirmed:
            if note.question_id == question_id:
                stored.setdefault(note.id, note)
        lines = []
        for note in sorted(stored.values(), key=lambda n: (n.created_at, n.id)):
            line = self._line(note, names)
            if note.author and note.author != snapshot.author:
                line.append(" ").append_text(plain(f"· door {note.author}", "dim"))
            if note.id == self._last_saved:
                line.append(" ✓ opgeslagen", style="green")
            lines.append(line)
        for waiting in self._waiting:
            if waiting.question_id == question_id:
                line = self._line(waiting, names)
                line.stylize("dim")
                lines.append(line.append(" wacht…", style="italic"))
        notes = (
            Text("\n").join(lines) if lines else Text("Nog geen notities bij deze vraag.", "dim")
        )
        show_text(self.query_one("#notes", Static), notes)

    @staticmethod
    def _line(note: NoteRecord | PendingNote, names: dict[int, str]) -> Text:
        line = Text.assemble((note.kind.value, "bold"), " ", plain(note.text))
        if note.confidential:
            line.append(" ").append(" vertrouwelijk ", style="reverse")
        if note.participant_id:
            line.append(" ").append_text(plain(f"— {names.get(note.participant_id, '')}", "dim"))
        return line
