"""Open actions across all meetings: overdue first, with keys to mark, postpone or drop them."""

from datetime import date
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from bobtui.core.documents.export import free_path, write_private
from bobtui.core.domain.dates import Clock, format_date
from bobtui.core.domain.errors import BobError
from bobtui.core.domain.records import DecisionRecord, Saved
from bobtui.core.domain.vocabulary import DecisionStatus, counted
from bobtui.core.store.actions import (
    OpenAction,
    action_history,
    actions_csv,
    open_actions,
    update_action,
)
from bobtui.core.store.engine import Store
from bobtui.screens._workplace import workplace_of
from bobtui.screens._writes import write
from bobtui.widgets.key_footer import KeyFooter
from bobtui.widgets.list_table import ListTable
from bobtui.widgets.text import TextField, plain
from bobtui.widgets.title_bar import TitleBar


class ActionsScreen(Screen[None]):
    """Every open decision of every meeting; each change goes into the decision's history."""

    CSS_PATH = "actions.tcss"
    BINDINGS = [
        Binding("g", "done", "Gedaan", id="actions.done"),
        Binding("u", "update(True)", "Uitstellen", id="actions.postpone"),
        Binding("v", "update(False)", "Vervallen", id="actions.cancel"),
        Binding("t", "toggle_overdue", "Alleen te laat", id="actions.overdue"),
        Binding("slash", "focus_filter", "Zoeken", id="actions.filter"),
        Binding("c", "export_csv", "CSV", id="actions.csv"),
        Binding("escape", "back", "Terug", id="actions.back"),
    ]

    def __init__(self, store: Store, export_folder: Path | None = None) -> None:
        super().__init__()
        self.store = store
        self.export_folder = export_folder or Path.cwd()
        self.overdue_only = False
        self.shown: list[OpenAction] = []

    @property
    def clock(self) -> Clock:
        return workplace_of(self).clock

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield TextField(
            placeholder="Zoek op organisatie, eigenaar of casuscode…  ( / )",
            compact=True,
            id="actions-filter",
        )
        yield ListTable(id="actions", cursor_type="row", zebra_stripes=True)
        yield Static(id="actions-history")
        yield Static(id="actions-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Open acties van alle overleggen"
        table = self.query_one(ListTable)
        table.add_columns("", "Actie", "Eigenaar", "Organisatie", "Deadline", "Casus", "Nr")
        table.focus()
        self._load()

    def _today(self) -> date:
        return self.clock().astimezone().date()

    def _load(self, keep: int | None = None) -> None:
        found = open_actions(self.store, self._today(), overdue_only=self.overdue_only)
        words = self.query_one("#actions-filter", Input).value.lower().split()
        self.shown = [
            a
            for a in found
            if all(
                w in f"{a.owner_organisation} {a.owner_person} {a.case_code}".lower() for w in words
            )
        ]
        table = self.query_one(ListTable)
        table.clear()
        for a in self.shown:
            late = Text(" te laat ", style="bold reverse red") if a.overdue else Text("")
            table.add_row(
                late,
                a.action,
                a.owner_person,
                a.owner_organisation,
                Text(format_date(a.deadline), style="bold red" if a.overdue else ""),
                a.case_code,
                str(a.meeting_id),  # its date stands in the history line below
            )
        if keep is not None and self.shown:
            table.move_cursor(row=min(keep, len(self.shown) - 1))
        overdue = sum(a.overdue for a in self.shown)
        which = "te late" if self.overdue_only else "open"
        self.query_one("#actions-status", Static).update(
            f"{counted(len(self.shown), f'{which} actie', f'{which} acties')}"
            + (f", waarvan {overdue} te laat" if overdue and not self.overdue_only else "")
        )
        self._show_history()
        self.refresh_bindings()

    def _selected(self) -> OpenAction | None:
        table = self.query_one(ListTable)
        if not self.shown or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _show_history(self) -> None:
        action = self._selected()
        lines: list[str] = []
        if action is not None:
            for step in action_history(self.store, action.decision_id):
                when = format_date(step.changed_at.astimezone().date())
                if step.new_deadline:
                    what = f"uitgesteld tot {format_date(step.new_deadline)}"
                elif step.status is DecisionStatus.OPEN:
                    what = "besluit genomen" if not lines else "loopt door"
                else:
                    what = step.status.value
                where = "in overleg" if step.meeting_id else "tussendoor"
                reason = f": {step.reason}" if step.reason else ""
                lines.append(f"{when} {what} ({where}){reason}")
        history = plain("Geschiedenis: " + "\n".join(lines))  # a reason is what the user typed
        self.query_one("#actions-history", Static).update(history)

    @on(Input.Changed, "#actions-filter")
    def _filter(self) -> None:
        self._load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("done", "update"):
            return self._selected() is not None
        return True

    def action_done(self) -> None:
        action = self._selected()
        if action is None:
            return
        row = self.query_one(ListTable).cursor_row

        def done(_: object) -> None:
            self.notify(f"Gedaan: {action.action}")
            self._load(keep=row)

        change = partial(
            update_action, self.store, action.decision_id, DecisionStatus.GEDAAN, clock=self.clock
        )
        write(self, change, done)

    def action_update(self, postpone: bool) -> None:
        from bobtui.screens.action_update import ActionUpdateScreen

        action = self._selected()
        if action is None:
            return
        row = self.query_one(ListTable).cursor_row

        def updated(saved: Saved[DecisionRecord] | None) -> None:
            if saved is not None:
                for warning in saved.warnings:
                    self.notify(warning, severity="warning", timeout=8)
                self._load(keep=row)
            self.query_one(ListTable).focus()

        screen = ActionUpdateScreen(self.store, action, postpone=postpone)
        self.app.push_screen(screen, updated)

    def action_toggle_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self._load()

    def action_focus_filter(self) -> None:
        self.query_one("#actions-filter", Input).focus()

    def action_export_csv(self) -> None:
        path = free_path(self.export_folder, f"open-acties-{self._today():%Y-%m-%d}.csv")
        try:
            write_private(path, actions_csv(self.shown))
        except BobError as error:
            self.notify(str(error), severity="error")
            return
        self.notify(f"{counted(len(self.shown), 'actie', 'acties')} geschreven naar {path}")

    def action_back(self) -> None:
        if self.focused is self.query_one("#actions-filter", Input):
            self.query_one(ListTable).focus()
        else:
            self.app.pop_screen()
