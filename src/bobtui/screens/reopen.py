"""Reopening a finalized meeting (a coordinator only): back to a concept, with the reason."""

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Input, Static

from bobtui.core.domain.records import MeetingRecord, Saved
from bobtui.screens.form import MeetingFormScreen
from bobtui.widgets.text import TextField, plain


class ReopenScreen(MeetingFormScreen[MeetingRecord]):
    """Why the record is reopened; the reason goes on the record with who and when."""

    TITLE_TEXT = "Vastgesteld overleg heropenen: waarom?"

    def fields(self) -> ComposeResult:
        yield Static(
            plain(
                "Het verslag wordt weer een concept; de heropening staat in elk verslag onder "
                "Wijzigingen na vaststelling.",
                "dim",
            )
        )
        yield from self.labelled("Reden", TextField(compact=True, id="reason"))

    def save(self) -> Callable[[], Saved[MeetingRecord]]:
        reason = self.query_one("#reason", Input).value
        return lambda: Saved(self.session.reopen(reason=reason))
