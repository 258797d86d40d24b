"""Opening a meeting from a list: off the event loop, claiming the chair (or asking, when
another live window chairs it, whether to take over or look on), then setup for a planned
meeting and the meeting screen for a running one."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from bobtui.screens._workers import from_worker
from bobtui.screens._workplace import workplace_of

if TYPE_CHECKING:
    from bobtui.core.domain.dates import Clock
    from bobtui.core.questions.sets import Catalog
    from bobtui.core.session import MeetingSession
    from bobtui.core.store.engine import Store
    from bobtui.core.training.cases import PracticeCase
    from bobtui.core.training.catalog import PracticeCatalog


class MeetingOpeningScreen(Screen[None]):
    """A screen that lists meetings of one store and opens them (the home screen)."""

    store: "Store | None"

    def __init__(self) -> None:
        super().__init__()
        # The list shows before the question sets and practice cases are read (make bench).
        self.catalog: Catalog | None = None
        self.practice_catalog: PracticeCatalog | None = None
        self._waiting_for_catalog: list[Callable[[], None]] = []

    def loaded_catalog(self, action: Callable[[], None]) -> "Catalog | None":
        """The question sets once loaded; until then None, and ``action`` runs once they are,
        so a key pressed the moment the list appears is kept instead of lost (once: pressed
        twice, it still opens one screen)."""
        if self.catalog is None and action not in self._waiting_for_catalog:
            self._waiting_for_catalog.append(action)
        return self.catalog

    def catalog_loaded(self, catalog: "Catalog") -> None:
        """From the loading worker: the keys that wait for the question sets go on."""
        self.catalog = catalog
        self.refresh_bindings()
        waiting, self._waiting_for_catalog = self._waiting_for_catalog, []
        for action in waiting:
            action()

    def _meeting_clock(self) -> "Clock":
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="open")
    def open_meeting(self, meeting_id: int) -> None:
        """Open (and if planned, start) a meeting off the event loop, then show it."""
        from bobtui.core.domain.errors import BobError, ChairTaken
        from bobtui.core.domain.vocabulary import MeetingStatus
        from bobtui.core.session import open_meeting

        if self.store is None:
            return
        try:
            # The list shows before the question sets are loaded: a quick Enter waits for them.
            catalog = self.catalog or workplace_of(self).catalog
            session = open_meeting(self.store, meeting_id, catalog, self._meeting_clock())
            status = session.meeting().status
            if status is MeetingStatus.GESLOTEN:
                raise BobError("Dit overleg is gesloten; bekijk het verslag met s.")
            if session.takes_notes_only:  # a notulist takes notes beside the chair
                if status is not MeetingStatus.LOPEND:
                    raise BobError("Notuleren kan zodra de voorzitter het overleg start.")
                from_worker(self, self._show_meeting, session, False)
                return
            session.claim_chair()
        except ChairTaken as taken:  # another live window chairs it: ask first
            from_worker(self, self._ask_to_take_over, session, str(taken))
            return
        except BobError as error:
            from_worker(self.app, self.app.notify, str(error), severity="warning")
            return
        self._resume_and_show(session)

    def _resume_and_show(self, session: "MeetingSession") -> None:
        """From a worker, with the chair held: resume a running meeting, then show it."""
        from bobtui.core.domain.errors import BobError
        from bobtui.core.domain.vocabulary import MeetingStatus

        try:
            status = session.meeting().status
            if status is MeetingStatus.LOPEND:
                session.resume()
        except BobError as error:
            from_worker(self.app, self.app.notify, str(error), severity="error")
            return
        from_worker(self, self._show_meeting, session, status is MeetingStatus.GEPLAND)

    def _ask_to_take_over(self, session: "MeetingSession", taken: str) -> None:
        """Take over the chair after confirming, or look on in a read-only window."""
        from bobtui.screens.confirm import ConfirmScreen

        def answered(take_over: bool | None) -> None:
            if take_over:
                self.take_over_and_show(session)
            else:
                self.notify(
                    "Alleen-lezen: dit venster kan niets veranderen zolang het andere venster "
                    "het overleg voorzit.",
                    severity="warning",
                    timeout=8,
                )
                self._show_meeting(session, planned=False)

        question = "Het voorzitten overnemen? (Nee: alleen meekijken)"
        self.app.push_screen(ConfirmScreen("Overleg al geopend", [taken], question), answered)

    @work(thread=True, exclusive=True, group="open")
    def take_over_and_show(self, session: "MeetingSession") -> None:
        from bobtui.core.domain.errors import BobError

        try:
            session.take_over_chair()
        except BobError as error:
            from_worker(self.app, self.app.notify, str(error), severity="error")
            return
        self._resume_and_show(session)

    def _show_meeting(self, session: "MeetingSession", planned: bool) -> None:
        """A planned meeting opens in setup (roster, open actions); a running one resumes."""
        from bobtui.screens.practice_meeting import meeting_screen_for
        from bobtui.screens.setup import SetupScreen

        assert self.store is not None
        # A quick Enter may have read the question sets before this screen was told of them.
        prompts = (self.catalog or workplace_of(self).catalog).generic_prompts
        case = self._practice_case_of(session)
        if planned:
            self.app.push_screen(SetupScreen(self.store, session, case))
        else:
            self.app.push_screen(meeting_screen_for(session, prompts, case))

    def _practice_case_of(self, session: "MeetingSession") -> "PracticeCase | None":
        from bobtui.core.domain.errors import BobError

        case_id = session.meeting().practice_case_id
        if case_id is None or self.practice_catalog is None:
            return None
        try:
            return self.practice_catalog.get(case_id)
        except BobError as error:
            self.notify(f"{error} De oefening gaat door zonder gebeurtenissen.", severity="warning")
            return None
