"""Feedback on the chair, computed from what a rehearsal recorded: every item flagged for the
right reason and with its evidence, none without; comparing two rehearsals; the role cards and
the trainer sheet."""

import io
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from bobtui.core.documents.export import render_document
from bobtui.core.domain.vocabulary import Coverage, JudgementKind, NoteKind, Phase
from bobtui.core.questions.sets import default_catalog
from bobtui.core.session import MeetingSession
from bobtui.core.session.rehearsal import PracticeEventAction
from bobtui.core.store.engine import Store, open_store, sqlite_url
from bobtui.core.training.cases import PracticeCase
from bobtui.core.training.catalog import default_practice_catalog
from bobtui.core.training.compare import compare_decisions, compare_reports
from bobtui.core.training.feedback import FeedbackReport, rehearsal_feedback
from bobtui.core.training.handouts import build_comparison_handout, build_feedback_handout
from bobtui.core.training.rehearsal import start_rehearsal
from bobtui.core.training.sheets import build_role_cards, build_trainer_sheet
from tests.conftest import FakeClock, configured_paths
from tests.core.test_cli import assert_one_sentence_error, bobtui
from tests.core.test_practice import KNOWN, example_case  # noqa: F401  (fixture)


@dataclass(frozen=True)
class Rehearsals:
    """The example case rehearsed in the trainer's own store, on the test's fake clock."""

    store: Store
    case: PracticeCase
    clock: FakeClock

    def start(self) -> MeetingSession:
        question_set = default_catalog().get(self.case.leidraad)
        session = start_rehearsal(self.store, self.case, question_set, clock=self.clock)
        session.start()
        return session

    def feedback(self, session: MeetingSession) -> FeedbackReport:
        return rehearsal_feedback(session, self.case, default_practice_catalog(KNOWN))


@pytest.fixture
def rehearsals(example_case: PracticeCase, clock: FakeClock) -> Rehearsals:  # noqa: F811
    store = open_store(sqlite_url(configured_paths().rehearsal_store))
    return Rehearsals(store, example_case, clock)


def decide(session: MeetingSession, clock: FakeClock, action: str) -> None:
    session.record_decision(
        action,
        owner_person="R. Jansen",
        owner_organisation="Wijkteam",
        deadline=clock.today + timedelta(days=14),
    )


def close(session: MeetingSession, clock: FakeClock) -> None:
    session.set_evaluation(evaluation_date=clock.today + timedelta(days=42))
    for idea in session.open_parked_ideas():
        session.drop_parked_idea(idea.id)
    session.close()


def hasty_rehearsal(rehearsals: Rehearsals) -> MeetingSession:
    """Jumps to a decision in beeldvorming and skips oordeelsvorming."""
    session, clock = rehearsals.start(), rehearsals.clock
    _mother, agent = session.participants()
    clock.advance(3)
    session.record_note(NoteKind.FEIT, "Twee meldingen in drie maanden", participant_id=agent.id)
    clock.advance(4)
    session.record_note(NoteKind.AANNAME, "Vader drinkt waarschijnlijk", participant_id=agent.id)
    clock.advance(2)
    session.record_note(NoteKind.ZORG, "Escalatie dreigt", participant_id=agent.id)
    clock.advance(1)
    decide(session, clock, "Huisverbod aanvragen")
    clock.advance(5)
    session.next_phase()  # oordeelsvorming, left at once
    session.next_phase()
    clock.advance(10)
    decide(session, clock, "Schuldhulp aanvragen met moeder")
    close(session, clock)
    return session


def thorough_rehearsal(rehearsals: Rehearsals) -> MeetingSession:
    """Every question discussed, facts first, everyone scored, the client and child heard."""
    session, clock = rehearsals.start(), rehearsals.clock
    mother, agent = session.participants()
    minutes = {Phase.BEELDVORMING: 12, Phase.OORDEELSVORMING: 7, Phase.BESLUITVORMING: 7}
    for guide in session.question_set.phases:
        if guide.phase is not Phase.BEELDVORMING:
            session.next_phase()
        questions = list(guide.questions())
        for question in questions:
            session.go_to_question(question.id)
            session.record_note(
                NoteKind.KRACHT, f"Besproken: {question.id}", participant_id=mother.id
            )
            if question.id == "hg-b-patroon-geweld":
                session.record_note(
                    NoteKind.FEIT, "Twee meldingen in drie maanden", participant_id=agent.id
                )
                session.record_note(
                    NoteKind.FEIT, "De ruzies gaan over geld en schulden", participant_id=mother.id
                )
            if question.id == "hg-b-cijfer-client":
                session.record_safety_score("Moeder (gespeeld)", 4, participant_id=mother.id)
                session.record_safety_score("Wijkagent", 3, participant_id=agent.id)
            clock.advance(minutes[guide.phase] / len(questions))
        if guide.phase is Phase.BESLUITVORMING:
            decide(session, clock, "Schuldhulp aanvragen met moeder")
    close(session, clock)
    return session


def test_a_thorough_rehearsal_raises_no_point(rehearsals: Rehearsals) -> None:
    session = thorough_rehearsal(rehearsals)
    report = rehearsals.feedback(session)
    # The events never came (the trainer's panel would have started them): not a point.
    assert [f.label for f in report.figures if f.attention] == []
    assert report.figure("kernfeiten").value == "2 van 2"
    assert report.figure("veiligheidsscores").value == "2 van 2"


def test_time_against_the_timebox_both_ways(rehearsals: Rehearsals) -> None:
    session, clock = rehearsals.start(), rehearsals.clock
    clock.advance(1)  # 1 minute of the 8–15 the case asks for beeldvorming
    session.next_phase()
    clock.advance(30)  # 30 of at most 10
    session.next_phase()
    clock.advance(5)  # within 4–10
    report = rehearsals.feedback(session)
    picture = report.figure("tijd-beeldvorming")
    assert picture.attention and picture.value == "te kort: 1:00; 3 % (doel 44 %)"
    assert picture.reason == (
        "Te kort: 7 min 0 s korter dan het minimum; verwacht 8–15 min; "
        "3 % van het overleg, de leidraad bedoelt 44 %."
    )
    judging = report.figure("tijd-oordeelsvorming")
    assert judging.attention and judging.value == "te lang: 30:00; 83 % (doel 28 %)"
    assert judging.reason.startswith("Te lang: 20 min 0 s over het maximum")
    deciding = report.figure("tijd-besluitvorming")
    assert not deciding.attention and deciding.reason.startswith("Binnen de tijd")


def test_coverage_is_earned_by_what_was_recorded_on_the_question(rehearsals: Rehearsals) -> None:
    session, clock = rehearsals.start(), rehearsals.clock
    mother, agent = session.participants()
    session.go_to_question("hg-b-cijfer-client", skip_between=False)
    clock.advance(2)
    session.record_safety_score("Moeder (gespeeld)", 6, participant_id=mother.id)
    session.go_to_question("hg-b-patroon-geweld", skip_between=False)
    clock.advance(1)
    # Mentions the key fact's words, but as a question: no credit for keywords alone.
    session.record_note(
        NoteKind.AANNAME, "Twee meldingen in drie maanden?", participant_id=agent.id
    )
    session.next_phase()
    session.go_to_question("hg-o-kernproblemen", skip_between=False)
    clock.advance(1)
    session.record_judgement(JudgementKind.KERNPROBLEEM, "Geldzorgen en drank")
    session.next_phase()
    session.go_to_question("hg-d-acties", skip_between=False)
    decide(session, clock, "Schuldhulp aanvragen met moeder")
    close(session, clock)
    report = rehearsals.feedback(session)
    questions = {q.question_id: q for q in report.questions}
    score = questions["hg-b-cijfer-client"]
    assert score.status is Coverage.BESPROKEN
    assert [(m.clock, m.what) for m in score.evidence] == [
        ("0:02:00", "veiligheidsscore 6 van Moeder (gespeeld)")
    ]
    judged = questions["hg-o-kernproblemen"]
    assert judged.status is Coverage.BESPROKEN
    assert [(m.clock, m.what) for m in judged.evidence] == [
        ("0:04:00", "oordeel (kernprobleem): Geldzorgen en drank")
    ]
    decided = questions["hg-d-acties"]
    assert decided.status is Coverage.BESPROKEN
    assert [(m.clock, m.what) for m in decided.evidence] == [
        ("0:04:00", "besluit: Schuldhulp aanvragen met moeder (R. Jansen)")
    ]
    evaluation = questions["hg-d-evaluatie"]
    assert evaluation.status is Coverage.BESPROKEN
    assert evaluation.evidence[0].what.startswith("evaluatie vastgelegd: ")
    pattern = questions["hg-b-patroon-geweld"]
    assert pattern.status is Coverage.BESPROKEN  # the note is on it, whatever its kind
    assert report.key_facts[0].captured is None  # an assumption is not the fact
    assert pattern.expected_facts == ("Twee meldingen in drie maanden.",)
    untouched = questions["hg-b-veiligheid-per-kind"]
    assert untouched.open_core and untouched.evidence == ()
    assert untouched.reason.startswith("overgeslagen: verder gegaan")
    picture = report.figure("vragen-beeldvorming")
    assert picture.attention and "Kernvragen zonder iets vastgelegd" in picture.reason
    assert "hg-b-cijfer-client" not in picture.reason


def test_a_judgement_or_a_decision_alone_covers_its_question(rehearsals: Rehearsals) -> None:
    """Nothing but a judgement on one question, nothing but a decision on another: each counts,
    named in the evidence. A judgement taken back takes its question's mark with it, and a
    question nothing was recorded on stays open."""
    session, clock = rehearsals.start(), rehearsals.clock
    session.next_phase()
    session.go_to_question("hg-o-risico-herhaling", skip_between=False)
    clock.advance(3)
    session.record_judgement(JudgementKind.RISICO, "Nieuw incident bij geldstress")
    session.go_to_question("hg-o-directe-veiligheid", skip_between=False)
    clock.advance(1)
    undone = session.record_judgement(JudgementKind.DILEMMA, "Huisverbod of vrijwillig").item
    session.delete_judgement(undone.id)
    session.next_phase()
    session.go_to_question("hg-d-prioriteiten", skip_between=False)
    clock.advance(2)
    decide(session, clock, "Eerst de schulden op orde")
    report = rehearsals.feedback(session)
    questions = {q.question_id: q for q in report.questions}
    risk = questions["hg-o-risico-herhaling"]
    assert risk.status is Coverage.BESPROKEN
    assert risk.reason == "1 keer iets vastgelegd bij deze vraag"
    assert [(m.clock, m.what) for m in risk.evidence] == [
        ("0:03:00", "oordeel (risico): Nieuw incident bij geldstress")
    ]
    priorities = questions["hg-d-prioriteiten"]
    assert priorities.status is Coverage.BESPROKEN
    assert [(m.clock, m.what) for m in priorities.evidence] == [
        ("0:06:00", "besluit: Eerst de schulden op orde (R. Jansen)")
    ]
    taken_back = questions["hg-o-directe-veiligheid"]
    assert taken_back.status is not Coverage.BESPROKEN and taken_back.evidence == ()
    assert taken_back.open_core
    for untouched in ("hg-o-kernproblemen", "hg-d-veiligheidsplan"):
        assert questions[untouched].open_core and questions[untouched].evidence == ()
    judging = report.figure("vragen-oordeelsvorming")
    assert judging.attention and "kernvragen open" in judging.value
    assert [m.what for m in judging.moments] == ["oordeel (risico): Nieuw incident bij geldstress"]
    assert "Als we alles overzien" in judging.reason  # hg-o-kernproblemen, still open
    assert "Hoe groot schatten" not in judging.reason  # hg-o-risico-herhaling, judged


def test_facts_that_read_as_assumptions_are_listed_not_scored(rehearsals: Rehearsals) -> None:
    session, clock = rehearsals.start(), rehearsals.clock
    clock.advance(1)
    session.record_note(NoteKind.FEIT, "Twee meldingen in drie maanden")
    clock.advance(1)
    session.record_note(NoteKind.FEIT, "De buren zeggen: het is Waarschijnlijk elk weekend")
    clock.advance(1)
    session.record_note(NoteKind.FEIT, "Vader drinkt elke dag")  # a known assumption
    session.record_note(NoteKind.ZORG, "Het escaleert waarschijnlijk")  # a worry may guess
    session.record_note(NoteKind.FEIT, "Het is onwaarschijnlijke onzin")  # not the word itself
    report = rehearsals.feedback(session)
    check = report.figure("feit-of-aanname")
    assert check.attention and check.value == "2"
    assert [(m.clock, m.what) for m in check.moments] == [
        (
            "0:02:00",
            "als feit: De buren zeggen: het is Waarschijnlijk elk weekend — bevat 'waarschijnlijk'",
        ),
        (
            "0:03:00",
            "als feit: Vader drinkt elke dag — bekende aanname van de casus (Vader drinkt.)",
        ),
    ]
    assert not report.figure("feiten-en-aannames").attention  # the mix is not scored


def test_safety_scores_and_how_the_chair_met_each_event(rehearsals: Rehearsals) -> None:
    session, clock = rehearsals.start(), rehearsals.clock
    mother, _agent = session.participants()
    clock.advance(5)
    session.mark_practice_event(0)
    clock.advance(0.75)
    session.park_idea("Huisverbod")
    clock.advance(0.25)
    session.record_safety_score("Moeder (gespeeld)", 5, participant_id=mother.id)
    report = rehearsals.feedback(session)
    scores = report.figure("veiligheidsscores")
    assert scores.value == "1 van 2" and scores.reason == "Niet gevraagd: Wijkagent"
    assert not scores.attention  # the client was asked
    event = report.figure("gebeurtenis-0")
    assert event.value == "om 0:05:00; reactie na 45 s" and not event.attention
    assert event.label == "Gebeurtenis 1 (Wijkagent)"
    assert event.reason == (
        "De wijkagent stelt voor om direct een huisverbod … Eerste reactie na 45 s; "
        "2 keer iets vastgelegd in de 5 minuten erna."
    )
    assert [m.what for m in event.moments][1:] == [
        "geparkeerd: Huisverbod",
        "veiligheidsscore 5",
    ]
    assert report.figure("gebeurtenis-1").value == "niet gekomen"


def test_nobody_asked_for_a_score_and_an_event_left_unanswered(rehearsals: Rehearsals) -> None:
    session, clock = rehearsals.start(), rehearsals.clock
    clock.advance(5)
    session.mark_practice_event(0)
    clock.advance(6)
    session.record_note(NoteKind.FEIT, "Twee meldingen")  # after the window
    report = rehearsals.feedback(session)
    assert report.figure("veiligheidsscores").attention
    event = report.figure("gebeurtenis-0")
    assert event.attention and event.value == "om 0:05:00; niets vastgelegd erna"


def test_the_timeline_is_to_the_second_in_the_order_things_happened(rehearsals: Rehearsals) -> None:
    session, clock = rehearsals.start(), rehearsals.clock
    clock.now += timedelta(seconds=130)
    session.record_note(NoteKind.FEIT, "Zo begon het")
    clock.now += timedelta(seconds=30)
    session.record_note(NoteKind.FEIT, "Alles daarna")
    report = rehearsals.feedback(session)
    assert [(m.clock, m.what) for m in report.timeline] == [
        ("0:00:00", "Beeldvorming begint"),
        ("0:02:10", "notitie (feit): Zo begon het"),
        ("0:02:40", "notitie (feit): Alles daarna"),
    ]


def test_comparison_better_worse_equal_with_both_values_and_key_decisions(
    rehearsals: Rehearsals,
) -> None:
    hasty = rehearsals.feedback(hasty_rehearsal(rehearsals))
    thorough = rehearsals.feedback(thorough_rehearsal(rehearsals))
    rows = {row.label: row for row in compare_reports(hasty, thorough)}
    assert (rows["Kernfeiten op tafel"].first, rows["Kernfeiten op tafel"].second) == (
        "1 van 2",
        "2 van 2",
    )
    assert rows["Kernfeiten op tafel"].verdict == "beter"
    assert rows["Besluiten vóór oordeelsvorming"].verdict == "beter"
    assert rows["Veiligheidsscores gevraagd"].verdict == "beter"
    assert rows["Besluiten zonder eigenaar"].verdict == "gelijk"
    assert rows["Kernbesluiten genomen"].verdict == "gelijk"
    back = {row.label: row.verdict for row in compare_reports(thorough, hasty)}
    assert back["Kernfeiten op tafel"] == "slechter"
    [(text, first, second)] = compare_decisions(hasty, thorough)
    assert text == "Schuldhulp aanvragen met moeder."
    assert first.endswith("Schuldhulp aanvragen met moeder (R. Jansen, Wijkteam)")
    assert second.endswith("Schuldhulp aanvragen met moeder (R. Jansen, Wijkteam)")

    report_md = render_document(build_feedback_handout(hasty), "md")
    assert isinstance(report_md, str)
    assert "| Besluiten vóór oordeelsvorming | 1 | bespreken |" in report_md
    assert "| 0:10:00 | besluit: Huisverbod aanvragen |" in report_md  # the timeline
    expected_owner = "| Schuldhulp aanvragen met moeder. | Wijkteam | 0:25:00 Schuldhulp aanvragen"
    assert expected_owner in report_md
    comparison = render_document(build_comparison_handout(hasty, thorough), "md")
    assert isinstance(comparison, str)
    assert "| Kernfeiten op tafel | 1 van 2 | 2 van 2 | beter |" in comparison
    assert "Alle besluiten naast elkaar" in comparison and "Huisverbod aanvragen" in comparison


def test_events_follow_their_phase_condition_and_the_trainer(rehearsals: Rehearsals) -> None:
    from bobtui.core.training.events import due_event

    session, clock = rehearsals.start(), rehearsals.clock

    def due() -> int | None:
        snapshot = session.snapshot()
        log = session.practice_event_log()
        return due_event(rehearsals.case, snapshot, log, snapshot.time_spent, clock.now)

    clock.advance(4)
    assert due() is None  # minute 4 of beeldvorming; the event is at 5
    session.next_phase()
    clock.advance(10)
    assert due() is None  # beeldvorming is over: its event does not come in oordeelsvorming
    other = rehearsals.start()
    session = other
    clock.advance(5)
    assert due() == 0
    session.mark_practice_event(0, PracticeEventAction.DELAYED)
    clock.advance(1)
    assert due() is None  # two minutes later, not one
    clock.advance(1)
    assert due() == 0
    session.mark_practice_event(0, PracticeEventAction.SKIPPED)
    assert due() is None
    decide(session, clock, "Huisverbod aanvragen")  # a decision in beeldvorming
    assert due() == 1
    session.mark_practice_event(1, PracticeEventAction.TRIGGERED)
    assert due() is None
    report = rehearsals.feedback(session)
    assert report.figure("gebeurtenis-0").value == "overgeslagen door de trainer"
    assert "1× uitgesteld" in report.figure("gebeurtenis-0").reason
    assert "Door de trainer gestart" in report.figure("gebeurtenis-1").reason
    whats = [m.what for m in report.timeline]
    assert "trainer: gebeurtenis 1 uitgesteld" in whats
    assert whats.index("trainer: gebeurtenis 1 overgeslagen") < whats.index(
        "trainer: gebeurtenis 2 gestart"
    )


def test_role_cards_speak_to_the_player_one_per_page(example_case: PracticeCase) -> None:  # noqa: F811
    handout = build_role_cards(example_case)
    html = render_document(handout, "html")
    assert isinstance(html, str)
    assert html.count('class="page"') == 3  # the background and two cards
    assert "section.page + section.page { break-before: page; }" in html
    assert "Wat jij weet" in html and "Wat je weet" not in html and "Jouw zorg" in html
    assert "Je zoon sliep toen het gebeurde." in html and "laat je afremmen" in html
    document = render_document(handout, "docx")
    assert isinstance(document, bytes)
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        body = package.read("word/document.xml").decode()
    assert body.count('<w:br w:type="page"/>') == 2
    markdown = render_document(handout, "md")
    assert isinstance(markdown, str) and markdown.count("\n---\n") == 2


def test_the_trainer_sheet_is_the_answer_key(example_case: PracticeCase) -> None:  # noqa: F811
    markdown = render_document(build_trainer_sheet(example_case), "md")
    assert isinstance(markdown, str)
    for expected in (
        "Wat een goede voorzitter boven tafel krijgt: beeldvorming",
        "Verwacht: 8 tot 15 minuten.",
        "Geldzorgen als bron van de ruzies.",
        "| Schuldhulp aanvragen met moeder. | Wijkteam |",
        "| Twee meldingen in drie maanden. | hg-b-patroon-geweld |",
        "Vader drinkt.",
        "Het huisverbod in beeldvorming: parkeren, niet besluiten.",
        "| 5 min in beeldvorming | Wijkagent |",
        "zodra er in beeldvorming een besluit wordt vastgelegd",
        "niet uitdelen aan de spelers",
    ):
        assert expected in markdown, expected


def test_trainers_commands(tmp_path: Path, rehearsals: Rehearsals) -> None:
    hasty_rehearsal(rehearsals)
    thorough_rehearsal(rehearsals)
    rehearsals.store.dispose()
    cards = tmp_path / "kaarten.html"
    result = bobtui(
        "oefen", "kaarten", "voorbeeld-oefening", "--format", "html", "--out", str(cards)
    )
    assert result.returncode == 0, result.stderr
    assert "Rolkaart: Wijkagent" in cards.read_text()
    sheet = bobtui("oefen", "kaarten", "gezin-de-wit", "--trainer")
    assert sheet.returncode == 0, sheet.stderr
    assert "Trainersblad: Gezin De Wit" in sheet.stdout and "Valkuilen" in sheet.stdout
    assert "Rolkaart" not in sheet.stdout
    report = bobtui("oefen", "rapport", "OEFEN-VB-01-1")
    assert report.returncode == 0, report.stderr
    assert "overgeslagen" in report.stdout
    assert "| 0:10:00 | besluit: Huisverbod aanvragen |" in report.stdout
    compared = bobtui("oefen", "vergelijk", "1", "2")
    assert compared.returncode == 0
    assert "| Kernfeiten op tafel | 1 van 2 | 2 van 2 | beter |" in compared.stdout
    assert_one_sentence_error(bobtui("oefen", "rapport", "99"), "geen overleg")
    assert_one_sentence_error(bobtui("oefen", "kaarten", "onbekend"), "bestaat niet")
