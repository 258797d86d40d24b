"""MeetingSession on a real SQLite file: rules, navigation, time, carry-over, closing."""

import logging
from datetime import timedelta

import pytest
from sqlalchemy import text

from bobtui.core.domain.bsn import BSN_WARNING
from bobtui.core.domain.errors import NotFound, RuleViolation
from bobtui.core.domain.vocabulary import (
    ChainCarePhase,
    Coverage,
    DecisionStatus,
    JudgementKind,
    Likelihood,
    NoteKind,
    Phase,
    Presence,
)
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import Store
from tests.conftest import FakeClock


def decide(session: MeetingSession, clock: FakeClock, action: str = "Veiligheidsplan maken"):
    return session.record_decision(
        action,
        owner_person="M. de Boer",
        owner_organisation="Veilig Thuis",
        deadline=clock.today + timedelta(days=14),
    ).item


def test_presence_in_three_states(session: MeetingSession) -> None:
    """Present, absent, or represented by someone named; the name goes with that state only."""
    father = session.add_participant(
        "Vader", presence=Presence.VERTEGENWOORDIGD, represented_by=" tante "
    ).item
    assert (father.presence, father.represented_by) == (Presence.VERTEGENWOORDIGD, "tante")
    with pytest.raises(RuleViolation, match="door wie"):
        session.add_participant("Oom", presence=Presence.VERTEGENWOORDIGD)
    with pytest.raises(RuleViolation, match="Alleen een vertegenwoordigde"):
        session.add_participant("Oma", presence=Presence.AFWEZIG, represented_by="buurvrouw")
    with pytest.raises(RuleViolation, match="door wie"):
        session.update_participant(father.id, represented_by="")  # still represented: by whom?
    back = session.update_participant(father.id, presence=Presence.AANWEZIG).item
    assert (back.presence, back.represented_by) == (Presence.AANWEZIG, "")
    again = session.update_participant(
        father.id, presence=Presence.VERTEGENWOORDIGD, represented_by="advocaat"
    ).item
    assert session.participants()[0].represented_by == again.represented_by == "advocaat"


def test_roster_edit_and_flags(session: MeetingSession) -> None:
    mother = session.add_participant("Moeder", is_client=True).item
    session.add_participant("Jeugd-GGZ", organisation="Jeugd-GGZ", speaks_for_child=True)
    session.update_participant(mother.id, presence=Presence.AFWEZIG)
    roster = session.participants()
    assert [p.name for p in roster] == ["Moeder", "Jeugd-GGZ"]
    assert roster[0].presence is Presence.AFWEZIG and roster[0].is_client
    assert roster[1].speaks_for_child
    session.remove_participant(mother.id)
    assert [p.name for p in session.participants()] == ["Jeugd-GGZ"]
    with pytest.raises(RuleViolation, match="naam of rol"):
        session.add_participant("  ")


def test_nothing_is_recorded_before_the_start(session: MeetingSession) -> None:
    with pytest.raises(RuleViolation, match="nog niet gestart"):
        session.record_note(NoteKind.FEIT, "te vroeg")


def test_notes_are_recorded_edited_and_deleted(session: MeetingSession) -> None:
    session.start()
    speaker = session.add_participant("Wijkagent", organisation="Politie").item
    note = session.record_note(NoteKind.FEIT, "  Drie meldingen  ", participant_id=speaker.id).item
    assert (note.text, note.phase, note.question_id) == (
        "Drie meldingen",
        Phase.BEELDVORMING,
        "vb-aanleiding",
    )
    session.edit_note(note.id, text="Vier meldingen", kind=NoteKind.AANNAME)
    (edited,) = session.notes()
    assert (edited.text, edited.kind, edited.participant_id) == (
        "Vier meldingen",
        NoteKind.AANNAME,
        speaker.id,
    )
    with pytest.raises(RuleViolation, match="leeg"):
        session.record_note(NoteKind.ZORG, "   ")
    session.delete_note(note.id)
    assert session.notes() == []
    with pytest.raises(NotFound):
        session.delete_note(note.id)


def test_bsn_like_text_gives_a_warning_but_is_kept(session: MeetingSession) -> None:
    session.start()
    saved = session.record_note(NoteKind.FEIT, "BSN 111222333 genoemd")
    assert saved.warnings == (BSN_WARNING,)
    assert session.record_note(NoteKind.FEIT, "niets bijzonders").warnings == ()


def test_bsn_like_case_code_warns(store: Store, example_set: QuestionSet, clock: FakeClock) -> None:
    saved = MeetingSession.create(store, example_set, case_code="111222333", held_on=clock.today)
    assert saved.warnings == (BSN_WARNING,)


def test_navigation_and_coverage(session: MeetingSession) -> None:
    position = session.start()
    assert (position.phase, position.question.id) == (Phase.BEELDVORMING, "vb-aanleiding")
    session.record_note(NoteKind.FEIT, "Melding van de school")
    assert session.next_question().question.id == "vb-eigen-kijk"  # type: ignore[union-attr]
    assert session.next_question().question.id == "vb-vt-informatie"  # type: ignore[union-attr]
    assert session.next_question() is None  # last question of the phase
    assert session.previous_question().question.id == "vb-eigen-kijk"  # type: ignore[union-attr]
    coverage = session.coverage()
    assert coverage["vb-aanleiding"] is Coverage.BESPROKEN  # a note was made on it
    assert coverage["vb-eigen-kijk"] is Coverage.NOG_NIET  # only passed over
    assert coverage["vb-vt-informatie"] is Coverage.NOG_NIET
    with pytest.raises(RuleViolation, match="huidige fase"):
        session.go_to_question("vb-acties")

    session.next_phase()
    assert session.coverage()["vb-eigen-kijk"] is Coverage.OVERGESLAGEN
    session.record_judgement(JudgementKind.KERNPROBLEEM, "Spanning tussen de ouders")
    session.go_to_question("vb-ketenfase")  # jumps over vb-risico
    coverage = session.coverage()
    assert coverage["vb-kernprobleem"] is Coverage.BESPROKEN  # a judgement was made on it
    assert coverage["vb-risico"] is Coverage.OVERGESLAGEN
    session.mark_question("vb-risico", Coverage.BESPROKEN)
    assert session.coverage()["vb-risico"] is Coverage.BESPROKEN


def test_only_what_was_recorded_counts_as_discussed(session: MeetingSession) -> None:
    session.start()
    session.next_question()  # over vb-aanleiding, a key question, without a word noted
    session.next_question()
    untouched = [q.id for q in session.untouched_core_questions(Phase.BEELDVORMING)]
    assert untouched == ["vb-aanleiding", "vb-eigen-kijk"]
    assert session.leaving_phase_warnings()[0].startswith("2 kernvragen nog niet besproken")

    session.go_to_question("vb-eigen-kijk")
    score = session.record_safety_score("Moeder", 4).item
    session.previous_question()
    note = session.record_note(NoteKind.ZORG, "Op de verkeerde vraag").item
    assert session.untouched_core_questions(Phase.BEELDVORMING) == []
    session.delete_note(note.id)  # undone: the question was not discussed after all
    assert [q.id for q in session.untouched_core_questions(Phase.BEELDVORMING)] == ["vb-aanleiding"]
    session.mark_question("vb-aanleiding", Coverage.BESPROKEN)  # the chair says it was
    assert session.untouched_core_questions(Phase.BEELDVORMING) == []
    session.delete_safety_score(score.id)
    assert session.coverage()["vb-eigen-kijk"] is Coverage.NOG_NIET


def test_leaving_beeldvorming_early_warns(session: MeetingSession, clock: FakeClock) -> None:
    session.start()
    session.record_note(NoteKind.FEIT, "Aanleiding besproken")
    warnings = session.leaving_phase_warnings()
    # vb-eigen-kijk is a key question not yet reached
    assert (
        "1 kernvraag nog niet besproken: 'Hoe kijkt de cliënt zelf naar de situatie?'" in warnings
    )
    assert any("Beeldvorming duurde pas 0 van de 30 minuten" in w for w in warnings)
    session.next_question()
    clock.advance(20)
    assert len(session.leaving_phase_warnings()) == 1  # on screen is not discussed
    session.record_note(NoteKind.KRACHT, "Moeder wil hulp")
    assert session.leaving_phase_warnings() == []
    session.next_phase()
    assert session.coverage()["vb-vt-informatie"] is Coverage.OVERGESLAGEN


def test_time_per_phase_excludes_time_outs(session: MeetingSession, clock: FakeClock) -> None:
    session.start()
    clock.advance(10)
    session.start_time_out()
    assert session.in_time_out()
    with pytest.raises(RuleViolation, match="al een time-out"):
        session.start_time_out()
    clock.advance(5)
    session.end_time_out()
    clock.advance(10)
    session.next_phase()
    clock.advance(7)
    spent = session.time_spent()
    assert spent[Phase.BEELDVORMING] == timedelta(minutes=20)
    assert spent[Phase.OORDEELSVORMING] == timedelta(minutes=7)
    assert session.meeting_clock() == timedelta(minutes=27)
    assert len(session.time_outs()) == 1


def test_suspend_and_resume_keep_the_clock(
    store: Store, session: MeetingSession, clock: FakeClock
) -> None:
    session.start()
    session.next_question()
    clock.advance(12)
    session.suspend()
    clock.advance(60)  # the app was closed for an hour
    reopened = MeetingSession.open(store, session.meeting_id, session.question_set, clock)
    position = reopened.resume()
    assert position is not None and position.question.id == "vb-eigen-kijk"
    clock.advance(3)
    assert reopened.time_spent()[Phase.BEELDVORMING] == timedelta(minutes=15)


def test_resume_after_a_crash_stops_the_clock_at_the_last_change(
    store: Store, session: MeetingSession, clock: FakeClock
) -> None:
    session.start()
    clock.advance(8)
    session.record_note(NoteKind.FEIT, "laatste notitie voor de crash")
    clock.advance(90)  # no suspend: the process died
    reopened = MeetingSession.open(store, session.meeting_id, session.question_set, clock)
    reopened.resume()
    assert reopened.time_spent()[Phase.BEELDVORMING] == timedelta(minutes=8)


def test_scores_and_judgements(session: MeetingSession) -> None:
    session.start()
    session.record_safety_score("Moeder", 4, "Als vader in therapie gaat")
    for bad in (11, -1):
        with pytest.raises(RuleViolation, match="0 tot en met 10"):
            session.record_safety_score("Moeder", bad)
    risk = session.record_judgement(
        JudgementKind.RISICO, "Herhaling", likelihood=Likelihood.HOOG
    ).item
    with pytest.raises(RuleViolation, match="Alleen een risico"):
        session.record_judgement(JudgementKind.DILEMMA, "Zorg of straf", likelihood=Likelihood.LAAG)
    session.edit_judgement(risk.id, text="Herhaling met escalatie")
    assert [j.text for j in session.judgements()] == ["Herhaling met escalatie"]
    score = session.safety_scores()[0]
    with pytest.raises(RuleViolation, match="0 tot en met 10"):
        session.edit_safety_score(score.id, score=12)
    session.edit_safety_score(score.id, score=5)
    session.set_chain_care_phase(ChainCarePhase.VEILIGHEID)
    assert session.meeting().chain_care_phase is ChainCarePhase.VEILIGHEID
    assert [s.score for s in session.safety_scores()] == [5]
    session.delete_safety_score(score.id)
    session.delete_judgement(risk.id)
    assert session.safety_scores() == [] and session.judgements() == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"action": ""}, "Een besluit heeft een actie nodig."),
        ({"owner_person": ""}, "Een besluit heeft een eigenaar \\(persoon\\) nodig."),
        ({"owner_organisation": " "}, "de organisatie van de eigenaar nodig"),
        ({"deadline": None}, "een deadline nodig"),
        ({"deadline": "past"}, "ligt in het verleden"),
        (
            {"action": "", "owner_person": "", "deadline": None},
            "een actie, een eigenaar \\(persoon\\) en een deadline nodig",
        ),
    ],
)
def test_decision_rules(
    session: MeetingSession, clock: FakeClock, fields: dict, message: str
) -> None:
    session.start()
    values = {
        "action": "Plan",
        "owner_person": "Jan",
        "owner_organisation": "Politie",
        "deadline": clock.today,
    }
    values.update(fields)
    if values["deadline"] == "past":
        values["deadline"] = clock.today - timedelta(days=1)
    with pytest.raises(RuleViolation, match=message):
        session.record_decision(values.pop("action"), **values)
    assert session.decisions() == []


def test_decision_edit_keeps_rules_and_status_has_history(
    session: MeetingSession, clock: FakeClock
) -> None:
    session.start()
    decision = decide(session, clock)
    with pytest.raises(RuleViolation, match="eigenaar"):
        session.edit_decision(decision.id, owner_person="")
    session.edit_decision(decision.id, deadline=clock.today + timedelta(days=30))
    session.set_decision_status(decision.id, DecisionStatus.GEDAAN, "klaar")
    history = session.status_history(decision.id)
    assert [h.status for h in history] == [DecisionStatus.OPEN, DecisionStatus.GEDAAN]
    assert session.decisions()[0].deadline == clock.today + timedelta(days=30)


def test_close_needs_owned_decisions_and_an_evaluation_date(
    session: MeetingSession, clock: FakeClock
) -> None:
    session.start()
    decide(session, clock)
    with pytest.raises(RuleViolation, match="geen evaluatiedatum"):
        session.close()
    with pytest.raises(RuleViolation, match="verleden"):
        session.set_evaluation(evaluation_date=clock.today - timedelta(days=1))
    session.set_evaluation(
        evaluation_date=clock.today + timedelta(days=42), client_informed_by="Wijkteam"
    )
    closed = session.close()
    assert closed.status.value == "gesloten" and closed.closed_at == clock.now
    with pytest.raises(RuleViolation, match="gesloten"):
        session.record_note(NoteKind.FEIT, "te laat")


def test_open_actions_are_reviewed_first_at_the_next_meeting(
    store: Store, session: MeetingSession, example_set: QuestionSet, clock: FakeClock
) -> None:
    session.start()
    first = decide(session, clock, "Veiligheidsplan maken")
    second = decide(session, clock, "Vader aanmelden voor training")
    done_already = decide(session, clock, "School informeren")
    session.set_decision_status(done_already.id, DecisionStatus.GEDAAN)
    session.set_evaluation(evaluation_date=clock.today + timedelta(days=21))
    session.close()

    clock.advance(60 * 24 * 21)
    follow_up = MeetingSession.create(
        store, example_set, case_code="ZVH-TEST-001", held_on=clock.today, clock=clock
    ).item
    other_case = MeetingSession.create(
        store, example_set, case_code="ANDERE-ZAAK", held_on=clock.today, clock=clock
    ).item
    assert other_case.carried_over() == []
    carried = follow_up.carried_over()
    assert [c.decision.action for c in carried] == [
        "Veiligheidsplan maken",
        "Vader aanmelden voor training",
    ]
    with pytest.raises(RuleViolation, match="Bespreek eerst de 2 open actie"):
        follow_up.start()
    follow_up.review_carried_over(first.id, DecisionStatus.GEDAAN, "plan getekend")
    follow_up.review_carried_over(second.id, DecisionStatus.OPEN, "wachtlijst")
    follow_up.start()

    history = follow_up.status_history(first.id)
    assert history[-1].meeting_id == follow_up.meeting_id and history[-1].reason == "plan getekend"
    assert session.decisions()[0].status is DecisionStatus.GEDAAN  # recorded on the original
    assert [c.review is not None for c in follow_up.carried_over()] == [True, True]
    follow_up.review_carried_over(first.id, DecisionStatus.VERVALLEN, "toch niet nodig")
    assert [c.review.status for c in follow_up.carried_over() if c.review] == [
        DecisionStatus.VERVALLEN,  # the newest review of the same action is the one shown
        DecisionStatus.OPEN,
    ]
    assert [h.status for h in follow_up.status_history(second.id)] == [DecisionStatus.OPEN] * 2
    with pytest.raises(NotFound):
        follow_up.review_carried_over(done_already.id, DecisionStatus.OPEN)


def test_every_change_is_in_the_event_log_without_text(
    store: Store, session: MeetingSession, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Geheime casustekst over het gezin"
    with caplog.at_level(logging.DEBUG):
        session.start()
        note = session.record_note(NoteKind.ZORG, secret).item
        session.edit_note(note.id, text=secret + " (aangepast)")
        session.delete_note(note.id)
    with store.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT action, entity, entity_id FROM meetingevent ORDER BY id")
        ).all()
        everything = " ".join(
            str(value)
            for row in connection.execute(text("SELECT * FROM meetingevent"))
            for value in row
        )
    assert [r.action for r in rows] == [
        "meeting.created",
        "meeting.started",
        "note.recorded",
        "note.edited",
        "note.deleted",
    ]
    assert rows[-1].entity_id == note.id
    assert "Geheime" not in everything
    assert all("Geheime" not in record.getMessage() for record in caplog.records)


def test_parked_ideas_come_back_in_besluitvorming(
    session: MeetingSession, clock: FakeClock
) -> None:
    session.start()
    agent = session.add_participant("Wijkagent", organisation="Politie").item
    idea = session.park_idea("Huisverbod opleggen", participant_id=agent.id).item
    dropped = session.park_idea("Gezin laten verhuizen").item
    assert (idea.phase, idea.question_id, idea.participant_id) == (
        Phase.BEELDVORMING,
        "vb-aanleiding",
        agent.id,
    )
    with pytest.raises(RuleViolation, match="leeg"):
        session.park_idea(" ")
    session.next_phase()
    session.next_phase()
    session.set_evaluation(evaluation_date=clock.today + timedelta(days=30))
    with pytest.raises(RuleViolation, match="2 geparkeerde ideeën"):
        session.close()
    decision = session.decide_parked_idea(
        idea.id,
        "Huisverbod voorbereiden",
        owner_person="Burgemeester",
        owner_organisation="Gemeente",
        deadline=clock.today + timedelta(days=2),
    ).item
    session.drop_parked_idea(dropped.id)
    with pytest.raises(RuleViolation, match="al behandeld"):
        session.drop_parked_idea(dropped.id)
    outcomes = {p.text: (p.outcome.value, p.decision_id) for p in session.parked_ideas()}
    assert outcomes == {
        "Huisverbod opleggen": ("besluit", decision.id),
        "Gezin laten verhuizen": ("vervallen", None),
    }
    assert session.open_parked_ideas() == []
    session.close()


def test_own_question_joins_the_current_theme(
    store: Store, session: MeetingSession, example_set: QuestionSet, clock: FakeClock
) -> None:
    from bobtui.core.documents.summary import build_summary

    session.start()
    position = session.add_own_question("Wie is de vaste huisarts van het gezin?")
    assert (position.question.id, position.phase) == ("eigen-1", Phase.BEELDVORMING)
    theme = session.question_set.theme_of("eigen-1")
    assert theme.id == "aanleiding" and theme.questions[-1].text.startswith("Wie is de vaste")
    assert session.coverage()["vb-aanleiding"] is Coverage.NOG_NIET  # left without a note
    assert "vb-eigen-kijk" not in [
        q for q, c in session.coverage().items() if c is Coverage.OVERGESLAGEN
    ]
    session.record_note(NoteKind.INFORMATIEGAT, "Huisarts onbekend")
    with pytest.raises(RuleViolation, match="leeg"):
        session.add_own_question("  ")
    # the shipped set is untouched:
    assert "eigen-1" not in [q.id for q in example_set.all_questions()]

    reopened = MeetingSession.open(store, session.meeting_id, example_set, clock)
    assert reopened.position().question.id == "eigen-1"
    assert build_summary(reopened.snapshot()).notes["beeldvorming"]["informatiegat"][
        0
    ].question == ("Wie is de vaste huisarts van het gezin?")
