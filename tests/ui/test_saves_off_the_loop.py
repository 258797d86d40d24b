"""Every change from the screens is made off the event loop, in order, and loses nothing.

A store that is slow (a change held back until the test lets it go) shows the screen takes keys
meanwhile; a store that refuses (a lost connection) shows what was entered stays — on the note
line, in the form, on the closing review — with the reason in Dutch. The real PostgreSQL server
is stopped under the closing review and started again."""

import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input, Static

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.errors import SaveFailed
from bobtui.core.domain.vocabulary import MeetingStatus
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.session.drafts import load_draft
from bobtui.core.store.engine import open_store
from bobtui.screens._writes import StoreWriter
from bobtui.screens.close import CloseScreen
from bobtui.screens.form import FormScreen
from bobtui.screens.meeting import MeetingScreen
from bobtui.screens.summary import SummaryScreen
from tests.conftest import configured_paths
from tests.postgres import postgres_server
from tests.ui.test_meeting_screen import open_meeting_screen, planned, until

__all__ = ["planned"]  # the fixture, used below

LOST = "De verbinding met de database is weg"


def lost_connection(*_: Any, **__: Any) -> Any:
    """A store change refused as a server that went away refuses it."""
    raise SaveFailed.because(OSError("could not connect to server"))


class Gate:
    """Holds a store method back until :meth:`open` (no sleeps: the test decides)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
        self._open = threading.Event()
        self.reached = threading.Event()
        original: Callable[..., Any] = getattr(MeetingSession, name)

        def held(session: MeetingSession, *args: Any, **kwargs: Any) -> Any:
            self.reached.set()
            assert self._open.wait(30), "the test never let the change through"
            return original(session, *args, **kwargs)

        monkeypatch.setattr(MeetingSession, name, held)

    def open(self) -> None:
        self._open.set()


def notices(app: App[Any]) -> str:
    return " ".join(str(n.message) for n in app._notifications)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], Gate]]:
    made: list[Gate] = []

    def make(name: str) -> Gate:
        made.append(Gate(monkeypatch, name))
        return made[-1]

    yield make
    for held in made:  # never leave a worker thread waiting
        held.open()


class _Bare(App[None]):
    pass


async def test_the_writer_makes_changes_in_the_order_asked_even_behind_a_slow_one() -> None:
    app = _Bare()
    async with app.run_test() as pilot:
        writer = StoreWriter(app)
        let_go = threading.Event()
        made: list[str] = []
        answers: list[str] = []

        def slow() -> str:
            let_go.wait(30)
            made.append("eerste")
            return "eerste"

        def quick() -> str:
            made.append("tweede")
            return "tweede"

        writer.write(app, slow, answers.append)
        writer.write(app, quick, answers.append)
        await pilot.pause(0.1)
        assert made == [] and writer.busy  # the quick one waits for the slow one
        let_go.set()
        await until(pilot, lambda: answers == ["eerste", "tweede"], "both answers")
        assert made == ["eerste", "tweede"] and not writer.busy


async def test_parking_leaves_the_line_at_once_and_typing_goes_on_while_it_saves(
    planned: tuple[str, int], gate: Callable[[str], Gate]
) -> None:
    url, meeting_id = planned
    held = gate("park_idea")
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session
        editor = screen.query_one("#note-editor")
        await pilot.press(*"Huisverbod opleggen", "f6")
        await until(pilot, held.reached.is_set, "the park on its way")
        await pilot.press(*"Verder typen")  # the store has not answered: the line takes keys
        assert editor.text == "Verder typen"
        assert session.parked_ideas() == []
        screen.keep_draft()  # a crash now would not lose the idea: the draft has it
        draft = load_draft(configured_paths(), url, meeting_id)
        assert "Huisverbod opleggen" in draft and "Verder typen" in draft
        held.open()
        await until(pilot, lambda: len(session.parked_ideas()) == 1, "the parked idea")
        assert session.parked_ideas()[0].text == "Huisverbod opleggen"
        await until(pilot, lambda: "Geparkeerd" in notices(app), "the parked notice")
        assert editor.text == "Verder typen"
        screen.keep_draft()
        assert load_draft(configured_paths(), url, meeting_id) == "Verder typen"


async def test_a_refused_park_and_a_refused_undo_keep_what_was_entered(
    planned: tuple[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session
        editor = screen.query_one("#note-editor")
        await pilot.press(*"Drie meldingen", "enter")
        await until(pilot, lambda: len(session.notes()) == 1, "the saved note")
        await until(pilot, lambda: screen.check_action("undo_note", ()), "undo offered")

        with monkeypatch.context() as patched:
            patched.setattr(MeetingSession, "park_idea", lost_connection)
            patched.setattr(MeetingSession, "delete_note", lost_connection)
            await pilot.press(*"Huisverbod opleggen", "f6")
            await until(pilot, lambda: editor.text == "Huisverbod opleggen", "the idea back")
            assert LOST in notices(app) and "weer op de notitieregel" in notices(app)
            await pilot.press("ctrl+o")
            await until(pilot, lambda: "niet verwijderd" in notices(app), "the refused undo")
            assert screen.check_action("undo_note", ())  # it can be undone once the store is back
        assert [n.text for n in session.notes()] == ["Drie meldingen"]

        await pilot.press("ctrl+o")
        await until(pilot, lambda: session.notes() == [], "the undone note")
        await pilot.press("f6")
        await until(pilot, lambda: len(session.parked_ideas()) == 1, "the idea parked after all")
        assert editor.text == ""


async def test_a_form_waits_for_its_save_and_stays_open_with_its_fields_when_refused(
    planned: tuple[str, int], monkeypatch: pytest.MonkeyPatch, gate: Callable[[str], Gate]
) -> None:
    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session
        with monkeypatch.context() as patched:
            patched.setattr(MeetingSession, "record_judgement", lost_connection)
            await pilot.press("f3")
            await until(pilot, lambda: isinstance(app.screen, FormScreen), "the judgement form")
            form = app.screen
            await pilot.press("tab", *"Escalerende ruzies", "enter")
            error = form.query_one("#form-error", Static)
            await until(pilot, lambda: LOST in str(error.render()), "the reason in the form")
            assert app.screen is form and form.query_one("#text", Input).value == (
                "Escalerende ruzies"
            )
        await pilot.press("enter")  # the store is back: the same fields, saved
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        assert [j.text for j in session.judgements()] == ["Escalerende ruzies"]

        held = gate("record_safety_score")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the score form")
        form = app.screen
        await pilot.press("tab", *"Wijkagent", "tab", "6", "enter")
        await until(pilot, held.reached.is_set, "the save on its way")
        error = form.query_one("#form-error", Static)
        assert "Bezig met opslaan" in str(error.render())
        await pilot.press("escape")  # the save decides whether the form closes, not Esc
        await pilot.pause()
        assert app.screen is form
        held.open()
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        assert [s.score for s in session.safety_scores()] == [6]


@pytest.mark.postgres
async def test_closing_with_the_server_down_stays_on_the_review_and_closes_once_it_is_back(
    example_as_user_set: QuestionSet,
) -> None:
    with postgres_server() as server:
        url = server.new_database("sluiten")
        store = open_store(url)
        session = MeetingSession.create(
            store, example_as_user_set, case_code="ZVH-SLUIT", held_on=date.today()
        ).item
        session.add_participant("Moeder", is_client=True)
        store.dispose()
        app = BobApp(StoreChoice(url=url))
        async with app.run_test(size=(140, 45)) as pilot:
            await open_meeting_screen(pilot, app)
            await pilot.press("f8")
            await until(pilot, lambda: isinstance(app.screen, CloseScreen), "the closing review")
            review = app.screen
            await pilot.press(*"+42", "tab", *"+90", "tab", *"Wijkagent")
            server.stop()
            await pilot.press("f8")
            error = review.query_one("#close-error", Static)
            await until(pilot, lambda: LOST in str(error.render()), "the reason on the review")
            assert app.screen is review
            values = [review.query_one(f"#{field}", Input).value for field in _FIELDS]
            assert values == ["+42", "+90", "Wijkagent"]
            server.start()
            await pilot.press("f8")
            await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        reopened = open_store(url)
        try:
            closed = MeetingSession.open(reopened, session.meeting_id, example_as_user_set)
            meeting = closed.meeting()
            assert meeting.status is MeetingStatus.GESLOTEN
            assert meeting.client_informed_by == "Wijkagent"
        finally:
            reopened.dispose()


_FIELDS = ("evaluation", "next-meeting", "informed-by")
