"""``bobtui team importeer``: a procesregisseur's SQLite meetings move into the team store with
every row that belongs to them, once, in one transaction, under the database's rules."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bobtui.cli import main
from bobtui.core.domain.errors import AccessDenied
from bobtui.core.domain.vocabulary import DecisionStatus, JudgementKind, NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.access_policies import MEETING_CHILDREN
from bobtui.core.store.engine import Store, open_store, sqlite_url
from bobtui.core.store.meetings import list_meetings
from bobtui.core.store.team_import import import_store
from tests.conftest import FakeClock
from tests.core.team_fixtures import Team, team_store

pytestmark = pytest.mark.postgres

_COUNTED = (
    *(table for table in MEETING_CHILDREN if table != "meetingchair"),
    "meeting",
    "decisionstatuschange",
    "meetingevent",
)


def _meeting(
    store: Store, question_set: QuestionSet, clock: FakeClock, code: str
) -> MeetingSession:
    session = MeetingSession.create(
        store, question_set, case_code=code, held_on=clock.today, clock=clock
    ).item
    for item in session.pending_reviews():
        session.review_carried_over(item.decision.id, DecisionStatus.GEDAAN, "klaar")
    return session


def laptop(path: Path, question_set: QuestionSet, clock: FakeClock, codes: list[str]) -> Store:
    """A laptop's store: for each case a closed meeting with one of everything, and a running
    follow-up that reviews its decision."""
    store = open_store(sqlite_url(path))
    for code in codes:
        first = _meeting(store, question_set, clock, code)
        mother = first.add_participant("Moeder", organisation="").item
        first.start()
        first.record_note(NoteKind.FEIT, f"Feit over {code}", participant_id=mother.id)
        first.record_note(NoteKind.ZORG, "Vertrouwelijk", confidential=True)
        first.record_safety_score("Moeder", 4, "Een vaste afspraak", participant_id=mother.id)
        first.start_time_out()
        first.end_time_out()
        first.next_question()
        first.add_own_question("Wie helpt er in het weekend?")
        first.next_phase()
        first.record_judgement(JudgementKind.RISICO, "Terugval")
        idea = first.park_idea("Buurtnetwerk", participant_id=mother.id).item
        first.next_phase()
        first.decide_parked_idea(
            idea.id,
            "Buurtnetwerk vragen",
            owner_person="R. Jansen",
            owner_organisation="Wijkteam",
            deadline=clock.today + timedelta(days=7),
        )
        first.set_evaluation(evaluation_date=clock.today + timedelta(days=14))
        first.close()
        clock.advance(60 * 24 * 14)
        follow_up = _meeting(store, question_set, clock, code)
        follow_up.start()
        follow_up.record_note(NoteKind.FEIT, "Het netwerk helpt")
    return store


def _counts(store: Store, condition: str = "true") -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            table: connection.execute(
                text(f"SELECT count(*) FROM {table} WHERE {condition}")
            ).scalar_one()
            for table in _COUNTED
        }


def _audit_rows(team: Team) -> int:
    with team.owner.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM auditentry")).scalar_one())


def test_an_import_brings_every_row_once_and_puts_the_importer_in_the_case_team(
    postgres_admin_url: str, tmp_path: Path, example_set: QuestionSet, clock: FakeClock
) -> None:
    source = laptop(tmp_path / "anna.sqlite3", example_set, clock, ["ZVH-IMP-1", "ZVH-IMP-2"])
    with team_store(postgres_admin_url) as team:
        anna = team.store("anna")
        trial = import_store(source, anna, trial=True)
        assert trial.meetings == {"ZVH-IMP-1": 2, "ZVH-IMP-2": 2}
        assert trial.notes == {"ZVH-IMP-1": 3, "ZVH-IMP-2": 3}
        assert _counts(team.owner) == dict.fromkeys(_COUNTED, 0)  # the trial wrote nothing
        assert _audit_rows(team) == 0

        done = import_store(source, anna, trial=False)
        assert done.meetings == trial.meetings and done.notes == trial.notes
        assert _counts(team.owner) == _counts(source)
        assert {m.case_code for m in list_meetings(anna)} == {"ZVH-IMP-1", "ZVH-IMP-2"}
        assert {m.case_code for m in list_meetings(team.store("bert"))} == set()
        with team.sql("anna") as sql:
            members = sql.execute(text("SELECT DISTINCT member FROM caseaccess")).scalars()
            assert set(members) == {team.login("anna")}
            # The rows still point at each other: the speaker, the decision, its review.
            assert sql.execute(
                text(
                    "SELECT p.name FROM note n JOIN participant p ON p.id = n.participant_id "
                    "WHERE n.text = 'Feit over ZVH-IMP-1'"
                )
            ).scalars().all() == ["Moeder"]
            reviewed = sql.execute(
                text(
                    "SELECT d.action, m.meeting_id <> d.meeting_id FROM decisionstatuschange m "
                    "JOIN decision d ON d.id = m.decision_id JOIN parkedidea i "
                    "ON i.decision_id = d.id WHERE m.status = 'gedaan'"
                )
            ).all()
            assert sorted(reviewed) == [("Buurtnetwerk vragen", True)] * 2
            actors = sql.execute(text("SELECT DISTINCT actor FROM auditentry")).scalars()
            assert set(actors) == {team.login("anna")}

        again = import_store(source, anna, trial=False)
        assert again.total == 0 and again.already == {"ZVH-IMP-1": 2, "ZVH-IMP-2": 2}
        assert _counts(team.owner) == _counts(source)
    source.dispose()


def test_an_import_of_someone_elses_case_is_refused_and_writes_nothing(
    postgres_admin_url: str, tmp_path: Path, example_set: QuestionSet, clock: FakeClock
) -> None:
    with team_store(postgres_admin_url) as team:
        MeetingSession.create(
            team.store("bert"), example_set, case_code="ZVH-BERT", held_on=clock.today
        )
        source = laptop(tmp_path / "anna.sqlite3", example_set, clock, ["ZVH-EIGEN", "ZVH-BERT"])
        before = _counts(team.owner)
        with pytest.raises(AccessDenied, match="geen toegang tot casus ZVH-BERT"):
            import_store(source, team.store("anna"), trial=False)
        assert _counts(team.owner) == before  # ZVH-EIGEN came first, and is not there either
        source.dispose()


def test_the_import_command_counts_first_and_asks(
    postgres_admin_url: str,
    tmp_path: Path,
    example_set: QuestionSet,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "anna.sqlite3"
    laptop(path, example_set, clock, ["ZVH-CLI-IMP"]).dispose()
    with team_store(postgres_admin_url) as team:
        command = ["team", "importeer", str(path), "--database", team.url("anna")]
        monkeypatch.setenv("PGPASSWORD", "geheim-anna")
        assert main([*command, "--proef"]) == 0
        out = capsys.readouterr().out
        assert "Te importeren: 2 overleggen." in out
        assert "ZVH-CLI-IMP: 2 overleggen, 3 notities" in out
        assert _counts(team.owner)["meeting"] == 0
        monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal to ask on
        assert main(command) == 1
        assert "gebruik --ja" in capsys.readouterr().err
        assert _counts(team.owner)["meeting"] == 0
        assert main([*command, "--ja"]) == 0
        assert "Geïmporteerd: 2 overleggen" in capsys.readouterr().out
        assert main([*command, "--ja"]) == 0
        out = capsys.readouterr().out
        assert "Te importeren: 0 overleggen." in out and "2 overleggen stonden al" in out
        assert _counts(team.owner)["meeting"] == 2
