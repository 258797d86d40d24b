"""A correction of a finalized meeting: which field of which record, the new value and why."""

from collections.abc import Callable
from functools import partial

from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from bobtui.core.domain.errors import RuleViolation
from bobtui.core.domain.records import AmendmentRecord, Saved
from bobtui.core.session.record import AMENDABLE
from bobtui.screens.form import MeetingFormScreen, choice
from bobtui.widgets.text import TextField, plain

_CHOICES = [
    (f"{subject}: {field}", (subject, field))
    for subject, (_table, fields) in AMENDABLE.items()
    for field in fields
]


class AmendmentScreen(MeetingFormScreen[AmendmentRecord]):
    """What changes (notitie, besluit or overleg, and its number), to what, and why."""

    TITLE_TEXT = "Wijziging na vaststelling: wat verandert er, en waarom?"

    def fields(self) -> ComposeResult:
        yield Static(
            plain(
                "Het nummer staat in het verslag en in bobtui overleggen; een wijziging van het "
                "overleg zelf heeft geen nummer.",
                "dim",
            )
        )
        yield from self.labelled(
            "Wat", Select([(plain(label), value) for label, value in _CHOICES], id="what")
        )
        yield from self.labelled("Nummer", TextField(compact=True, id="record"))
        yield from self.labelled("Nieuwe waarde", TextField(compact=True, id="value"))
        yield from self.labelled("Reden", TextField(compact=True, id="reason"))

    def save(self) -> Callable[[], Saved[AmendmentRecord]]:
        chosen = choice(self.query_one("#what", Select))
        if chosen is None:
            raise RuleViolation("Kies wat er verandert.")
        subject, field = chosen
        number = self.query_one("#record", Input).value.strip()
        if subject != "overleg" and not number.isdigit():
            raise RuleViolation(f"Geef het nummer van de {subject}.")
        return partial(
            self.session.amend,
            subject,
            int(number) if number.isdigit() else None,
            field,
            self.query_one("#value", Input).value,
            reason=self.query_one("#reason", Input).value,
        )
