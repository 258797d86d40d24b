"""The meeting list reads through light table clauses, not the ORM (for the home screen's
start-up): they must name the store's real columns, and the list must load no SQLModel."""

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

import bobtui.core.store.tables  # noqa: F401  (the tables register in SQLModel.metadata)
from bobtui.core.domain.vocabulary import DecisionStatus, MeetingStatus
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import Store, open_store, sqlite_url
from bobtui.core.store.meeting_list import (
    DECISION,
    MEETING,
    count_meetings,
    list_meetings,
    select_meetings,
)


def test_the_light_tables_name_the_real_columns_with_their_kind_of_type() -> None:
    for light in (MEETING, DECISION):
        real_columns = SQLModel.metadata.tables[light.name].columns
        for column in light.columns:
            assert column.name in real_columns, f"{light.name}.{column.name}"
            # SQLModel's AutoString decorates String: compare with what it decorates.
            real = real_columns[column.name].type
            stored = real.impl_instance if isinstance(real, TypeDecorator) else real
            assert isinstance(stored, type(column.type)), f"{light.name}.{column.name}"


def test_the_list_shows_open_actions_state_and_order(
    store: Store, example_set: QuestionSet
) -> None:
    older = MeetingSession.create(
        store, example_set, case_code="ZVH-OUD", held_on=date(2025, 3, 1)
    ).item
    newer = MeetingSession.create(
        store, example_set, case_code="ZVH-NIEUW", held_on=date(2026, 3, 1)
    ).item
    newer.start()
    newer.record_decision(
        "Huisbezoek plannen",
        owner_person="Sanne",
        owner_organisation="Wijkteam",
        deadline=date.today() + timedelta(days=30),
    )
    rows = list_meetings(store)
    assert [row.case_code for row in rows] == ["ZVH-NIEUW", "ZVH-OUD"]
    assert rows[0].held_on == date(2026, 3, 1)
    assert (rows[0].status, rows[0].open_actions) == (MeetingStatus.LOPEND, 1)
    assert (rows[1].status, rows[1].open_actions) == (MeetingStatus.GEPLAND, 0)
    assert [row.id for row in list_meetings(store, search="nieuw")] == [newer.meeting_id]
    assert count_meetings(store) == 2 and count_meetings(store, search="OUD") == 1
    assert [row.id for row in select_meetings(store)] == [older.meeting_id, newer.meeting_id]
    assert DecisionStatus.OPEN.value == "open"  # what the light query compares with


def test_the_list_loads_no_orm(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "list.sqlite3")
    open_store(url).dispose()
    code = (
        "import sys\n"
        "from bobtui.core.store.engine import open_store\n"
        "from bobtui.core.store.meeting_list import count_meetings, list_meetings\n"
        f"store = open_store({url!r})\n"
        "assert list_meetings(store) == [] and count_meetings(store) == 0\n"
        "loaded = [m for m in ('sqlmodel', 'pydantic', 'bobtui.core.store.tables',\n"
        "    'bobtui.core.domain.records') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
