"""The time-out: a calm full screen while the meeting clock is paused."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import ModalScreen
from textual.widgets import Static


class TimeOutScreen(ModalScreen[None]):
    """Shown while a time-out runs; Escape or Enter ends it."""

    CSS_PATH = "time_out.tcss"
    BINDINGS = [Binding("escape,enter", "dismiss", "Time-out beëindigen", id="timeout.end")]

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(
                "Time-out\n\nDe klok van het overleg staat stil.\n"
                "Neem even de tijd.\n\nEnter of Esc: verder met het overleg",
                id="pause",
            )
