"""A terminal below the smallest size bobtui lays out: a calm request for a larger one, in
place of a clipped screen. It goes away by itself once the terminal is large enough."""

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 80, 24
"""The smallest terminal every screen fits in."""


class TooSmallScreen(ModalScreen[None]):
    """Covers the screens beneath, which keep what they hold, until the app removes it."""

    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
        background: $background;
    }
    TooSmallScreen Static {
        width: auto;
        max-width: 100%;
        padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(
            f"Dit venster is te klein voor bobtui. Maak het ten minste {MIN_WIDTH} tekens breed "
            f"en {MIN_HEIGHT} regels hoog; alles wat je typte, blijft staan."
        )
