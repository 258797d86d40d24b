"""The question on screen: where it sits (phase › theme · audience), its text, what to ask on
(doorvragen, the hint, the leidraad's generic prompts) and the notes taken on it so far."""

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from bobtui.core.domain.vocabulary import Audience
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

    def compose(self) -> ComposeResult:
        yield Static(id="question-meta")
        yield Static(id="question-text")
        yield Static(id="question-help")
        with VerticalScroll(id="question-notes"):
            yield Static(id="notes")

    def show(self, snapshot: MeetingSnapshot) -> None:
        """The snapshot's current question and its notes (nothing before the meeting starts)."""
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

        names = {p.id: p.name for p in snapshot.participants}
        lines = []
        for note in snapshot.notes_on(question.id):
            line = Text.assemble((note.kind.value, "bold"), " ", plain(note.text))
            if note.confidential:
                line.append(" ").append(" vertrouwelijk ", style="reverse")
            if note.participant_id:
                line.append(" ").append_text(
                    plain(f"— {names.get(note.participant_id, '')}", "dim")
                )
            lines.append(line)
        notes = (
            Text("\n").join(lines) if lines else Text("Nog geen notities bij deze vraag.", "dim")
        )
        show_text(self.query_one("#notes", Static), notes)
