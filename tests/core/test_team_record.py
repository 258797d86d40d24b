"""The official record in team mode (issue 17, point 1), against a real PostgreSQL server: who
may finalize, amend and reopen a closed meeting (the database's functions decide), that nothing
else of a closed meeting opens up to hand-written SQL, and that every amendment is in the audit
trail, which no application role can rewrite."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError, ProgrammingError
from sqlmodel import select

from bobtui.cli import main
from bobtui.core.domain.errors import AccessDenied, NotFound, RuleViolation
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.session.record import AMENDABLE as SESSION_AMENDABLE
from bobtui.core.store.audit import case_audit
from bobtui.core.store.record_functions import AMENDABLE
from bobtui.core.store.tables import Amendment
from bobtui.core.store.team import invite
from tests.conftest import FakeClock
from tests.core.team_fixtures import Team, team_store

pytestmark = pytest.mark.postgres


@dataclass
class Closed:
    team: Team
    meeting_id: int  # anna's closed meeting on ZVH-A; nora was invited to it
    note_id: int
    decision_id: int
    rehearsal_id: int  # tim's closed rehearsal
    question_set: QuestionSet
    clock: FakeClock

    def session(self, member: str, meeting_id: int | None = None) -> MeetingSession:
        return MeetingSession.open(
            self.team.store(member), meeting_id or self.meeting_id, self.question_set, self.clock
        )


def _planned(
    team: Team, member: str, code: str, qs: QuestionSet, clock: FakeClock, practice: str | None
) -> tuple[MeetingSession, int, int]:
    """A running meeting with a note and a decision; returns the session and their two ids."""
    session = MeetingSession.create(
        team.store(member),
        qs,
        case_code=code,
        held_on=clock.today,
        clock=clock,
        practice_case_id=practice,
    ).item
    session.start()
    note = session.record_note(NoteKind.FEIT, f"Notitie van {member}").item
    decision = session.record_decision(
        "Huisbezoek plannen",
        owner_person="R. Jansen",
        owner_organisation="Wijkteam",
        deadline=clock.today + timedelta(days=14),
    ).item
    assert note.id is not None and decision.id is not None
    return session, note.id, decision.id


@pytest.fixture
def closed(postgres_admin_url: str, example_set: QuestionSet, clock: FakeClock) -> Iterator[Closed]:
    with team_store(postgres_admin_url) as team:
        session, note, decision = _planned(team, "anna", "ZVH-A", example_set, clock, None)
        invite(team.store("anna"), session.meeting_id, team.login("nora"))
        session.set_evaluation(evaluation_date=clock.today + timedelta(days=30))
        session.close()
        rehearsal, _, _ = _planned(team, "tim", "OEF-1", example_set, clock, "oef")
        rehearsal.set_evaluation(evaluation_date=clock.today + timedelta(days=30))
        rehearsal.close()
        yield Closed(
            team, session.meeting_id, note, decision, rehearsal.meeting_id, example_set, clock
        )


def test_the_database_amends_exactly_what_the_session_may() -> None:
    session = {
        (subject, field): (table.__tablename__, column)
        for subject, (table, fields) in SESSION_AMENDABLE.items()
        for field, (column, _parse) in fields.items()
    }
    assert session == {key: (a.table, a.column) for key, a in AMENDABLE.items()}


def test_a_coordinator_finalizes_amends_and_reopens_a_closed_meeting(closed: Closed) -> None:
    cora = closed.session("cora")
    finalized = cora.finalize()
    assert finalized.state == "vastgesteld"
    assert finalized.finalized_by == closed.team.login("cora")
    with pytest.raises(RuleViolation, match="casus ZVH-A is al vastgesteld"):
        cora.finalize()
    saved = cora.amend(
        "notitie", closed.note_id, "tekst", "Gecorrigeerd", reason="Wijkteam meldt een fout"
    ).item
    assert (saved.old, saved.new, saved.made_by) == (
        "Notitie van anna",
        "Gecorrigeerd",
        closed.team.login("cora"),
    )
    deadline = cora.amend(
        "besluit", closed.decision_id, "deadline", "31-12-2030", reason="Uitstel"
    ).item
    due = closed.clock.today + timedelta(days=14)
    assert (deadline.old, deadline.new) == (f"{due:%d-%m-%Y}", "31-12-2030")
    assert cora.amend("overleg", None, "locatie", "Stadhuis", reason="verkeerd").item.old == "—"
    assert [n.text for n in cora.notes()] == ["Gecorrigeerd"]
    assert f"{cora.decisions()[0].deadline:%d-%m-%Y}" == "31-12-2030"
    assert cora.decisions()[0].version == 2  # an open edit form elsewhere sees the change
    with pytest.raises(RuleViolation, match="gelijk aan de oude"):
        cora.amend("overleg", None, "locatie", "Stadhuis", reason="nog eens")
    with pytest.raises(NotFound, match="Notitie 999999 hoort niet bij dit overleg"):
        cora.amend("notitie", 999999, "tekst", "x", reason="r")
    reopened = cora.reopen(reason="Partner mist een besluit")
    assert reopened.state == "gesloten (concept)" and reopened.finalized_at is None
    assert [(a.subject, a.field, a.reason) for a in cora.amendments()][-1] == (
        "overleg",
        "status",
        "Partner mist een besluit",
    )
    assert cora.finalize().state == "vastgesteld"  # and finalized again
    with closed.team.owner.engine.connect() as owner:
        events = owner.execute(
            text("SELECT action FROM meetingevent WHERE meeting_id = :m ORDER BY id"),
            {"m": closed.meeting_id},
        ).scalars()
        assert [e for e in events if e.startswith(("meeting.f", "meeting.r", "amendment"))] == [
            "meeting.finalized",
            *["amendment.recorded"] * 3,
            "meeting.reopened",
            "meeting.finalized",
        ]


def test_the_chair_finalizes_and_amends_but_cannot_reopen(closed: Closed) -> None:
    anna = closed.session("anna")
    with pytest.raises(RuleViolation, match="casus ZVH-A is gesloten maar nog niet vastgesteld"):
        anna.amend("notitie", closed.note_id, "tekst", "x", reason="r")
    assert anna.finalize().finalized_by == closed.team.login("anna")
    anna.amend("notitie", closed.note_id, "soort", "zorg", reason="was een zorg")
    with pytest.raises(AccessDenied, match=r"Alleen een coördinator .* casus ZVH-A blijft"):
        anna.reopen(reason="ik wil nog iets veranderen")
    assert anna.meeting().state == "vastgesteld"
    # Nor by hand: the finalized columns and the amendments change through the functions only.
    for statement in (
        "UPDATE meeting SET finalized_at = NULL, finalized_by = NULL",
        "SELECT bobtui_reopen(:m, 'toch')",
        "INSERT INTO amendment (meeting_id, at, made_by, subject, field, old, new, reason) "
        "VALUES (:m, now(), 'x', 'overleg', 'status', 'a', 'b', 'nep')",
        "UPDATE amendment SET reason = 'anders'",
        "DELETE FROM amendment",
    ):
        refused = pytest.raises(ProgrammingError, match="permission denied")
        with refused, closed.team.sql("anna") as sql:
            sql.execute(text(statement), {"m": closed.meeting_id})
    # A procesregisseur outside the case team: not even there to be refused.
    with pytest.raises(DatabaseError, match="bobtui:not_found"), closed.team.sql("bert") as sql:
        sql.execute(text("SELECT bobtui_finalize(:m)"), {"m": closed.meeting_id})


def test_a_notulist_and_a_trainer_can_do_none_of_it(closed: Closed) -> None:
    nora = closed.session("nora")  # invited: she may read the meeting
    for change in (
        nora.finalize,
        lambda: nora.amend("overleg", None, "locatie", "x", reason="r"),
    ):
        with pytest.raises(AccessDenied, match=r"voorzitter .* casus ZVH-A vaststellen"):
            change()
    closed.session("cora").finalize()
    with pytest.raises(AccessDenied, match=r"Alleen een coördinator .* casus ZVH-A"):
        nora.reopen(reason="r")
    tim = closed.session("tim", closed.rehearsal_id)
    with pytest.raises(AccessDenied, match="casus OEF-1"):
        tim.finalize()
    for member in ("nora", "tim"):  # by hand the same
        refused = pytest.raises(ProgrammingError, match="permission denied for function")
        with refused, closed.team.sql(member) as sql:
            sql.execute(text("SELECT bobtui_finalize(:m)"), {"m": closed.rehearsal_id})
    assert closed.session("cora", closed.rehearsal_id).meeting().finalized_at is None


def test_a_coordinator_still_cannot_edit_a_closed_meeting_by_hand(closed: Closed) -> None:
    closed.session("cora").finalize()
    with closed.team.sql("cora") as sql:
        assert sql.execute(text("UPDATE note SET text = 'stil veranderd'")).rowcount == 0
        assert sql.execute(text("DELETE FROM decision")).rowcount == 0
        assert sql.execute(text("UPDATE meeting SET location = 'elders'")).rowcount == 0
    with pytest.raises(ProgrammingError, match="permission denied"), closed.team.sql("cora") as sql:
        sql.execute(text("UPDATE meeting SET finalized_at = NULL"))
    # The amend function changes only the fields on its list, whatever it is asked.
    with pytest.raises(DatabaseError, match="bobtui:bad_field"), closed.team.sql("cora") as sql:
        sql.execute(
            text("SELECT bobtui_amend(:m, 'overleg', NULL, 'case_code', 'ANDERS', 'r')"),
            {"m": closed.meeting_id},
        )
    with pytest.raises(DatabaseError, match="bobtui:bad_value"), closed.team.sql("cora") as sql:
        sql.execute(
            text("SELECT bobtui_amend(:m, 'notitie', :n, 'soort', 'onzin', 'r')"),
            {"m": closed.meeting_id, "n": closed.note_id},
        )
    with pytest.raises(DatabaseError, match="bobtui:no_reason"), closed.team.sql("cora") as sql:
        sql.execute(text("SELECT bobtui_reopen(:m, '  ')"), {"m": closed.meeting_id})
    assert [n.text for n in closed.session("anna").notes()] == ["Notitie van anna"]


def test_amendments_are_in_the_audit_trail_and_bobtui_audit(
    closed: Closed, capsys: pytest.CaptureFixture[str]
) -> None:
    cora = closed.session("cora")
    cora.finalize()
    cora.amend("notitie", closed.note_id, "tekst", "Uniek-8812", reason="Reden-3391")
    cora.reopen(reason="Heropend-5510")
    trail = case_audit(closed.team.store("anna"), "ZVH-A")
    by_cora = [r for r in trail if r.actor == closed.team.login("cora")]
    assert [(r.table, r.operation) for r in by_cora] == [
        ("meeting", "update"),  # finalized
        ("note", "update"),
        ("amendment", "insert"),
        ("meeting", "update"),  # reopened
        ("amendment", "insert"),
    ]
    finalized = {c.column: (c.old, c.new) for c in by_cora[0].changes}
    assert finalized["finalized_by"] == (None, closed.team.login("cora"))
    note = {c.column: (c.old, c.new) for c in by_cora[1].changes}
    assert note["text"] == ("Notitie van anna", "Uniek-8812")
    amendment = {c.column: c.new for c in by_cora[2].changes}
    assert (amendment["old"], amendment["new"], amendment["reason"]) == (
        "Notitie van anna",
        "Uniek-8812",
        "Reden-3391",
    )
    assert {c.column: c.new for c in by_cora[3].changes}["finalized_at"] is None
    assert main(["--database", closed.team.url("cora"), "audit", "ZVH-A"]) == 0
    out = capsys.readouterr().out
    assert "wijziging na vaststelling" in out and "reason: — → Heropend-5510" in out
    # No application role rewrites those rows, the coordinator who made them included.
    for member in ("cora", "anna"):
        for statement in (
            "UPDATE auditentry SET new = '{}' WHERE table_name = 'amendment'",
            "DELETE FROM auditentry WHERE table_name = 'amendment'",
        ):
            with pytest.raises(DatabaseError), closed.team.sql(member) as sql:
                sql.execute(text(statement))
    with closed.team.owner.reading() as db:
        assert len(db.exec(select(Amendment)).all()) == 2


def test_the_stores_owner_keeps_every_right(closed: Closed) -> None:
    """A single-user PostgreSQL store: its owner is in no group and may do all of it."""
    owner = MeetingSession.open(
        closed.team.owner, closed.meeting_id, closed.question_set, closed.clock
    )
    assert owner.finalize().state == "vastgesteld"
    owner.amend("besluit", closed.decision_id, "prioriteit", "hoog", reason="spoed")
    assert owner.reopen(reason="nog een besluit").state == "gesloten (concept)"
