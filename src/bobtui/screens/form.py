"""The shared shape of bobtui's record forms: fields, Enter saves, Escape cancels.

The form saves through the core itself and stays open on a rule violation, with the reason
shown, so nothing typed is lost; on success it returns what was saved. The fields scroll when the
terminal is short (80x24); the title, the reason and the keys stay in view.
"""

from typing import Any, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from bobtui.core.domain.errors import BobError
from bobtui.core.domain.records import ParticipantRecord, Saved
from bobtui.core.session import MeetingSession
from bobtui.widgets.text import plain

R = TypeVar("R")


def choice(select: Select[Any]) -> Any:
    """The selected value, or None when nothing is chosen."""
    value = select.value
    return None if value is Select.NULL else value


class FormScreen(ModalScreen[Saved[R] | None], Generic[R]):
    """A modal form; subclasses give the title, the fields and :meth:`save`."""

    CSS_PATH = "form.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="form.save", priority=True),
        Binding("escape", "cancel", "Annuleren", id="form.cancel"),
    ]
    TITLE_TEXT = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(plain(self.TITLE_TEXT), id="form-title")
            with VerticalScroll(id="form-fields", can_focus=False):
                yield from self.fields()
            yield Static(id="form-error")
            yield Static("[dim]Enter of ctrl+s: opslaan · Esc: annuleren[/dim]", id="form-help")

    SHORT = 34
    """Rows below which the form fills the height and its fields scroll."""

    def on_resize(self) -> None:
        self.set_class(self.size.height < self.SHORT, "-short")

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def save(self) -> Saved[R]:
        """Save through the session; a BobError keeps the form open with its message."""
        raise NotImplementedError

    @staticmethod
    def labelled(label: str, widget: Input | Select[Any]) -> ComposeResult:
        yield Label(label)
        yield widget

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        try:
            saved = self.save()
        except BobError as error:
            self.show_error(str(error))
            return
        self.dismiss(saved)

    def show_error(self, message: str) -> None:
        """Why the form stays open, in bold; a message may quote what was typed."""
        self.query_one("#form-error", Static).update(plain(message, "bold"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class MeetingFormScreen(FormScreen[R]):
    """A form that records something in a meeting, with the roster at hand."""

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session
        self.participants: list[ParticipantRecord] = session.participants()

    def participant_options(self) -> list[tuple[Text, int]]:
        """The roster for a Select, which would read a ``str`` prompt as markup."""
        return [
            (plain(f"{p.name} ({p.organisation})" if p.organisation else p.name), p.id)
            for p in self.participants
        ]

    def participant(self, participant_id: int | None) -> ParticipantRecord | None:
        return next((p for p in self.participants if p.id == participant_id), None)
