"""Open actions across meetings: the list, status changes between meetings, CSV, CLI.

The actions screen is tested in tests/ui/test_actions_screen.py.
"""

import csv
import io
import stat
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from bobtui.core.domain.errors import EditConflict, NotFound, RuleViolation, SaveFailed
from bobtui.core.domain.vocabulary import DecisionStatus, Priority
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.actions import (
    OpenAction,
    action_history,
    actions_csv,
    open_actions,
    update_action,
)
from bobtui.core.store.engine import Store, open_store, sqlite_url
from tests.conftest import FakeClock
from tests.core.test_cli import assert_one_sentence_error, bobtui


def meeting_with_actions(
    store: Store, question_set: QuestionSet, clock: FakeClock, case_code: str
) -> list[int]:
    """A closed meeting with three actions: due in 3 days, overdue by 2, and owned by GGZ."""
    session = MeetingSession.create(
        store, question_set, case_code=case_code, held_on=clock.today, clock=clock
    ).item
    session.start()
    session.next_phase()
    session.next_phase()
    ids = [
        session.record_decision(
            action,
            owner_person=person,
            owner_organisation=organisation,
            deadline=clock.today + timedelta(days=days),
        ).item.id
        for action, person, organisation, days in (
            ("Huisbezoek", "R. Jansen", "Wijkteam Oost", 3),
            ("Schoolbeeld opvragen", "R. Jansen", "Wijkteam Oost", 1),
            ("Intake plannen", "P. de Vries", "GGZ Noord", 10),
        )
    ]
    session.set_evaluation(evaluation_date=clock.today + timedelta(days=30))
    session.close()
    return ids


@pytest.fixture
def actions_store(store: Store, example_set: QuestionSet, clock: FakeClock) -> list[int]:
    ids = meeting_with_actions(store, example_set, clock, "ZVH-A")
    ids += meeting_with_actions(store, example_set, clock, "ZVH-B")
    clock.advance(60 * 24 * 2)  # two days later: "Schoolbeeld opvragen" is overdue
    return ids


def test_open_actions_overdue_first_and_marked(
    store: Store, actions_store: list[int], clock: FakeClock
) -> None:
    found = open_actions(store, clock.today)
    assert len(found) == 6
    assert [(a.action, a.overdue) for a in found[:2]] == [
        ("Schoolbeeld opvragen", True),
        ("Schoolbeeld opvragen", True),
    ]
    assert not any(a.overdue for a in found[2:])
    assert [a.deadline for a in found] == sorted(a.deadline for a in found)
    assert {a.case_code for a in found} == {"ZVH-A", "ZVH-B"}
    assert len(open_actions(store, clock.today, overdue_only=True)) == 2
    ggz = open_actions(store, clock.today, owner_organisation="ggz")
    assert [a.owner_person for a in ggz] == ["P. de Vries", "P. de Vries"]
    assert len(open_actions(store, clock.today, case_code="ZVH-B")) == 3


def test_status_changes_between_meetings_go_into_the_history(
    store: Store, actions_store: list[int], clock: FakeClock
) -> None:
    visit, school, intake = actions_store[:3]
    update_action(store, visit, DecisionStatus.GEDAAN, clock=clock)
    new_date = clock.today + timedelta(days=14)
    update_action(
        store,
        school,
        DecisionStatus.OPEN,
        clock=clock,
        reason="School was dicht",
        new_deadline=new_date,
    )
    update_action(store, intake, DecisionStatus.VERVALLEN, clock=clock, reason="Verhuisd")

    still_open = {a.decision_id: a for a in open_actions(store, clock.today)}
    assert visit not in still_open and intake not in still_open
    assert still_open[school].deadline == new_date and not still_open[school].overdue
    assert still_open[school].times_postponed == 1
    created, postponed = action_history(store, school)
    assert created.status is DecisionStatus.OPEN and created.meeting_id is not None
    assert postponed.new_deadline == new_date and postponed.reason == "School was dicht"
    assert postponed.meeting_id is None  # between meetings
    cancelled = action_history(store, intake)[-1]
    assert cancelled.status is DecisionStatus.VERVALLEN and cancelled.reason == "Verhuisd"
    with store.engine.connect() as connection:
        logged = connection.execute(
            text("SELECT action FROM meetingevent WHERE entity = 'decision' ORDER BY id")
        ).scalars()
        assert list(logged)[-3:] == [
            "decision.status_changed",
            "decision.postponed",
            "decision.status_changed",
        ]


def test_status_change_rules(store: Store, actions_store: list[int], clock: FakeClock) -> None:
    visit = actions_store[0]  # due tomorrow (made three days ahead, two days ago)
    tomorrow = clock.today + timedelta(days=1)
    cases: list[tuple[DecisionStatus, dict[str, object], str]] = [
        (DecisionStatus.VERVALLEN, {}, "reden waarom de actie vervalt"),
        (DecisionStatus.OPEN, {"reason": "later"}, "vraagt om een nieuwe deadline"),
        (DecisionStatus.OPEN, {"new_deadline": tomorrow}, "reden voor het uitstel"),
        (
            DecisionStatus.OPEN,
            {"reason": "x", "new_deadline": clock.today - timedelta(days=1)},
            "in het verleden",
        ),
        (DecisionStatus.OPEN, {"reason": "x", "new_deadline": tomorrow}, "dezelfde als de oude"),
        (
            DecisionStatus.GEDAAN,
            {"reason": "x", "new_deadline": tomorrow},
            "Alleen een open actie krijgt een nieuwe deadline",
        ),
    ]
    for status, arguments, message in cases:
        with pytest.raises(RuleViolation, match=message):
            update_action(store, visit, status, clock=clock, **arguments)  # type: ignore[arg-type]
    assert len(action_history(store, visit)) == 1  # only its creation


def test_a_finished_or_unknown_action_cannot_change(
    store: Store, actions_store: list[int], clock: FakeClock
) -> None:
    update_action(store, actions_store[0], DecisionStatus.GEDAAN, clock=clock)
    with pytest.raises(RuleViolation, match="al gedaan"):
        update_action(store, actions_store[0], DecisionStatus.GEDAAN, clock=clock)
    with pytest.raises(NotFound):
        update_action(store, 9999, DecisionStatus.GEDAAN, clock=clock)


def test_csv_opens_in_a_dutch_spreadsheet(
    store: Store, actions_store: list[int], clock: FakeClock
) -> None:
    content = actions_csv(open_actions(store, clock.today))
    assert content.startswith('\ufeff"actie";"eigenaar";"organisatie";"deadline";"te laat";')
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 7
    assert rows[1][:5] == ["Schoolbeeld opvragen", "R. Jansen", "Wijkteam Oost", rows[1][3], "ja"]


def test_csv_cells_stay_text_in_a_spreadsheet() -> None:
    """A cell that would start a formula gets a leading quote (OWASP); controls go; numbers
    stay unquoted numbers."""
    hostile = OpenAction(
        decision_id=1,
        action='=HYPERLINK("https://example.org";"klik")',
        owner_person="@SUM(1+1)",
        owner_organisation="  -2+3\x00",
        deadline=date(2026, 3, 9),
        priority=Priority.HOOG,
        case_code="\x1b[31m+31 6 1234",
        meeting_id=12,
        held_on=date(2026, 3, 2),
        overdue=False,
        times_postponed=0,
    )
    tabbed = replace(hostile, action="\tverstopt", owner_person="\r=1")
    content = actions_csv([hostile, tabbed])
    assert content.startswith("\ufeff") and ';12;"2026-03-02";0\r\n' in content
    _, first, second = csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";")
    assert first[:3] == ['\'=HYPERLINK("https://example.org";"klik")', "'@SUM(1+1)", "'  -2+3"]
    assert first[6] == "[31m+31 6 1234"  # the escape code went, and "[" starts no formula
    assert second[:2] == ["'\tverstopt", "'=1"]


def test_cli_lists_and_writes_csv(
    tmp_path: Path, example_as_user_set: QuestionSet, clock: FakeClock
) -> None:
    url = sqlite_url(tmp_path / "acties.sqlite3")
    store = open_store(url)
    clock.now = clock.now.replace(year=date.today().year - 1)  # every deadline is long past
    meeting_with_actions(store, example_as_user_set, clock, "ZVH-CLI")
    store.dispose()
    listed = bobtui("--database", url, "acties", "--owner", "wijkteam")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("TE LAAT") == 2 and "Intake plannen" not in listed.stdout
    assert "2 open acties, waarvan 2 te laat." in listed.stdout
    out = tmp_path / "acties.csv"
    written = bobtui("--database", url, "acties", "--overdue", "--csv", str(out))
    assert written.returncode == 0, written.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8-sig").count("\n") == 4  # header and three actions
    assert_one_sentence_error(bobtui("--database", url, "acties", "--csv", str(out)), "bestaat al")


def test_an_action_changed_elsewhere_meanwhile_is_not_overwritten(
    store: Store, actions_store: list[int], clock: FakeClock
) -> None:
    """Another coordinator marks the action done between this one's read and write."""
    first = actions_store[0]

    def done_elsewhere(db: Session, *_: object) -> None:
        with store.engine.begin() as other:
            other.execute(
                text("UPDATE decision SET version = version + 1, status = 'gedaan' WHERE id = :i"),
                {"i": first},
            )

    event.listen(Session, "before_flush", done_elsewhere, once=True)
    try:
        with pytest.raises((EditConflict, SaveFailed)) as refused:
            update_action(store, first, DecisionStatus.VERVALLEN, clock=clock, reason="Dubbel")
    finally:
        event.remove(Session, "before_flush", done_elsewhere)
    if store.engine.dialect.name == "postgresql":  # SQLite refuses the stale write as busy
        assert isinstance(refused.value, EditConflict)
    # Nothing of the refused change was kept: only the history the action was created with.
    assert [change.status for change in action_history(store, first)] == [DecisionStatus.OPEN]
