"""Chairing with the keyboard only: the facilitation screen, driven with Textual's Pilot."""

from datetime import date
from pathlib import Path

import pytest

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.vocabulary import NoteKind, Phase
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import open_store
from bobtui.screens.confirm import ConfirmScreen
from bobtui.screens.meeting import MeetingScreen
from bobtui.screens.setup import SetupScreen
from bobtui.screens.time_out import TimeOutScreen
from tests.conftest import FakeClock, configured_paths, new_meeting_store


async def until(pilot, condition, what: str) -> None:
    for _ in range(200):
        await pilot.pause(0.05)
        if condition():
            return
    raise AssertionError(f"timed out waiting for {what}")


async def open_setup(pilot, app, key: str = "enter") -> SetupScreen:
    """From the list of the store's one meeting to its setup (Enter), or a new one's (n)."""
    await until(
        pilot,
        lambda: app.screen.query("DataTable") and app.screen.query_one("DataTable").row_count == 1,
        "the meeting list",
    )
    # The list shows before the question sets are loaded; until then n does nothing.
    await until(pilot, lambda: getattr(app.screen, "catalog", None) is not None, "question sets")
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, SetupScreen), "the setup screen")
    return app.screen


async def start_meeting(pilot, app) -> MeetingScreen:
    """From the setup screen into the meeting (F5), typing on the note line."""
    await pilot.press("f5")
    await until(
        pilot,
        lambda: isinstance(app.screen, MeetingScreen) and app.screen.focused is not None,
        "the meeting screen with the note line in focus",
    )
    return app.screen


async def open_meeting_screen(pilot, app) -> MeetingScreen:
    await open_setup(pilot, app)  # a planned meeting opens in setup; F5 starts it
    return await start_meeting(pilot, app)


@pytest.fixture
def planned(tmp_path: Path, example_as_user_set: QuestionSet) -> tuple[str, int]:
    url, store, session = new_meeting_store(
        tmp_path / "chair.sqlite3", example_as_user_set, "ZVH-KEYS"
    )
    session.add_participant("Moeder", is_client=True)
    session.add_participant("Wijkagent", organisation="Politie")
    store.dispose()
    return url, session.meeting_id


async def test_chair_beeldvorming_with_keys_only(
    planned: tuple[str, int], example_as_user_set: QuestionSet
) -> None:
    url, meeting_id = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 40)) as pilot:
        await open_meeting_screen(pilot, app)
        screen = app.screen
        session = screen.session

        await pilot.press(*"Drie meldingen", "enter")
        assert [(n.kind, n.text, n.question_id) for n in session.notes()] == [
            (NoteKind.FEIT, "Drie meldingen", "vb-aanleiding")
        ]
        assert screen.query_one("#note-editor").text == ""

        await pilot.press("ctrl+t", "ctrl+s", *"Kan niet slapen", "enter")
        moeder = session.participants()[0]
        last = session.notes()[-1]
        assert (last.kind, last.participant_id) == (NoteKind.AANNAME, moeder.id)

        await pilot.press("ctrl+o")
        assert [n.text for n in session.notes()] == ["Drie meldingen"]

        await pilot.press("ctrl+n")
        assert session.position().question.id == "vb-eigen-kijk"

        await pilot.press("ctrl+f")  # beeldvorming has barely started: a gentle warning
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the phase warning")
        await pilot.press("n")
        assert session.position().phase is Phase.BEELDVORMING
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the phase warning")
        await pilot.press("j")
        await until(
            pilot, lambda: session.position().phase is Phase.OORDEELSVORMING, "oordeelsvorming"
        )

        await pilot.press("ctrl+b")
        await until(pilot, lambda: isinstance(app.screen, TimeOutScreen), "the time-out")
        assert session.in_time_out()
        await pilot.press("escape")
        await until(pilot, lambda: not session.in_time_out(), "the end of the time-out")
        assert len(session.time_outs()) == 1

        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, MeetingScreen), "the home screen")

    reopened = MeetingSession.open(open_store(url), meeting_id, example_as_user_set)
    assert reopened.position().question.id == "vb-kernprobleem"
    assert [n.text for n in reopened.notes()] == ["Drie meldingen"]


async def test_narrow_terminal_keeps_question_and_note_line(planned: tuple[str, int]) -> None:
    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting_screen(pilot, app)
        await pilot.pause(0.2)
        assert app.screen.has_class("-narrow")
        assert app.screen.query_one("#note-editor").region.height > 0
        assert app.screen.query_one("#question-text").region.width > 40


async def test_score_judgement_and_decision_forms(planned: tuple[str, int]) -> None:
    from textual.widgets import Static

    from bobtui.screens.form import FormScreen

    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session

        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the score form")
        await pilot.press("tab", *"Wijkagent", "tab", "1", "1", "enter")
        error = app.screen.query_one("#form-error", Static)
        await until(pilot, lambda: "0 tot en met 10" in str(error.render()), "the score error")
        assert isinstance(app.screen, FormScreen) and session.safety_scores() == []
        await pilot.press("backspace", "tab", *"Een veiligheidsplan", "enter")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        (score,) = session.safety_scores()
        assert (score.respondent, score.score, score.what_would_raise_it) == (
            "Wijkagent",
            1,
            "Een veiligheidsplan",
        )

        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the judgement form")
        await pilot.press("tab", *"Escalerende ruzies", "enter")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        assert [j.text for j in session.judgements()] == ["Escalerende ruzies"]

        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the decision form")
        await pilot.press(*"Veiligheidsplan maken", "enter")  # no owner, no deadline yet
        error = app.screen.query_one("#form-error", Static)
        await until(pilot, lambda: "eigenaar" in str(error.render()), "the decision error")
        await pilot.press(
            "tab", "tab", *"M. de Boer", "tab", *"Veilig Thuis", "tab", "+", "7", "enter"
        )
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        (decision,) = session.decisions()
        assert (decision.action, decision.owner_person, decision.owner_organisation) == (
            "Veiligheidsplan maken",
            "M. de Boer",
            "Veilig Thuis",
        )
        assert (decision.deadline - date.today()).days == 7
        await until(  # the screen shows it once the snapshot asked for after the form is read
            pilot,
            lambda: "Veiligheidsplan maken" in str(app.screen.query_one("#picture").render()),
            "the decision in the live picture",
        )
        picture = str(app.screen.query_one("#picture", Static).render())
        assert "Veiligheidsplan maken" in picture and "Escalerende ruzies" in picture


async def test_close_review_then_summary_and_export(
    planned: tuple[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from textual.widgets import Static

    from bobtui.core.domain.vocabulary import MeetingStatus
    from bobtui.screens.close import CloseScreen
    from bobtui.screens.summary import SummaryScreen

    monkeypatch.chdir(tmp_path)
    config = configured_paths().config_dir
    config.mkdir(parents=True, exist_ok=True)  # the sender on every document, from the settings
    (config / "instellingen.toml").write_text('organisation = "ZVH Regio Fictief"\n')
    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session
        await pilot.press(*"Moeder vertelt over de ruzies", "enter")
        await pilot.press("ctrl+f")  # early: the warning asks first
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the phase warning")
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        await pilot.press("f10")  # the key problem was talked over, though not noted
        await until(
            pilot, lambda: session.untouched_core_questions(Phase.OORDEELSVORMING) == [], "the mark"
        )
        await pilot.press("ctrl+f")  # no key question left behind in oordeelsvorming: no warning
        await until(
            pilot, lambda: session.position().phase is Phase.BESLUITVORMING, "besluitvorming"
        )
        assert session.position().phase is Phase.BESLUITVORMING
        await pilot.press(
            "f4", *"Plan maken", "tab", "tab", *"Jan", "tab", *"Wijkteam", "tab", *"+7", "enter"
        )
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")

        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, CloseScreen), "the closing review")
        review = str(app.screen.query_one("#review", Static).render())
        assert "geen evaluatiedatum" in review and "niet besproken" in review
        await pilot.press("f8")  # refused: no evaluation date yet
        await pilot.pause(0.2)
        assert (
            isinstance(app.screen, CloseScreen) and session.meeting().status is MeetingStatus.LOPEND
        )
        await pilot.press(*"+42", "f8")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary preview")
        assert session.meeting().status is MeetingStatus.GESLOTEN

        await pilot.press("m", "j")
        await until(
            pilot, lambda: len(list(tmp_path.glob("verslag-ZVH-KEYS-*"))) == 2, "the exports"
        )
        markdown = next(tmp_path.glob("verslag-ZVH-KEYS-*.md")).read_text()
        assert "ZVH Regio Fictief" in markdown
        assert (
            "| Plan maken | Jan | Wijkteam |" in markdown
            and "Moeder vertelt over de ruzies" in markdown
        )
        data = json.loads(next(tmp_path.glob("verslag-ZVH-KEYS-*.json")).read_text())
        assert data["status"] == "gesloten" and data["evaluation_date"] is not None


async def test_parking_an_idea_and_deciding_on_it_later(planned: tuple[str, int]) -> None:
    from bobtui.core.domain.vocabulary import ParkedOutcome
    from bobtui.screens.form import FormScreen
    from bobtui.screens.parked import ParkedScreen

    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session
        await pilot.press("ctrl+s", "ctrl+s", *"Huisverbod opleggen", "f6")  # proposed by the agent
        await until(pilot, lambda: len(session.parked_ideas()) == 1, "the parked idea")
        assert session.notes() == [] and screen.query_one("#note-editor").text == ""
        assert session.parked_ideas()[0].participant_id == session.participants()[1].id
        await pilot.press("f7")  # not yet: the idea waits for besluitvorming
        await pilot.pause(0.2)
        assert not isinstance(app.screen, ParkedScreen)

        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the phase warning")
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        await pilot.press("ctrl+f")  # the key problem on screen was not discussed: asks again
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the phase warning")
        await pilot.press("j")
        await until(
            pilot, lambda: session.position().phase is Phase.BESLUITVORMING, "besluitvorming"
        )
        await pilot.press("f7")
        await until(pilot, lambda: isinstance(app.screen, ParkedScreen), "the parkeerplaats")
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the decision form")
        assert app.screen.query_one("#action").value == "Huisverbod opleggen"
        await pilot.press("tab", "tab", *"A. Smit", "tab", *"Gemeente", "tab", *"+3", "enter")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        (idea,) = session.parked_ideas()
        (decision,) = session.decisions()
        assert (idea.outcome, idea.decision_id) == (ParkedOutcome.BESLUIT, decision.id)


async def test_every_footer_action_is_in_the_command_palette(planned: tuple[str, int]) -> None:
    from bobtui.app.commands import ScreenActions

    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        provider = ScreenActions(screen)
        names = [hit.text async for hit in provider.discover()]
        for description in ("Volgende vraag", "Volgende fase", "Besluit", "Parkeren", "Time-out"):
            assert any(name.startswith(description) for name in names), names
        hits = [hit async for hit in provider.search("besluit")]
        assert hits
        await hits[0].command()  # runs the action, as choosing it in the palette does
        from bobtui.screens.form import FormScreen

        await until(pilot, lambda: isinstance(app.screen, FormScreen), "the decision form")


async def test_jump_to_a_question_by_typing(planned: tuple[str, int]) -> None:
    from bobtui.screens.jump import JumpScreen

    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        await pilot.press("ctrl+g")
        await until(pilot, lambda: isinstance(app.screen, JumpScreen), "the jump list")
        await pilot.press(*"veilig thuis", "enter")  # 'Welke meldingen zijn er bij Veilig Thuis…'
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        assert screen.session.position().question.id == "vb-vt-informatie"
        coverage = screen.session.coverage()
        assert coverage["vb-aanleiding"].value == "nog_niet"  # left without a note
        assert coverage["vb-eigen-kijk"].value == "overgeslagen"  # jumped over


async def test_edit_rekind_and_delete_notes_from_the_screen(planned: tuple[str, int]) -> None:
    from bobtui.screens.notes import NotesScreen

    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session
        await pilot.press(*"Drie meldngen", "enter", *"Tweede", "enter")
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, NotesScreen), "the notes list")
        await pilot.press("e", "ctrl+u", *"Drie meldingen", "enter")
        await until(
            pilot, lambda: session.notes()[0].text == "Drie meldingen", "the corrected note"
        )
        await pilot.press("t")
        await until(pilot, lambda: session.notes()[0].kind is NoteKind.AANNAME, "the new kind")
        await pilot.press("down", "delete")
        await until(pilot, lambda: len(session.notes()) == 1, "the deleted note")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        await until(  # the screen shows it once the snapshot asked for on return is read
            pilot,
            lambda: "Drie meldingen" in str(screen.query_one("#notes").render()),
            "the corrected note on screen",
        )
        assert "Drie meldingen" in str(screen.query_one("#notes").render())


async def test_own_question_on_the_fly(planned: tuple[str, int]) -> None:
    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        await pilot.press(*"Wie is de huisarts?", "f9")
        await until(
            pilot, lambda: screen.session.position().question.id == "eigen-1", "the own question"
        )
        assert "Wie is de huisarts?" in str(screen.query_one("#question-text").render())
        await pilot.press(*"Onbekend", "enter")
        assert [n.question_id for n in screen.session.notes()] == ["eigen-1"]
        from textual.widgets import Tree

        def labels(node):  # type: ignore[no-untyped-def]
            yield str(node.label)
            for child in node.children:
                yield from labels(child)

        tree = screen.query_one("#navigator", Tree)
        assert any("Wie is de huisarts?" in label for label in labels(tree.root))


async def test_confidential_notes_and_export_profiles_from_the_keyboard(
    planned: tuple[str, int], tmp_path: Path
) -> None:
    import zipfile

    from bobtui.screens.notes import NotesScreen
    from bobtui.screens.summary import SummaryScreen

    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session
        await pilot.press(*"Gewoon feit", "enter", "ctrl+l", *"Apart verteld", "enter")
        await until(pilot, lambda: len(session.notes()) == 2, "two notes")
        assert [n.confidential for n in session.notes()] == [False, True]
        await pilot.press(*"Weer gewoon", "enter")  # the mark was for one note only
        await until(pilot, lambda: len(session.notes()) == 3, "three notes")
        assert not session.notes()[2].confidential
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, NotesScreen), "the notes list")
        await pilot.press("v")
        await until(pilot, lambda: session.notes()[0].confidential, "a note marked afterwards")
        await pilot.press("v")
        await until(pilot, lambda: not session.notes()[0].confidential, "the mark taken off")
        await pilot.press("escape")

        app.push_screen(SummaryScreen(session, export_folder=tmp_path))
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        await pilot.press("w", "h")
        await until(pilot, lambda: len(list(tmp_path.glob("verslag-*"))) == 2, "Word and HTML")
        with zipfile.ZipFile(next(tmp_path.glob("verslag-*.docx"))) as package:
            document = package.read("word/document.xml").decode()
        html = next(tmp_path.glob("verslag-*.html")).read_text()
        for text in (document, html):
            assert "Gewoon feit" in text and "Apart verteld" not in text
        await pilot.press("v", "m")  # include confidential notes, on purpose
        # A file with confidential notes says so in its name too.
        with_secrets = "verslag-*-vertrouwelijk.md"
        await until(pilot, lambda: list(tmp_path.glob(with_secrets)), "the Markdown")
        markdown = next(tmp_path.glob(with_secrets)).read_text()
        assert "Apart verteld **(vertrouwelijk)**" in markdown
        await pilot.press("p", "m")  # the decisions-only profile
        decisions = "verslag-*-besluiten-vertrouwelijk.md"
        await until(pilot, lambda: list(tmp_path.glob(decisions)), "besluiten")
        decisions_only = next(tmp_path.glob(decisions)).read_text()
        assert "Profiel besluiten" in decisions_only and "Gewoon feit" not in decisions_only


async def test_the_close_review_lists_a_bsn_and_ctrl_b_corrects_it(
    planned: tuple[str, int],
) -> None:
    from textual.widgets import Input, Static

    from bobtui.screens.close import CloseScreen
    from bobtui.screens.correct_text import CorrectTextScreen

    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session
        await pilot.press(*"Vader noemde 111222333 als zijn nummer", "enter")
        await until(pilot, lambda: len(session.notes()) == 1, "the note saved")
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, CloseScreen), "the closing review")
        review = str(app.screen.query_one("#review", Static).render())
        assert "Nummers die op een BSN lijken" in review and "notitie" in review
        assert "111222333" not in review  # shown masked, not a second time in full
        await pilot.press("ctrl+b")
        await until(pilot, lambda: isinstance(app.screen, CorrectTextScreen), "the correction")
        field = app.screen.query_one("#text", Input)
        field.value = "Vader noemde zijn nummer"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CloseScreen), "back in the review")
        assert session.notes()[0].text == "Vader noemde zijn nummer"
        review = str(app.screen.query_one("#review", Static).render())
        assert "Nummers die op een BSN lijken" not in review


def test_printable_drops_control_characters_but_keeps_tab_and_newline() -> None:
    from bobtui.core.domain.text import printable

    assert printable("a\x1b[31mb\x00c\td\ne\x7f\x85\r") == "a[31mbc\td\ne"
    assert printable("[bold] [/] [link=x]") == "[bold] [/] [link=x]"


async def test_user_text_is_shown_literally_never_as_markup(planned: tuple[str, int]) -> None:
    """Notes, names and organisations with markup or terminal escapes render as plain text."""
    from textual import events

    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session
        session.add_participant("[i]Oma[/i]", organisation="[link=x]Buurt[/link]")
        await pilot.press(*"Zo [bold zegt [/] ze [link=x] het", "enter")
        editor = screen.query_one("#note-editor")
        app.post_message(events.Paste("Rood \x1b[31mgevaar\x00 einde"))  # as the terminal does
        await until(pilot, lambda: "gevaar" in editor.text, "the pasted text on the note line")
        await pilot.press("enter")
        await until(pilot, lambda: len(session.notes()) == 2, "both notes saved")
        assert session.notes()[1].text == "Rood \x1b[31mgevaar\x00 einde"

        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, MeetingScreen), "the home screen")
        await pilot.press("enter")  # running: it opens straight in the meeting screen
        await until(
            pilot,
            lambda: isinstance(app.screen, MeetingScreen) and app.screen.focused is not None,
            "the reopened meeting screen",
        )
        reopened = app.screen
        await until(
            pilot,
            lambda: "einde" in str(reopened.query_one("#notes").render()),
            "the notes on the reopened screen",
        )
        notes = str(reopened.query_one("#notes").render())
        assert "Zo [bold zegt [/] ze [link=x] het" in notes
        assert "Rood [31mgevaar einde" in notes  # the escape and the NUL dropped
        picture = str(reopened.query_one("#picture").render())
        assert "[i]Oma[/i] · [link=x]Buurt[/link]" in picture


async def test_a_burst_of_requests_leads_to_one_more_read(planned: tuple[str, int]) -> None:
    import threading
    import time

    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session
        read = session.snapshot
        reads: list[str] = []

        def slow_snapshot():  # type: ignore[no-untyped-def]
            reads.append(threading.current_thread().name)
            time.sleep(0.2)  # the requests below all come while this read runs
            return read()

        session.snapshot = slow_snapshot  # type: ignore[method-assign]
        for _ in range(10):
            screen.request_snapshot()
        session.record_note(NoteKind.FEIT, "Na de eerste vraag om een snapshot")
        await until(
            pilot,
            lambda: "Na de eerste" in str(screen.query_one("#notes").render()),
            "the note in the last snapshot",
        )
        await pilot.pause(0.5)
        assert len(reads) == 2  # the first read, then one more for the nine that waited
        assert threading.main_thread().name not in reads  # off the event loop


async def test_the_clock_counts_on_without_asking_the_database(
    planned: tuple[str, int], clock: FakeClock
) -> None:
    from sqlalchemy import event

    url, _ = planned
    app = BobApp(StoreChoice(url=url), clock=clock)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        await pilot.pause(0.3)  # the snapshot asked for on mount
        statements: list[str] = []
        engine = screen.session.store.engine
        event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        clock.advance(3)
        await until(
            pilot,
            lambda: "Overleg 3:00" in str(screen.query_one("#clock").render()),
            "the clock three minutes on",
        )
        assert "Beeldvorming (3:00)" in [
            str(node.label) for node in screen.query_one("#navigator").root.children
        ]
        await pilot.pause(1.5)
        # Only the question whether another client changed the meeting (live view), never a
        # read for the clock.
        assert statements and all("max(meetingevent.id)" in sql for sql in statements)


async def test_text_not_yet_saved_comes_back_after_leaving_or_quitting(
    planned: tuple[str, int],
) -> None:
    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        await pilot.press(*"Half gezegd, nog niet opgeslagen")
        await pilot.press("escape")  # leave without Enter
        await until(pilot, lambda: not isinstance(app.screen, MeetingScreen), "the list")
        assert screen.session.notes() == []
        await pilot.press("enter")
        await until(
            pilot,
            lambda: isinstance(app.screen, MeetingScreen) and app.screen.focused is not None,
            "the reopened meeting",
        )
        line = app.screen.query_one("#note-editor")
        await until(pilot, lambda: line.text == "Half gezegd, nog niet opgeslagen", "the draft")
        await pilot.press(" ", "e", "n", "m", "e", "e", "r")
    # Quit straight from the meeting (ctrl+q): the draft is kept too, with what was added.
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(
            pilot,
            lambda: app.screen.query("DataTable") and app.screen.query_one("DataTable").row_count,
            "the list",
        )
        await pilot.press("enter")
        await until(
            pilot,
            lambda: isinstance(app.screen, MeetingScreen) and app.screen.focused is not None,
            "the meeting again",
        )
        line = app.screen.query_one("#note-editor")
        await until(pilot, lambda: line.text.endswith("nog niet opgeslagen enmeer"), "the draft")
        await pilot.press("enter")
        await until(pilot, lambda: line.text == "", "the note saved")
        assert [n.text for n in app.screen.session.notes()] == [
            "Half gezegd, nog niet opgeslagen enmeer"
        ]


async def test_moving_on_is_not_discussing(planned: tuple[str, int]) -> None:
    """Ctrl+N past a key question leaves it 'not yet' and the phase warning names it; F10
    marks the question on screen discussed, with the note line in focus."""
    from textual.widgets.tree import TreeNode

    from bobtui.core.domain.vocabulary import Coverage
    from bobtui.widgets.navigator import Navigator

    url, _ = planned
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_meeting_screen(pilot, app)
        session = screen.session
        await pilot.press("ctrl+n")  # over 'Wat is de aanleiding…', nothing noted
        await until(pilot, lambda: session.position().question.id == "vb-eigen-kijk", "the move")
        navigator = screen.query_one(Navigator)

        def labels(node: TreeNode[str]) -> list[str]:
            return [str(node.label)] + [text for child in node.children for text in labels(child)]

        await until(
            pilot,
            lambda: "·*Wat is de directe aanleiding om deze ca…" in labels(navigator.root),
            "the question passed over marked 'not yet'",
        )
        assert session.coverage()["vb-aanleiding"] is Coverage.NOG_NIET

        assert screen.focused is screen.query_one("#note-editor")
        await pilot.press("f10")
        await until(
            pilot,
            lambda: session.coverage()["vb-eigen-kijk"] is Coverage.BESPROKEN,
            "the question on screen marked discussed",
        )
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the phase warning")
        points = str(app.screen.query_one("#dialog-points").render())
        assert "1 kernvraag nog niet besproken: 'Wat is de directe aanleiding" in points
        assert "Hoe kijkt de cliënt" not in points
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting screen")
        assert session.position().phase is Phase.BEELDVORMING
