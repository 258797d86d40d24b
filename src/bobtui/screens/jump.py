"""Jump to a question of the current phase by typing a few of its words."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from bobtui.core.questions.sets import Question
from bobtui.widgets.text import TextField, plain


class JumpScreen(ModalScreen[str | None]):
    """Returns the id of the chosen question, or None."""

    CSS_PATH = "jump.tcss"
    BINDINGS = [
        Binding("down", "move(1)", "Volgende", show=False, id="jump.down"),
        Binding("up", "move(-1)", "Vorige", show=False, id="jump.up"),
        Binding("escape", "dismiss(None)", "Terug", id="jump.back"),
    ]

    def __init__(self, questions: list[Question], marks: dict[str, str]) -> None:
        super().__init__()
        self.questions = questions
        self.marks = marks

    def compose(self) -> ComposeResult:
        with Vertical(id="jump"):
            yield Static("Ga naar vraag: typ een paar woorden, Enter springt.", id="jump-title")
            yield TextField(compact=True, id="jump-filter")
            yield OptionList(id="jump-options")

    def on_mount(self) -> None:
        self._filter("")

    @on(Input.Changed, "#jump-filter")
    def _changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(plain(f"{self.marks.get(q.id, ' ')} {q.text}"), id=q.id)
            for q in self.questions
            if all(word in q.text.lower() for word in words)
        )
        if options.option_count:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count and options.highlighted is not None:
            options.highlighted = (options.highlighted + step) % options.option_count

    @on(Input.Submitted, "#jump-filter")
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
