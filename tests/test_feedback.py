"""Feedback on the chair, computed from what a rehearsal recorded; comparing two rehearsals;
the role-card handout."""

import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from bobtui.core.config.paths import practice_store_path
from bobtui.core.documents.export import render_document
from bobtui.core.domain.vocabulary import NoteKind, Phase
from bobtui.core.questions.sets import default_catalog
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import Store, open_store, sqlite_url
from bobtui.core.training.cases import PracticeCase
from bobtui.core.training.feedback import build_feedback, compare_reports
from bobtui.core.training.handouts import (
    build_comparison_handout,
    build_feedback_handout,
    build_role_cards,
)
from bobtui.core.training.rehearsal import start_rehearsal
from tests.conftest import FakeClock
from tests.test_cli import assert_one_sentence_error, bobtui
from tests.test_practice import example_case  # noqa: F401  (fixture)


@pytest.fixture
def practice_store() -> Store:
    return open_store(sqlite_url(practice_store_path()))


def rehearse(store: Store, case: PracticeCase, clock: FakeClock) -> MeetingSession:
    session = start_rehearsal(store, case, default_catalog().get(case.leidraad), clock=clock)
    session.start()
    return session


def decide(session: MeetingSession, clock: FakeClock, action: str) -> None:
    session.record_decision(
        action,
        owner_person="R. Jansen",
        owner_organisation="Wijkteam",
        deadline=clock.today + timedelta(days=14),
    )


def close(session: MeetingSession, clock: FakeClock) -> None:
    session.set_evaluation(evaluation_date=clock.today + timedelta(days=42))
    for idea in session.open_parked_ideas():
        session.drop_parked_idea(idea.id)
    session.close()


def hasty_rehearsal(store: Store, case: PracticeCase, clock: FakeClock) -> MeetingSession:
    """Jumps to a decision in beeldvorming and skips oordeelsvorming."""
    session = rehearse(store, case, clock)
    _mother, agent = session.participants()
    clock.advance(3)
    session.record_note(NoteKind.FEIT, "Twee meldingen in drie maanden", participant_id=agent.id)
    clock.advance(4)
    session.record_note(NoteKind.AANNAME, "Vader drinkt waarschijnlijk", participant_id=agent.id)
    clock.advance(2)
    session.record_note(NoteKind.ZORG, "Escalatie dreigt", participant_id=agent.id)
    clock.advance(1)
    decide(session, clock, "Huisverbod aanvragen")
    clock.advance(5)
    session.next_phase()  # oordeelsvorming, left at once
    session.next_phase()
    clock.advance(10)
    decide(session, clock, "Schuldhulp aanvragen met moeder")
    close(session, clock)
    return session


def test_a_rehearsal_that_skips_oordeelsvorming_shows_it(
    practice_store: Store,
    example_case: PracticeCase,  # noqa: F811
    clock: FakeClock,
) -> None:
    report = build_feedback(
        hasty_rehearsal(practice_store, example_case, clock).snapshot(), example_case
    )
    judging = report.figure("tijd-oordeelsvorming")
    assert judging.attention and "overgeslagen" in judging.value
    early = report.figure("besluiten-te-vroeg")
    assert early.value == "1" and early.attention
    assert [(m.minute, m.what) for m in early.moments] == [(10, "besluit: Huisverbod aanvragen")]
    mix = report.figure("feiten-en-aannames")
    assert mix.value.startswith("1 feiten (33 %), 1 aannames, 1 zorgen") and mix.attention
    assert [m.minute for m in mix.moments] == [7]
    assert report.figure("client").value == "niet gevraagd"  # only the police officer spoke
    assert report.figure("kernfeiten").value == "1 van 2"
    assert [(k.text, k.captured.minute if k.captured else None) for k in report.key_facts] == [
        ("Twee meldingen in drie maanden.", 3),
        ("De ruzies gaan over geld.", None),
    ]
    assert report.figure("kernbesluiten").value == "1 van 1"
    assert report.figure("besluiten-zonder-eigenaar").value == "0 van 2"
    assert [m.minute for m in report.timeline] == sorted(m.minute for m in report.timeline)


def thorough_rehearsal(store: Store, case: PracticeCase, clock: FakeClock) -> MeetingSession:
    """Every question discussed, facts first, the client and the child heard, in time."""
    session = rehearse(store, case, clock)
    mother, agent = session.participants()
    extra = {
        Phase.BEELDVORMING: [
            (NoteKind.FEIT, "Twee meldingen in drie maanden", agent.id),
            (NoteKind.FEIT, "De ruzies gaan over geld en schulden", mother.id),
        ],
    }
    for guide in session.question_set.phases:
        if guide.phase is not Phase.BEELDVORMING:
            session.next_phase()
        for kind, text, speaker in extra.get(guide.phase, []):
            session.record_note(kind, text, participant_id=speaker)
        for question in guide.questions():
            session.go_to_question(question.id)
            session.record_note(
                NoteKind.FEIT, f"Besproken: {question.id}", participant_id=mother.id
            )
            clock.advance(guide.timebox_minutes / (len(list(guide.questions())) + 1))
        if guide.phase is Phase.BESLUITVORMING:
            decide(session, clock, "Schuldhulp aanvragen met moeder")
    close(session, clock)
    return session


def test_a_thorough_rehearsal_raises_no_point(
    practice_store: Store,
    example_case: PracticeCase,  # noqa: F811
    clock: FakeClock,
) -> None:
    report = build_feedback(
        thorough_rehearsal(practice_store, example_case, clock).snapshot(), example_case
    )
    assert [f.label for f in report.figures if f.attention] == []
    assert report.figure("client").value == "na 0 min"
    assert report.figure("kernfeiten").value == "2 van 2"


def test_comparison_and_documents(
    practice_store: Store,
    example_case: PracticeCase,  # noqa: F811
    clock: FakeClock,
) -> None:
    hasty = build_feedback(
        hasty_rehearsal(practice_store, example_case, clock).snapshot(), example_case
    )
    thorough = build_feedback(
        thorough_rehearsal(practice_store, example_case, clock).snapshot(), example_case
    )
    rows = {label: (a, b, differs) for label, a, b, differs in compare_reports(hasty, thorough)}
    assert rows["Kernfeiten op tafel"] == ("1 van 2", "2 van 2", True)
    assert rows["Besluiten vóór oordeelsvorming"][:2] == ("1", "0")

    report_md = render_document(build_feedback_handout(hasty), "md")
    assert isinstance(report_md, str)
    assert "| Besluiten vóór oordeelsvorming | 1 | bespreken | min 10 |" in (report_md)
    assert "| 10 | besluit: Huisverbod aanvragen |" in report_md  # the timeline
    comparison = render_document(build_comparison_handout(hasty, thorough), "html")
    assert isinstance(comparison, str)
    assert "OEFEN-VB-01-1" in comparison and "OEFEN-VB-01-2" in comparison


def test_role_cards_one_per_page(example_case: PracticeCase) -> None:  # noqa: F811
    handout = build_role_cards(example_case)
    html = render_document(handout, "html")
    assert isinstance(html, str)
    assert html.count('class="page"') == 3  # the background and two cards
    assert "section.page + section.page { break-before: page; }" in html
    assert "Twee meldingen in drie maanden." in html and "laat je afremmen" in html
    document = render_document(handout, "docx")
    assert isinstance(document, bytes)
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        body = package.read("word/document.xml").decode()
    assert body.count('<w:br w:type="page"/>') == 2
    markdown = render_document(handout, "md")
    assert isinstance(markdown, str) and markdown.count("\n---\n") == 2


def test_trainers_commands(
    tmp_path: Path,
    practice_store: Store,
    example_case: PracticeCase,  # noqa: F811
    clock: FakeClock,
) -> None:
    hasty_rehearsal(practice_store, example_case, clock)
    thorough_rehearsal(practice_store, example_case, clock)
    practice_store.dispose()
    cards = tmp_path / "kaarten.html"
    result = bobtui(
        "oefen", "kaarten", "voorbeeld-oefening", "--format", "html", "--out", str(cards)
    )
    assert result.returncode == 0, result.stderr
    assert "Rolkaart: Wijkagent" in cards.read_text()
    report = bobtui("oefen", "rapport", "OEFEN-VB-01-1")
    assert report.returncode == 0, report.stderr
    assert "overgeslagen" in report.stdout and "| 10 | besluit: Huisverbod aanvragen |" in (
        report.stdout
    )
    compared = bobtui("oefen", "vergelijk", "1", "2")
    assert compared.returncode == 0 and "| 1 van 2 | 2 van 2 | verschilt |" in compared.stdout
    assert_one_sentence_error(bobtui("oefen", "rapport", "99"), "geen overleg")
    assert_one_sentence_error(bobtui("oefen", "kaarten", "onbekend"), "bestaat niet")


async def test_play_a_rehearsal_with_keys_and_get_feedback(
    example_case: PracticeCase,  # noqa: F811
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textual.widgets import DataTable

    from bobtui.app import BobApp, StoreChoice
    from bobtui.screens.close import CloseScreen
    from bobtui.screens.confirm import ConfirmScreen
    from bobtui.screens.feedback import FeedbackScreen
    from bobtui.screens.meeting import MeetingScreen
    from bobtui.screens.practice_event import PracticeEventScreen
    from bobtui.screens.setup import SetupScreen
    from tests.test_meeting_screen import until

    monkeypatch.chdir(tmp_path)
    app = BobApp(StoreChoice(practice=True, rehearse=example_case.id), clock=clock)
    async with app.run_test(size=(140, 45)) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, SetupScreen) and app.screen.query("#participants"),
            "setup",
        )
        await pilot.press("f5")
        await until(
            pilot,
            lambda: isinstance(app.screen, MeetingScreen) and app.screen.focused is not None,
            "the meeting, typing on the note line",
        )
        session = app.screen.session
        clock.advance(2)
        await pilot.press("ctrl+s", *"Twee meldingen in drie maanden", "enter")
        clock.advance(3)
        await pilot.press(*"Ruzie ging over geld", "enter")
        await until(pilot, lambda: len(session.notes()) == 2, "two notes")
        clock.advance(5)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the phase warning")
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "oordeelsvorming")
        clock.advance(8)  # past minute 15: the case's event pops up on the next tick
        await until(pilot, lambda: isinstance(app.screen, PracticeEventScreen), "the event")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "back to the meeting")
        await pilot.press(*"Spanning door schulden", "enter")
        await pilot.press("ctrl+f")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, ConfirmScreen)
                or session.position().phase is Phase.BESLUITVORMING
            ),
            "besluitvorming",
        )
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("j")
        await until(pilot, lambda: session.position().phase is Phase.BESLUITVORMING, "phase 3")
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
        table = app.screen.query_one("#feedback-figures", DataTable)
        rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(table.row_count)}
        assert rows["Kernfeiten op tafel"][1] == "2 van 2"
        assert rows["Kernbesluiten genomen"][1] == "1 van 1"
        assert rows["Tijd in beeldvorming"][1] == "10 van 40 min"
        assert rows["Besluiten vóór oordeelsvorming"][1] == "0"
        assert rows["De stem van de cliënt"][1] == "na 2 min"  # the mother, picked with ctrl+s
        await pilot.press("h")
        await until(pilot, lambda: list(tmp_path.glob("feedback-*.html")), "the export")
