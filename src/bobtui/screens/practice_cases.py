"""Choose a practice case to rehearse: its summary, roles and length; Enter starts it."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bobtui.core.training.cases import LOGIC_LABELS
from bobtui.core.training.catalog import PracticeCatalog
from bobtui.widgets.text import plain


class PracticeCasesScreen(ModalScreen[str | None]):
    """Returns the id of the chosen case, or None."""

    CSS_PATH = "practice_cases.tcss"
    BINDINGS = [
        Binding("enter", "choose", "Oefening starten", id="practice_cases.start"),
        Binding("escape", "dismiss(None)", "Terug", id="practice_cases.back"),
    ]

    def __init__(self, catalog: PracticeCatalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.case_ids = sorted(catalog.entries)

    def compose(self) -> ComposeResult:
        with Vertical(id="practice-cases"):
            yield Static("[b]Oefencasus kiezen[/b]")
            yield OptionList(
                *(Option(plain(self.catalog.entries[i].case.title), id=i) for i in self.case_ids),
                id="practice-list",
            )
            yield Static(id="practice-details")
            yield Static("[dim]Enter: oefening starten (rollen staan klaar) · Esc: terug[/dim]")

    def on_mount(self) -> None:
        if self.case_ids:
            self.query_one(OptionList).highlighted = 0
        else:
            self.query_one("#practice-details", Static).update(
                "Er zijn geen oefencasussen gevonden."
            )

    @on(OptionList.OptionHighlighted)
    def _details(self, event: OptionList.OptionHighlighted) -> None:
        case = self.catalog.entries[str(event.option.id)].case
        roles = ", ".join(
            card.name + (f" ({LOGIC_LABELS[card.logic]})" if card.logic else "")
            for card in case.roles
        )
        self.query_one("#practice-details", Static).update(
            Text.assemble(
                plain(case.summary),
                "\n\n",
                (f"{case.duration_minutes} minuten", "bold"),
                plain(f" · leidraad {case.leidraad} · {len(case.events)} gebeurtenissen\n"),
                ("Rollen:", "bold"),
                " ",
                plain(roles),
            )
        )

    @on(OptionList.OptionSelected)
    def action_choose(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.dismiss(self.case_ids[highlighted])
