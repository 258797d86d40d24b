"""The app, driven headlessly with Textual's Pilot."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Markdown, Static

from bobtui.app import BobApp, StoreChoice
from bobtui.core.domain.vocabulary import Coverage, Phase
from bobtui.core.questions.sets import QuestionSet, default_catalog
from bobtui.core.session import MeetingSession, open_meeting
from bobtui.core.store.engine import open_store, sqlite_url
from bobtui.core.store.meetings import list_meetings
from bobtui.core.training.demo import DEMO_CASE_CODE
from bobtui.screens.summary import SummaryScreen
from bobtui.widgets.list_table import ListTable
from tests.conftest import configured_paths


async def wait_for_rows(pilot, rows: int) -> ListTable:
    """The meeting list once it shows ``rows`` meetings (it appears when the store is open)."""
    for _ in range(200):
        await pilot.pause(0.05)
        tables = pilot.app.screen.query(ListTable)
        if tables and tables.first().row_count == rows:
            return tables.first()
    raise AssertionError(f"the meeting list never showed {rows} rows")


@pytest.fixture
def url(tmp_path: Path, example_as_user_set: QuestionSet) -> str:
    url = sqlite_url(tmp_path / "app.sqlite3")
    store = open_store(url)
    for number, code in enumerate(["ZVH-A", "ZVH-B", "PGA-C"]):
        MeetingSession.create(
            store,
            example_as_user_set,
            case_code=code,
            held_on=date(2026, 1, 1) + timedelta(days=number),
        )
    store.dispose()
    return url


async def test_home_lists_meetings_newest_first_and_filters(url: str) -> None:
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        table = await wait_for_rows(pilot, 3)
        assert [table.texts_at(i)[2] for i in range(3)] == ["PGA-C", "ZVH-B", "ZVH-A"]
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press("Z", "V", "H")
        table = await wait_for_rows(pilot, 2)
        await pilot.press("escape", "s")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SummaryScreen)
        for _ in range(100):
            await pilot.pause(0.05)
            text = app.screen.query_one(Markdown).source
            if "Verslag casusoverleg" in text:
                break
        assert "# Verslag casusoverleg ZVH-B" in text


async def test_demo_opens_in_its_own_store(tmp_path: Path) -> None:
    app = BobApp(StoreChoice(demo=True))
    async with app.run_test(size=(120, 40)) as pilot:
        table = await wait_for_rows(pilot, 2)
        assert "DEMO" in str(app.screen.query_one("#demo-banner", Static).render())
        row = table.texts_at(table.cursor_row)
        assert row[2] == DEMO_CASE_CODE and row[5] == "lopend"
    assert configured_paths().demo_store.exists()
    assert not (tmp_path / "data" / "bobtui.sqlite3").exists()  # never mixed with real meetings
    store = open_store(sqlite_url(configured_paths().demo_store))
    meetings = list_meetings(store)
    assert [m.status.value for m in meetings] == ["lopend", "gesloten"]
    demo = open_meeting(store, meetings[0].id, default_catalog())
    position = demo.position()
    assert position is not None and position.phase is Phase.BEELDVORMING
    beeld = [q.id for q in demo.question_set.phase(Phase.BEELDVORMING).questions()]
    discussed = [q for q in beeld if demo.coverage()[q] is Coverage.BESPROKEN]
    assert 0.25 < len(discussed) / len(beeld) < 0.75, "half-way through beeldvorming"
    assert len(demo.notes()) >= 10 and len(demo.safety_scores()) == 2
    store.dispose()


async def test_high_contrast_theme_can_be_chosen(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("BOBTUI_THEME", "bobtui-hoog-contrast")
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)):
        assert app.theme == "bobtui-hoog-contrast"
        assert app.current_theme.background == "#000000"


async def test_a_key_pressed_while_the_question_sets_load_is_kept(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    """The list shows before the question sets are read; 's' pressed then (twice, impatient)
    opens the summary once they are, instead of being dropped."""
    import threading

    from bobtui.core.questions import sets

    release = threading.Event()
    load = sets.default_catalog

    def slow_catalog(*args: object, **kwargs: object) -> sets.Catalog:
        release.wait(timeout=30)
        return load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sets, "default_catalog", slow_catalog)
    app = BobApp(StoreChoice(url=url))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_rows(pilot, 3)
        await pilot.press("s", "s")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, SummaryScreen)
        release.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, SummaryScreen):
                break
        assert isinstance(app.screen, SummaryScreen), "the summary"
        await pilot.pause(0.3)
        summaries = [s for s in app.screen_stack if isinstance(s, SummaryScreen)]
        assert len(summaries) == 1, "pressed twice, the summary opens once"
