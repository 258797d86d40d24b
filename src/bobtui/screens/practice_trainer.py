"""The trainer's panel during a rehearsal: every event of the case with what happened to it;
start one now, delay it or skip it. What the trainer does is in the feedback report."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from bobtui.core.session.rehearsal import PracticeEventAction
from bobtui.core.training.events import DELAY, EventState
from bobtui.widgets.list_table import ListTable
from bobtui.widgets.text import plain


class PracticeTrainerScreen(ModalScreen[tuple[PracticeEventAction, int] | None]):
    """Returns what to do with which event, or None."""

    CSS_PATH = "practice_trainer.tcss"
    BINDINGS = [
        Binding("s", "act('triggered')", "Nu starten", id="practice_trainer.trigger"),
        Binding("u", "act('delayed')", "Uitstellen", id="practice_trainer.delay"),
        Binding("o", "act('skipped')", "Overslaan", id="practice_trainer.skip"),
        Binding("escape", "dismiss(None)", "Terug", id="practice_trainer.back"),
    ]

    def __init__(self, states: list[EventState]) -> None:
        super().__init__()
        self.states = states

    def compose(self) -> ComposeResult:
        minutes = int(DELAY.total_seconds() // 60)
        with Vertical(id="practice-trainer"):
            yield Static(plain("Trainer: gebeurtenissen", "bold"))
            yield ListTable(id="trainer-events", cursor_type="row")
            yield Static(
                f"[dim]s: nu starten · u: {minutes} minuten uitstellen · o: overslaan · "
                "Esc: terug[/dim]"
            )

    def on_mount(self) -> None:
        table = self.query_one(ListTable)
        table.add_columns("#", "Wanneer", "Wat", "Status")
        for state in self.states:
            table.add_row(str(state.index + 1), state.event.trigger, state.event.text, state.status)
        table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "act":
            return True
        state = self._selected()
        return state is not None and state.shown_at is None and not state.skipped

    def _selected(self) -> EventState | None:
        row = self.query_one(ListTable).cursor_row
        return self.states[row] if 0 <= row < len(self.states) else None

    def on_data_table_row_highlighted(self) -> None:
        self.refresh_bindings()

    def action_act(self, action: str) -> None:
        state = self._selected()
        if state is not None:
            self.dismiss((PracticeEventAction(f"practice.event_{action}"), state.index))
