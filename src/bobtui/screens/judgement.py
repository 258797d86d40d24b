"""Record a judgement: a key problem, a risk with its likelihood, or a dilemma."""

from collections.abc import Callable
from functools import partial

from textual.app import ComposeResult
from textual.widgets import Input, Select

from bobtui.core.domain.records import JudgementRecord, Saved
from bobtui.core.domain.vocabulary import JudgementKind, Likelihood
from bobtui.screens.form import MeetingFormScreen, choice
from bobtui.widgets.text import TextField


class JudgementScreen(MeetingFormScreen[JudgementRecord]):
    TITLE_TEXT = "Oordeel: wat betekent de informatie?"

    def fields(self) -> ComposeResult:
        kinds = [(kind.value, kind) for kind in JudgementKind]
        yield from self.labelled(
            "Soort",
            Select(
                kinds, value=JudgementKind.KERNPROBLEEM, allow_blank=False, compact=True, id="kind"
            ),
        )
        yield from self.labelled("Omschrijving", TextField(compact=True, id="text"))
        likelihoods = [(value.value, value) for value in Likelihood]
        yield from self.labelled(
            "Kans (alleen bij een risico)",
            Select(likelihoods, prompt="—", compact=True, id="likelihood"),
        )

    def save(self) -> Callable[[], Saved[JudgementRecord]]:
        return partial(
            self.session.record_judgement,
            choice(self.query_one("#kind", Select)),
            self.query_one("#text", Input).value,
            likelihood=choice(self.query_one("#likelihood", Select)),
        )
