"""A rehearsal's meeting screen: the meeting screen with the OEFENING banner, the practice
case's timed events popping up at their minute, and feedback on the chair once it is closed."""

from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from bobtui.core.domain.text import printable
from bobtui.core.domain.vocabulary import Phase
from bobtui.core.session import MeetingSession
from bobtui.screens._errors import attempt
from bobtui.screens.meeting import MeetingScreen

if TYPE_CHECKING:  # the training package is loaded only when a rehearsal runs
    from bobtui.core.training.cases import PracticeCase


class PracticeMeetingScreen(MeetingScreen):
    """A meeting played from ``practice_case``."""

    CSS_PATH = [*MeetingScreen.CSS_PATH, "practice_meeting.tcss"]

    def __init__(
        self,
        session: MeetingSession,
        generic_prompts: tuple[str, ...],
        practice_case: "PracticeCase",
    ) -> None:
        super().__init__(session, generic_prompts)
        self.practice_case = practice_case
        self._events_shown_here: set[int] = set()  # the snapshot may not have them yet

    def compose(self) -> ComposeResult:
        # Before the (docked) title bar in the tree, right under it on screen.
        title = printable(self.practice_case.title)
        yield Static(
            Text(f"OEFENING — {title}. Fictief; komt nooit in echte lijsten."),
            id="practice-banner",
        )
        yield from super().compose()

    def _show_time(self) -> dict[Phase, timedelta] | None:
        spent = super()._show_time()
        if spent is not None:
            self._show_due_event(sum(spent.values(), timedelta()))
        return spent

    def _show_due_event(self, elapsed: timedelta) -> None:
        """Pop up the case's next event once the meeting clock reaches its minute, once."""
        from bobtui.screens.practice_event import PracticeEventScreen

        if self.app.screen is not self or self.snapshot is None:
            return  # a form or a pause is open: the event waits for it
        shown = self._events_shown_here.union(self.snapshot.practice_events_shown)
        for index, event in enumerate(self.practice_case.events):
            if index not in shown and elapsed >= timedelta(minutes=event.minute):
                self._events_shown_here.add(index)
                attempt(self, partial(self.session.mark_practice_event_shown, index))
                self.app.push_screen(PracticeEventScreen(event))
                return

    def _show_closed(self) -> None:
        """After a rehearsal: the feedback on the chair instead of the summary."""
        from bobtui.core.training.feedback import build_feedback
        from bobtui.screens.feedback import FeedbackScreen

        report = build_feedback(self.session.snapshot(), self.practice_case)
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
