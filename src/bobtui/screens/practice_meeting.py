"""A rehearsal's meeting screen: the meeting screen with the OEFENING banner, the practice
case's events popping up when due (at an offset into their phase, or once their condition holds),
the trainer panel (F11: start, delay or skip an event), and feedback on the chair once closed."""

from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from bobtui.core.domain.text import printable
from bobtui.core.domain.vocabulary import Phase
from bobtui.core.session import MeetingSession
from bobtui.screens._workplace import workplace_of
from bobtui.screens._writes import write
from bobtui.screens.meeting import MeetingScreen

if TYPE_CHECKING:  # the training package is loaded only when a rehearsal runs
    from bobtui.core.session.rehearsal import PracticeEventAction
    from bobtui.core.training.cases import PracticeCase


class PracticeMeetingScreen(MeetingScreen):
    """A meeting played from ``practice_case``."""

    CSS_PATH = [*MeetingScreen.CSS_PATH, "practice_meeting.tcss"]
    BINDINGS = [
        Binding("f11", "trainer", "Trainer", id="practice.trainer", priority=True, show=False)
    ]

    def __init__(
        self,
        session: MeetingSession,
        generic_prompts: tuple[str, ...],
        practice_case: "PracticeCase",
    ) -> None:
        super().__init__(session, generic_prompts)
        self.practice_case = practice_case
        # What happened to the case's events: read once, then kept up to date by this screen,
        # the only one that acts on them (it holds the chair), so the clock's tick reads nothing.
        self._event_log: list[tuple[PracticeEventAction, int, datetime]] | None = None
        self._marking = False  # an event's mark is on its way to the store (the app's writer)

    def compose(self) -> ComposeResult:
        # Before the (docked) title bar in the tree, right under it on screen.
        title = printable(self.practice_case.title)
        yield Static(
            Text(f"OEFENING — {title}. Fictief; komt nooit in echte lijsten. F11: trainer."),
            id="practice-banner",
        )
        yield from super().compose()

    def _show_time(self) -> dict[Phase, timedelta] | None:
        spent = super()._show_time()
        if spent is not None:
            self._show_due_event(spent)
        return spent

    def _show_due_event(self, spent: dict[Phase, timedelta]) -> None:
        """Pop up the case's next due event, once."""
        from bobtui.core.session.rehearsal import PracticeEventAction
        from bobtui.core.training.events import due_event

        if self.app.screen is not self or self.snapshot is None or self._marking:
            return  # a form or a pause is open, or the last event is being marked: it waits
        if self.session.is_read_only():
            return  # the chair's window shows the events; this one only watches
        now = self.session.now()
        index = due_event(self.practice_case, self.snapshot, self._log(), spent, now)
        if index is not None:
            self._act_on_event(PracticeEventAction.SHOWN, index)

    def _log(self) -> list[tuple["PracticeEventAction", int, datetime]]:
        if self._event_log is None:
            self._event_log = self.session.practice_event_log()
        return self._event_log

    def _act_on_event(self, action: "PracticeEventAction", index: int) -> None:
        """Mark what happened to the event (by the app's writer); once marked, show it."""
        from bobtui.core.domain.errors import BobError
        from bobtui.core.session.rehearsal import PracticeEventAction
        from bobtui.screens.practice_event import PracticeEventScreen

        def marked(_: None) -> None:
            self._marking = False
            self._log().append((action, index, self.session.now()))
            if action in (PracticeEventAction.SHOWN, PracticeEventAction.TRIGGERED):
                self.app.push_screen(PracticeEventScreen(self.practice_case.events[index]))

        def refused(error: BobError) -> None:
            self._marking = False
            self.notify(str(error), severity="error")

        self._marking = True
        write(self, partial(self.session.mark_practice_event, index, action), marked, refused)

    def action_trainer(self) -> None:
        """The trainer's panel: every event with what happened to it; start, delay or skip."""
        from bobtui.core.training.events import event_states
        from bobtui.screens.practice_trainer import PracticeTrainerScreen

        states = event_states(self.practice_case, self._log())

        def chosen(choice: "tuple[PracticeEventAction, int] | None") -> None:
            if choice is not None:
                self._act_on_event(*choice)

        self.app.push_screen(PracticeTrainerScreen(states), chosen)

    def _show_closed(self) -> None:
        """After a rehearsal: the feedback on the chair instead of the summary."""
        from bobtui.core.training.feedback import rehearsal_feedback
        from bobtui.screens.feedback import FeedbackScreen

        catalog = workplace_of(self).practice_catalog
        report = rehearsal_feedback(self.session, self.practice_case, catalog)
        self.app.switch_screen(FeedbackScreen(report))


def meeting_screen_for(
    session: MeetingSession,
    generic_prompts: tuple[str, ...],
    practice_case: "PracticeCase | None",
) -> MeetingScreen:
    """The screen for a running meeting: a rehearsal's when its practice case is known."""
    if practice_case is None:
        return MeetingScreen(session, generic_prompts)
    return PracticeMeetingScreen(session, generic_prompts, practice_case)
