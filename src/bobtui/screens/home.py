"""Home: the meetings in the store, newest first, with a filter on the case code."""

import threading
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from bobtui.core.workplace import StoreKind
from bobtui.screens._opening import MeetingOpeningScreen
from bobtui.screens._workers import from_worker
from bobtui.screens._workplace import workplace_of
from bobtui.widgets.empty_hint import EmptyHint
from bobtui.widgets.key_footer import KeyFooter
from bobtui.widgets.list_table import ListTable
from bobtui.widgets.text import TextField, plain
from bobtui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from pathlib import Path

    from bobtui.core.domain.dates import Clock
    from bobtui.core.domain.records import MeetingListRow, Saved
    from bobtui.core.store.engine import Store
    from bobtui.core.training.feedback import FeedbackReport

PAGE_SIZE = 200
LIST_PAINT_WAIT = 1.0  # seconds; should the screen be gone, the store worker goes on after it


class HomeScreen(MeetingOpeningScreen):
    """Lists meetings; the store opens in a worker so the first frame is not kept waiting."""

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("slash", "focus_filter", "Zoeken", id="home.filter"),
        Binding("n", "new_meeting", "Nieuw overleg", id="home.new"),
        Binding("enter", "open_meeting", "Openen", id="home.open"),
        Binding("s", "show_summary", "Verslag", id="home.summary"),
        Binding("a", "show_actions", "Open acties", id="home.actions"),
        Binding("h", "show_case_history", "Casusgeschiedenis", id="home.history"),
        Binding("space", "toggle_mark", "Markeren", id="home.mark"),
        Binding("e", "export", "Exporteren", id="home.export"),
        Binding("o", "practice", "Oefenen", id="home.practice"),
        Binding("f", "feedback", "Feedback", id="home.feedback"),
        Binding("v", "compare", "Vergelijken", id="home.compare"),
        Binding("q", "quit", "Afsluiten", id="home.quit"),
        Binding("escape", "focus_table", "Naar lijst", show=False, id="home.table"),
    ]

    def __init__(
        self, kind: StoreKind, *, reset_demo: bool = False, rehearse: str | None = None
    ) -> None:
        """The meetings in the app's store of ``kind``; ``rehearse``: start that practice case."""
        super().__init__()
        self.kind = kind
        self._reset_demo = reset_demo
        self.rehearsals = kind is StoreKind.REHEARSALS
        self._rehearse = rehearse
        self.store: Store | None = None
        self._highlight: int | None = None
        self._marked: set[int] = set()  # meetings chosen for a batch export
        self._total = (0, 0)  # meetings shown, meetings found
        self._list_painted = threading.Event()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="home"):
            if self.kind is StoreKind.DEMO:
                yield Static(
                    "DEMO — een fictieve casus om mee te oefenen; niet voor echte gegevens.",
                    id="demo-banner",
                )
            if self.rehearsals:
                yield Static(
                    "OEFENING — fictieve casussen in een eigen opslag; niets hiervan komt in "
                    "echte lijsten of exports. o: een oefening starten.",
                    id="demo-banner",
                )
            yield Vertical(id="filter-slot")
            yield EmptyHint(id="empty-hint")
            yield Vertical(id="list-slot")
            yield Static("Opslag openen…", id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        # Importing the store (SQLModel, pydantic) takes most of a second of CPU; starting it
        # after the first frame keeps the worker thread from delaying that frame.
        self.call_after_refresh(self.open_store)

    def _meeting_clock(self) -> "Clock":
        return workplace_of(self).clock

    @work(thread=True, exclusive=True, group="store")
    def open_store(self) -> None:
        from bobtui.core.domain.errors import BobError

        workplace = workplace_of(self)
        try:
            store = workplace.store(self.kind, reset_demo=self._reset_demo)
            if self.kind is StoreKind.DEMO:
                self._highlight = workplace.demo_meeting_id
            # The list the user came for first, mounted and filled in one go (one layout and
            # one paint on the UI thread, which the query would otherwise wait behind).
            from bobtui.core.store.meeting_list import list_page

            rows, total = list_page(store, search="", limit=PAGE_SIZE)
        except BobError as error:
            from_worker(self, self._show_status, str(error))
            return
        from_worker(self, self._show_first_list, store, rows, total)
        # The question sets (TOML, pydantic) once the list is on screen: parsing them meanwhile
        # would hold the GIL the list's frame is painted with.
        self._list_painted.wait(timeout=LIST_PAINT_WAIT)
        from_worker(self, setattr, self.app, "connected_as", workplace.connected_as)
        try:
            catalog = workplace.catalog
            if self.rehearsals:
                self.practice_catalog = workplace.practice_catalog
        except BobError as error:
            from_worker(self, self._show_status, str(error))
            return
        from_worker(self, self.catalog_loaded, catalog)
        for warning in catalog.warnings:
            from_worker(self.app, self.app.notify, warning, severity="warning", timeout=10)
        if self._rehearse is not None:
            case_id, self._rehearse = self._rehearse, None
            from_worker(self, self.start_rehearsal, case_id)

    @work(thread=True, exclusive=True, group="list")
    def load_meetings(self, search: str) -> None:
        self._load_meetings(search)

    def _load_meetings(self, search: str) -> None:
        if self.store is None:
            return
        from bobtui.core.store.meeting_list import list_page

        rows, total = list_page(self.store, search=search, limit=PAGE_SIZE)
        from_worker(self, self._fill_table, rows, total)

    def _show_first_list(self, store: "Store", rows: "list[MeetingListRow]", total: int) -> None:
        self._mount_list()
        self.store = store  # the keys that act on the list apply from here
        self._fill_table(rows, total)

    def _fill_table(self, rows: "list[MeetingListRow]", total: int) -> None:
        table = self.query_one(ListTable)
        keep = table.cursor_row  # coming back to the list keeps the place
        table.clear()
        table.add_rows(
            [
                (
                    "●" if row.id in self._marked else "",
                    str(row.id),
                    row.case_code,
                    row.held_on.strftime("%d-%m-%Y"),
                    row.leidraad_id,
                    row.state,
                    str(row.open_actions),
                )
                for row in rows
            ]
        )
        ids = [row.id for row in rows]
        if self._highlight in ids:
            table.move_cursor(row=ids.index(self._highlight))
            self._highlight = None
        elif rows:
            table.move_cursor(row=min(keep, len(rows) - 1))
        self._total = (len(rows), total)
        # An empty store says how to begin, instead of showing an empty list.
        self.query_one(EmptyHint).show_when(
            total == 0
            and not self.query_one("#filter", Input).value
            and self.kind is not StoreKind.DEMO,
            rehearsals=self.rehearsals,
            own_sets=workplace_of(self).settings.paths.user_leidraad_dir,
        )
        self._show_count()
        self.refresh_bindings()  # the summary key applies once there are rows
        self.call_after_refresh(self._list_painted.set)

    def _show_count(self) -> None:
        from bobtui.core.domain.vocabulary import counted

        shown, total = self._total
        found = counted(total, "overleg", "overleggen")
        text = f"{shown} van {found}" if total > shown else found
        if self._marked:
            text += f" · {len(self._marked)} gemarkeerd voor export (e)"
        self._show_status(text)

    def _show_status(self, text: str) -> None:
        # Also the store's error, which may quote a path or a database URL.
        self.query_one("#status", Static).update(plain(text))

    def _mount_list(self) -> None:
        """The filter and the list appear with the store: before it they cannot show anything,
        and together they cost the first frame about 45 ms (make bench)."""
        self.query_one("#filter-slot").mount(
            TextField(placeholder="Zoek op casuscode…  ( / )", compact=True, id="filter")
        )
        table = ListTable(id="meetings", cursor_type="row", zebra_stripes=True)
        self.query_one("#list-slot").mount(table)
        table.add_column("", width=1)  # ● marks a meeting for a batch export
        columns = table.add_columns("Nr", "Casuscode", "Datum", "Leidraad", "Status", "Open acties")
        table.give_way_first(columns[3])  # the state matters more than the question set's name
        table.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.load_meetings(event.value)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_focus_table(self) -> None:
        for table in self.query(ListTable):  # none until the store is open
            table.focus()

    def _selected_meeting_id(self) -> int | None:
        table = self.query_one(ListTable)
        if table.row_count == 0:
            return None
        return int(table.texts_at(table.cursor_row)[1])

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open_meeting()

    def action_open_meeting(self) -> None:
        meeting_id = self._selected_meeting_id()
        if meeting_id is not None:
            self.open_meeting(meeting_id)

    def action_practice(self) -> None:
        """On the real list: open the rehearsals' own list. There: choose a case to rehearse."""
        from bobtui.screens.practice_cases import PracticeCasesScreen

        if not self.rehearsals:
            self.app.push_screen(HomeScreen(StoreKind.REHEARSALS))
            return
        ready = self.loaded_catalog(self.action_practice) is not None
        if ready and self.practice_catalog is not None:
            self.app.push_screen(
                PracticeCasesScreen(self.practice_catalog),
                lambda case_id: self.start_rehearsal(case_id) if case_id else None,
            )

    def _feedback_of(self, meeting_id: int) -> "FeedbackReport | None":
        from bobtui.core.domain.errors import BobError
        from bobtui.core.session import open_meeting
        from bobtui.core.training.feedback import rehearsal_feedback

        assert self.store is not None and self.catalog is not None
        try:
            session = open_meeting(self.store, meeting_id, self.catalog, self._meeting_clock())
            case = self._practice_case_of(session)
            if case is None or self.practice_catalog is None:
                raise BobError("Dit overleg is geen oefening van een bekende oefencasus.")
            return rehearsal_feedback(session, case, self.practice_catalog)
        except BobError as error:
            self.notify(str(error), severity="warning")
            return None

    def action_feedback(self) -> None:
        from bobtui.screens.feedback import FeedbackScreen

        meeting_id = self._selected_meeting_id()
        if self.loaded_catalog(self.action_feedback) is None:
            return
        report = self._feedback_of(meeting_id) if meeting_id is not None else None
        if report is not None:
            self.app.push_screen(FeedbackScreen(report))

    def action_compare(self) -> None:
        """Two marked rehearsals of the same case, figure by figure."""
        from bobtui.screens.feedback import FeedbackScreen

        if len(self._marked) != 2:
            self.notify("Markeer twee oefeningen (spatie) om ze te vergelijken.")
            return
        if self.loaded_catalog(self.action_compare) is None:
            return
        first, second = (self._feedback_of(i) for i in sorted(self._marked))
        if first is None or second is None:
            return
        if first.case_id != second.case_id:
            self.notify("Vergelijk twee oefeningen van dezelfde casus.", severity="warning")
            return
        self.app.push_screen(FeedbackScreen(first, second))

    def start_rehearsal(self, case_id: str) -> None:
        from bobtui.core.domain.errors import BobError
        from bobtui.core.training.rehearsal import start_rehearsal

        if self.store is None or self.catalog is None or self.practice_catalog is None:
            return
        try:
            case = self.practice_catalog.get(case_id)
            session = start_rehearsal(
                self.store, case, self.catalog.get(case.leidraad), clock=self._meeting_clock()
            )
        except BobError as error:
            self.notify(str(error), severity="error")
            return
        self.load_meetings("")
        self._show_meeting(session, planned=True)

    def action_new_meeting(self) -> None:
        from bobtui.screens.setup import SetupScreen

        if self.store is not None and self.loaded_catalog(self.action_new_meeting) is not None:
            self.app.push_screen(SetupScreen(self.store))

    def on_screen_resume(self) -> None:
        """Back from a meeting or a summary: statuses and open actions may have changed."""
        if self.store is not None:
            self.load_meetings(self.query_one("#filter", Input).value)

    def action_quit(self) -> None:
        self.app.exit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit":  # while the filter has focus, q is a letter of the search
            return not isinstance(self.focused, Input)
        if action in ("feedback", "compare"):
            return self.rehearsals and self.store is not None
        if action == "new_meeting":  # rehearsals start from a practice case (o)
            return self.store is not None and not self.rehearsals
        if action in ("focus_filter", "show_actions", "practice"):
            return self.store is not None
        if action in ("show_summary", "open_meeting", "show_case_history", "toggle_mark", "export"):
            return self.store is not None and self.query_one(ListTable).row_count > 0
        return True

    def action_toggle_mark(self) -> None:
        from textual.coordinate import Coordinate

        meeting_id = self._selected_meeting_id()
        if meeting_id is None:
            return
        table = self.query_one(ListTable)
        self._marked.symmetric_difference_update({meeting_id})
        mark = "●" if meeting_id in self._marked else ""
        table.update_cell_at(Coordinate(table.cursor_row, 0), mark)
        table.move_cursor(row=table.cursor_row + 1)
        self._show_count()

    def action_export(self) -> None:
        """Export the marked meetings (or the highlighted one) in one go."""
        from bobtui.core.store.meetings import select_meetings
        from bobtui.screens.batch_export import BatchExportScreen

        chosen = self._marked or {self._selected_meeting_id()} - {None}
        if self.store is None or not chosen or self.loaded_catalog(self.action_export) is None:
            return
        meetings = select_meetings(self.store, meeting_ids=[i for i in chosen if i is not None])

        def exported(saved: "Saved[Path] | None") -> None:
            if saved is not None:
                self._marked.clear()
                self.load_meetings(self.query_one("#filter", Input).value)

        self.app.push_screen(BatchExportScreen(self.store, meetings), exported)

    def action_show_actions(self) -> None:
        from bobtui.screens.actions import ActionsScreen

        if self.store is not None:
            self.app.push_screen(ActionsScreen(self.store))

    def action_show_case_history(self) -> None:
        from bobtui.core.store.history import case_history
        from bobtui.screens.case_history import CaseHistoryScreen

        table = self.query_one(ListTable)
        if self.store is None or table.row_count == 0:
            return
        case_code = table.texts_at(table.cursor_row)[2]
        today = self._meeting_clock()().astimezone().date()
        self.app.push_screen(
            CaseHistoryScreen(self.store, case_history(self.store, case_code, today))
        )

    def action_show_summary(self) -> None:
        from bobtui.core.domain.errors import BobError
        from bobtui.core.session import open_meeting
        from bobtui.screens.summary import SummaryScreen

        meeting_id = self._selected_meeting_id()
        catalog = self.loaded_catalog(self.action_show_summary)
        if meeting_id is None or self.store is None or catalog is None:
            return
        try:
            session = open_meeting(self.store, meeting_id, catalog, self._meeting_clock())
        except BobError as error:
            self.notify(str(error), severity="error")
            return
        self.app.push_screen(SummaryScreen(session))
