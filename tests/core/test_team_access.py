"""Need-to-know in team mode, proven against a real PostgreSQL server: each login reads and
writes exactly what its role and the case team allow, through bobtui and through hand-written
SQL on the same kind of connection."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError, ProgrammingError

from bobtui.core.domain.errors import AccessDenied
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.audit import case_audit
from bobtui.core.store.meetings import list_meetings
from bobtui.core.store.team import grant_case, identity, invite
from tests.conftest import FakeClock
from tests.core.team_fixtures import Team, team_store

pytestmark = pytest.mark.postgres


@dataclass
class Cases:
    team: Team
    a: MeetingSession  # anna's case ZVH-A
    b: MeetingSession  # bert's case ZVH-B
    practice: MeetingSession  # tim's rehearsal


@pytest.fixture
def cases(postgres_admin_url: str, example_set: QuestionSet, clock: FakeClock) -> Iterator[Cases]:
    with team_store(postgres_admin_url) as team:

        def plan(member: str, code: str, practice: str | None = None) -> MeetingSession:
            session = MeetingSession.create(
                team.store(member),
                example_set,
                case_code=code,
                held_on=clock.today,
                practice_case_id=practice,
                clock=clock,
            ).item
            session.start()
            session.record_note(NoteKind.FEIT, f"Notitie van {member}")
            return session

        yield Cases(team, plan("anna", "ZVH-A"), plan("bert", "ZVH-B"), plan("tim", "OEF-1", "oef"))


def _codes(team: Team, member: str) -> set[str]:
    return {row.case_code for row in list_meetings(team.store(member))}


def _count(team: Team, member: str, statement: str) -> int:
    with team.sql(member) as sql:
        return int(sql.execute(text(statement)).scalar_one())


def test_a_procesregisseur_sees_only_the_cases_in_whose_team_they_are(cases: Cases) -> None:
    team = cases.team
    assert _codes(team, "anna") == {"ZVH-A"}
    assert _codes(team, "bert") == {"ZVH-B"}
    # Hand-written SQL sees the same: not a row of another case, whatever the query.
    assert _count(team, "anna", "SELECT count(*) FROM note") == 1
    assert _count(team, "anna", "SELECT count(*) FROM meeting WHERE case_code = 'ZVH-B'") == 0
    assert _count(
        team, "anna", "SELECT count(*) FROM participant p JOIN meeting m ON m.id = p.meeting_id"
    ) == _count(team, "anna", "SELECT count(*) FROM participant")


def test_a_procesregisseur_cannot_change_another_case(cases: Cases) -> None:
    with cases.team.sql("anna") as sql:
        changed = sql.execute(text("UPDATE note SET text = 'weg' WHERE true")).rowcount
        assert changed == 1  # only her own note
        assert sql.execute(text("DELETE FROM meeting WHERE case_code = 'ZVH-B'")).rowcount == 0
    with pytest.raises(ProgrammingError, match="row-level security"), cases.team.sql("anna") as sql:
        sql.execute(
            text(
                "INSERT INTO note (meeting_id, kind, text, phase, confidential, created_at, "
                "updated_at) VALUES (:m, 'feit', 'ingebroken', 'beeldvorming', false, now(), "
                "now())"
            ),
            {"m": cases.b.meeting_id},
        )
    assert [n.text for n in cases.b.notes()] == ["Notitie van bert"]


def test_switching_to_a_group_role_gains_nothing(cases: Cases) -> None:
    with cases.team.sql("anna") as sql:
        sql.execute(text("SET ROLE bobtui_procesregisseur"))
        assert sql.execute(text("SELECT count(*) FROM meeting")).scalar_one() == 1
    with pytest.raises(ProgrammingError), cases.team.sql("anna") as sql:
        sql.execute(text("SET ROLE bobtui_coordinator"))


def test_planning_a_meeting_on_someone_elses_case_is_refused_in_dutch(
    cases: Cases, example_set: QuestionSet, clock: FakeClock
) -> None:
    with pytest.raises(AccessDenied, match="geen toegang tot casus ZVH-B"):
        MeetingSession.create(
            cases.team.store("anna"), example_set, case_code="ZVH-B", held_on=clock.today
        )
    assert _codes(cases.team, "bert") == {"ZVH-B"}


def test_the_case_team_grants_access(cases: Cases) -> None:
    team = cases.team
    with pytest.raises(AccessDenied, match="geen toegang tot casus ZVH-B"):
        grant_case(team.store("anna"), "ZVH-B", team.login("anna"))
    grant_case(team.store("bert"), "ZVH-B", team.login("anna"))
    assert _codes(team, "anna") == {"ZVH-A", "ZVH-B"}
    # Access is granted, never rewritten: nobody may change a grant.
    with pytest.raises(ProgrammingError, match="permission denied"), team.sql("bert") as sql:
        sql.execute(text("UPDATE caseaccess SET member = 'x'"))


def test_a_coordinator_reads_everything_and_edits_nothing_after_close(cases: Cases) -> None:
    team = cases.team
    assert _codes(team, "cora") == {"ZVH-A", "ZVH-B", "OEF-1"}
    update = "UPDATE meeting SET location = 'Stadhuis' WHERE case_code = 'ZVH-A'"
    with team.sql("cora") as sql:
        assert sql.execute(text(update)).rowcount == 1
    with team.owner.engine.begin() as owner:
        owner.execute(text("UPDATE meeting SET status = 'gesloten' WHERE case_code = 'ZVH-A'"))
    with team.sql("cora") as sql:
        assert sql.execute(text(update)).rowcount == 0
        # The open meetings' notes (ZVH-B, the rehearsal) go; the closed one's stays.
        assert sql.execute(text("DELETE FROM note WHERE true")).rowcount == 2
        assert sql.execute(text("SELECT count(*) FROM note")).scalar_one() == 1
    with team.sql("anna") as sql:  # the chair's own case stays hers
        assert sql.execute(text(update)).rowcount == 1


def test_a_trainer_sees_only_rehearsals(cases: Cases) -> None:
    assert _codes(cases.team, "tim") == {"OEF-1"}
    assert _count(cases.team, "tim", "SELECT count(*) FROM note") == 1
    assert (
        _count(cases.team, "tim", "SELECT count(*) FROM auditentry WHERE case_code LIKE 'ZVH%'")
        == 0
    )


def test_a_notulist_adds_notes_only_to_meetings_they_were_invited_to(cases: Cases) -> None:
    team = cases.team
    insert = text(
        "INSERT INTO note (meeting_id, kind, text, phase, confidential, created_at, updated_at)"
        " VALUES (:m, 'feit', 'genotuleerd', 'beeldvorming', false, now(), now())"
    )
    assert _codes(team, "nora") == set()
    with pytest.raises(ProgrammingError, match="row-level security"), team.sql("nora") as sql:
        sql.execute(insert, {"m": cases.a.meeting_id})
    invite(team.store("anna"), cases.a.meeting_id, team.login("nora"))
    assert _codes(team, "nora") == {"ZVH-A"}
    with team.sql("nora") as sql:
        sql.execute(insert, {"m": cases.a.meeting_id})
        sql.commit()
    for statement in (
        "UPDATE note SET text = 'anders'",
        "DELETE FROM note",
        "UPDATE meeting SET location = 'x'",
    ):
        with pytest.raises(ProgrammingError, match="permission denied"), team.sql("nora") as sql:
            sql.execute(text(statement))
    assert sorted(n.text for n in cases.a.notes()) == ["Notitie van anna", "genotuleerd"]


def test_an_application_role_cannot_rewrite_the_audit_trail(cases: Cases) -> None:
    team = cases.team
    for statement in (
        "UPDATE auditentry SET actor = 'x'",
        "DELETE FROM auditentry",
        "TRUNCATE auditentry",
    ):
        with pytest.raises(DatabaseError), team.sql("cora") as sql:
            sql.execute(text(statement))
    with team.sql("anna") as sql:  # an entry of one's own says who really wrote it
        sql.execute(
            text(
                "INSERT INTO auditentry (at, actor, table_name, row_id, operation) "
                "VALUES (now(), 'bert', 'note', '1', 'insert')"
            )
        )
        actor = sql.execute(text("SELECT actor FROM auditentry ORDER BY id DESC")).first()
        assert actor == (team.login("anna"),)


def test_the_audit_trail_names_who_did_it_and_follows_need_to_know(cases: Cases) -> None:
    team = cases.team
    trail = case_audit(team.store("anna"), "ZVH-A")
    assert {r.actor for r in trail} == {team.login("anna")}
    assert {r.table for r in trail} >= {"meeting", "note", "caseaccess"}
    assert case_audit(team.store("anna"), "ZVH-B") == []
    assert len(case_audit(team.store("cora"), "ZVH-B")) > 0


def test_who_is_connected(cases: Cases) -> None:
    found = identity(cases.team.store("cora"))
    assert found is not None
    assert found.label() == f"{cases.team.login('cora')} (coordinator)"
    owner = identity(cases.team.owner)
    assert owner is not None and owner.roles == ()


def test_migration_0017_downgrades_to_the_policies_of_0015_and_back(cases: Cases) -> None:
    """0017's per-row write rules replace 0015's sets; downgrading gives 0015's rules back and
    upgrading again the same rules as a store made new."""
    from alembic import command

    from bobtui.core.store.engine import _alembic_config

    def policies() -> dict[tuple[str, str], tuple[str | None, str | None]]:
        with cases.team.owner.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT tablename, policyname, qual, with_check FROM pg_policies")
            ).all()
        return {(table, name): (qual, check) for table, name, qual, check in rows}

    def migrate(step: str, revision: str) -> None:
        with cases.team.owner.engine.begin() as connection:
            getattr(command, step)(_alembic_config(connection), revision)

    new = policies()
    assert any("bobtui_writes_meeting" in str(rule) for rule in new.values())
    migrate("downgrade", "0016")  # 0016 still has 0015's rules
    old = policies()
    assert old.keys() == new.keys()
    assert not any("bobtui_writes_meeting" in str(rule) for rule in old.values())
    assert "bobtui_my_meetings(false)" in str(old["note", "note_insert"])
    migrate("upgrade", "head")
    assert policies() == new
