"""The shared shape of bobtui's record forms: fields, Enter saves, Escape cancels.

The form reads its fields and hands the change to the app's writer (``screens/_writes.py``),
which saves it off the event loop, after any change asked for before; meanwhile the form shows
"bezig met opslaan…" and stays open. On a refusal (a rule, an unreachable database) it stays
open with the reason shown, so nothing typed is lost; on success it returns what was saved. The
fields scroll when the terminal is short (80x24); the title, the reason and the keys stay in
view.
"""

from collections.abc import Callable
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
from bobtui.screens._writes import write
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

    def save(self) -> Callable[[], Saved[R]]:
        """The change to save, with the fields read now (it runs in the writer's thread); a
        BobError, raised here or by the change, keeps the form open with its message."""
        raise NotImplementedError

    @staticmethod
    def labelled(label: str, widget: Input | Select[Any]) -> ComposeResult:
        yield Label(label)
        yield widget

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    _saving = False
    """A save is on its way: the form waits for it, and neither saves again nor cancels."""

    def action_save(self) -> None:
        if self._saving:
            return
        try:
            change = self.save()
        except BobError as error:
            self.show_error(str(error))
            return
        self._show_saving(True)
        write(self, change, self.dismiss, self._refused)

    def _refused(self, error: BobError) -> None:
        self._show_saving(False)
        self.show_error(str(error))

    def _show_saving(self, saving: bool) -> None:
        self._saving = saving
        if saving:
            self.query_one("#form-error", Static).update(plain("Bezig met opslaan…", "dim"))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "cancel") and self._saving:
            return None  # shown dimmed: the save decides whether the form closes
        return True

    def show_error(self, message: str) -> None:
        """Why the form stays open, in bold; a message may quote what was typed."""
        self.query_one("#form-error", Static).update(plain(message, "bold"))

    def action_cancel(self) -> None:
        if not self._saving:
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
