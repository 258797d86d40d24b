"""F1: every key of the screen beneath, with what it does, including the ones the footer leaves
out to keep the keys that matter most in view."""

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from bobtui.widgets.list_table import ListTable


def screen_keys(screen: Screen[object]) -> Iterator[tuple[str, ActiveBinding]]:
    """Each key of ``screen`` and of the app once, in the footer's order: the key as shown and
    its binding (with whether it works now). Only bobtui's keys, which all have an id."""
    seen: set[tuple[int, str]] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        identity = (id(active.node), binding.action)
        if not binding.description or identity in seen:
            continue
        if binding.id is None:
            continue  # Textual's own (tab, a field's cursor keys): not bobtui's, and in English
        seen.add(identity)
        yield screen.app.get_key_display(binding) or key, active


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened on; Esc or F1 closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1", "dismiss(None)", "Terug", id="help.back")]

    def __init__(self, beneath: Screen[object]) -> None:
        super().__init__()
        self._keys = list(screen_keys(beneath))

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static("Toetsen op dit scherm", id="help-title")
            yield ListTable(id="help-keys", cursor_type="row")
            yield Static("Esc of F1: terug", id="help-hint")

    def on_mount(self) -> None:
        table = self.query_one(ListTable)
        table.add_column("Toets", key="key")
        table.add_column("Wat het doet", key="what")
        for key, active in self._keys:
            binding = active.binding
            what = (
                f"{binding.description}: {binding.tooltip}"
                if binding.tooltip
                else binding.description
            )
            # height=None: a long explanation wraps in the dialog rather than being cut.
            if active.enabled:
                table.add_row(key, what, height=None)
            else:
                table.add_row(f"({key})", f"{what} (werkt nu niet)", height=None)
        table.focus()
