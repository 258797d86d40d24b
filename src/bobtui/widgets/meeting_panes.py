"""The meeting screen's three panes: the navigator under the clock, the question above the note
line, and the live picture; all shown from one snapshot. A narrow terminal hides the side panes
(the screen opens one at a time as a panel) and shows the clock in one line over the question."""

from datetime import timedelta

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from bobtui.core.domain.vocabulary import Phase
from bobtui.core.snapshot import MeetingSnapshot
from bobtui.widgets.live_picture import LivePicture
from bobtui.widgets.navigator import Navigator
from bobtui.widgets.note_line import NoteLine
from bobtui.widgets.phase_clock import PhaseClock, status_line
from bobtui.widgets.question_panel import QuestionPanel
from bobtui.widgets.text import show_text


class MeetingPanes(Horizontal):
    """Left ``#left``, centre ``#centre``, right ``#right``."""

    def __init__(self, generic_prompts: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._generic_prompts = generic_prompts

    def compose(self) -> ComposeResult:
        with Vertical(id="left"):
            yield PhaseClock(id="clock")
            yield Navigator(id="navigator")
        with Vertical(id="centre"):
            yield Static(id="status")
            yield QuestionPanel(self._generic_prompts, id="question-panel")
            yield NoteLine(id="note-line")
        with VerticalScroll(id="right"):
            yield LivePicture(id="picture")

    def show(self, snapshot: MeetingSnapshot) -> None:
        self.query_one(Navigator).show(snapshot)
        self.query_one(QuestionPanel).show(snapshot)
        self.query_one(LivePicture).show(snapshot)
        self.query_one(NoteLine).show(snapshot)

    def show_time(self, snapshot: MeetingSnapshot, spent: dict[Phase, timedelta]) -> None:
        """The clock and the phase lines of the navigator (see ``phase_clock.time_spent_at``)."""
        self.query_one(PhaseClock).show(snapshot, spent)
        show_text(self.query_one("#status", Static), status_line(snapshot, spent))
        self.query_one(Navigator).show_time(snapshot, spent)
