"""One meeting, several windows: each keeps its own position, one chairs, stale edits are refused.

Every test runs on SQLite and on PostgreSQL (the ``store`` fixture).
"""

import getpass
import re
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from bobtui.core.domain.errors import ChairTaken, EditConflict, ReadOnly, RuleViolation
from bobtui.core.domain.vocabulary import Coverage, DecisionStatus, JudgementKind, NoteKind, Phase
from bobtui.core.session import CHAIR_TIMEOUT, HEARTBEAT_INTERVAL, MeetingSession
from bobtui.core.session._base import SessionBase
from bobtui.core.store.actions import update_action
from bobtui.core.store.engine import Store
from tests.conftest import FakeClock


def window(session: MeetingSession, clock: Callable[[], datetime]) -> MeetingSession:
    """A second window: another session opened on the same meeting."""
    return MeetingSession.open(
        session.store, session.meeting_id, session.shipped_question_set, clock
    )


def decide(session: MeetingSession, clock: FakeClock) -> Any:
    return session.record_decision(
        "Veiligheidsplan maken",
        owner_person="M. de Boer",
        owner_organisation="Veilig Thuis",
        deadline=clock.today + timedelta(days=14),
    ).item


def test_each_window_files_notes_on_the_question_it_shows(
    session: MeetingSession, clock: FakeClock
) -> None:
    session.start()
    other = window(session, clock)
    moved = session.next_question()
    assert moved is not None and moved.question.id == "vb-eigen-kijk"
    assert other.position() is not None
    assert other.position().question.id == "vb-aanleiding"  # type: ignore[union-attr]
    note = other.record_note(NoteKind.FEIT, "Uit het tweede venster").item
    assert (note.question_id, note.phase) == ("vb-aanleiding", Phase.BEELDVORMING)
    assert session.record_note(NoteKind.ZORG, "Uit het eerste").item.question_id == "vb-eigen-kijk"
    assert other.snapshot().position == other.position()
    # The store keeps the last recorded move: a restart resumes there.
    restarted = window(session, clock)
    assert restarted.resume() == moved
    assert restarted.meeting().current_question_id == "vb-eigen-kijk"


def test_a_read_only_window_browses_without_moving_the_meeting(
    session: MeetingSession, clock: FakeClock
) -> None:
    session.start()
    session.claim_chair()
    browser = window(session, clock)
    with pytest.raises(ChairTaken):
        browser.claim_chair()
    assert browser.next_question() is not None
    clock.advance(5)
    assert session.heartbeat()
    phase = browser.next_phase()
    assert phase.phase is Phase.OORDEELSVORMING
    assert browser.position() == phase
    # Nothing of the browsing is stored: position, coverage and phase clock are the chair's.
    meeting = session.meeting()
    assert (meeting.current_phase, meeting.current_question_id) == (
        Phase.BEELDVORMING,
        "vb-aanleiding",
    )
    assert set(session.coverage().values()) == {Coverage.NOG_NIET}
    assert Phase.OORDEELSVORMING not in session.phase_started_at()
    assert session.time_spent()[Phase.BEELDVORMING] == timedelta(minutes=5)
    note = session.record_note(NoteKind.FEIT, "Van de voorzitter").item
    assert (note.question_id, note.phase) == ("vb-aanleiding", Phase.BEELDVORMING)
    snapshot = browser.snapshot()
    assert snapshot.position == phase
    assert snapshot.meeting.current_question_id == "vb-aanleiding"
    assert snapshot.chair is not None and not snapshot.chair.this_session


def test_a_second_claimant_is_told_who_chairs_and_since_when(
    session: MeetingSession, clock: FakeClock
) -> None:
    holder = session.claim_chair()
    login = getpass.getuser()
    description = f"bobtui op {socket.gethostname()} (gebruiker {login})"
    assert holder.description == description and holder.this_session
    assert session.holds_chair() and not session.is_read_only()
    other = window(session, clock)
    clock.advance(2)
    assert session.heartbeat()
    since = holder.since.astimezone()
    expected = f"Dit overleg wordt al voorgezeten vanuit {description} sinds {since:%H:%M}."
    with pytest.raises(ChairTaken) as refused:
        other.claim_chair()
    assert str(refused.value) == expected
    assert refused.value.holder.since == holder.since and not refused.value.holder.this_session
    assert other.is_read_only() and not other.holds_chair()
    assert other.chair_holder() == refused.value.holder
    assert session.chair_holder() is not None and session.chair_holder().this_session  # type: ignore[union-attr]
    assert session.claim_chair().since == holder.since  # claiming again keeps 'since'


def planned_writes(clock: FakeClock) -> dict[str, Callable[[MeetingSession], object]]:
    return {
        "deelnemer": lambda s: s.add_participant("Wijkagent"),
        "gegevens": lambda s: s.update_details(location="Stadhuis"),
        "start": lambda s: s.start(),
    }


def running_writes(clock: FakeClock) -> dict[str, Callable[[MeetingSession], object]]:
    return {
        "notitie": lambda s: s.record_note(NoteKind.FEIT, "mag niet"),
        "besluit": lambda s: decide(s, clock),
        "score": lambda s: s.record_safety_score("Moeder", 5),
        "oordeel": lambda s: s.record_judgement(JudgementKind.KERNPROBLEEM, "mag niet"),
        "parkeren": lambda s: s.park_idea("mag niet"),
        "eigen vraag": lambda s: s.add_own_question("mag niet?"),
        "markeren": lambda s: s.mark_question("vb-eigen-kijk", Coverage.OVERGESLAGEN),
        "time-out": lambda s: s.start_time_out(),
        "verlaten": lambda s: s.suspend(),
        "hervatten": lambda s: s.resume(),
        "evaluatie": lambda s: s.set_evaluation(evaluation_date=clock.today),
    }


def test_every_write_of_a_read_only_window_is_refused(
    session: MeetingSession, clock: FakeClock
) -> None:
    session.claim_chair()
    reader = window(session, clock)
    with pytest.raises(ChairTaken):
        reader.claim_chair()
    assert issubclass(ReadOnly, RuleViolation)  # shown like any broken rule
    for write in planned_writes(clock).values():
        with pytest.raises(ReadOnly, match=r"^Dit venster is alleen-lezen: het overleg wordt"):
            write(reader)
    session.start()
    score = session.record_safety_score("Moeder", 4).item
    for write in running_writes(clock).values():
        with pytest.raises(ReadOnly, match="alleen-lezen"):
            write(reader)
    with pytest.raises(ReadOnly):
        reader.edit_safety_score(score.id, score=6)
    with pytest.raises(ReadOnly):
        reader.delete_safety_score(score.id)
    # Reading is fine, and nothing of the refused writes is stored.
    snapshot = reader.snapshot()
    assert snapshot.notes == () and snapshot.decisions == () and not snapshot.in_time_out
    assert [s.score for s in snapshot.safety_scores] == [4]
    assert snapshot.meeting.location == "" and snapshot.participants == ()


def test_a_window_that_never_claimed_may_not_write_while_another_chairs(
    session: MeetingSession, clock: FakeClock
) -> None:
    """Sessions that never claim (scripts, tests) write only while nobody else chairs."""
    session.start()
    script = window(session, clock)
    script.record_note(NoteKind.FEIT, "nog niemand zit voor")
    chair = window(session, clock)
    chair.claim_chair()
    with pytest.raises(ReadOnly, match="wordt voorgezeten vanuit bobtui op"):
        script.record_note(NoteKind.FEIT, "nu wel")
    assert script.is_read_only()
    assert [n.text for n in chair.notes()] == ["nog niemand zit voor"]


def test_a_silent_holder_may_be_replaced_and_then_finds_out(
    session: MeetingSession, clock: FakeClock
) -> None:
    session.start()
    session.claim_chair()
    other = window(session, clock)
    clock.advance(HEARTBEAT_INTERVAL.total_seconds() / 60)
    assert session.heartbeat()
    clock.advance(CHAIR_TIMEOUT.total_seconds() / 60)  # just within the timeout
    with pytest.raises(ChairTaken):
        other.claim_chair()
    clock.advance(1 / 60)  # one second past it
    assert other.chair_holder() is None  # the holder went silent: the chair is free
    assert other.claim_chair().this_session
    other.record_note(NoteKind.FEIT, "nieuwe voorzitter")
    assert not session.heartbeat()
    assert session.is_read_only()
    with pytest.raises(ReadOnly, match="alleen-lezen: het overleg wordt voorgezeten"):
        session.record_note(NoteKind.FEIT, "oude voorzitter")
    assert [n.text for n in other.notes()] == ["nieuwe voorzitter"]


def test_take_over_after_confirmation(session: MeetingSession, clock: FakeClock) -> None:
    session.start()
    session.claim_chair()
    session.next_question()
    other = window(session, clock)
    with pytest.raises(ChairTaken):
        other.claim_chair()
    other.next_phase()  # browsing elsewhere
    clock.advance(1)
    taken = other.take_over_chair()
    assert taken.this_session and taken.since == clock.now
    # The new chair goes on where the meeting is.
    assert other.position() == session.position()
    other.next_question()
    with pytest.raises(ReadOnly):  # the old chair finds out at its next change ...
        session.record_note(NoteKind.FEIT, "te laat")
    assert not session.heartbeat()  # ... or heartbeat
    assert not session.holds_chair()
    assert other.meeting().current_question_id == "vb-vt-informatie"


def test_releasing_the_chair_frees_it_at_once(session: MeetingSession, clock: FakeClock) -> None:
    session.start()
    session.claim_chair()
    other = window(session, clock)
    with pytest.raises(ChairTaken):
        other.claim_chair()
    session.suspend()
    session.release_chair()
    assert other.chair_holder() is None
    with pytest.raises(ReadOnly, match="neem eerst het voorzitterschap op je"):
        session.record_note(NoteKind.FEIT, "na het vrijgeven")
    other.claim_chair()
    other.resume()
    other.record_note(NoteKind.FEIT, "de nieuwe voorzitter")
    assert not session.heartbeat()


def claim_at_the_signal(
    candidate: MeetingSession, signal: threading.Barrier, outcomes: list[str]
) -> None:
    signal.wait()
    try:
        candidate.claim_chair()
        outcomes.append("won")
    except ChairTaken:
        outcomes.append("refused")


def test_two_windows_claiming_at_once_exactly_one_wins(
    session: MeetingSession, clock: FakeClock
) -> None:
    """Each claimant reads the chair's row, then writes it: one must wait for the other."""

    def slow_clock() -> datetime:
        time.sleep(0.02)  # widens the gap between reading the chair and writing it
        return clock()

    for round_ in range(4):
        windows = [window(session, slow_clock) for _ in range(2)]
        signal = threading.Barrier(len(windows))
        outcomes: list[str] = []
        threads = [
            threading.Thread(target=claim_at_the_signal, args=(w, signal, outcomes))
            for w in windows
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(outcomes) == ["refused", "won"]
        (winner,) = [w for w in windows if w.holds_chair()]
        assert winner.chair_holder() is not None and winner.chair_holder().this_session  # type: ignore[union-attr]
        if round_ % 2:  # the winner leaves: the next pair finds no holder ...
            winner.release_chair()
        else:  # ... or it goes silent: the next pair finds a holder past the timeout
            clock.advance(2 * CHAIR_TIMEOUT.total_seconds() / 60)


@pytest.mark.parametrize("kind", ["besluit", "score", "oordeel"])
def test_a_stale_edit_is_refused_and_changes_nothing(
    session: MeetingSession, clock: FakeClock, kind: str
) -> None:
    session.start()
    other = window(session, clock)
    edits: dict[str, tuple[Any, Callable[..., Any], Callable[[], list[Any]], str, str]] = {
        "besluit": (
            decide(session, clock),
            session.edit_decision,
            session.decisions,
            "action",
            "Dit besluit is intussen in een ander venster gewijzigd en hier niet opgeslagen; "
            "sluit dit scherm en open het opnieuw om de nieuwste versie te zien en te wijzigen.",
        ),
        "score": (
            session.record_safety_score("Moeder", 4).item,
            session.edit_safety_score,
            session.safety_scores,
            "what_would_raise_it",
            "Deze veiligheidsscore is intussen",
        ),
        "oordeel": (
            session.record_judgement(JudgementKind.KERNPROBLEEM, "Onveilige thuissituatie").item,
            session.edit_judgement,
            session.judgements,
            "text",
            "Dit oordeel is intussen",
        ),
    }
    seen, edit, stored, field, message = edits[kind]
    assert seen.version == 1
    other_edit = getattr(other, edit.__name__)
    newer = other_edit(seen.id, expected_version=seen.version, **{field: "Andere tekst"}).item
    assert newer.version == 2
    with pytest.raises(EditConflict, match="^" + re.escape(message)):
        edit(seen.id, expected_version=seen.version, **{field: "Oude blik"})
    (kept,) = stored()
    assert kept == newer
    fresh = edit(seen.id, expected_version=newer.version, **{field: "Nieuwe blik"}).item
    assert getattr(fresh, field) == "Nieuwe blik" and fresh.version == 3
    assert edit(seen.id, **{field: "Zonder versie"}).item.version == 4  # as before: no check
    with pytest.raises(RuleViolation, match="'version' kan niet"):
        edit(seen.id, version=1)


def test_stale_meeting_details_are_refused(session: MeetingSession, clock: FakeClock) -> None:
    seen = session.meeting()
    other = window(session, clock)
    assert seen.details_version == 1
    newer = other.update_details(location="Stadhuis", expected_version=seen.details_version).item
    assert newer.details_version == 2
    with pytest.raises(EditConflict, match=r"^De gegevens van dit overleg zijn intussen"):
        session.update_details(location="Wijkcentrum", expected_version=seen.details_version)
    with pytest.raises(EditConflict):
        session.set_evaluation(evaluation_date=clock.today, expected_version=seen.details_version)
    assert session.meeting() == newer
    evaluated = session.set_evaluation(
        evaluation_date=clock.today, expected_version=newer.details_version
    ).item
    assert evaluated.details_version == 3 and evaluated.location == "Stadhuis"
    session.start()
    session.next_question()  # moving on is no change of the details
    assert session.meeting().details_version == 3


def test_a_change_committed_between_reading_and_writing_is_not_overwritten(
    session: MeetingSession, clock: FakeClock, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The coordinator marks an action done while the meeting edits it: the row's version
    guards the moment between the edit's read and its write (PostgreSQL; SQLite serialises
    every write to the database, so there is no such moment)."""
    if store.engine.dialect.name == "sqlite":
        pytest.skip("SQLite runs one write transaction at a time")
    session.start()
    decision = decide(session, clock)
    read_row = SessionBase._own_row

    def read_then_the_coordinator_writes(self: SessionBase, *args: Any) -> Any:
        row = read_row(self, *args)
        update_action(store, decision.id, DecisionStatus.GEDAAN, clock=clock)
        return row

    monkeypatch.setattr(SessionBase, "_own_row", read_then_the_coordinator_writes)
    with pytest.raises(EditConflict, match=r"^Dit besluit is intussen"):
        session.edit_decision(decision.id, action="Overschrijven")
    monkeypatch.undo()
    (kept,) = session.decisions()
    assert (kept.action, kept.status, kept.version) == (
        decision.action,
        DecisionStatus.GEDAAN,
        2,
    )


def test_a_bsn_correction_on_a_changed_record_is_refused(
    session: MeetingSession, clock: FakeClock
) -> None:
    """The closing review's correction carries the version it was found in."""
    from bobtui.core.session.attention import bsn_findings

    session.update_details(reason="Melding over BSN 111222333")
    session.start()
    decision = session.record_decision(
        "Huisbezoek, BSN 111222333 nagaan",
        owner_person="R. Jansen",
        owner_organisation="Wijkteam",
        deadline=clock.today + timedelta(days=7),
    ).item
    about_the_meeting, about_the_decision = bsn_findings(session.snapshot())
    assert (about_the_meeting.version, about_the_decision.version) == (2, decision.version)
    other = window(session, clock)
    newer = other.edit_decision(decision.id, action="Huisbezoek volgende week").item
    other.update_details(location="Stadhuis")
    with pytest.raises(EditConflict, match=r"^Dit besluit is intussen"):
        session.correct_text(about_the_decision, "Huisbezoek")
    with pytest.raises(EditConflict, match=r"^De gegevens van dit overleg zijn intussen"):
        session.correct_text(about_the_meeting, "Melding")
    assert session.decisions() == [newer] and session.meeting().reason.endswith("111222333")
