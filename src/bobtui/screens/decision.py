"""Record a decision: no action leaves the room without an owner and a deadline."""

from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from bobtui.core.domain.dates import parse_date
from bobtui.core.domain.records import DecisionRecord, ParkedIdeaRecord, Saved
from bobtui.core.domain.vocabulary import ChainCarePhase, Priority
from bobtui.core.session import MeetingSession
from bobtui.screens.form import MeetingFormScreen, choice
from bobtui.widgets.text import TextField


class DecisionScreen(MeetingFormScreen[DecisionRecord]):
    """A new decision, or one that turns a parked idea into a decision."""

    TITLE_TEXT = "Besluit: wie doet wat, en wanneer is het klaar?"

    def __init__(self, session: MeetingSession, parked: ParkedIdeaRecord | None = None) -> None:
        super().__init__(session)
        self.parked = parked

    def fields(self) -> ComposeResult:
        action = self.parked.text if self.parked else ""
        yield from self.labelled("Actie", TextField(action, compact=True, id="action"))
        yield from self.labelled(
            "Eigenaar uit de deelnemers",
            Select(
                self.participant_options(), prompt="Kies of typ hieronder", compact=True, id="owner"
            ),
        )
        yield from self.labelled("Eigenaar (persoon)", TextField(compact=True, id="person"))
        yield from self.labelled(
            "Organisatie van de eigenaar", TextField(compact=True, id="organisation")
        )
        yield from self.labelled(
            "Deadline (31-12-2026, 31-12 of +14 dagen)",
            TextField(placeholder="+14", compact=True, id="deadline"),
        )
        priorities = [(p.value, p) for p in Priority]
        yield from self.labelled(
            "Prioriteit",
            Select(
                priorities, value=Priority.MIDDEL, allow_blank=False, compact=True, id="priority"
            ),
        )
        phases = [(p.label, p) for p in ChainCarePhase]
        yield from self.labelled(
            "Fase ketenzorg", Select(phases, prompt="—", compact=True, id="phase")
        )

    @on(Select.Changed, "#owner")
    def _owner_changed(self, event: Select.Changed) -> None:
        person = self.participant(choice(event.select))
        if person is not None:
            self.query_one("#person", Input).value = person.name
            self.query_one("#organisation", Input).value = person.organisation
            self.query_one("#deadline", Input).focus()

    def save(self) -> Callable[[], Saved[DecisionRecord]]:
        deadline = parse_date(self.query_one("#deadline", Input).value, self.session.today())
        record = (
            partial(self.session.decide_parked_idea, self.parked.id)
            if self.parked
            else self.session.record_decision
        )
        return partial(
            record,
            self.query_one("#action", Input).value,
            owner_person=self.query_one("#person", Input).value,
            owner_organisation=self.query_one("#organisation", Input).value,
            deadline=deadline,
            priority=choice(self.query_one("#priority", Select)),
            chain_care_phase=choice(self.query_one("#phase", Select)),
            owner_participant_id=choice(self.query_one("#owner", Select)),
        )
