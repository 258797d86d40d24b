"""Preparing a meeting from the keyboard: case code, roster, last meeting's open actions, start."""

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import DataTable, Input

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.vocabulary import DecisionStatus, MeetingStatus, Presence
from bobtui.core.questions.sets import default_catalog
from bobtui.core.session import MeetingSession, open_meeting
from bobtui.core.store.actions import action_history
from bobtui.core.store.engine import open_store, sqlite_url
from bobtui.core.store.meetings import list_meetings
from bobtui.screens.meeting import MeetingScreen
from bobtui.screens.setup import SetupScreen
from bobtui.widgets.list_table import ListTable
from tests.ui.test_meeting_screen import open_setup, until


def earlier_meeting_with_open_action(url: str) -> int:
    store = open_store(url)
    question_set = default_catalog().get("huiselijk-geweld-kindveiligheid")
    earlier = MeetingSession.create(
        store, question_set, case_code="ZVH-9", held_on=date.today() - timedelta(days=21)
    ).item
    earlier.start()
    earlier.next_phase()
    earlier.next_phase()
    decision = earlier.record_decision(
        "Huisbezoek",
        owner_person="Jan",
        owner_organisation="Wijkteam",
        deadline=date.today() + timedelta(days=1),
    ).item
    earlier.set_evaluation(evaluation_date=date.today() + timedelta(days=1))
    earlier.close()
    store.dispose()
    return decision.id


async def new_meeting(pilot, app, code: str) -> SetupScreen:  # type: ignore[no-untyped-def]
    """From the list to a new meeting's setup, saved under ``code``."""
    setup = await open_setup(pilot, app, "n")
    await pilot.press(*code, "enter")
    await until(pilot, lambda: setup.session is not None, "the new meeting")
    return setup


async def test_new_meeting_roster_review_and_start(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "setup.sqlite3")
    decision_id = earlier_meeting_with_open_action(url)
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        setup = await new_meeting(pilot, app, "ZVH-9")
        carried = setup.query_one("#carried", DataTable)
        assert carried.row_count == 1

        # name, organisation, function, domain, presence, represented by, then the cliënt box
        await pilot.press(*"Moeder", *["tab"] * 6, "space", "ctrl+a")
        await pilot.press(*"Wijkagent", "tab", *"Politie", "enter")
        roster = setup.query_one("#participants", DataTable)
        await until(pilot, lambda: roster.row_count == 2, "two participants")

        await pilot.press("f5")  # refused: the open action from last time comes first
        await pilot.pause(0.2)
        assert isinstance(app.screen, SetupScreen)
        carried.focus()
        await pilot.press("g", "f5")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")

    store = open_store(url)
    newest = list_meetings(store)[0]
    session = open_meeting(store, newest.id, default_catalog())
    assert session.meeting().status is MeetingStatus.LOPEND
    mother, agent = session.participants()
    assert (mother.name, mother.is_client) == ("Moeder", True)
    assert (agent.name, agent.organisation, agent.is_client) == ("Wijkagent", "Politie", False)
    history = session.status_history(decision_id)
    assert (history[-1].status, history[-1].meeting_id) == (DecisionStatus.GEDAAN, newest.id)
    store.dispose()


async def test_reviews_stay_on_their_row_and_show_their_status(tmp_path: Path) -> None:
    """Two reviews in a row at 80×24: each lands on the action under the cursor, shows in
    the first column, and leaves every other action's history alone."""
    url = sqlite_url(tmp_path / "reviews.sqlite3")
    store = open_store(url)
    question_set = default_catalog().get("huiselijk-geweld-kindveiligheid")
    earlier = MeetingSession.create(
        store, question_set, case_code="ZVH-9", held_on=date.today() - timedelta(days=21)
    ).item
    earlier.start()
    earlier.next_phase()
    earlier.next_phase()
    first, second, third = (
        earlier.record_decision(
            action,
            owner_person="Jan",
            owner_organisation="Wijkteam",
            deadline=date.today() + timedelta(days=days),
        ).item
        for days, action in enumerate(("Huisbezoek", "School bellen", "Plan maken"), start=1)
    )
    earlier.set_evaluation(evaluation_date=date.today() + timedelta(days=1))
    earlier.close()
    current = MeetingSession.create(store, question_set, case_code="ZVH-9", held_on=date.today())
    store.dispose()

    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(
            pilot,
            lambda: app.screen.query(DataTable) and app.screen.query_one(DataTable).row_count == 2,
            "the list",
        )
        await pilot.press("enter")  # the newest meeting, still planned, opens in setup
        await until(pilot, lambda: isinstance(app.screen, SetupScreen), "the setup screen")
        setup = app.screen
        carried = setup.query_one("#carried", ListTable)
        await until(pilot, lambda: carried.row_count == 3, "the three open actions")
        carried.focus()
        await pilot.press("down", "g")
        assert carried.cursor_row == 1
        await pilot.press("down", "v")
        assert carried.cursor_row == 2
        assert [carried.texts_at(i)[:2] for i in range(3)] == [
            ["nog niet", "Huisbezoek"],
            ["gedaan", "School bellen"],
            ["vervallen", "Plan maken"],
        ]
        assert carried.ordered_columns[0].label.plain == "Nu"

    store = open_store(url)
    meeting_id = current.item.meeting_id

    def history(decision_id: int) -> list[tuple[DecisionStatus, int]]:
        return [(c.status, c.meeting_id) for c in action_history(store, decision_id)]

    opened = (DecisionStatus.OPEN, earlier.meeting_id)
    assert history(first.id) == [opened]
    assert history(second.id) == [opened, (DecisionStatus.GEDAAN, meeting_id)]
    assert history(third.id) == [opened, (DecisionStatus.VERVALLEN, meeting_id)]
    store.dispose()


async def test_presence_is_set_from_the_keyboard(tmp_path: Path) -> None:
    """P on the roster: aanwezig, afwezig, vertegenwoordigd door whoever is typed in the field;
    with the field empty the represented state is passed over, never stuck in."""
    url = sqlite_url(tmp_path / "presence.sqlite3")
    store = open_store(url)
    question_set = default_catalog().get("huiselijk-geweld-kindveiligheid")
    session = MeetingSession.create(
        store, question_set, case_code="ZVH-5", held_on=date.today()
    ).item
    session.add_participant("Moeder", is_client=True)
    father = session.add_participant("Vader", is_client=True).item
    store.dispose()

    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await open_setup(pilot, app)
        roster = setup.query_one("#participants", ListTable)
        await until(pilot, lambda: roster.row_count == 2, "the roster")
        roster.focus()
        await pilot.press("down", "p", "p")  # afwezig, then past 'vertegenwoordigd' (no name)
        await pilot.pause(0.1)
        assert roster.texts_at(1)[:2] == ["Vader", "aanwezig"]
        setup.query_one("#p-represented-by", Input).focus()
        await pilot.press(*"tante Els")
        roster.focus()
        await pilot.press("p", "p")
        await until(
            pilot,
            lambda: roster.texts_at(1)[:2] == ["Vader", "vertegenwoordigd door tante Els"],
            "the represented father",
        )
        assert roster.cursor_row == 1 and roster.texts_at(0)[1] == "aanwezig"
        assert roster.ordered_columns[1].label.plain == "Aanwezig"  # visible at 80 columns

    store = open_store(url)
    reopened = open_meeting(store, session.meeting_id, default_catalog())
    stored = next(p for p in reopened.participants() if p.id == father.id)
    assert (stored.presence, stored.represented_by) == (Presence.VERTEGENWOORDIGD, "tante Els")
    store.dispose()
