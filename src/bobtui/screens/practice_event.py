"""An event of the practice case, popping up when it is due or when the trainer starts it."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from bobtui.core.training.cases import TimedEvent
from bobtui.widgets.text import plain


class PracticeEventScreen(ModalScreen[None]):
    CSS_PATH = "practice_event.tcss"
    BINDINGS = [Binding("escape,enter", "dismiss", "Verder", id="practice_event.close")]

    def __init__(self, event: TimedEvent) -> None:
        super().__init__()
        self.event = event

    def compose(self) -> ComposeResult:
        who = f" — {self.event.role}" if self.event.role else ""
        with Vertical(id="practice-event"):
            yield Static(plain(f"Gebeurtenis ({self.event.trigger}){who}", "bold"))
            yield Static(plain(self.event.text), id="practice-event-text")
            yield Static("[dim]Enter of Esc: verder met het overleg[/dim]")
