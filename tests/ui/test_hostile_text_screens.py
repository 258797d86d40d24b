"""Hostile text on every screen that shows it: literal, never markup, never a control character.

A participant's name, a note, a parked idea, a decision, a judgement and an own question hold
Rich markup (``[/]``, ``[bold red]``), a trailing backslash, terminal escapes, a bell, a carriage
return, an RTL override and an emoji. Each modal that shows them is opened with the Pilot; the
picture must hold the text as typed (minus the control characters) and no ESC or BEL.
"""

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import OptionList

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.text import one_line
from bobtui.core.domain.vocabulary import JudgementKind, NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import open_store, sqlite_url
from bobtui.screens.close import CloseScreen
from bobtui.screens.jump import JumpScreen
from bobtui.screens.meeting import MeetingScreen
from bobtui.screens.notes import NotesScreen
from bobtui.screens.parked import ParkedScreen
from bobtui.screens.setup import SetupScreen
from tests.conftest import new_meeting_store
from tests.ui.test_meeting_screen import until

# Every piece that once broke a markup string, or could reach the terminal as a control.
HOSTILE = "[/] [bold red]x \x1b[31mrood\x07 a\rb \u202eRTL 😀 eind\\"
BSN_LIKE = "123456782"  # passes the 11-test: the close review lists the text it is in
BIG_NOTE = "groot " + "[/]x\x1b[0m" * 14_000  # about 100 KB


def literal(prefix: str) -> str:
    """What a screen shows of ``prefix + HOSTILE``, up to its first space (the SVG picture
    writes spaces as &#160;): the markup as typed, no control characters."""
    return f"{prefix}[/]"


def assert_no_controls(picture: str) -> None:
    assert "\x1b" not in picture and "\x07" not in picture and "\r" not in picture


@pytest.fixture
def hostile_meeting(tmp_path: Path, example_as_user_set: QuestionSet) -> str:
    """A running meeting in besluitvorming with hostile text in every field the modals show."""
    url = sqlite_url(tmp_path / "hostile.sqlite3")
    store = open_store(url)
    session = MeetingSession.create(
        store, example_as_user_set, case_code="ZVH-" + HOSTILE, held_on=date.today()
    ).item
    person = session.add_participant(
        "Deelnemer" + HOSTILE, organisation="Organisatie" + HOSTILE
    ).item
    session.start()
    session.park_idea("Idee" + HOSTILE, participant_id=person.id)
    session.next_phase()
    session.record_judgement(JudgementKind.KERNPROBLEEM, "Oordeel" + HOSTILE)
    session.next_phase()
    session.add_own_question("Vraag" + HOSTILE)
    session.record_note(NoteKind.FEIT, "Notitie" + HOSTILE, participant_id=person.id)
    session.record_note(NoteKind.ZORG, BIG_NOTE)
    session.record_decision(
        f"Besluit{HOSTILE} {BSN_LIKE}",
        owner_person="Eigenaar" + HOSTILE,
        owner_organisation="Org" + HOSTILE,
        deadline=date.today() + timedelta(days=7),
    )
    store.dispose()
    return url


async def open_running_meeting(pilot, app) -> MeetingScreen:
    await until(
        pilot,
        lambda: app.screen.query("DataTable") and app.screen.query_one("DataTable").row_count,
        "the meeting list",
    )
    await pilot.press("enter")  # running: straight into the meeting screen
    await until(
        pilot,
        lambda: isinstance(app.screen, MeetingScreen) and app.screen.focused is not None,
        "the meeting screen",
    )
    return app.screen


async def test_hostile_text_is_literal_in_every_modal(hostile_meeting: str) -> None:
    app = BobApp(StoreChoice(url=hostile_meeting))
    async with app.run_test(size=(150, 45)) as pilot:
        screen = await open_running_meeting(pilot, app)
        await until(
            pilot, lambda: "Oordeel[/]" in str(screen.query_one("#picture").render()), "the picture"
        )
        picture = str(screen.query_one("#picture").render())
        for prefix in ("Oordeel", "Besluit", "Deelnemer", "Idee"):
            assert literal(prefix) in picture, prefix
        assert one_line("Oordeel" + HOSTILE).replace("\u202e", "") in picture.replace("\u202e", "")
        shot = app.export_screenshot()
        assert_no_controls(shot)
        assert "ZVH-[/]" in shot  # the case code in the title bar

        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, NotesScreen), "the notes")
        prompts = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert prompts[0] == "feit Notitie[/] [bold red]x [31mrood a" + "b \u202eRTL 😀 eind\\"
        assert prompts[1].startswith("zorg groot [/]x[0m[/]x") and "\x1b" not in prompts[1]
        shot = app.export_screenshot()
        assert_no_controls(shot)
        assert literal("Notitie") in shot and "eind\\" in shot
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")

        await pilot.press("f7")
        await until(pilot, lambda: isinstance(app.screen, ParkedScreen), "the parkeerplaats")
        (prompt,) = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert prompt.startswith("Idee[/] [bold red]x [31mrood") and "— Deelnemer[/]" in prompt
        shot = app.export_screenshot()
        assert_no_controls(shot)
        assert literal("Idee") in shot and literal("Deelnemer") in shot
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")

        await pilot.press("ctrl+g")
        await until(pilot, lambda: isinstance(app.screen, JumpScreen), "the jump list")
        prompts = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert any("Vraag[/] [bold red]x [31mrood" in p for p in prompts), prompts
        shot = app.export_screenshot()
        assert_no_controls(shot)
        assert literal("Vraag") in shot
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")

        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, CloseScreen), "the close review")
        review = str(app.screen.query_one("#review").render())
        assert "Besluit[/] [bold red]x [31mrood" in review and BSN_LIKE not in review
        shot = app.export_screenshot()
        assert_no_controls(shot)
        assert literal("Besluit") in shot
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")

        session = app.screen.session
        app.push_screen(SetupScreen(session.store, session))
        await until(pilot, lambda: isinstance(app.screen, SetupScreen), "the setup screen")
        await pilot.pause(0.2)
        table = app.screen.query_one("#participants")
        name, _presence, organisation = table.texts_at(0)[:3]
        assert [name, organisation] == [
            one_line("Deelnemer" + HOSTILE),
            one_line("Organisatie" + HOSTILE),
        ]
        shot = app.export_screenshot()
        assert_no_controls(shot)
        assert literal("Deelnemer") in shot and literal("Organisatie") in shot


@pytest.fixture
def started(tmp_path: Path, example_as_user_set: QuestionSet) -> str:
    url, store, session = new_meeting_store(
        tmp_path / "any.sqlite3", example_as_user_set, "ZVH-ANY"
    )
    session.start()
    store.dispose()
    return url


def any_note() -> st.SearchStrategy[str]:
    """Anything a paste can bring, markup and controls included; the session refuses blank
    notes, and SQLite cannot store lone surrogates."""
    piece = st.one_of(
        st.sampled_from(["[/]", "[bold", "\\", "\x1b[31m", "\x07", "\r", "\u202e", "😀"]),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=10),
    )
    return st.lists(piece, min_size=1, max_size=5).map("".join).filter(lambda t: t.strip() != "")


def test_any_note_reopens_on_the_meeting_screen(
    started: str, example_as_user_set: QuestionSet
) -> None:
    """Hypothesis calls a plain function, so one app runs in one task on a loop of the test's
    own and takes each example from a queue: starting an app per example would take most of a
    minute. Ten examples: each reopening costs over a second (claiming the chair, resuming)."""
    import asyncio

    loop = asyncio.new_event_loop()
    inbox: asyncio.Queue[str | None] = asyncio.Queue()
    outbox: asyncio.Queue[BaseException | None] = asyncio.Queue()

    async def reopen_with(pilot, app: BobApp, text: str) -> None:
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, MeetingScreen), "the home screen")
        store = open_store(started)
        try:
            MeetingSession.open(store, 1, example_as_user_set).record_note(NoteKind.FEIT, text)
        finally:
            store.dispose()
        screen = await open_running_meeting(pilot, app)
        shown = one_line(text)
        await until(
            pilot,
            lambda: shown in " ".join(str(screen.query_one("#notes").render()).split()),
            "the note on the reopened screen",
        )
        assert_no_controls(app.export_screenshot())

    async def run_app() -> None:
        app = BobApp(StoreChoice(url=started))
        async with app.run_test(size=(120, 40)) as pilot:
            await open_running_meeting(pilot, app)
            await outbox.put(None)
            while (text := await inbox.get()) is not None:
                try:
                    await reopen_with(pilot, app, text)
                except BaseException as problem:  # handed to hypothesis, which shrinks it
                    await outbox.put(problem)
                else:
                    await outbox.put(None)

    def answer() -> None:
        problem = loop.run_until_complete(outbox.get())
        if problem is not None:
            raise problem

    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=any_note())
    def check(text: str) -> None:
        inbox.put_nowait(text)
        answer()

    app_task = loop.create_task(run_app())
    try:
        answer()
        check()
    finally:
        inbox.put_nowait(None)
        loop.run_until_complete(app_task)
        loop.close()
