"""Who said it, and what kind of note, in a key or two: the picker beside the note line."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.widgets import Static

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet, default_catalog
from bobtui.core.session import MeetingSession, open_meeting
from bobtui.core.store.engine import open_store, sqlite_url
from bobtui.core.training.demo import DEMO_LEIDRAAD, build_demo
from bobtui.screens.note_choice import NoteChoiceScreen
from tests.ui.test_meeting_screen import open_meeting_screen, until

LONG_NAME = "Mr. drs. Alexandra Wilhelmina van Oldenbarnevelt-Tjarda van Starkenborgh"
ROSTER = [
    "Moeder",
    "Vader",
    "Wijkagent",
    "Veilig Thuis",
    "Jeugdarts",
    "Leerplicht",
    "Reclassering",
    "Wijkteam",
    "School",
    "Huisarts",
    "Zorgcoördinator",
    LONG_NAME,
]


@pytest.fixture
def full_room(tmp_path: Path, example_as_user_set: QuestionSet) -> str:
    """A meeting with twelve people on the roster, the last with a very long name."""
    url = sqlite_url(tmp_path / "room.sqlite3")
    store = open_store(url)
    session = MeetingSession.create(
        store, example_as_user_set, case_code="ZVH-ROOM", held_on=date.today()
    ).item
    for name in ROSTER:
        role = "gezinsvoogd" if name == LONG_NAME else ""
        session.add_participant(name, role=role)
    store.dispose()
    return url


def bar_text(screen) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one("#note-bar", Static).render())


def key_of(screen, name: str) -> str:  # type: ignore[no-untyped-def]
    """The key the picker shows in front of ``name``: what the chair reads and presses."""
    rows = str(screen.query_one("#choice-list", Static).render()).splitlines()
    row = next(row for row in rows if name in row)
    return row.split()[0]


# (kind, speaker, text): every note changes the speaker, most change the kind too.
SCRIPT = [
    (NoteKind.FEIT, "Wijkagent", "Drie meldingen dit jaar"),
    (NoteKind.ZORG, "Veilig Thuis", "De kinderen waren erbij"),
    (NoteKind.KRACHT, "Moeder", "Zoekt zelf hulp"),
    (NoteKind.AANNAME, "Vader", "Werkt veel nachten"),
    (NoteKind.INFORMATIEGAT, "Huisarts", "Geen beeld van de jongste"),
    (NoteKind.INFORMATIEGAT, "School", "Verzuim onbekend"),
    (NoteKind.FEIT, "Zorgcoördinator", "Plan loopt sinds maart"),
    (NoteKind.ZORG, LONG_NAME, "Toezicht nodig"),
    (NoteKind.ZORG, None, "Niemand weet wie er 's nachts is"),
    (NoteKind.FEIT, None, "Zonder spreker, alleen de soort anders"),
]


async def chair_note(pilot, screen, kind: NoteKind, speaker: str | None, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Type ``text`` and save it as ``kind`` said by ``speaker`` (None: nobody) the shortest
    way the chair can; return the command keys that took, the saving key included."""
    app, line = screen.app, screen.query_one("#note-line")
    ids = {p.name: p.id for p in screen.session.participants()}
    before = len(screen.session.notes())
    # The text as one paste: its keys are not what is counted, and typing it key by key
    # makes this test slow on a busy machine (other tests type notes key by key).
    screen.query_one("#note-editor").insert(text)
    await pilot.pause()
    speaker_changes = ids.get(speaker or "") != line.speaker_id
    kind_changes = kind is not line.kind
    if not (speaker_changes or kind_changes):
        command_keys = ["enter"]
        await pilot.press("enter")
    else:  # the picker, opened with text on the line, saves it as it closes
        command_keys = ["ctrl+e" if speaker_changes else "ctrl+a"]
        await pilot.press(command_keys[0])
        await until(pilot, lambda: isinstance(app.screen, NoteChoiceScreen), "the picker")
        if kind_changes:  # the kind's first letter; on the way when the speaker changes too
            command_keys.append(kind.value[0])
            await pilot.press(kind.value[0])
        if speaker_changes:
            command_keys.append(key_of(app.screen, speaker or "niemand"))
            await pilot.press(command_keys[-1])
    await until(pilot, lambda: len(screen.session.notes()) == before + 1, "the note saved")
    last = screen.session.notes()[-1]
    assert (last.text, last.kind, last.participant_id) == (text, kind, ids.get(speaker or ""))
    assert app.screen is screen and not screen.query_one("#note-editor").text
    return command_keys


def keys_figure(counts: list[int]) -> str:
    return (
        f"command keys per note besides its text, saving included: {counts} "
        f"(max {max(counts)}, mean {sum(counts) / len(counts):.1f})"
    )


async def test_a_meeting_of_notes_costs_at_most_three_command_keys_each(
    full_room: str, report_figure: Callable[[str], None]
) -> None:
    app = BobApp(StoreChoice(url=full_room))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        counts = [len(await chair_note(pilot, screen, *note)) for note in SCRIPT]
        report_figure(keys_figure(counts))
        assert len(screen.session.notes()) == len(SCRIPT)
        assert max(counts) <= 3


@pytest.fixture
def demo_replay(tmp_path: Path) -> tuple[str, list[tuple[str | None, NoteKind, str | None, str]]]:
    """A planned meeting with the demo's roster and leidraad, and the demo meeting's notes in
    the order they were said: (question id, kind, speaker's name, text)."""
    question_set = default_catalog().get(DEMO_LEIDRAAD)
    demo_store = open_store(sqlite_url(tmp_path / "demo.sqlite3"))
    demo = open_meeting(
        demo_store, build_demo(demo_store, question_set, datetime.now(UTC)), default_catalog()
    )
    names = {p.id: p.name for p in demo.participants()}
    script = [
        (n.question_id, n.kind, names.get(n.participant_id or 0), n.text) for n in demo.notes()
    ]
    url = sqlite_url(tmp_path / "replay.sqlite3")
    store = open_store(url)
    session = MeetingSession.create(
        store, question_set, case_code="ZVH-REPLAY", held_on=date.today()
    ).item
    for person in demo.participants():
        session.add_participant(person.name, organisation=person.organisation, role=person.role)
    demo_store.dispose()
    store.dispose()
    return url, script


async def test_chairing_the_demo_script_costs_at_most_three_command_keys_a_note(
    demo_replay: tuple[str, list[tuple[str | None, NoteKind, str | None, str]]],
    report_figure: Callable[[str], None],
) -> None:
    url, script = demo_replay
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        counts, moves = [], 0
        for question_id, kind, speaker, text in script:
            while screen.session.position().question.id != question_id:
                moves += 1
                await pilot.press("ctrl+n")
            counts.append(len(await chair_note(pilot, screen, kind, speaker, text)))
        report_figure(
            f"the demo's {len(script)} notes: {keys_figure(counts)}; {moves} × ctrl+n between"
        )
        assert len(counts) == len(script) >= 10
        assert max(counts) <= 3


async def test_escape_leaves_the_choice_and_cycling_still_works(full_room: str) -> None:
    app = BobApp(StoreChoice(url=full_room))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        line = screen.query_one("#note-line")
        await pilot.press("ctrl+a", "1", "z")  # opened for the kind, the speaker on the way
        await until(pilot, lambda: app.screen is screen, "the picker closed")
        moeder = screen.session.participants()[0]
        assert (line.kind, line.speaker_id) == (NoteKind.ZORG, moeder.id)
        await pilot.press("ctrl+e", "k", "escape")
        await until(pilot, lambda: app.screen is screen, "the picker closed")
        assert (line.kind, line.speaker_id) == (NoteKind.ZORG, moeder.id)
        await pilot.press("ctrl+s", "ctrl+t")
        assert line.speaker_id == screen.session.participants()[1].id
        assert line.kind is NoteKind.KRACHT
        assert screen.focused is screen.query_one("#note-editor")


async def test_the_bar_names_the_speaker_at_80_columns(full_room: str) -> None:
    app = BobApp(StoreChoice(url=full_room))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        await pilot.press("ctrl+e", "c", "ctrl+l")  # the twelfth: the long name
        await until(pilot, lambda: app.screen is screen, "the picker closed")
        await pilot.pause(0.1)
        bar = bar_text(screen)
        width = screen.query_one("#note-bar").size.width
        assert len(bar) <= width, bar
        assert "Wie: gezinsvoogd" in bar and "vertrouwelijk" in bar and "Soort: feit" in bar

        await pilot.press("ctrl+e", "1")
        await until(pilot, lambda: "Wie: Moeder" in bar_text(screen), "the short name")
        assert "Enter slaat op" in bar_text(screen)
        screen.set_focus(None)  # Enter is not the note line's now
        await until(pilot, lambda: "Enter" not in bar_text(screen), "the Enter hint gone")


async def test_the_picker_says_it_saves_the_typed_note_and_escape_saves_nothing(
    full_room: str,
) -> None:
    app = BobApp(StoreChoice(url=full_room))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        await pilot.press("ctrl+e")  # an empty line: the choice is for the next note
        await until(pilot, lambda: isinstance(app.screen, NoteChoiceScreen), "the picker")
        assert "opgeslagen" not in str(app.screen.query_one("#choice-title", Static).render())
        await pilot.press("2")
        await until(pilot, lambda: app.screen is screen, "the picker closed")
        assert screen.session.notes() == []

        await pilot.press(*"Vader zegt niets", "ctrl+a")
        await until(pilot, lambda: isinstance(app.screen, NoteChoiceScreen), "the picker")
        title = str(app.screen.query_one("#choice-title", Static).render())
        assert "De notitie wordt dan opgeslagen." in title
        assert "sluit en slaat op" in str(app.screen.query_one("#choice-help", Static).render())
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen, "the picker closed")
        assert screen.session.notes() == []
        assert screen.query_one("#note-editor").text == "Vader zegt niets"

        await pilot.press("ctrl+a", "z")
        await until(pilot, lambda: len(screen.session.notes()) == 1, "the note saved")
        note = screen.session.notes()[0]
        vader = screen.session.participants()[1]
        assert (note.kind, note.participant_id) == (NoteKind.ZORG, vader.id)
        assert screen.query_one("#note-editor").text == ""
