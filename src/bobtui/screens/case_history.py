"""One case over time: its meetings, the safety-score trend, the chain-care phase and every
decision with its status; keys export it as a document."""

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from bobtui.core.domain.dates import format_date
from bobtui.core.domain.history import CaseHistory, sparkline
from bobtui.core.domain.vocabulary import DecisionStatus
from bobtui.screens._workers import from_worker
from bobtui.screens._workplace import workplace_of
from bobtui.widgets.key_footer import KeyFooter
from bobtui.widgets.list_table import ListTable
from bobtui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from bobtui.core.documents.export import DocumentFormat
    from bobtui.core.store.engine import Store


class CaseHistoryScreen(Screen[None]):
    CSS_PATH = "case_history.tcss"
    BINDINGS = [
        Binding("m", "export('md')", "Markdown", id="history.markdown"),
        Binding("h", "export('html')", "HTML", id="history.html"),
        Binding("w", "export('docx')", "Word", id="history.docx"),
        Binding("escape", "app.pop_screen", "Terug", id="history.back"),
    ]

    def __init__(
        self, store: "Store", history: CaseHistory, export_folder: Path | None = None
    ) -> None:
        """``history`` read from ``store``, where each export is put in the audit trail."""
        super().__init__()
        self.store = store
        self.history = history
        self.export_folder = export_folder or Path.cwd()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="history"):
            yield Static("[b]Overleggen[/b]")
            yield ListTable(id="history-meetings", cursor_type="row", zebra_stripes=True)
            yield Static(id="history-trend")
            yield Static("[b]Besluiten en hun status[/b]")
            yield ListTable(id="history-decisions", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        h = self.history
        self.sub_title = f"Casusgeschiedenis {h.case_code}"
        meetings = self.query_one("#history-meetings", ListTable)
        meetings.add_columns("Datum", "Nr", "Status", "Fase ketenzorg", "Scores", "Gemiddeld")
        for m in h.meetings:
            mean = m.mean_score
            meetings.add_row(
                format_date(m.held_on),
                str(m.meeting_id),
                m.state,
                m.chain_care_phase.value.replace("_", " ") if m.chain_care_phase else "—",
                " · ".join(f"{s.respondent} {s.score}" for s in m.scores) or "—",
                f"{mean:.1f}".replace(".", ",") if mean is not None else "—",
            )
        trend = h.score_trend
        readout = " → ".join("—" if v is None else f"{v:.1f}".replace(".", ",") for v in trend)
        self.query_one("#history-trend", Static).update(
            f"[b]Veiligheid over de tijd[/b] (gemiddelde score, 0–10)\n"
            f"  [b]{sparkline(trend)}[/b]   {readout}"
        )
        decisions = self.query_one("#history-decisions", ListTable)
        decisions.add_columns("Actie", "Eigenaar", "Organisatie", "Deadline", "Status", "Uit")
        for d in h.decisions:
            status = Text(d.status.value)
            if d.overdue:
                status = Text(" te laat ", style="bold reverse red")
            elif d.status is DecisionStatus.GEDAAN:
                status.stylize("green")
            decisions.add_row(
                d.action,
                d.owner_person,
                d.owner_organisation,
                format_date(d.deadline),
                status,
                format_date(d.meeting_held_on),
            )
        meetings.focus()

    @work(thread=True, group="export")
    def action_export(self, export_format: "DocumentFormat") -> None:
        from bobtui.core.documents.export import (
            case_history_file_name,
            free_path,
            render_case_history,
            write_private,
        )
        from bobtui.core.documents.letterhead import letterhead_of
        from bobtui.core.domain.errors import BobError
        from bobtui.core.store.audit import ExportMark, record_export

        name = case_history_file_name(self.history, export_format)
        path = free_path(self.export_folder, name)
        try:
            letterhead = letterhead_of(workplace_of(self).settings)
            # In the audit trail before the file exists: a refused entry writes no file.
            mark = ExportMark("casusgeschiedenis", export_format)
            record_export(self.store, mark, [(None, self.history.case_code)])
            write_private(path, render_case_history(self.history, export_format, letterhead))
        except BobError as error:
            from_worker(self.app, self.app.notify, str(error), severity="error")
            return
        from_worker(self.app, self.app.notify, f"Casusgeschiedenis geschreven naar {path}")
