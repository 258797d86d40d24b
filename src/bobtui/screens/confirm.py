"""A calm yes/no question, e.g. before leaving beeldvorming early."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """Shows a title and points to weigh; returns True for 'j' and False for 'n' or Escape."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("j", "answer(True)", "Ja, ga door", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "Nee, blijf", id="confirm.no"),
    ]

    def __init__(self, title: str, points: list[str], question: str) -> None:
        super().__init__()
        self._title = title
        self._points = points
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self._title, id="dialog-title")
            yield Static("\n".join(f"• {point}" for point in self._points), id="dialog-points")
            yield Static(f"{self._question}  [b]j[/b] ja · [b]n[/b] nee", id="dialog-question")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
