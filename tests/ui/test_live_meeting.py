"""Several clients on one meeting, live, and a note line that never waits for the network.

Two Pilot apps on the same store: what one window saves shows on the other by itself, in order,
with who said it and, when another login typed it, who typed it; on PostgreSQL by the database's
notification alone (every poll set to an hour). The team's PostgreSQL server is stopped
mid-meeting and started again: the notes typed meanwhile wait on this computer under an
"offline" banner, and are saved once each, in the order typed."""

import time
from collections.abc import Callable
from datetime import date

import pytest
from textual.widgets import DataTable, Static, TextArea

from bobtui.app import BobApp, StoreChoice
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store import live
from bobtui.core.store.engine import open_store
from bobtui.core.store.team import invite
from bobtui.screens._note_saving import NoteSavingScreen
from bobtui.screens.confirm import ConfirmScreen
from bobtui.screens.meeting import MeetingScreen
from tests.conftest import configured_paths
from tests.core.team_fixtures import team_store
from tests.postgres import postgres_server
from tests.ui.test_meeting_screen import open_meeting_screen, planned, until

__all__ = ["planned"]  # the fixture, used below


def notes_shown(screen: MeetingScreen) -> str:
    return str(screen.query_one("#notes", Static).render())


def in_order(shown: str, *texts: str) -> bool:
    """Whether every one of ``texts`` is in ``shown``, in this order."""
    places = [shown.find(text) for text in texts]
    return -1 not in places and places == sorted(places)


async def open_running(pilot, app) -> MeetingScreen:  # type: ignore[no-untyped-def]
    """From the list of the store's one (running) meeting straight into it."""
    await until(
        pilot,
        lambda: app.screen.query(DataTable) and app.screen.query_one(DataTable).row_count == 1,
        "the meeting list",
    )
    await pilot.press("enter")
    await until(
        pilot,
        lambda: isinstance(app.screen, MeetingScreen) and app.screen.focused is not None,
        "the meeting screen",
    )
    return app.screen


async def test_a_second_window_shows_the_chairs_notes_by_itself(
    planned: tuple[str, int], report_figure: Callable[[str], None]
) -> None:
    url, _ = planned
    chair_app = BobApp(StoreChoice(url=url))
    async with chair_app.run_test(size=(140, 45)) as chair_pilot:
        chair = await open_meeting_screen(chair_pilot, chair_app)
        await chair_pilot.press(*"Eerste van de voorzitter", "enter")
        await until(chair_pilot, lambda: len(chair.session.notes()) == 1, "the first note")
        other_app = BobApp(StoreChoice(url=url))
        async with other_app.run_test(size=(140, 45)) as pilot:
            await until(
                pilot,
                lambda: (
                    other_app.screen.query(DataTable)
                    and other_app.screen.query_one(DataTable).row_count == 1
                ),
                "the list in the second window",
            )
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(other_app.screen, ConfirmScreen), "who chairs")
            await pilot.press("n")  # look on
            await until(pilot, lambda: isinstance(other_app.screen, MeetingScreen), "meeting")
            other = other_app.screen
            assert isinstance(other, MeetingScreen)
            await until(pilot, lambda: "Eerste van" in notes_shown(other), "the first note")

            await chair_pilot.press("ctrl+s")  # said by the first on the roster: Moeder
            await chair_pilot.press(*"Moeder werkt nachtdiensten", "enter")
            await chair_pilot.press(*"Oma haalt de kinderen")
            typed = time.perf_counter()
            await chair_pilot.press("enter")
            await until(
                pilot,
                lambda: in_order(
                    notes_shown(other),
                    "Eerste van de voorzitter",
                    "Moeder werkt nachtdiensten — Moeder",
                    "Oma haalt de kinderen — Moeder",
                ),
                "the chair's notes, in order, with who said them, on the other screen",
            )
            report_figure(f"{time.perf_counter() - typed:.2f} s from Enter to the other window")
            assert other.session.is_read_only()  # it only looked on: nothing written from it
    assert [n.text for n in chair.session.notes()] == [
        "Eerste van de voorzitter",
        "Moeder werkt nachtdiensten",
        "Oma haalt de kinderen",
    ]


@pytest.mark.postgres
async def test_the_chair_and_the_notulist_see_each_others_notes(
    postgres_admin_url: str, example_as_user_set: QuestionSet
) -> None:
    with team_store(postgres_admin_url) as team:
        session = MeetingSession.create(
            team.store("anna"), example_as_user_set, case_code="ZVH-LIVE", held_on=date.today()
        ).item
        session.add_participant("Moeder", is_client=True)
        session.start()
        session.release_chair()
        invite(team.store("anna"), session.meeting_id, team.login("nora"))
        chair_app = BobApp(StoreChoice(url=team.url("anna")))
        notulist_app = BobApp(StoreChoice(url=team.url("nora")))
        async with (
            chair_app.run_test(size=(140, 45)) as chair_pilot,
            notulist_app.run_test(size=(140, 45)) as notulist_pilot,
        ):
            chair = await open_running(chair_pilot, chair_app)
            notulist = await open_running(notulist_pilot, notulist_app)
            assert chair.session.holds_chair() and notulist.session.takes_notes_only
            await chair_pilot.press(*"Voorzitter: de school belde", "enter")
            await until(chair_pilot, lambda: len(chair.session.notes()) == 1, "the chair's note")
            await notulist_pilot.press("ctrl+s", *"Notulist: moeder is ongerust", "enter")
            await chair_pilot.press(*"Voorzitter: huisarts gebeld", "enter")
            order = (
                "Voorzitter: de school belde",
                "Notulist: moeder is ongerust — Moeder",
                "Voorzitter: huisarts gebeld",
            )
            for pilot, screen in ((chair_pilot, chair), (notulist_pilot, notulist)):
                await until(
                    pilot, lambda s=screen: in_order(notes_shown(s), *order), "both, in order"
                )
        texts = [n.text for n in session.notes()]
        assert len(texts) == 3 and texts[0] == "Voorzitter: de school belde"
        chair_app.workplace.dispose()
        notulist_app.workplace.dispose()


@pytest.mark.postgres
async def test_a_notulists_note_reaches_the_chair_by_notify_with_who_typed_it(
    postgres_admin_url: str, example_as_user_set: QuestionSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("POLL_SECONDS", "LISTENING_POLL_SECONDS", "RECONNECT_SECONDS"):
        monkeypatch.setattr(live, name, 3600.0)  # only a notification can bring a change
    with team_store(postgres_admin_url) as team:
        session = MeetingSession.create(
            team.store("anna"), example_as_user_set, case_code="ZVH-NOTIFY", held_on=date.today()
        ).item
        session.start()
        session.release_chair()
        invite(team.store("anna"), session.meeting_id, team.login("nora"))
        anna, nora = team.login("anna"), team.login("nora")
        chair_app = BobApp(StoreChoice(url=team.url("anna")))
        notulist_app = BobApp(StoreChoice(url=team.url("nora")))
        async with (
            chair_app.run_test(size=(140, 45)) as chair_pilot,
            notulist_app.run_test(size=(140, 45)) as notulist_pilot,
        ):
            chair = await open_running(chair_pilot, chair_app)
            notulist = await open_running(notulist_pilot, notulist_app)
            await notulist_pilot.press(*"Van de notulist [bold]", "enter")
            await until(
                chair_pilot,
                lambda: f"Van de notulist [bold] · door {nora}" in notes_shown(chair),
                "the notulist's note on the chair's screen, with who typed it",
            )
            await chair_pilot.press(*"Van de voorzitter", "enter")
            await until(
                notulist_pilot,
                lambda: f"Van de voorzitter · door {anna}" in notes_shown(notulist),
                "the chair's note on the notulist's screen, with who typed it",
            )
            # Each screen names only the other's notes: one's own need no name.
            assert "Van de voorzitter · door" not in notes_shown(chair)
            assert "Van de notulist [bold] · door" not in notes_shown(notulist)
        assert [n.author for n in session.notes()] == [nora, anna]
        chair_app.workplace.dispose()
        notulist_app.workplace.dispose()


@pytest.mark.postgres
async def test_notes_typed_while_the_server_is_down_are_saved_once_in_order(
    example_as_user_set: QuestionSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(NoteSavingScreen, "RETRY_INTERVAL", 0.5)
    with postgres_server() as server:
        url = server.new_database("live")
        store = open_store(url)
        MeetingSession.create(
            store, example_as_user_set, case_code="ZVH-OFFLINE", held_on=date.today()
        )
        store.dispose()
        app = BobApp(StoreChoice(url=url))
        async with app.run_test(size=(140, 45)) as pilot:
            screen = await open_meeting_screen(pilot, app)
            line = screen.query_one("#note-editor", TextArea)
            banner = screen.query_one("#note-pending", Static)
            await pilot.press(*"Voor de storing", "enter")
            await until(pilot, lambda: "✓ opgeslagen" in notes_shown(screen), "the saved mark")
            server.stop()
            typed = ["Tijdens de storing", "Tweede tijdens", "Derde tijdens"]
            for note in typed:
                await pilot.press(*note, "enter")
                await until(pilot, lambda: line.text == "", "the line free, server or not")
            await until(pilot, lambda: len(screen.pending or ()) == 3, "three waiting")
            await until(
                pilot,
                lambda: "offline — 3 notities wachten" in str(banner.render()),
                "the offline banner",
            )
            assert in_order(notes_shown(screen), *(f"{note} wacht…" for note in typed))
            (queue,) = (configured_paths().data_dir / "wachtrij").iterdir()
            assert queue.stat().st_mode & 0o077 == 0  # private to the user
            await pilot.press(*"Nog een", "enter")
            await until(
                pilot, lambda: "offline — 4 notities" in str(banner.render()), "four waiting"
            )
            server.start()
            await until(pilot, lambda: not screen.pending, "the waiting notes saved")
            await until(pilot, lambda: not banner.display, "the banner gone")
            expected = ["Voor de storing", *typed, "Nog een"]
            assert [n.text for n in screen.session.notes()] == expected  # once each, in order
            await until(
                pilot,
                lambda: (
                    in_order(notes_shown(screen), *expected[:-1], "Nog een ✓ opgeslagen")
                    and "wacht…" not in notes_shown(screen)
                ),
                "every note shown saved",
            )
