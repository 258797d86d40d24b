"""The Textual application. Screens present and dispatch; the core does the work.

The store and the question sets are opened in a worker thread after the first frame, so the
app appears at once; importing SQLModel alone takes about half a second.
"""

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.theme import Theme

if TYPE_CHECKING:
    from bobtui.core.session import Clock

from bobtui.app.commands import ScreenActions
from bobtui.screens.home import HomeScreen

HIGH_CONTRAST = Theme(
    name="bobtui-hoog-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF9900",
    warning="#FFAA00",
    error="#FF5555",
    success="#00FF66",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#222222",
    dark=True,
)
"""For a beamer or low vision: white on black, yellow accents. Pick it in the command palette
(Ctrl+P, 'theme') or start with BOBTUI_THEME=bobtui-hoog-contrast. NO_COLOR is honoured by
Textual itself (monochrome)."""


@dataclass(frozen=True)
class StoreChoice:
    """Which store to open: a URL (None: the configured default), the demo store, or the
    rehearsals' store (``practice``; ``rehearse`` starts a rehearsal of that case at once)."""

    url: str | None = None
    demo: bool = False
    reset_demo: bool = False
    practice: bool = False
    rehearse: str | None = None


class BobApp(App[None]):
    """bobtui: chair a casusoverleg with the BOB model."""

    TITLE = "bobtui"
    COMMANDS = App.COMMANDS | {ScreenActions}
    SUB_TITLE = "casusoverleg met het BOB-model"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Afsluiten", id="quit", priority=True),
    ]

    def __init__(self, choice: StoreChoice | None = None, clock: "Clock | None" = None) -> None:
        """``clock`` replaces the wall clock of meetings (tests and screen pictures)."""
        super().__init__()
        self.choice = choice or StoreChoice()
        self.clock = clock
        if self.choice.demo:
            self.sub_title = "DEMO: fictieve casus, niet voor echte gegevens"
        if self.choice.practice:
            self.sub_title = "OEFENING: fictieve casussen, een eigen opslag"
        self.register_theme(HIGH_CONTRAST)
        wanted = os.environ.get("BOBTUI_THEME")
        if wanted in self.available_themes:
            self.theme = wanted

    def on_mount(self) -> None:
        choice = self.choice
        self.push_screen(
            HomeScreen(
                choice.url,
                choice.demo,
                choice.reset_demo,
                self.clock,
                practice=choice.practice,
                rehearse=choice.rehearse,
            )
        )
