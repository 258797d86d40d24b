"""Pictures of the main screens, compared with reviewed snapshots (pytest-textual-snapshot).

The store is built from fixed dates and the app runs on a fixed clock, so a picture changes only
when the screen does. After a deliberate change: pytest tests/snapshots --snapshot-update,
then review the SVG diff like code.
"""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Markdown, TextArea

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.vocabulary import (
    ChainCarePhase,
    Domain,
    JudgementKind,
    Likelihood,
    NoteKind,
)
from bobtui.core.questions.sets import default_catalog
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import open_store, sqlite_url
from bobtui.screens.meeting import MeetingScreen
from tests.conftest import FakeClock

HELD_ON = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    return NOW


@pytest.fixture
def url(tmp_path: Path) -> str:
    """Four meetings of one fictional case, each at a different point."""
    url = sqlite_url(tmp_path / "snapshots.sqlite3")
    store = open_store(url)
    question_set = default_catalog().get("huiselijk-geweld-kindveiligheid")
    for code, stage in (("ZVH-GEPLAND", 0), ("ZVH-BEELD", 1), ("ZVH-BESLUIT", 3), ("ZVH-KLAAR", 4)):
        clock = FakeClock()
        clock.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        session = MeetingSession.create(
            store,
            question_set,
            case_code=code,
            held_on=HELD_ON,
            location="ZVH (fictief)",
            reason="Fictieve casus voor de schermafbeeldingen.",
            clock=clock,
        ).item
        for name, organisation, domain, client in (
            ("Moeder (fictief)", "", None, True),
            ("M. de Boer", "Veilig Thuis", Domain.ZORG, False),
            ("Wijkagent Oost", "Politie", Domain.STRAF, False),
        ):
            session.add_participant(
                name, organisation=organisation, domain=domain, is_client=client
            )
        if stage == 0:
            continue
        mother, safe_home, agent = session.participants()
        session.start()
        clock.advance(5)
        session.record_note(NoteKind.FEIT, "Twee meldingen in een maand.", participant_id=agent.id)
        session.record_note(NoteKind.ZORG, "De kinderen waren thuis.", participant_id=safe_home.id)
        session.next_question()
        clock.advance(10)
        session.record_note(NoteKind.KRACHT, "Moeder zoekt zelf hulp.", participant_id=mother.id)
        session.record_safety_score("Moeder (fictief)", 4, "Als vader in behandeling gaat.")
        session.park_idea("Huisverbod opleggen", participant_id=agent.id)
        if stage >= 3:
            clock.advance(20)
            session.next_phase()
            session.record_judgement(
                JudgementKind.RISICO, "Herhaling van geweld.", likelihood=Likelihood.HOOG
            )
            session.set_chain_care_phase(ChainCarePhase.VEILIGHEID)
            clock.advance(15)
            session.next_phase()
            session.record_decision(
                "Veiligheidsplan opstellen",
                owner_person="M. de Boer",
                owner_organisation="Veilig Thuis",
                deadline=HELD_ON + timedelta(days=14),
            )
        if stage == 4:
            session.drop_parked_idea(session.open_parked_ideas()[0].id)
            session.set_evaluation(evaluation_date=HELD_ON + timedelta(days=42))
            clock.advance(10)
            session.close()
    store.dispose()
    return url


def app_for(url: str) -> BobApp:
    return BobApp(StoreChoice(url=url), clock=fixed_clock)


async def steady(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let workers finish and stop cursors blinking, so the picture is the same every run."""
    for _ in range(100):
        await pilot.pause(0.05)
        if not pilot.app.workers._workers:
            break
    for widget in pilot.app.screen.query("TextArea, Input"):
        assert isinstance(widget, TextArea | Input)
        widget.cursor_blink = False
        # TextArea caches its lines by "cursor shown and blinking": turned off while blinked
        # off, the cached line without a cursor would be reused. A style update clears it.
        widget.notify_style_update()
        widget.refresh()
    # A DataTable sizes its columns when its message queue runs empty; on a loaded machine
    # that can come after two frames already agreed (CI once pictured the unsized list).
    for _ in range(100):
        await pilot.pause(0.05)
        if not any(_sizing_pending(table) for table in pilot.app.screen.query(DataTable)):
            break
    # Focus and repaints lag behind too: wait until three frames in a row agree.
    frames: list[str] = []
    for _ in range(60):
        await pilot.pause(0.1)
        frames = [*frames[-2:], pilot.app.export_screenshot()]
        if len(frames) == 3 and len(set(frames)) == 1:
            break


def _sizing_pending(table: DataTable[str]) -> bool:
    return bool(table._require_update_dimensions or table._new_rows or table._updated_cells)


async def to_list(pilot) -> None:  # type: ignore[no-untyped-def]
    while (
        not pilot.app.screen.query(DataTable) or pilot.app.screen.query_one(DataTable).row_count < 4
    ):
        await pilot.pause(0.05)


def open_case(code: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await to_list(pilot)
        await pilot.press("slash", *code, "escape", "enter")
        while (
            not isinstance(pilot.app.screen, MeetingScreen)
            and pilot.app.screen.__class__.__name__ != "SetupScreen"
        ):
            await pilot.pause(0.05)
        await steady(pilot)

    return run_before


def test_home(snap_compare, url: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await to_list(pilot)
        await steady(pilot)

    assert snap_compare(app_for(url), terminal_size=(120, 40), run_before=run_before)


def test_setup(snap_compare, url: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(url), terminal_size=(120, 40), run_before=open_case("ZVH-GEPLAND"))


def test_meeting_beeldvorming(snap_compare, url: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(url), terminal_size=(120, 40), run_before=open_case("ZVH-BEELD"))


def test_meeting_besluitvorming(snap_compare, url: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(url), terminal_size=(120, 40), run_before=open_case("ZVH-BESLUIT"))


def test_meeting_at_80_by_24(snap_compare, url: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(url), terminal_size=(80, 24), run_before=open_case("ZVH-BEELD"))


def test_decision_form(snap_compare, url: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_case("ZVH-BESLUIT")(pilot)
        await pilot.press("f4", *"Huisbezoek plannen")
        await steady(pilot)

    assert snap_compare(app_for(url), terminal_size=(120, 40), run_before=run_before)


def test_chain_care_choice(snap_compare, url: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_case("ZVH-BESLUIT")(pilot)
        await pilot.press("ctrl+k")
        await steady(pilot)

    assert snap_compare(app_for(url), terminal_size=(120, 40), run_before=run_before)


def test_decision_form_at_80_by_24(snap_compare, url: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_case("ZVH-BESLUIT")(pilot)
        await pilot.press("f4", *"Huisbezoek plannen", "ctrl+s")  # refused: no owner yet
        await steady(pilot)

    assert snap_compare(app_for(url), terminal_size=(80, 24), run_before=run_before)


def test_help_at_80_by_24(snap_compare, url: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_case("ZVH-BEELD")(pilot)
        await pilot.press("f1")
        await steady(pilot)

    assert snap_compare(app_for(url), terminal_size=(80, 24), run_before=run_before)


def test_close_review(snap_compare, url: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_case("ZVH-BESLUIT")(pilot)
        await pilot.press("f8")
        await steady(pilot)

    assert snap_compare(app_for(url), terminal_size=(120, 40), run_before=run_before)


def test_summary(snap_compare, url: str) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await to_list(pilot)
        await pilot.press("slash", *"ZVH-KLAAR", "escape", "s")
        while (
            not pilot.app.screen.query(Markdown)
            or "Verslag" not in pilot.app.screen.query_one(Markdown).source
        ):
            await pilot.pause(0.05)
        await steady(pilot)

    assert snap_compare(app_for(url), terminal_size=(120, 40), run_before=run_before)
