"""The next meeting on a case starts where the last ended (the phase of gefaseerde ketenzorg
and the roster, proposed), and the summary records the phase and every time-out in all four
formats."""

import io
import json
import zipfile
from datetime import timedelta
from html.parser import HTMLParser
from xml.etree import ElementTree

import jsonschema
import pytest

from bobtui.core.documents.export import ExportFormat, render
from bobtui.core.documents.summary import build_summary
from bobtui.core.domain.errors import RuleViolation
from bobtui.core.domain.vocabulary import ChainCarePhase, Domain, Presence
from bobtui.core.questions.sets import QuestionSet, default_catalog
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import Store
from tests.conftest import ROOT, FakeClock

SCHEMA = json.loads((ROOT / "src/bobtui/core/documents/schemas/summary.schema.json").read_text())
WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def plan(store: Store, question_set: QuestionSet, clock: FakeClock, code: str) -> MeetingSession:
    return MeetingSession.create(
        store, question_set, case_code=code, held_on=clock.today, clock=clock
    ).item


def closed(session: MeetingSession, clock: FakeClock) -> None:
    session.set_evaluation(evaluation_date=clock.today + timedelta(days=14))
    session.close()
    clock.advance(60 * 24 * 14)


def test_the_phase_carries_to_the_next_meeting_as_a_proposal(
    store: Store, example_set: QuestionSet, clock: FakeClock
) -> None:
    first = plan(store, example_set, clock, "ZVH-K1")
    first.start()
    assert first.meeting().chain_care_phase is None  # the case's first meeting: nothing yet
    assert "De fase van gefaseerde ketenzorg is niet vastgesteld." in first.closing_points()
    first.set_chain_care_phase(ChainCarePhase.RISICOGESTUURDE_ZORG)
    assert not first.chain_care_phase_carried()
    closed(first, clock)

    second = plan(store, example_set, clock, "ZVH-K1")
    assert second.meeting().chain_care_phase is ChainCarePhase.RISICOGESTUURDE_ZORG
    assert second.chain_care_phase_carried() and second.snapshot().chain_care_carried
    second.start()
    assert any("komt uit het vorige overleg" in p for p in second.closing_points())
    second.set_chain_care_phase(ChainCarePhase.RISICOGESTUURDE_ZORG)  # confirmed as it was
    assert not second.snapshot().chain_care_carried
    assert not any("gefaseerde ketenzorg" in p for p in second.closing_points())
    second.set_chain_care_phase(ChainCarePhase.HERSTEL)
    closed(second, clock)

    assert plan(store, example_set, clock, "ZVH-K1").meeting().chain_care_phase is (
        ChainCarePhase.HERSTEL
    )  # the latest judgement, not the first
    assert plan(store, example_set, clock, "ZVH-ANDERS").meeting().chain_care_phase is None
    rehearsal = MeetingSession.create(
        store,
        example_set,
        case_code="ZVH-K1",
        held_on=clock.today,
        practice_case_id="oefencasus",
        clock=clock,
    ).item
    assert rehearsal.meeting().chain_care_phase is None  # a rehearsal starts afresh


def test_the_roster_is_proposed_without_presence_and_taken_over_once(
    store: Store, example_set: QuestionSet, clock: FakeClock
) -> None:
    first = plan(store, example_set, clock, "ZVH-R1")
    first.add_participant("Moeder", is_client=True, presence=Presence.AFWEZIG)
    first.add_participant(
        "K. Visser",
        organisation="Reclassering",
        role="reclasseringswerker",
        domain=Domain.STRAF,
        presence=Presence.VERTEGENWOORDIGD,
        represented_by="collega J. de Wit",
    )
    first.add_participant("Wijkagent", organisation="Politie", domain=Domain.STRAF)
    first.start()
    closed(first, clock)
    assert plan(store, example_set, clock, "ZVH-R2").roster_proposal() is None  # another case

    second = plan(store, example_set, clock, "ZVH-R1")
    second.add_participant("  wijkagent ", organisation="politie")  # already there, typed so
    proposal = second.roster_proposal()
    assert proposal is not None and proposal.held_on == first.meeting().held_on
    assert [p.name for p in proposal.participants] == ["Moeder", "K. Visser"]
    taken = second.take_over_roster().item
    assert [p.name for p in second.participants()] == ["wijkagent", "Moeder", "K. Visser"]
    assert [(p.organisation, p.role, p.domain, p.is_client) for p in taken] == [
        ("", "", None, True),
        ("Reclassering", "reclasseringswerker", Domain.STRAF, False),
    ]
    assert {p.presence for p in taken} == {Presence.AANWEZIG}  # today's presence is asked anew
    assert {p.represented_by for p in taken} == {""}  # and who represents whom, too
    assert second.roster_proposal() is None
    with pytest.raises(RuleViolation):
        second.take_over_roster()


class _Text(HTMLParser):
    """The text an HTML reader sees, one string."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _read(export_format: ExportFormat, content: str | bytes) -> str:
    """Each format parsed as its reader would, down to its text."""
    if export_format == "html":
        assert isinstance(content, str)
        parser = _Text()
        parser.feed(content)
        return " ".join(" ".join(parser.parts).split())
    if export_format == "docx":
        assert isinstance(content, bytes)
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            root = ElementTree.fromstring(package.read("word/document.xml"))
        paragraphs = (
            "".join(t.text or "" for t in p.iter(f"{WORD}t")) for p in root.iter(f"{WORD}p")
        )
        return "\n".join(paragraphs)
    assert isinstance(content, str)
    return content


@pytest.fixture
def paused_meeting(store: Store, example_set: QuestionSet, clock: FakeClock) -> MeetingSession:
    """A closed meeting with its phase set and two time-outs: 7 minutes and 2 minutes."""
    session = plan(store, example_set, clock, "ZVH-PAUZE")
    session.start()
    clock.advance(10)
    session.start_time_out()
    clock.advance(7)
    session.end_time_out()
    session.next_phase()
    session.set_chain_care_phase(ChainCarePhase.RISICOGESTUURDE_ZORG)
    clock.advance(20)
    session.start_time_out()
    clock.advance(2)
    session.end_time_out()
    closed(session, clock)
    return session


@pytest.mark.parametrize("export_format", ["md", "html", "docx"])
def test_every_document_names_the_phase_and_each_time_out(
    paused_meeting: MeetingSession, export_format: ExportFormat
) -> None:
    snapshot = paused_meeting.snapshot()
    text = _read(export_format, render(build_summary(snapshot), export_format))
    assert "Fase gefaseerde ketenzorg" in text and "risicogestuurde zorg" in text
    assert "Time-outs: 2" in text
    (first_start, first_end), (second_start, second_end) = snapshot.time_outs
    assert first_end is not None and second_end is not None
    first = f"{first_start.astimezone():%H:%M}–{first_end.astimezone():%H:%M} (7 min)"
    second = f"{second_start.astimezone():%H:%M}–{second_end.astimezone():%H:%M} (2 min)"
    assert first in text and second in text
    assert text.index(first) < text.index(second)


def test_json_lists_each_time_out_and_follows_the_schema(paused_meeting: MeetingSession) -> None:
    content = render(build_summary(paused_meeting.snapshot()), "json")
    assert isinstance(content, str)
    data = json.loads(content)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert data["schema_version"] == 6
    assert data["chain_care_phase"] == "risicogestuurde_zorg"
    assert [(t["minutes"], t["ended_at"] is not None) for t in data["time_outs"]] == [
        (7.0, True),
        (2.0, True),
    ]
    assert data["time_outs"][0]["started_at"] == "2026-03-02T09:10:00+00:00"


def test_a_leidraad_without_chain_care_does_not_ask_for_its_phase(
    store: Store, clock: FakeClock
) -> None:
    catalog = default_catalog()
    asked = plan(store, catalog.get("huiselijk-geweld-kindveiligheid"), clock, "ZVH-HG")
    not_asked = plan(store, catalog.get("pga-veelplegers"), clock, "ZVH-PGA")
    for session in (asked, not_asked):
        session.start()
    about_the_phase = "De fase van gefaseerde ketenzorg is niet vastgesteld."
    assert about_the_phase in asked.closing_points()
    assert about_the_phase not in not_asked.closing_points()
