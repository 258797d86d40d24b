"""Inside a meeting in team mode: a notulist adds notes beside the chair and nothing else, and
every refusal says in Dutch what it is (the case by its code; never 'does not exist' for a
meeting that is only hidden)."""

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from bobtui.core.domain.errors import AccessDenied, NotFound, ReadOnly, RuleViolation
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.team import invite
from tests.conftest import FakeClock
from tests.core.team_fixtures import Team, team_store

pytestmark = pytest.mark.postgres


@pytest.fixture
def chaired(
    postgres_admin_url: str, example_set: QuestionSet, clock: FakeClock
) -> Iterator[tuple[Team, MeetingSession]]:
    """Anna chairs a running meeting of ZVH-N, to which she invited nora."""
    with team_store(postgres_admin_url) as team:
        chair = MeetingSession.create(
            team.store("anna"), example_set, case_code="ZVH-N", held_on=clock.today, clock=clock
        ).item
        chair.start()
        chair.claim_chair()
        invite(team.store("anna"), chair.meeting_id, team.login("nora"))
        yield team, chair


def _open(team: Team, member: str, chair: MeetingSession, clock: FakeClock) -> MeetingSession:
    return MeetingSession.open(
        team.store(member), chair.meeting_id, chair.shipped_question_set, clock
    )


def test_a_notulist_adds_notes_on_the_chairs_question_while_the_chair_holds_it(
    chaired: tuple[Team, MeetingSession], clock: FakeClock
) -> None:
    team, chair = chaired
    nora = _open(team, "nora", chair, clock)
    assert nora.takes_notes_only and not nora.is_read_only()
    assert not chair.takes_notes_only
    moved = chair.next_question()
    assert moved is not None
    note = nora.record_note(NoteKind.FEIT, "Genotuleerd door nora").item
    assert note.question_id == moved.question.id  # where the chair is, not where nora opened
    assert chair.holds_chair() and chair.heartbeat()  # her note took nothing from the chair
    assert [n.text for n in chair.notes()] == ["Genotuleerd door nora"]
    nora.next_question()  # browsing moves nothing: her window follows the chair's
    assert nora.position() == moved
    assert chair.meeting().current_question_id == moved.question.id
    for change in (
        nora.start_time_out,
        lambda: nora.record_judgement("risico", "Terugval"),  # type: ignore[arg-type]
        lambda: nora.delete_note(note.id),
    ):
        with pytest.raises(ReadOnly, match="Als notulist voeg je alleen notities toe"):
            change()
    assert chair.position() == moved and len(chair.notes()) == 1
    with team.sql("nora") as sql:
        author = sql.execute(
            text("SELECT actor FROM auditentry WHERE table_name = 'note' AND operation = 'insert'")
        ).scalars()
        assert list(author) == [team.login("nora")]


def test_a_refusal_inside_a_meeting_names_the_case(
    chaired: tuple[Team, MeetingSession], clock: FakeClock
) -> None:
    team, chair = chaired
    nora = _open(team, "nora", chair, clock)
    # A window that does not know it is a notulist's: the database's refusal names the case.
    nora.takes_notes_only = False
    chair.release_chair()
    with pytest.raises(AccessDenied, match="Je hebt geen toegang tot casus ZVH-N"):
        nora.add_participant("Buurvrouw")


def test_a_hidden_meeting_and_a_closed_one_say_so(
    chaired: tuple[Team, MeetingSession], clock: FakeClock
) -> None:
    team, chair = chaired
    with pytest.raises(NotFound, match="bestaat niet, of je hebt er geen toegang toe"):
        _open(team, "bert", chair, clock)
    cora = _open(team, "cora", chair, clock)
    anna = _open(team, "anna", chair, clock)
    with team.owner.engine.begin() as owner:
        owner.execute(text("UPDATE meeting SET status = 'gesloten'"))
    with pytest.raises(RuleViolation, match="Dit overleg is gesloten"):
        cora.record_note(NoteKind.FEIT, "Te laat")
    with team.owner.engine.begin() as owner:  # anna is taken off the case team
        owner.execute(text("UPDATE meeting SET status = 'lopend'"))
        owner.execute(text("DELETE FROM caseaccess"))
    chair.release_chair()
    with pytest.raises(NotFound, match="bestaat niet, of je hebt er geen toegang toe"):
        anna.record_note(NoteKind.FEIT, "Niet meer van haar")
