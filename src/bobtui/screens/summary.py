"""The summary of one meeting, rendered from the core's Markdown."""

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

if TYPE_CHECKING:
    from bobtui.core.leidraad import Catalog
    from bobtui.core.store import Store


class SummaryScreen(Screen[None]):
    """A read-only preview of the summary as it would be exported."""

    CSS_PATH = "summary.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Terug", id="summary.back")]

    def __init__(self, store: "Store", catalog: "Catalog", meeting_id: int) -> None:
        super().__init__()
        self._store = store
        self._catalog = catalog
        self._meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Markdown("Verslag laden…", id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.render_summary()

    @work(thread=True, exclusive=True)
    def render_summary(self) -> None:
        from bobtui.core.meetings import open_meeting
        from bobtui.core.summary import build_summary, render_markdown

        session = open_meeting(self._store, self._meeting_id, self._catalog)
        text = render_markdown(build_summary(session))
        self.app.call_from_thread(self.query_one(Markdown).update, text)
