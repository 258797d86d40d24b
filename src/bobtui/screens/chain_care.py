"""Choose the phase of gefaseerde ketenzorg the family is in: one of three, by key."""

from collections.abc import Callable
from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bobtui.core.domain.errors import BobError
from bobtui.core.domain.vocabulary import ChainCarePhase
from bobtui.core.session import MeetingSession
from bobtui.screens._writes import notify_refusal, write

_MEANING = {
    ChainCarePhase.VEILIGHEID: "het geweld stopt, de directe veiligheid is geborgd",
    ChainCarePhase.RISICOGESTUURDE_ZORG: "de risico's verminderen, patronen doorbreken",
    ChainCarePhase.HERSTEL: "herstel van de gevolgen, de zorg bouwt af",
}
_PHASES = tuple(ChainCarePhase)


class ChainCareScreen(ModalScreen[ChainCarePhase | None]):
    """Returns the chosen phase (1, 2, 3, or Enter on the highlighted one), None on Escape."""

    CSS_PATH = "chain_care.tcss"
    BINDINGS = [
        Binding("1", "choose(0)", "Veiligheid", id="chain_care.veiligheid"),
        Binding("2", "choose(1)", "Risicogestuurde zorg", id="chain_care.risicogestuurde_zorg"),
        Binding("3", "choose(2)", "Herstel", id="chain_care.herstel"),
        Binding("escape", "dismiss(None)", "Terug", id="chain_care.back"),
    ]

    def __init__(self, current: ChainCarePhase | None, carried: bool = False) -> None:
        """``current``: the meeting's phase, highlighted; ``carried``: it is last meeting's."""
        super().__init__()
        self._current = current
        self._carried = carried

    def compose(self) -> ComposeResult:
        with Vertical(id="chain-care"):
            yield Static("Fase gefaseerde ketenzorg: waar staat het gezin?", id="chain-care-title")
            if self._current is not None and self._carried:
                yield Static(
                    f"Voorstel uit het vorige overleg: {self._current.label.lower()}. "
                    "Kies hem om te bevestigen.",
                    id="chain-care-proposal",
                )
            yield OptionList(
                *(
                    Option(f"{number}  {phase.label}: {_MEANING[phase]}", id=phase.value)
                    for number, phase in enumerate(_PHASES, start=1)
                ),
                id="chain-care-options",
            )
            yield Static("1, 2, 3 of Enter kiest · Esc: terug", id="chain-care-help")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = _PHASES.index(self._current) if self._current else 0
        options.focus()

    def action_choose(self, index: int) -> None:
        self.dismiss(_PHASES[index])

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(_PHASES[event.option_index])


def choose_chain_care_phase(
    screen: Screen[Any], session: MeetingSession, done: Callable[[], None]
) -> None:
    """Ask for the phase of ``session``'s meeting over ``screen`` and save the choice (by the
    app's writer; a refusal shows as a notification); ``done`` runs after, chosen or not."""
    meeting = session.meeting()

    def refused(error: BobError) -> None:
        notify_refusal(screen)(error)
        done()

    def chosen(phase: ChainCarePhase | None) -> None:
        if phase is None:
            done()
        else:
            write(screen, partial(session.set_chain_care_phase, phase), lambda _: done(), refused)

    carried = session.chain_care_phase_carried()
    screen.app.push_screen(ChainCareScreen(meeting.chain_care_phase, carried), chosen)
