"""Every list the app shows reads the big tables through an index, on a realistically big store.

A store of 3,000 meetings with 20 notes each (60,000 notes, as many events and audit entries)
is big enough for PostgreSQL's planner to choose as it would at 10,000 meetings / 1,000,000
notes (``bench/bench_scale.py``): a missing or unusable index shows as a table, or a whole
index, read from end to end in EXPLAIN ANALYZE of the SQL the store function really sent. The
planner's own choice decides; nothing is switched off to steer it.
"""

from collections.abc import Iterator
from datetime import date

import psycopg
import pytest
from sqlalchemy import create_engine, text

from bobtui.core.store.engine import Store, open_store
from bobtui.core.store.team import create_login, init_team
from tests.scale import BIG_TABLES, MEMBER, Size, app_lists, caught, plan, queries, read_whole, seed

pytestmark = pytest.mark.postgres

SIZE = Size(3_000, 20)
LISTS = list(app_lists(SIZE, date.today()))


@pytest.fixture(scope="module")
def seeded(
    postgres_admin_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, psycopg.Connection[tuple[object, ...]]]]:
    """The seeded store (as its owner) and a raw connection to explain with."""
    folder = tmp_path_factory.mktemp("scale")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BOBTUI_DATA_DIR", str(folder / "data"))
        patch.setenv("BOBTUI_CONFIG_DIR", str(folder / "config"))
        admin = create_engine(f"{postgres_admin_url}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE bobtui_scale_plans"))
        admin.dispose()
        url = f"{postgres_admin_url}/bobtui_scale_plans"
        store = open_store(url)
        with store.engine.connect() as connection:
            seed(connection, SIZE, leidraad="ccv-quickscan", today=date.today())
        driver = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
        yield store, driver
        driver.close()
        store.dispose()


@pytest.mark.parametrize("name", LISTS)
def test_no_list_reads_a_big_table_end_to_end(
    seeded: tuple[Store, psycopg.Connection[tuple[object, ...]]], name: str
) -> None:
    store, driver = seeded
    read = app_lists(SIZE, date.today())[name]
    with caught(store.engine) as statements:
        read(store)
    selects = queries(statements)
    assert selects, f"{name} sent no query"
    whole = {
        sql.split("FROM", 1)[-1][:80]: tables
        for sql, values in selects
        if (tables := read_whole(plan(driver, sql, values)["Plan"], BIG_TABLES))
    }
    assert whole == {}


def test_the_change_poll_is_one_entry_of_the_meeting_index(
    seeded: tuple[Store, psycopg.Connection[tuple[object, ...]]],
) -> None:
    """The oldest meeting's newest event: the poll must not walk the events of the others."""
    from bobtui.core.store.changes import MeetingChanges

    store, driver = seeded
    with caught(store.engine) as statements:
        MeetingChanges(store, 1).latest()
    [(sql, values)] = queries(statements)
    found = plan(driver, sql, values)
    assert found["Plan"]["Shared Hit Blocks"] + found["Plan"].get("Shared Read Blocks", 0) < 10


@pytest.fixture(scope="module")
def member_driver(
    seeded: tuple[Store, psycopg.Connection[tuple[object, ...]]], postgres_admin_url: str
) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """A raw connection as the seeded store's procesregisseur (row-level security on), which
    counts the calls of every SQL function it makes."""
    store, _driver = seeded
    init_team(store)
    with store.engine.begin() as connection:
        known = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": MEMBER}
        ).first()
    if known is None:
        create_login(store, MEMBER, "procesregisseur", "plans-only")
    with store.engine.begin() as connection:
        connection.exec_driver_sql(f"ALTER ROLE {MEMBER} SET track_functions = 'all'")
    url = postgres_admin_url.replace("postgres@", f"{MEMBER}@") + "/bobtui_scale_plans"
    member = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
    yield member
    member.close()


@pytest.mark.parametrize("name", LISTS)
def test_row_level_security_asks_who_the_login_is_once_per_statement_not_per_row(
    seeded: tuple[Store, psycopg.Connection[tuple[object, ...]]],
    member_driver: psycopg.Connection[tuple[object, ...]],
    name: str,
) -> None:
    """Each list as a procesregisseur: the policies' functions (groups, case teams, …) are
    called a few times per statement, however many of the 3,000 meetings a statement reads.
    A policy that calls a function for every row it looks at makes thousands of calls."""
    store, _driver = seeded
    with caught(store.engine) as statements:
        app_lists(SIZE, date.today())[name](store)
    # The counts are the session's since its last report to the statistics, which is never
    # made inside a transaction: what each statement adds is the difference.
    count = (
        "SELECT coalesce(sum(pg_stat_get_xact_function_calls(oid)), 0)"
        " FROM pg_proc WHERE proname LIKE 'bobtui%%'"
    )
    calls: list[tuple[str, int]] = []
    with member_driver.cursor() as cursor:
        cursor.execute(count)
        total = int(str(cursor.fetchone()[0]))  # type: ignore[index]
        for sql, values in queries(statements):
            cursor.execute(sql, values)
            cursor.fetchall()
            cursor.execute(count)
            now = int(str(cursor.fetchone()[0]))  # type: ignore[index]
            calls.append((sql.split("FROM", 1)[-1][:80], now - total))
            total = now
    member_driver.rollback()
    assert calls, f"{name} sent no query"
    assert [(query, count) for query, count in calls if count > 30] == []


def test_an_autosave_checks_its_one_meeting_not_every_meeting_of_the_login(
    seeded: tuple[Store, psycopg.Connection[tuple[object, ...]]],
    member_driver: psycopg.Connection[tuple[object, ...]],
    postgres_admin_url: str,
) -> None:
    """A note saved as a procesregisseur in a hundred case teams: the write rules look up the
    note's own meeting (``bobtui_writes_meeting``) and never build the set of all the login's
    meetings (``bobtui_my_meetings``) that a list's read rule builds; nor does the insert
    return the new row, which would pass that read rule as well."""
    from bobtui.core.domain.vocabulary import NoteKind
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import MeetingSession

    url = postgres_admin_url.replace("postgres@", f"{MEMBER}@") + "/bobtui_scale_plans"
    member_store = open_store(url)
    try:
        question_set = default_catalog().get("ccv-quickscan")
        session = MeetingSession.create(
            member_store, question_set, case_code="ZVH-2026-AUTOSAVE", held_on=date.today()
        ).item
        session.claim_chair()
        session.start()
        with caught(member_store.engine) as statements:
            session.record_note(NoteKind.FEIT, "Een notitie.")
    finally:
        member_store.dispose()
    assert not [sql for sql, _ in statements if "RETURNING" in sql.upper()]
    calls = (
        "SELECT proname, pg_stat_get_xact_function_calls(oid) FROM pg_proc"
        " WHERE proname IN ('bobtui_my_meetings', 'bobtui_writes_meeting')"
    )
    with member_driver.cursor() as cursor:
        cursor.execute(calls)
        before = dict(cursor.fetchall())
        note_id = None
        for sql, values in statements:
            if isinstance(values, dict) and "id" in values:
                values = {**values, "id": note_id}
            cursor.execute(sql, values)
            if "nextval" in sql:
                note_id = cursor.fetchone()[0]  # type: ignore[index]
        cursor.execute(calls)
        after = dict(cursor.fetchall())
    member_driver.rollback()
    made = {name: (after[name] or 0) - (before[name] or 0) for name in after}
    assert made["bobtui_my_meetings"] == 0
    assert made["bobtui_writes_meeting"] >= 2  # the note and the event, one call each
