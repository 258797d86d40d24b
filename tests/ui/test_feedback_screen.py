"""A rehearsal played with the keyboard, ending on the trainer's feedback screen."""

from datetime import timedelta
from pathlib import Path

import pytest

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.vocabulary import Phase
from bobtui.core.session import MeetingSession
from bobtui.core.training.cases import PracticeCase
from bobtui.screens.close import CloseScreen
from bobtui.screens.confirm import ConfirmScreen
from bobtui.screens.feedback import FeedbackScreen
from bobtui.screens.meeting import MeetingScreen
from bobtui.screens.practice_event import PracticeEventScreen
from bobtui.screens.setup import SetupScreen
from bobtui.widgets.list_table import ListTable
from tests.conftest import FakeClock
from tests.core.test_feedback import (  # noqa: F401  (rehearsals is a fixture)
    Rehearsals,
    hasty_rehearsal,
    rehearsals,
    thorough_rehearsal,
)
from tests.core.test_practice import example_case  # noqa: F401  (fixture)
from tests.ui.test_meeting_screen import start_meeting, until


async def start_the_rehearsal(pilot, app) -> MeetingSession:
    """From the rehearsal's setup, where the app opens it, into its meeting."""
    await until(
        pilot,
        lambda: isinstance(app.screen, SetupScreen) and app.screen.query("#participants"),
        "the rehearsal's setup",
    )
    return (await start_meeting(pilot, app)).session


async def next_phase(pilot, app, session: MeetingSession, phase: Phase) -> None:
    """Ctrl+F, and Ja when the app warns before leaving the phase, until ``phase`` is on."""
    await pilot.press("ctrl+f")
    await until(
        pilot,
        lambda: isinstance(app.screen, ConfirmScreen) or session.position().phase is phase,
        "the next phase",
    )
    if isinstance(app.screen, ConfirmScreen):
        await pilot.press("j")
    await until(pilot, lambda: session.position().phase is phase, phase.value)


async def test_play_a_rehearsal_with_keys_and_get_feedback(
    example_case: PracticeCase,  # noqa: F811
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    app = BobApp(StoreChoice(rehearsals=True, rehearse=example_case.id), clock=clock)
    async with app.run_test(size=(140, 45)) as pilot:
        session = await start_the_rehearsal(pilot, app)
        clock.advance(2)
        await pilot.press("ctrl+s", *"Twee meldingen in drie maanden", "enter")
        clock.advance(2)
        await pilot.press(*"Ruzie ging over geld", "enter")
        await until(pilot, lambda: len(session.notes()) == 2, "two notes")
        clock.advance(4)  # 8 minutes into beeldvorming: the case's event of minute 5 is due
        await until(pilot, lambda: isinstance(app.screen, PracticeEventScreen), "the event")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "back to the meeting")
        clock.now += timedelta(seconds=40)
        await pilot.press(*"Vader is waarschijnlijk dronken", "enter")  # saved as a feit
        await until(pilot, lambda: len(session.notes()) == 3, "the answer to the event")
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the phase warning")
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "oordeelsvorming")
        clock.advance(8)
        await pilot.pause(1.2)
        assert isinstance(app.screen, MeetingScreen)  # no event of beeldvorming in this phase
        await pilot.press(*"Spanning door schulden", "enter")
        await next_phase(pilot, app, session, Phase.BESLUITVORMING)
        clock.advance(4)
        await pilot.press(
            "f4", *"Schuldhulp aanvragen", "tab", "tab", *"Jan", "tab", *"Wijkteam", "tab", *"+7"
        )
        await pilot.press("enter")
        await until(pilot, lambda: len(session.decisions()) == 1, "the decision")
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, CloseScreen), "the closing review")
        await pilot.press(*"+42", "f8")
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen), "the feedback")
        table = app.screen.query_one("#feedback-figures", ListTable)
        rows = {table.texts_at(i)[0]: table.texts_at(i) for i in range(table.row_count)}
        assert rows["Kernfeiten op tafel"][1] == "2 van 2"
        assert rows["Kernbesluiten genomen"][1] == "1 van 1"
        picture = rows["Tijd in beeldvorming"]
        assert picture[1] == "8:40; 42 % (doel 44 %)" and picture[2] == ""
        assert picture[3].startswith("Binnen de tijd; verwacht 8–15 min; 42 % van het overleg")
        assert rows["Tijd in oordeelsvorming"][1] == "8:00; 39 % (doel 28 %)"
        assert rows["Besluiten vóór oordeelsvorming"][1] == "0"
        assert rows["De stem van de cliënt"][1] == "na 0:02:00"  # the mother, picked with ctrl+s
        event = rows["Gebeurtenis 1 (Wijkagent)"]
        assert event[1] == "om 0:08:00; reactie na 40 s"
        check = rows["Feiten die als aanname klinken"]
        assert check[1] == "1" and check[2] != ""
        # The evidence of the highlighted item: why, and when.
        table.move_cursor(row=list(rows).index("Feiten die als aanname klinken"))
        await until(
            pilot,
            lambda: (
                "0:08:40  als feit: Vader is waarschijnlijk dronken"
                in str(app.screen.query_one("#feedback-evidence").render())
            ),
            "the evidence",
        )
        timeline = str(app.screen.query_one("#feedback-timeline").render())
        assert timeline.index("0:02:00") < timeline.index("0:04:00") < timeline.index("0:08:00")
        await pilot.press("h")
        await until(pilot, lambda: list(tmp_path.glob("feedback-*.html")), "the export")


async def test_questions_answered_through_the_forms_count_as_covered(
    example_case: PracticeCase,  # noqa: F811
    clock: FakeClock,
) -> None:
    """A score, a judgement, a decision and the evaluation, each entered with its form, cover
    the question on screen, named as the evidence; the questions left alone stay open."""
    from bobtui.core.domain.vocabulary import Coverage
    from bobtui.screens.form import FormScreen

    app = BobApp(StoreChoice(rehearsals=True, rehearse=example_case.id), clock=clock)
    async with app.run_test(size=(140, 45)) as pilot:
        session = await start_the_rehearsal(pilot, app)

        async def form(key: str, *keys: str) -> None:
            await pilot.press(key)
            await until(pilot, lambda: isinstance(app.screen, FormScreen), f"the form of {key}")
            await pilot.press(*keys)
            await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "saved")

        clock.advance(2)
        await form("f2", "tab", *"Moeder", "tab", "4", "tab", *"Hulp bij schulden", "enter")
        await next_phase(pilot, app, session, Phase.OORDEELSVORMING)
        clock.advance(3)
        await form("f3", "tab", *"Geldzorgen en drank", "enter")
        await next_phase(pilot, app, session, Phase.BESLUITVORMING)
        clock.advance(3)
        await form(
            "f4",
            *"Schuldhulp aanvragen",
            *("tab", "tab", *"Jan", "tab", *"Wijkteam", "tab", *"+7", "enter"),
        )
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, CloseScreen), "the closing review")
        await pilot.press(*"+42", "f8")
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen), "the feedback")
        screen = app.screen
        assert isinstance(screen, FeedbackScreen)
        questions = {q.question_id: q for q in screen.report.questions}
        first = questions["hg-b-aanleiding"]
        assert first.status is Coverage.BESPROKEN
        assert [(m.clock, m.what) for m in first.evidence] == [
            ("0:02:00", "veiligheidsscore 4 van Moeder")
        ]
        # Only the judgement is on the one, only the decision on the other: each is the evidence.
        judged, decided = questions["hg-o-kernproblemen"], questions["hg-d-veiligheidsplan"]
        assert judged.status is Coverage.BESPROKEN and decided.status is Coverage.BESPROKEN
        assert [(m.clock, m.what) for m in judged.evidence] == [
            ("0:05:00", "oordeel (kernprobleem): Geldzorgen en drank")
        ]
        assert [(m.clock, m.what) for m in decided.evidence] == [
            ("0:08:00", "besluit: Schuldhulp aanvragen (Jan)")
        ]
        table = screen.query_one("#feedback-figures", ListTable)
        labels = [table.texts_at(i)[0] for i in range(table.row_count)]
        table.move_cursor(row=labels.index("Vragen in oordeelsvorming"))
        await until(
            pilot,
            lambda: (
                "0:05:00  oordeel (kernprobleem): Geldzorgen en drank"
                in str(screen.query_one("#feedback-evidence").render())
            ),
            "the judgement as the evidence",
        )
        assert questions["hg-d-evaluatie"].evidence[0].what.startswith("evaluatie vastgelegd")
        keys = str(screen.query_one("#feedback-keys").render())
        open_part = keys[keys.index("Open kernvragen") :]
        for covered in (first, judged, decided):
            assert covered.text[:40] not in open_part
        untouched = questions["hg-b-veiligheid-per-kind"]
        assert untouched.open_core and untouched.text[:40] in open_part
        assert untouched.evidence == () and not untouched.reason[0].isdigit()
        unjudged = questions["hg-o-risico-herhaling"]  # nothing recorded on it in its phase
        assert unjudged.open_core and unjudged.evidence == ()
        assert unjudged.text[:40] in open_part


async def test_compare_two_rehearsals_better_worse_equal_and_key_decisions(
    rehearsals: Rehearsals,  # noqa: F811
    clock: FakeClock,
) -> None:
    hasty_rehearsal(rehearsals)
    thorough_rehearsal(rehearsals)
    rehearsals.store.dispose()
    app = BobApp(StoreChoice(rehearsals=True), clock=clock)
    async with app.run_test(size=(140, 45)) as pilot:
        await until(
            pilot,
            lambda: (
                app.screen.query("DataTable") and app.screen.query_one(ListTable).row_count == 2
            ),
            "the two rehearsals",
        )
        await pilot.press("space", "down", "space", "v")
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen), "the comparison")
        table = app.screen.query_one("#feedback-figures", ListTable)
        rows = {table.texts_at(i)[0]: table.texts_at(i)[1:] for i in range(table.row_count)}
        assert rows["Kernfeiten op tafel"] == ["1 van 2", "2 van 2", "beter"]
        assert rows["Besluiten vóór oordeelsvorming"] == ["1", "0", "beter"]
        assert rows["Kernbesluiten genomen"] == ["1 van 1", "1 van 1", "gelijk"]
        keys = str(app.screen.query_one("#feedback-keys").render())
        assert "Kernbesluiten naast elkaar" in keys
        assert (
            "OEFEN-VB-01-1: 0:25:00 Schuldhulp aanvragen met moeder (R. Jansen, Wijkteam)" in keys
        )
