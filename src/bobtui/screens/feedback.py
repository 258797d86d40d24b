"""Feedback on the chair after a rehearsal, or two rehearsals side by side; keys export it."""

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from bobtui.core.documents.blocks import Handout
from bobtui.core.documents.export import DocumentFormat
from bobtui.core.training.compare import compare_decisions, compare_reports
from bobtui.core.training.feedback import FeedbackReport
from bobtui.core.training.handouts import build_comparison_handout, build_feedback_handout
from bobtui.screens._workers import from_worker
from bobtui.widgets.key_footer import KeyFooter
from bobtui.widgets.list_table import ListTable
from bobtui.widgets.text import plain
from bobtui.widgets.title_bar import TitleBar

_ATTENTION = Text(" bespreken ", style="bold reverse yellow")


class FeedbackScreen(Screen[None]):
    """One report, or with ``other`` the comparison of two rehearsals of the same case."""

    CSS_PATH = "feedback.tcss"
    BINDINGS = [
        Binding("m", "export('md')", "Markdown", id="feedback.markdown"),
        Binding("h", "export('html')", "HTML", id="feedback.html"),
        Binding("w", "export('docx')", "Word", id="feedback.docx"),
        Binding("escape", "app.pop_screen", "Terug", id="feedback.back"),
    ]

    def __init__(
        self,
        report: FeedbackReport,
        other: FeedbackReport | None = None,
        export_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.report = report
        self.other = other
        self.export_folder = export_folder or Path.cwd()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="feedback"):
            yield ListTable(id="feedback-figures", cursor_type="row", zebra_stripes=True)
            yield Static(id="feedback-evidence")
            yield Static(id="feedback-keys")
            yield Static(id="feedback-timeline")
        yield KeyFooter()

    def on_mount(self) -> None:
        r = self.report
        table = self.query_one("#feedback-figures", ListTable)
        if self.other is None:
            self.sub_title = f"Feedback: {r.case_title} ({r.case_code})"
            for label, width in (("Onderdeel", 30), ("Uitkomst", 34), ("", 11), ("Waarom", None)):
                table.add_column(label, width=width)
            for f in r.figures:
                table.add_row(f.label, f.value, _ATTENTION if f.attention else "", f.reason)
            self._show_keys_and_timeline()
        else:
            o = self.other
            self.sub_title = f"Vergelijking: {r.case_title}"
            for label, width in (
                ("Onderdeel", 30),
                (r.case_code, 32),
                (o.case_code, 32),
                ("2e t.o.v. 1e", None),
            ):
                table.add_column(label, width=width)
            for row in compare_reports(r, o):
                table.add_row(row.label, row.first, row.second, row.verdict)
            self._show_decisions_side_by_side()
        table.focus()

    def on_data_table_row_highlighted(self, event: ListTable.RowHighlighted) -> None:
        """The evidence of the highlighted item: why, and the moments it came from."""
        if self.other is not None or not 0 <= event.cursor_row < len(self.report.figures):
            return
        figure = self.report.figures[event.cursor_row]
        lines = [f"{figure.label}: {figure.reason}"]
        lines += [f"  {m.clock}  {m.what}" for m in figure.moments] or ["  (geen momenten)"]
        self.query_one("#feedback-evidence", Static).update(plain("\n".join(lines)))

    def _show_keys_and_timeline(self) -> None:
        r = self.report
        lines: list[Text] = []
        for title, results in (("Kernfeiten", r.key_facts), ("Kernbesluiten", r.key_decisions)):
            lines += [Text(), Text(title, "bold")]
            lines += [
                plain(
                    f"  {'✓ ' + k.captured.clock if k.captured else '✗ gemist':<10} {k.text}"
                    + (f" — {k.captured.what}" if k.captured else "")
                )
                for k in results
            ]
        open_core = [q for q in r.questions if q.open_core]
        if open_core:
            lines += [Text(), Text("Open kernvragen", "bold")]
            lines += [plain(f"  {q.phase}: {q.text} — {q.reason}") for q in open_core]
        self.query_one("#feedback-keys", Static).update(Text("\n").join(lines[1:]))
        timeline = [f"  {m.clock}  {m.what}" for m in r.timeline] or ["  (leeg)"]
        self.query_one("#feedback-timeline", Static).update(
            Text.assemble(
                ("Tijdlijn", "bold"), " (uur:min:sec na de start)\n", plain("\n".join(timeline))
            )
        )

    def _show_decisions_side_by_side(self) -> None:
        assert self.other is not None
        rows = compare_decisions(self.report, self.other)
        lines = [
            plain(f"  {text}\n    {self.report.case_code}: {a}\n    {self.other.case_code}: {b}")
            for text, a, b in rows
        ]
        self.query_one("#feedback-keys", Static).update(
            Text("\n").join([Text("Kernbesluiten naast elkaar", "bold"), *lines])
        )

    def _handout(self) -> Handout:
        if self.other is None:
            return build_feedback_handout(self.report)
        return build_comparison_handout(self.report, self.other)

    @work(thread=True, group="export")
    def action_export(self, export_format: DocumentFormat) -> None:
        from bobtui.core.documents.export import free_path, render_document, write_private
        from bobtui.core.domain.errors import BobError

        kind = "feedback" if self.other is None else "vergelijking"
        codes = "-".join(r.case_code for r in (self.report, self.other) if r is not None).replace(
            " ", "-"
        )
        path = free_path(self.export_folder, f"{kind}-{codes}.{export_format}")
        try:
            write_private(path, render_document(self._handout(), export_format))
        except BobError as error:
            from_worker(self.app, self.app.notify, str(error), severity="error")
            return
        from_worker(self.app, self.app.notify, f"Geschreven naar {path}")
