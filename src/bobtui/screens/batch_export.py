"""Export chosen meetings in one go: formats, profile, folder; one file per meeting and format,
plus an index. Names are checked before anything is written."""

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, ProgressBar, Select, Static

from bobtui.core.documents.export import FORMAT_LABELS, FORMATS, BatchPlan, plan_batch
from bobtui.core.documents.profiles import choose_profile
from bobtui.core.domain.errors import BobError
from bobtui.core.domain.records import MeetingListRow, Saved
from bobtui.core.domain.vocabulary import counted
from bobtui.core.store.engine import Store
from bobtui.screens._workers import from_worker
from bobtui.screens._workplace import workplace_of
from bobtui.screens.form import FormScreen, choice
from bobtui.widgets.text import TextField


class BatchExportScreen(FormScreen[Path]):
    """Returns the index file once every file is written."""

    def __init__(self, store: Store, meetings: list[MeetingListRow]) -> None:
        super().__init__()
        self.store = store
        self.meetings = meetings
        self.TITLE_TEXT = f"Exporteren: {counted(len(meetings), 'overleg', 'overleggen')}"
        self._exporting = False

    def fields(self) -> ComposeResult:
        yield Static("Formaten")
        with Horizontal(id="export-formats"):
            for export_format in FORMATS:
                yield Checkbox(
                    FORMAT_LABELS[export_format],
                    export_format in ("md", "docx"),
                    compact=True,
                    id=f"format-{export_format}",
                )
        yield from self.labelled(
            "Profiel",
            Select(
                [
                    ("volledig: het hele verslag", "volledig"),
                    ("besluiten: alleen besluiten en data", "besluiten"),
                ],
                value="volledig",
                allow_blank=False,
                compact=True,
                id="profile",
            ),
        )
        yield Checkbox("Vertrouwelijke notities opnemen", False, compact=True, id="confidential")
        yield from self.labelled("Map", TextField(str(Path.cwd()), compact=True, id="folder"))
        yield Checkbox("Bestaande bestanden overschrijven", False, compact=True, id="force")
        yield ProgressBar(total=len(self.meetings), show_eta=False, id="export-progress")

    def on_mount(self) -> None:
        self.query_one("#export-progress").display = False

    def _plan(self) -> BatchPlan:
        formats = [f for f in FORMATS if self.query_one(f"#format-{f}", Checkbox).value]
        profile = choose_profile(
            choice(self.query_one("#profile", Select)),
            include_confidential=self.query_one("#confidential", Checkbox).value,
        )
        folder = Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()
        force = self.query_one("#force", Checkbox).value
        return plan_batch(self.meetings, formats, profile, folder, force=force)

    def action_save(self) -> None:
        """Check every name first, then write in a worker with a progress bar."""
        if self._exporting:
            return
        try:
            plan = self._plan()
        except BobError as error:
            self.show_error(str(error))
            return
        self._exporting = True
        self.query_one("#form-error", Static).update("")
        self.query_one("#export-progress").display = True
        self._write(plan)

    @work(thread=True, exclusive=True)
    def _write(self, plan: BatchPlan) -> None:
        from bobtui.core.batch import export_batch

        progress = self.query_one("#export-progress", ProgressBar)
        workplace = workplace_of(self)
        settings = workplace.settings
        try:
            index = export_batch(
                self.store,
                workplace.catalog,
                plan,
                settings,
                mask_bsn=settings.mask_bsn,
                progress=lambda done: from_worker(self, progress.update, progress=done),
            )
        except BobError as error:
            from_worker(self, self._failed, str(error))
            return
        files = counted(len(plan.items), "bestand", "bestanden")
        from_worker(
            self.app, self.app.notify, f"{files} en {index.name} geschreven in {index.parent}"
        )
        from_worker(self, self.dismiss, Saved(index, ()))

    def _failed(self, message: str) -> None:
        self._exporting = False
        self.show_error(message)
