"""Regenerate screens/*.svg from the demo case and a shipped practice case: `make screens`.

Runs the real app headlessly at 120x40 on fresh stores in a temporary data folder, so the
pictures never show anything but fictional cases.
"""

import asyncio
import os
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

SCREENS = Path(__file__).resolve().parent.parent / "screens"
SIZE = (120, 40)


# A fixed "now", so the pictures change only when the screens do.
NOW = datetime(2026, 3, 2, 10, 40, tzinfo=UTC)


def fixed_clock() -> datetime:
    return NOW


class StepClock:
    """A clock the pictures move by hand: rehearsals need their minutes to pass."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


PRACTICE_CASE = "gezin-de-wit"


def earlier_rehearsals(clock: StepClock) -> None:
    """Two closed rehearsals of the practice case: a hasty group and a careful one."""
    from bobtui.core.config.settings import load_settings
    from bobtui.core.domain.vocabulary import NoteKind
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.store.engine import open_store, sqlite_url
    from bobtui.core.training.catalog import default_practice_catalog, leidraad_questions
    from bobtui.core.training.rehearsal import start_rehearsal

    catalog = default_catalog()
    case = default_practice_catalog(leidraad_questions(catalog)).get(PRACTICE_CASE)
    store = open_store(sqlite_url(load_settings().paths.rehearsal_store))
    for share in (2, 1):  # the hasty group brings every other key fact and decision
        session = start_rehearsal(store, case, catalog.get(case.leidraad), clock=clock)
        session.start()
        people = session.participants()
        for number, fact in enumerate(case.key_facts[::share]):
            clock.advance(3)
            speaker = people[number % len(people)]
            session.record_note(NoteKind.FEIT, fact.text, participant_id=speaker.id)
        for phase_minutes in (20 if share == 1 else 3, 15):
            clock.advance(phase_minutes)
            session.next_phase()
        for decision in case.key_decisions[::share]:
            clock.advance(2)
            session.record_decision(
                decision.text,
                owner_person=people[-1].name,
                owner_organisation=people[-1].organisation or "Gemeente",
                deadline=clock.now.date() + timedelta(days=14),
            )
        session.set_evaluation(evaluation_date=clock.now.date() + timedelta(days=42))
        session.close()
        clock.advance(60 * 24 * 7)
    store.dispose()


async def capture_practice() -> None:
    from textual.pilot import Pilot
    from textual.widgets import DataTable

    from bobtui.app import BobApp, StoreChoice
    from bobtui.screens.feedback import FeedbackScreen
    from bobtui.screens.home import HomeScreen
    from bobtui.screens.meeting import MeetingScreen
    from bobtui.screens.practice_event import PracticeEventScreen
    from bobtui.screens.practice_meeting import PracticeMeetingScreen
    from bobtui.screens.practice_trainer import PracticeTrainerScreen
    from bobtui.screens.setup import SetupScreen

    clock = StepClock()
    earlier_rehearsals(clock)
    app = BobApp(StoreChoice(rehearsals=True, rehearse=PRACTICE_CASE), clock=clock)

    async def shot(pilot: Pilot[None], name: str) -> None:
        await pilot.pause(0.3)
        app.save_screenshot(f"{name}.svg", str(SCREENS))

    async def until(pilot: Pilot[None], condition: "Callable[[], object]") -> None:
        while not condition():
            await pilot.pause(0.05)

    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SetupScreen))
        await pilot.press("f5")
        # The note line takes the focus once the meeting's first snapshot is on screen.
        await until(
            pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.focused is not None
        )
        await pilot.press("ctrl+s", *"Vier meldingen in een jaar, steeds in het weekend", "enter")
        await shot(pilot, "practice-meeting")
        meeting = app.screen
        assert isinstance(meeting, PracticeMeetingScreen)
        clock.advance(meeting.practice_case.events[0].after_minutes or 0)
        await until(pilot, lambda: isinstance(app.screen, PracticeEventScreen))
        await shot(pilot, "practice-event")
        await pilot.press("enter", "f11")
        await until(pilot, lambda: isinstance(app.screen, PracticeTrainerScreen))
        await shot(pilot, "practice-trainer")
        await pilot.press("escape", "escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await until(pilot, lambda: app.screen.query_one(DataTable).row_count == 3)
        await pilot.press("o")
        await shot(pilot, "practice-cases")
        await pilot.press("escape", "down", "f")  # the careful group's rehearsal
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen))
        await shot(pilot, "practice-feedback")
        await pilot.press("escape", "space", "space", "v")
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen))
        await shot(pilot, "practice-compare")


async def capture() -> None:
    from textual.pilot import Pilot
    from textual.widgets import DataTable, Markdown

    from bobtui.app import BobApp, StoreChoice
    from bobtui.screens.home import HomeScreen
    from bobtui.screens.meeting import MeetingScreen

    app = BobApp(StoreChoice(demo=True, reset_demo=True), clock=fixed_clock)

    async def shot(pilot: Pilot[None], name: str) -> None:
        await pilot.pause(0.3)
        app.save_screenshot(f"{name}.svg", str(SCREENS))

    async with app.run_test(size=SIZE) as pilot:
        while not app.screen.query(DataTable) or app.screen.query_one(DataTable).row_count == 0:
            await pilot.pause(0.05)
        await shot(pilot, "home")
        await pilot.press("a")
        await shot(pilot, "actions")
        await pilot.press("u", *"+14", "tab", *"School is pas na de vakantie bereikbaar")
        await shot(pilot, "action-postpone")
        await pilot.press("escape", "escape", "h")
        await shot(pilot, "case-history")
        await pilot.press("escape")
        await pilot.press("s")
        while "Verslag casusoverleg" not in app.screen.query_one(Markdown).source:
            await pilot.pause(0.05)
        await shot(pilot, "summary")
        await pilot.press("escape", "enter")
        # The note line takes the focus once the meeting's first snapshot is on screen.
        while not isinstance(app.screen, MeetingScreen) or app.screen.focused is None:
            await pilot.pause(0.05)
        # Beeldvorming: a note, a worry on the line, then the modals of this phase.
        await pilot.press(*"Politie geeft een 3, het wijkteam een 5", "enter")
        await pilot.press("ctrl+t", *"Mogelijk speelt de schuld mee")
        await shot(pilot, "meeting-beeldvorming")
        await pilot.press("ctrl+e")
        await shot(pilot, "note-choice")
        await pilot.press("escape", "f1")
        await shot(pilot, "help")
        await pilot.press("escape")
        await pilot.press("ctrl+t", "enter")
        await pilot.press(*"Een huisverbod opleggen", "f6")
        await pilot.press("f2")
        await shot(pilot, "score")
        await pilot.press("escape", "f5")
        await shot(pilot, "notes")
        await pilot.press("escape", "ctrl+g", *"school")
        await shot(pilot, "jump")
        await pilot.press("escape", "ctrl+f")
        await shot(pilot, "phase-warning")
        # Oordeelsvorming.
        await pilot.press("j")
        await pilot.press(*"Wat is er nodig om vader aan tafel te krijgen?", "f9")
        await pilot.press(*"Vader wil wel praten, maar niet met de politie erbij", "enter")
        await pilot.press("f3")
        await shot(pilot, "judgement")
        await pilot.press("escape", "ctrl+k")
        await shot(pilot, "chain-care")
        await pilot.press("escape")
        await shot(pilot, "meeting-oordeelsvorming")
        # Besluitvorming: the parked idea comes back, then a decision.
        await pilot.press("ctrl+f", "j")
        await pilot.press("f7")
        await shot(pilot, "parked")
        await pilot.press("escape", "f4", *"Veiligheidsplan ondertekenen met beide ouders")
        await pilot.press("tab", "tab", *"M. de Boer", "tab", *"Veilig Thuis", "tab", *"+14")
        await shot(pilot, "decision")
        await pilot.press("ctrl+s")
        await shot(pilot, "meeting-besluitvorming")
        await pilot.press("ctrl+b")
        await shot(pilot, "time-out")
        await pilot.press("escape", "f8")
        await shot(pilot, "close-review")
        await pilot.press("escape", "escape")
        while not isinstance(app.screen, HomeScreen):
            await pilot.pause(0.05)
        await pilot.press("n", *"DEMO-HG-0001", "enter")
        await pilot.pause(0.3)
        for name, organisation in (("Moeder (fictief)", ""), ("M. de Boer", "Veilig Thuis")):
            await pilot.press(*name, "tab", *organisation, "enter")
        await shot(pilot, "setup")
        await pilot.press("escape")
        while not isinstance(app.screen, HomeScreen):
            await pilot.pause(0.05)
        await pilot.press("space", "space", "e")
        await shot(pilot, "batch-export")


def main() -> None:
    SCREENS.mkdir(exist_ok=True)
    for old in SCREENS.glob("*.svg"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["BOBTUI_DATA_DIR"] = folder
        os.environ["BOBTUI_CONFIG_DIR"] = str(Path(folder) / "config")
        # Exports default to the working folder, which a picture shows: make it the same always.
        work = Path(tempfile.gettempdir()) / "bobtui-screens"
        work.mkdir(exist_ok=True)
        os.chdir(work)
        asyncio.run(capture())
        asyncio.run(capture_practice())
    for path in sorted(SCREENS.glob("*.svg")):
        print(f"{path.relative_to(SCREENS.parent)}")


if __name__ == "__main__":
    main()
