"""The structured summary of a full meeting, as Markdown and as schema-valid JSON."""

import copy
import json
from datetime import timedelta

import jsonschema
import pytest

from bobtui.core.documents.export import FORMATS, ExportFormat, render
from bobtui.core.documents.render import render_markdown
from bobtui.core.documents.summary import Summary, build_summary
from bobtui.core.documents.summary_json import summary_to_json
from bobtui.core.domain.vocabulary import (
    ChainCarePhase,
    DecisionStatus,
    Domain,
    JudgementKind,
    Likelihood,
    NoteKind,
    Presence,
    Priority,
)
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import Store
from tests.conftest import ROOT, FakeClock
from tests.core.test_exports import text_of

SCHEMA = json.loads((ROOT / "src/bobtui/core/documents/schemas/summary.schema.json").read_text())


@pytest.fixture
def full_meeting(store: Store, example_set: QuestionSet, clock: FakeClock) -> MeetingSession:
    earlier = MeetingSession.create(
        store, example_set, case_code="ZVH-7", held_on=clock.today, clock=clock
    ).item
    earlier.start()
    earlier.next_phase()
    earlier.next_phase()
    carried = earlier.record_decision(
        "Huisbezoek plannen",
        owner_person="R. Jansen",
        owner_organisation="Wijkteam",
        deadline=clock.today + timedelta(days=7),
    ).item
    earlier.set_evaluation(evaluation_date=clock.today + timedelta(days=14))
    earlier.close()
    clock.advance(60 * 24 * 14)

    session = MeetingSession.create(
        store,
        example_set,
        case_code="ZVH-7",
        held_on=clock.today,
        location="ZVH | zaal 2",
        reason="Nieuwe melding na evaluatie",
        clock=clock,
    ).item
    mother = session.add_participant("Moeder", is_client=True).item
    agent = session.add_participant(
        "Wijkagent", organisation="Politie", role="wijkagent", domain=Domain.STRAF
    ).item
    session.add_participant(
        "Jeugd-GGZ",
        organisation="Jeugd-GGZ",
        speaks_for_child=True,
        presence=Presence.VERTEGENWOORDIGD,
        represented_by="R. Jansen (wijkteam)",
    )
    session.add_participant("Vader", is_client=True, presence=Presence.AFWEZIG)
    session.review_carried_over(carried.id, DecisionStatus.GEDAAN, "huisbezoek gedaan")
    session.start()
    session.record_note(NoteKind.FEIT, "Twee meldingen in maart", participant_id=agent.id)
    session.record_note(NoteKind.AANNAME, "Spanning door schulden")
    session.record_note(NoteKind.ZORG, "Kinderen waren erbij")
    session.record_note(NoteKind.KRACHT, "Moeder werkt mee", participant_id=mother.id)
    session.record_note(NoteKind.INFORMATIEGAT, "Schoolbeeld onbekend")
    session.record_safety_score("Moeder", 5, "Vader in behandeling")
    clock.advance(30)
    session.next_phase()
    session.record_judgement(JudgementKind.KERNPROBLEEM, "Escalerende ruzies")
    session.record_judgement(JudgementKind.RISICO, "Herhaling", likelihood=Likelihood.HOOG)
    session.record_judgement(JudgementKind.DILEMMA, "Vrijwillig of verplichtend kader")
    session.set_chain_care_phase(ChainCarePhase.VEILIGHEID)
    clock.advance(20)
    session.next_phase()
    session.record_decision(
        "Veiligheidsplan | opstellen",
        owner_person="M. de Boer",
        owner_organisation="Veilig Thuis",
        deadline=clock.today + timedelta(days=7),
        priority=Priority.HOOG,
        chain_care_phase=ChainCarePhase.VEILIGHEID,
    )
    session.set_evaluation(
        evaluation_date=clock.today + timedelta(days=42),
        next_meeting_on=clock.today + timedelta(days=42),
        client_informed_by="Wijkteam",
    )
    clock.advance(15)
    session.close()
    return session


def test_summary_holds_the_meeting_in_order(full_meeting: MeetingSession) -> None:
    summary = build_summary(full_meeting.snapshot())
    assert summary.case_code == "ZVH-7" and summary.status == "gesloten"
    assert [(a.name, a.presence, a.represented_by) for a in summary.attendance] == [
        ("Moeder", "aanwezig", None),
        ("Wijkagent", "aanwezig", None),
        ("Jeugd-GGZ", "vertegenwoordigd", "R. Jansen (wijkteam)"),
        ("Vader", "afwezig", None),
    ]
    beeld = summary.notes["beeldvorming"]
    assert list(beeld) == ["feit", "aanname", "zorg", "kracht", "informatiegat"]
    assert beeld["feit"][0].said_by == "Wijkagent (Politie)"
    assert beeld["feit"][0].question == full_meeting.question_set.question("vb-aanleiding").text
    assert [j.kind for j in summary.judgements] == ["kernprobleem", "risico", "dilemma"]
    assert summary.previous_actions[0].new_status == "gedaan"
    assert [(p.phase, p.minutes_spent) for p in summary.process] == [
        ("beeldvorming", 30.0),
        ("oordeelsvorming", 20.0),
        ("besluitvorming", 15.0),
    ]


def test_markdown_follows_the_hand_out_order(full_meeting: MeetingSession) -> None:
    text = render_markdown(build_summary(full_meeting.snapshot()))
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Aanwezigheid",
        "## Aanleiding",
        "## Beeldvorming",
        "## Oordeelsvorming",
        "## Besluiten",
        "## Uit de besluitvorming",
        "## Evaluatie en vervolg",
        "## Acties uit het vorige overleg",
        "## Procesgegevens",
    ]
    assert (
        text.index("### Feiten")
        < text.index("### Aannames")
        < text.index("### Zorgen")
        < text.index("### Veiligheidsscores")
    )
    assert "| Veiligheidsplan \\| opstellen | M. de Boer | Veilig Thuis |" in text
    assert "**Locatie:** ZVH \\| zaal 2" in text
    assert "(kans: hoog)" in text and "Veiligheid" in text.title()


@pytest.mark.parametrize("export_format", FORMATS)
def test_represented_is_counted_apart_in_every_format(
    full_meeting: MeetingSession, export_format: ExportFormat
) -> None:
    """A represented participant is neither present nor absent, and says who spoke for them."""
    content = render(build_summary(full_meeting.snapshot()), export_format)
    if export_format == "json":
        assert isinstance(content, str)
        attendance = json.loads(content)["attendance"]
        assert [(a["presence"], a["represented_by"]) for a in attendance] == [
            ("aanwezig", None),
            ("aanwezig", None),
            ("vertegenwoordigd", "R. Jansen (wijkteam)"),
            ("afwezig", None),
        ]
        return
    text = text_of(export_format, content)
    assert "vertegenwoordigd door R. Jansen (wijkteam)" in text
    counts = "Aanwezig: 2 · afwezig: 1 · vertegenwoordigd: 1 (Jeugd-GGZ door R. Jansen (wijkteam))"
    assert counts in text


def test_json_follows_the_schema(full_meeting: MeetingSession) -> None:
    data = json.loads(render(build_summary(full_meeting.snapshot()), "json"))
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert data["schema_version"] == 6
    assert data["profile"]["name"] == "volledig" and not data["profile"]["confidential_included"]
    assert data["decisions"][0]["deadline"].count("-") == 2


def test_schema_rejects_what_a_case_system_could_not_read(full_meeting: MeetingSession) -> None:
    data = summary_to_json(build_summary(full_meeting.snapshot()))
    for breaking in (
        lambda d: d["decisions"][0].pop("owner_person"),
        lambda d: d["safety_scores"][0].update(score=12),
        lambda d: d.update(status="onbekend"),
        lambda d: d["notes"]["beeldvorming"].update(mening=[]),
        lambda d: d["attendance"][2].update(presence="deels"),
    ):
        broken = copy.deepcopy(data)
        breaking(broken)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_summary_of_an_empty_planned_meeting(session: MeetingSession) -> None:
    summary: Summary = build_summary(session.snapshot())
    text = render_markdown(summary)
    assert "Geen notities." in text and "Geen besluiten vastgelegd." in text
    jsonschema.validate(summary_to_json(summary), SCHEMA, cls=jsonschema.Draft202012Validator)
