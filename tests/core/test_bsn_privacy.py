"""BSN-like numbers never leave silently: the close review lists them with a way to correct
each, and every export either masks them or says, where a reader cannot miss it, that they are
there (and the JSON carries the count)."""

import json
from datetime import timedelta

import pytest

from bobtui.core.documents.export import FORMATS, ExportFormat, render
from bobtui.core.documents.summary import build_summary
from bobtui.core.domain.bsn import MASK
from bobtui.core.domain.vocabulary import NoteKind
from bobtui.core.questions.sets import QuestionSet
from bobtui.core.session import MeetingSession
from bobtui.core.session.attention import bsn_findings
from bobtui.core.store.engine import Store
from tests.conftest import FakeClock
from tests.core.test_exports import text_of

BSN = "111222333"  # passes the 11-test; fictional


@pytest.fixture
def meeting_with_bsns(store: Store, example_set: QuestionSet, clock: FakeClock) -> MeetingSession:
    session = MeetingSession.create(
        store, example_set, case_code="ZVH-PRIVACY", held_on=clock.today, clock=clock
    ).item
    session.start()
    session.record_note(NoteKind.FEIT, f"Vader heeft BSN {BSN} genoemd")
    session.record_note(NoteKind.FEIT, "Een gewoon feit")
    session.record_decision(
        "Huisbezoek",
        owner_person=f"R. Jansen {BSN[:3]}.{BSN[3:5]}.{BSN[5:]}",
        owner_organisation="Wijkteam",
        deadline=clock.today + timedelta(days=7),
    )
    return session


def test_the_close_review_finds_every_bsn_like_number_and_each_can_be_corrected(
    meeting_with_bsns: MeetingSession,
) -> None:
    findings = bsn_findings(meeting_with_bsns.snapshot())
    assert [(f.where, f.entity, f.field) for f in findings] == [
        ("notitie", "note", "text"),
        ("besluit (eigenaar)", "decision", "owner_person"),
    ]
    meeting_with_bsns.correct_text(findings[0], "Vader heeft zijn BSN genoemd")
    meeting_with_bsns.correct_text(findings[1], "R. Jansen")
    assert bsn_findings(meeting_with_bsns.snapshot()) == []
    assert meeting_with_bsns.notes()[0].text == "Vader heeft zijn BSN genoemd"
    with pytest.raises(Exception, match="mag niet leeg"):
        meeting_with_bsns.correct_text(findings[1], " ")


@pytest.mark.parametrize("export_format", FORMATS)
def test_an_export_warns_about_bsn_like_numbers_it_carries(
    meeting_with_bsns: MeetingSession, export_format: ExportFormat
) -> None:
    summary = build_summary(meeting_with_bsns.snapshot())
    assert (summary.privacy.bsn_like_numbers, summary.privacy.masked) == (2, False)
    text = text_of(export_format, render(summary, export_format))
    if export_format == "json":
        assert json.loads(text)["privacy"] == {"bsn_like_numbers": 2, "masked": False}
    else:
        assert "LET OP: dit verslag bevat 2 nummers die op een BSN lijken" in text
    assert BSN in text


@pytest.mark.parametrize("export_format", FORMATS)
def test_a_masked_export_carries_no_bsn_like_number(
    meeting_with_bsns: MeetingSession, export_format: ExportFormat
) -> None:
    summary = build_summary(meeting_with_bsns.snapshot(), mask_bsn=True)
    text = text_of(export_format, render(summary, export_format))
    assert BSN not in text and "111.22.333" not in text
    # Markdown escapes the brackets, so they print as brackets.
    assert (MASK.replace("[", "\\[").replace("]", "\\]") if export_format == "md" else MASK) in text
    if export_format == "json":
        assert json.loads(text)["privacy"] == {"bsn_like_numbers": 2, "masked": True}
    else:
        assert "2 nummers die op een BSN lijken afgeschermd" in text
