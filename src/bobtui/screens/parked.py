"""The parkeerplaats in besluitvorming: turn each parked idea into a decision, or let it go."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bobtui.core.domain.records import ParkedIdeaRecord
from bobtui.core.session import MeetingSession
from bobtui.widgets.text import plain


class ParkedScreen(ModalScreen[tuple[str, ParkedIdeaRecord] | None]):
    """Returns ('besluit', idea) or ('vervallen', idea) for the highlighted idea, or None."""

    CSS_PATH = "parked.tcss"
    BINDINGS = [
        Binding("b", "choose('besluit')", "Maak er een besluit van", id="parked.decide"),
        Binding("v", "choose('vervallen')", "Laat vallen", id="parked.drop"),
        Binding("escape", "dismiss(None)", "Terug", id="parked.back"),
    ]

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.ideas = session.open_parked_ideas()
        self.names = {p.id: p.name for p in session.participants()}

    def compose(self) -> ComposeResult:
        with Vertical(id="parked"):
            yield Static("Parkeerplaats: wat doen we met deze ideeën?", id="parked-title")
            yield OptionList(
                *[Option(self._prompt(idea), id=str(idea.id)) for idea in self.ideas],
                id="ideas",
            )
            yield Static("[dim]b: besluit · v: laten vallen · Esc: terug[/dim]")

    def _prompt(self, idea: ParkedIdeaRecord) -> Text:
        who = f"{self.names.get(idea.participant_id, '')}, " if idea.participant_id else ""
        return Text.assemble(plain(idea.text), "  ", plain(f"— {who}in {idea.phase.value}", "dim"))

    def action_choose(self, outcome: str) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.ideas:
            return
        self.dismiss((outcome, self.ideas[options.highlighted]))
