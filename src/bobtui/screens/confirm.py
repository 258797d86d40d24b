"""A calm yes/no question, e.g. before leaving beeldvorming early."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from bobtui.widgets.text import plain


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
            # The points may name who holds the chair, or quote the meeting's own texts.
            yield Static(plain(self._title), id="dialog-title")
            points = "\n".join(f"• {point}" for point in self._points)
            yield Static(plain(points), id="dialog-points")
            yield Static(
                Text.assemble(
                    plain(self._question), "  ", ("j", "bold"), " ja · ", ("n", "bold"), " nee"
                ),
                id="dialog-question",
            )

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
