"""The history of one case: meetings in order, the safety-score trend, chain-care phase, and
every decision with its status; on the command line and as documents (the screen: tests/ui/)."""

import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from bobtui.core.documents.export import render_case_history
from bobtui.core.domain.errors import NotFound
from bobtui.core.domain.history import chart_points, sparkline
from bobtui.core.domain.vocabulary import ChainCarePhase, DecisionStatus
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import Store, open_store, sqlite_url
from bobtui.core.store.history import case_history
from tests.conftest import FakeClock
from tests.core.test_cli import assert_one_sentence_error, bobtui


def three_meetings(store: Store, question_set: QuestionSet, clock: FakeClock) -> None:
    """Scores 2 and 4, then none, then 7; the phase moves from veiligheid to herstel (the
    middle meeting sets none, so it keeps the one it started with)."""
    plan: list[tuple[list[int], ChainCarePhase | None]] = [
        ([2, 4], ChainCarePhase.VEILIGHEID),
        ([], None),
        ([7], ChainCarePhase.HERSTEL),
    ]
    for number, (scores, phase) in enumerate(plan):
        session = MeetingSession.create(
            store, question_set, case_code="ZVH-TREND", held_on=clock.today, clock=clock
        ).item
        for item in session.pending_reviews():
            session.review_carried_over(item.decision.id, DecisionStatus.GEDAAN, "klaar")
        session.start()
        for score in scores:
            session.record_safety_score("Moeder", score, "")
        session.next_phase()
        if phase is not None:
            session.set_chain_care_phase(phase)
        session.next_phase()
        session.record_decision(
            f"Actie {number + 1}",
            owner_person="R. Jansen",
            owner_organisation="Wijkteam",
            deadline=clock.today + timedelta(days=5),
        )
        session.set_evaluation(evaluation_date=clock.today + timedelta(days=14))
        session.close()
        clock.advance(60 * 24 * 14)


def test_case_history_in_order(store: Store, example_set: QuestionSet, clock: FakeClock) -> None:
    three_meetings(store, example_set, clock)
    history = case_history(store, "ZVH-TREND", clock.today)
    assert [m.held_on for m in history.meetings] == sorted(m.held_on for m in history.meetings)
    assert history.score_trend == [3.0, None, 7.0]
    assert [m.chain_care_phase for m in history.meetings] == [
        ChainCarePhase.VEILIGHEID,
        ChainCarePhase.VEILIGHEID,
        ChainCarePhase.HERSTEL,
    ]
    assert [(d.action, d.status) for d in history.decisions] == [
        ("Actie 1", DecisionStatus.GEDAAN),
        ("Actie 2", DecisionStatus.GEDAAN),
        ("Actie 3", DecisionStatus.OPEN),
    ]
    assert history.decisions[2].overdue  # due five days after a meeting two weeks ago
    with pytest.raises(NotFound, match="ONBEKEND"):
        case_history(store, "ONBEKEND", clock.today)


def test_sparkline_and_chart_points() -> None:
    assert sparkline([0, 5, 10, None]) == "▁▅█·"
    assert chart_points([0, None, 10], 200, 100) == [(0.0, 100.0, 0), (200.0, 0.0, 10)]


def test_case_history_documents(store: Store, example_set: QuestionSet, clock: FakeClock) -> None:
    three_meetings(store, example_set, clock)
    history = case_history(store, "ZVH-TREND", clock.today)
    markdown = render_case_history(history, "md")
    assert isinstance(markdown, str)
    assert "`▃·▆` 3 → — → 7" in markdown and "| Actie 3 | R. Jansen | Wijkteam |" in markdown
    html = render_case_history(history, "html")
    assert isinstance(html, str)
    assert (
        "<svg" in html
        and "<polyline" in html
        and "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    assert html.count('class="dot"') == 2  # the meeting without scores has no point
    document = render_case_history(history, "docx")
    assert isinstance(document, bytes)
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        core = package.read("docProps/core.xml").decode()
        body = package.read("word/document.xml").decode()
    assert "<dc:title>Casusgeschiedenis</dc:title>" in core and "ZVH-TREND" not in core
    assert "Actie 3" in body


def test_case_history_on_the_command_line(
    tmp_path: Path, example_as_user_set: QuestionSet, clock: FakeClock
) -> None:
    url = sqlite_url(tmp_path / "geschiedenis.sqlite3")
    store = open_store(url)
    three_meetings(store, example_as_user_set, clock)
    store.dispose()
    shown = bobtui("--database", url, "geschiedenis", "ZVH-TREND")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("# Casusgeschiedenis ZVH-TREND")
    out = tmp_path / "trend.html"
    written = bobtui(
        "--database", url, "geschiedenis", "ZVH-TREND", "--format", "html", "--out", str(out)
    )
    assert written.returncode == 0 and "<polyline" in out.read_text()
    assert_one_sentence_error(
        bobtui("--database", url, "geschiedenis", "ONBEKEND"), "geen overleg met casuscode"
    )
    assert_one_sentence_error(
        bobtui("--database", url, "geschiedenis", "ZVH-TREND", "--format", "docx"), "geef --out"
    )
