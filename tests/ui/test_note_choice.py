"""Who said it, and what kind of note, in a key or two: the picker beside the note line."""

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import open_store, sqlite_url
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


async def test_a_meeting_of_notes_costs_at_most_three_command_keys_each(full_room: str) -> None:
    app = BobApp(StoreChoice(url=full_room))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session
        ids = {p.name: p.id for p in session.participants()}
        line = screen.query_one("#note-line")
        counts = []
        for kind, speaker, text in SCRIPT:
            command_keys: list[str] = []
            speaker_changes = ids.get(speaker or "") != line.speaker_id
            kind_changes = kind is not line.kind
            if speaker_changes:
                command_keys.append("ctrl+e")  # the picker for who said it
                await pilot.press("ctrl+e")
                await until(pilot, lambda: isinstance(app.screen, NoteChoiceScreen), "the picker")
                if kind_changes:  # on the way: the kind's first letter
                    command_keys.append(kind.value[0])
                    await pilot.press(kind.value[0])
                key = key_of(app.screen, speaker or "niemand")
                command_keys.append(key)
                await pilot.press(key)
            elif kind_changes:
                command_keys += ["ctrl+a", kind.value[0]]
                await pilot.press("ctrl+a")
                await until(pilot, lambda: isinstance(app.screen, NoteChoiceScreen), "the picker")
                await pilot.press(kind.value[0])
            await until(pilot, lambda: app.screen is screen, "the picker closed")
            await pilot.press(*text, "enter")
            counts.append(len(command_keys))
            last = session.notes()[-1]
            assert (last.text, last.kind, last.participant_id) == (text, kind, ids.get(speaker))
        print(
            f"command keys per note besides its text: {counts} (max {max(counts)}, "
            f"mean {sum(counts) / len(counts):.1f}; with Enter one more each)"
        )
        assert len(session.notes()) == len(SCRIPT)
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
