"""Finalizing a closed meeting, amendments after it and reopening (issue 17, point 1): the
store, the refusals, and every export format."""

import json
from pathlib import Path

import pytest
from sqlmodel import select

from bobtui.core.documents.export import FORMATS, render
from bobtui.core.documents.layout import AMENDMENTS_TITLE
from bobtui.core.documents.profiles import DECISIONS_ONLY
from bobtui.core.documents.summary import build_summary
from bobtui.core.documents.summary_json import summary_to_json
from bobtui.core.domain.errors import RuleViolation
from bobtui.core.session import MeetingSession
from bobtui.core.store.meetings import select_meetings
from bobtui.core.store.tables import Amendment, Meeting, MeetingEvent
from tests.core.test_exports import closed_meeting, demo_store, text_of  # noqa: F401

SCHEMA = Path(__file__).parents[2] / "src/bobtui/core/documents/schemas/summary.schema.json"


def _first_note(session: MeetingSession, *, confidential: bool = False) -> int:
    return next(n.id for n in session.notes() if n.confidential is confidential)


def test_finalizing_makes_the_record_official_and_read_only(
    closed_meeting: MeetingSession,  # noqa: F811
) -> None:
    finalized = closed_meeting.finalize()
    assert finalized.state == "vastgesteld" and finalized.finalized_by
    with closed_meeting.store.reading() as db:
        row = db.get(Meeting, closed_meeting.meeting_id)
        assert row is not None and row.finalized_at is not None
        events = db.exec(select(MeetingEvent.action)).all()
    assert "meeting.finalized" in events
    listed = select_meetings(closed_meeting.store, meeting_ids=[closed_meeting.meeting_id])
    assert listed[0].state == "vastgesteld"
    note = _first_note(closed_meeting)
    for change in (
        lambda: closed_meeting.edit_note(note, text="stil veranderd"),
        lambda: closed_meeting.delete_note(note),
        lambda: closed_meeting.set_chain_care_phase(None),
        lambda: closed_meeting.update_details(location="elders"),
    ):
        with pytest.raises(RuleViolation, match="vastgesteld"):
            change()
    with pytest.raises(RuleViolation, match="al vastgesteld"):
        closed_meeting.finalize()


def test_only_a_closed_meeting_is_finalized_and_amended(demo_store) -> None:  # noqa: F811
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import open_meeting

    running = select_meetings(demo_store)[-1]
    assert running.state != "gesloten (concept)"
    session = open_meeting(demo_store, running.id, default_catalog())
    with pytest.raises(RuleViolation, match="Alleen een gesloten overleg"):
        session.finalize()
    with pytest.raises(RuleViolation, match="vastgesteld"):
        session.amend("overleg", None, "locatie", "elders", reason="typfout")


def test_an_amendment_records_what_who_when_why_and_changes_the_record(
    closed_meeting: MeetingSession,  # noqa: F811
) -> None:
    note = _first_note(closed_meeting)
    with pytest.raises(RuleViolation, match="nog niet vastgesteld"):
        closed_meeting.amend("notitie", note, "tekst", "nieuw", reason="typfout")
    closed_meeting.finalize()
    old_text = next(n.text for n in closed_meeting.notes() if n.id == note)
    with pytest.raises(RuleViolation, match="reden"):
        closed_meeting.amend("notitie", note, "tekst", "nieuw", reason="  ")
    with pytest.raises(RuleViolation, match="kies uit"):
        closed_meeting.amend("notitie", note, "spreker", "x", reason="r")
    saved = closed_meeting.amend(
        "notitie", note, "tekst", "Gecorrigeerde notitie", reason="Wijkteam meldt een fout"
    ).item
    assert (saved.old, saved.new, saved.field) == (old_text, "Gecorrigeerde notitie", "tekst")
    decision = closed_meeting.decisions()[0]
    deadline = closed_meeting.amend(
        "besluit", decision.id, "deadline", "31-12-2030", reason="Afgesproken uitstel"
    ).item
    assert deadline.old == f"{decision.deadline:%d-%m-%Y}" and deadline.new == "31-12-2030"
    assert next(n.text for n in closed_meeting.notes() if n.id == note) == "Gecorrigeerde notitie"
    assert f"{closed_meeting.decisions()[0].deadline:%d-%m-%Y}" == "31-12-2030"
    with closed_meeting.store.reading() as db:
        rows = db.exec(select(Amendment).order_by(Amendment.id)).all()  # type: ignore[arg-type]
    assert [(r.subject, r.field, r.reason) for r in rows] == [
        ("notitie", "tekst", "Wijkteam meldt een fout"),
        ("besluit", "deadline", "Afgesproken uitstel"),
    ]
    assert all(r.made_by and r.at for r in rows)
    assert closed_meeting.meeting().state == "vastgesteld"


@pytest.mark.parametrize("export_format", FORMATS)
def test_every_format_shows_the_finalized_state_and_the_amendments(
    closed_meeting: MeetingSession,  # noqa: F811
    export_format: str,
) -> None:
    closed_meeting.finalize()
    note = _first_note(closed_meeting)
    closed_meeting.amend("notitie", note, "tekst", "Uniek-nieuw-7731", reason="Reden-4412")
    summary = build_summary(closed_meeting.snapshot())
    assert summary.concept is False
    text = text_of(export_format, render(summary, export_format))  # type: ignore[arg-type]
    if export_format == "json":
        data = json.loads(text)
        assert data["concept"] is False and data["state"] == "vastgesteld"
        assert data["amendments"][0]["new"] == "Uniek-nieuw-7731"
        assert data["amendments"][0]["reason"] == "Reden-4412"
        return
    assert "vastgesteld" in text and "CONCEPT" not in text and "(concept)" not in text
    for expected in (AMENDMENTS_TITLE, "Uniek-nieuw-7731", "Reden-4412", "notitie"):
        assert expected in text, expected


def test_the_json_with_amendments_validates_against_the_schema(
    closed_meeting: MeetingSession,  # noqa: F811
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    closed_meeting.finalize()
    closed_meeting.amend("overleg", None, "locatie", "Stadhuis", reason="verkeerd genoteerd")
    closed_meeting.reopen(reason="partner mist een besluit")
    with SCHEMA.open(encoding="utf-8") as schema:
        jsonschema.validate(
            summary_to_json(build_summary(closed_meeting.snapshot())), json.load(schema)
        )


def test_the_content_of_an_amendment_to_a_left_out_record_stays_out(
    closed_meeting: MeetingSession,  # noqa: F811
) -> None:
    closed_meeting.finalize()
    secret = _first_note(closed_meeting, confidential=True)
    closed_meeting.amend("notitie", secret, "tekst", "Geheim-5521", reason="vertrouwelijk")
    for profile in (None, DECISIONS_ONLY):
        summary = build_summary(closed_meeting.snapshot(), *([profile] if profile else []))
        for export_format in FORMATS:
            text = text_of(export_format, render(summary, export_format))
            assert "Geheim-5521" not in text
            assert "vertrouwelijk" in text  # the reason: that it changed is on the record


def test_reopening_needs_a_reason_and_is_recorded(
    closed_meeting: MeetingSession,  # noqa: F811
) -> None:
    with pytest.raises(RuleViolation, match="niet vastgesteld"):
        closed_meeting.reopen(reason="waarom niet")
    closed_meeting.finalize()
    with pytest.raises(RuleViolation, match="reden"):
        closed_meeting.reopen(reason="")
    reopened = closed_meeting.reopen(reason="Besluit 2 ontbrak")
    assert reopened.state == "gesloten (concept)" and reopened.finalized_at is None
    (row,) = closed_meeting.amendments()
    assert (row.subject, row.field, row.old, row.new, row.reason) == (
        "overleg",
        "status",
        "vastgesteld",
        "gesloten (concept)",
        "Besluit 2 ontbrak",
    )
    summary = build_summary(closed_meeting.snapshot())
    assert summary.concept is True
    markdown = render(summary, "md")
    assert "CONCEPT" in markdown and "Besluit 2 ontbrak" in markdown
    # A reopened meeting is corrected by amendment too, and can be finalized again.
    closed_meeting.amend("overleg", None, "locatie", "Stadhuis", reason="na heropenen")
    assert closed_meeting.finalize().state == "vastgesteld"


def test_amendments_and_the_state_changes_are_in_the_audit_trail(
    closed_meeting: MeetingSession,  # noqa: F811
) -> None:
    from bobtui.core.store.audit import case_audit

    code = closed_meeting.meeting().case_code
    before = len(case_audit(closed_meeting.store, code))
    closed_meeting.finalize()
    note = _first_note(closed_meeting)
    closed_meeting.amend("notitie", note, "tekst", "Uniek-2291", reason="Reden-7713")
    closed_meeting.reopen(reason="Heropend-4420")
    trail = case_audit(closed_meeting.store, code)[before:]
    # Within one change the order of its rows is the ORM's business.
    assert sorted((r.table, r.operation) for r in trail) == [
        ("amendment", "insert"),
        ("amendment", "insert"),
        ("meeting", "update"),
        ("meeting", "update"),
        ("note", "update"),
    ]
    finalized = {c.column: c.new for c in trail[0].changes}
    assert trail[0].table == "meeting" and finalized["finalized_by"]
    amended, reopened = (
        {c.column: c.new for c in r.changes} for r in trail if r.table == "amendment"
    )
    assert (amended["new"], amended["reason"]) == ("Uniek-2291", "Reden-7713")
    assert reopened["reason"] == "Heropend-4420"
    assert all(r.meeting_id == closed_meeting.meeting_id for r in trail)


def test_the_commands_finalize_amend_reopen_and_every_export_follows(
    example_as_user_set,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from datetime import date, timedelta

    from bobtui.cli import main
    from bobtui.core.domain.vocabulary import NoteKind
    from bobtui.core.store.engine import open_store

    store = open_store()
    session = MeetingSession.create(
        store, example_as_user_set, case_code="CLI-REC", held_on=date.today()
    ).item
    session.start()
    note = session.record_note(NoteKind.FEIT, "Oude tekst").item
    session.set_evaluation(evaluation_date=date.today() + timedelta(days=9))
    session.close()
    store.dispose()

    assert main(["wijzigen", "CLI-REC", "notitie", str(note.id), "tekst", "x", "--reden", "r"]) == 1
    assert "nog niet vastgesteld" in capsys.readouterr().err
    assert main(["vaststellen", "CLI-REC"]) == 0
    assert "is vastgesteld" in capsys.readouterr().out
    assert main(["overleggen"]) == 0
    assert "vastgesteld" in capsys.readouterr().out
    args = ["wijzigen", "CLI-REC", "notitie", str(note.id), "tekst", "Nieuwe", "tekst"]
    assert main([*args, "--reden", "Typfout van de notulist"]) == 0
    assert "Oude tekst → Nieuwe tekst" in capsys.readouterr().out
    for export_format in ("md", "html", "json", "docx"):
        out = tmp_path / f"verslag.{export_format}"
        assert main(["export", "CLI-REC", "--format", export_format, "--out", str(out)]) == 0
        text = text_of(
            export_format, out.read_bytes() if export_format == "docx" else out.read_text()
        )  # type: ignore[arg-type]
        assert "Nieuwe tekst" in text and "Typfout van de notulist" in text, export_format
        assert "CONCEPT" not in text and "vastgesteld" in text, export_format
    assert main(["heropenen", "CLI-REC", "--reden", ""]) == 1
    assert "reden" in capsys.readouterr().err
    assert main(["heropenen", "CLI-REC", "--reden", "Partner reageerde laat"]) == 0
    assert "heropend" in capsys.readouterr().out
    assert main(["overleggen", "--case", "CLI-REC"]) == 0
    assert "gesloten (concept)" in capsys.readouterr().out
    assert main(["audit", "CLI-REC"]) == 0
    audit = capsys.readouterr().out
    assert "wijziging na vaststelling" in audit and "reason: — → Partner reageerde laat" in audit
