"""Record a safety score: who, 0–10, and what would raise it by one point."""

from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from bobtui.core.domain.errors import RuleViolation
from bobtui.core.domain.records import SafetyScoreRecord, Saved
from bobtui.screens.form import MeetingFormScreen, choice
from bobtui.widgets.text import TextField


class ScoreScreen(MeetingFormScreen[SafetyScoreRecord]):
    TITLE_TEXT = "Veiligheidsscore: hoe veilig is het nu, van 0 tot 10?"

    def fields(self) -> ComposeResult:
        yield from self.labelled(
            "Wie geeft de score?",
            Select(
                self.participant_options(), prompt="Kies uit de deelnemers", compact=True, id="who"
            ),
        )
        yield from self.labelled("Of typ een naam of rol", TextField(compact=True, id="respondent"))
        yield from self.labelled(
            "Score (0–10)", TextField(type="integer", max_length=2, compact=True, id="score")
        )
        yield from self.labelled(
            "Wat maakt het één punt hoger?", TextField(compact=True, id="raise")
        )

    @on(Select.Changed, "#who")
    def _who_changed(self, event: Select.Changed) -> None:
        person = self.participant(choice(event.select))
        if person is not None:
            self.query_one("#respondent", Input).value = person.name
            self.query_one("#score", Input).focus()

    def save(self) -> Callable[[], Saved[SafetyScoreRecord]]:
        text = self.query_one("#score", Input).value.strip()
        if not text.isdigit():
            raise RuleViolation("Een veiligheidsscore is een geheel getal van 0 tot en met 10.")
        return partial(
            self.session.record_safety_score,
            self.query_one("#respondent", Input).value,
            int(text),
            self.query_one("#raise", Input).value,
            participant_id=choice(self.query_one("#who", Select)),
        )
