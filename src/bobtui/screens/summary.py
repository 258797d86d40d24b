"""The summary of one meeting as it would be exported, with keys to export it."""

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from bobtui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from bobtui.core.export import ExportFormat
    from bobtui.core.session import MeetingSession


class SummaryScreen(Screen[None]):
    """A read-only preview; m and j write Markdown and JSON into the current folder."""

    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding("m", "export('md')", "Exporteer Markdown", id="summary.markdown"),
        Binding("j", "export('json')", "Exporteer JSON", id="summary.json"),
        Binding("escape", "app.pop_screen", "Terug", id="summary.back"),
    ]

    def __init__(self, session: "MeetingSession", export_folder: Path | None = None) -> None:
        super().__init__()
        self._session = session
        self._export_folder = export_folder or Path.cwd()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Markdown("Verslag laden…", id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.render_summary()

    @work(thread=True, exclusive=True)
    def render_summary(self) -> None:
        from bobtui.core.summary import build_summary, render_markdown

        text = render_markdown(build_summary(self._session))
        self.app.call_from_thread(self.query_one(Markdown).update, text)

    @work(thread=True, group="export")
    def action_export(self, export_format: "ExportFormat") -> None:
        from bobtui.core.errors import BobError
        from bobtui.core.export import export_to_folder
        from bobtui.core.summary import build_summary

        try:
            path = export_to_folder(
                build_summary(self._session), export_format, self._export_folder
            )
        except BobError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self.notify, f"Verslag geschreven naar {path}")
