"""Correct one recorded text, e.g. to take out a number that looks like a BSN."""

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Static

from bobtui.core.domain.records import Saved
from bobtui.core.session import MeetingSession
from bobtui.core.session.attention import BsnFinding
from bobtui.screens.form import FormScreen
from bobtui.widgets.text import TextField


class CorrectTextScreen(FormScreen[Any]):
    """One text of the meeting, to edit in place; saved through the session."""

    def __init__(self, session: MeetingSession, finding: BsnFinding) -> None:
        super().__init__()
        self.session = session
        self.finding = finding
        self.TITLE_TEXT = f"Aanpassen: {finding.where}"

    def fields(self) -> ComposeResult:
        yield Static("Dit bevat een nummer dat op een BSN lijkt. Haal het weg of pas het aan.")
        yield from self.labelled("Tekst", TextField(self.finding.text, compact=True, id="text"))

    def save(self) -> Callable[[], Saved[Any]]:
        text = self.query_one("#text", Input).value
        return partial(self.session.correct_text, self.finding, text)
