"""The Textual application. Screens present and dispatch; the core does the work.

The store and the question sets are opened in a worker thread after the first frame, so the
app appears at once; importing SQLModel alone takes about half a second.
"""

from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding

from bobtui.screens.home import HomeScreen


@dataclass(frozen=True)
class StoreChoice:
    """Which store to open: a URL (None: the configured default) or the demo store."""

    url: str | None = None
    demo: bool = False
    reset_demo: bool = False


class BobApp(App[None]):
    """bobtui: chair a casusoverleg with the BOB model."""

    TITLE = "bobtui"
    SUB_TITLE = "casusoverleg met het BOB-model"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Afsluiten", id="quit", priority=True),
    ]

    def __init__(self, choice: StoreChoice | None = None) -> None:
        super().__init__()
        self.choice = choice or StoreChoice()
        if self.choice.demo:
            self.sub_title = "DEMO: fictieve casus, niet voor echte gegevens"

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.choice.url, self.choice.demo, self.choice.reset_demo))
