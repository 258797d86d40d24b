"""Exports for coordinators: every format, profiles, confidential notes, batches, bad input.

Golden files hold the exports of the demo's closed meeting, built on a fixed clock. After a
deliberate change: BOBTUI_UPDATE_GOLDEN=1 pytest tests/core/test_exports.py, then review the diff.
"""

import io
import json
import os
import stat
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from bobtui.core.config.settings import load_settings
from bobtui.core.documents.export import FORMATS, ExportFormat, render
from bobtui.core.documents.profiles import choose_profile
from bobtui.core.documents.summary import build_summary
from bobtui.core.domain.errors import BobError
from bobtui.core.domain.vocabulary import DecisionStatus, NoteKind
from bobtui.core.questions.sets import default_catalog
from bobtui.core.session import MeetingSession, open_meeting
from bobtui.core.store.engine import Store, open_store, sqlite_url
from bobtui.core.store.meetings import select_meetings
from bobtui.core.training.demo import DEMO_CASE_CODE, open_demo
from tests.conftest import ROOT
from tests.core.test_cli import assert_one_sentence_error, bobtui

GOLDEN = ROOT / "tests" / "golden"
NOW = datetime(2026, 3, 2, 10, 40, tzinfo=UTC)
SCHEMA = json.loads((ROOT / "src/bobtui/core/documents/schemas/summary.schema.json").read_text())
SECRET = "overweegt met de kinderen naar haar zus te gaan"
DECISION = "Vader aanmelden voor een agressieregulatietraining"
DOCX_PARTS = ("word/document.xml", "word/header1.xml", "word/footer1.xml")


@pytest.fixture
def demo_store() -> Iterator[Store]:
    store, _ = open_demo(default_catalog(), settings=load_settings(), clock=lambda: NOW)
    yield store
    store.dispose()


@pytest.fixture
def closed_meeting(demo_store: Store) -> MeetingSession:
    """The demo's earlier, closed meeting: decisions, a parked idea, a confidential note."""
    earliest = select_meetings(demo_store, case_code=DEMO_CASE_CODE)[0]
    return open_meeting(demo_store, earliest.id, default_catalog(), lambda: NOW)


def text_of(export_format: ExportFormat, content: str | bytes) -> str:
    """What a reader would search: the text, or for Word the XML of its parts."""
    if isinstance(content, str):
        return content
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return "\n".join(package.read(name).decode() for name in DOCX_PARTS)


@pytest.mark.parametrize("export_format", FORMATS)
def test_golden_exports_of_the_demo_meeting(
    closed_meeting: MeetingSession, export_format: ExportFormat
) -> None:
    actual = text_of(export_format, render(build_summary(closed_meeting.snapshot()), export_format))
    golden = GOLDEN / f"demo-verslag.{export_format}.txt"
    if os.environ.get("BOBTUI_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("export_format", FORMATS)
def test_every_format_names_its_profile_and_confidentiality(
    closed_meeting: MeetingSession, export_format: ExportFormat
) -> None:
    for profile in (choose_profile("volledig"), choose_profile("besluiten")):
        text = text_of(
            export_format, render(build_summary(closed_meeting.snapshot(), profile), export_format)
        )
        assert profile.statement in text
        assert DECISION in text
        assert "Vertrouwelijk" in text or export_format == "json"


@pytest.mark.parametrize("export_format", FORMATS)
def test_confidential_notes_stay_out_unless_included(
    closed_meeting: MeetingSession, export_format: ExportFormat
) -> None:
    for profile in (
        choose_profile("volledig"),
        choose_profile("besluiten"),
        choose_profile("selectie", ["beeldvorming"]),
    ):
        content = render(build_summary(closed_meeting.snapshot(), profile), export_format)
        assert SECRET not in text_of(export_format, content), profile.name
    included = choose_profile("volledig", include_confidential=True)
    text = text_of(
        export_format, render(build_summary(closed_meeting.snapshot(), included), export_format)
    )
    assert SECRET in text and "vertrouwelijke notities zijn opgenomen" in text
    marker = '"confidential": true' if export_format == "json" else "vertrouwelijk"
    assert marker in text.split(SECRET, 1)[1][:300]  # marked where it stands
    # A decisions-only hand-out leaves notes out even when confidential ones are included.
    decisions = choose_profile("besluiten", include_confidential=True)
    content = render(build_summary(closed_meeting.snapshot(), decisions), export_format)
    assert SECRET not in text_of(export_format, content)


def test_decisions_profile_holds_only_decisions_and_dates(
    closed_meeting: MeetingSession,
) -> None:
    summary = build_summary(closed_meeting.snapshot(), choose_profile("besluiten"))
    markdown = render(summary, "md")
    assert isinstance(markdown, str)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == ["## Besluiten", "## Evaluatie en vervolg"]
    assert "Drie politiemeldingen" not in markdown and "Moeder (fictief)" not in markdown
    data = summary_to_json_checked(summary)
    assert "attendance" not in data and "notes" not in data and "safety_scores" not in data
    assert data["decisions"] and data["evaluation_date"] == "2026-03-02"
    assert data["profile"]["sections"] == ["besluiten", "evaluatie"]


def summary_to_json_checked(summary: object) -> dict[str, object]:
    data = json.loads(render(summary, "json"))  # type: ignore[arg-type]
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    return data  # type: ignore[no-any-return]


def test_a_chosen_set_of_sections(closed_meeting: MeetingSession) -> None:
    profile = choose_profile("selectie", ["proces", "aanwezigheid"])
    assert [s.value for s in profile.sections] == ["aanwezigheid", "proces"]  # hand-out order
    summary = build_summary(closed_meeting.snapshot(), profile)
    html = render(summary, "html")
    assert isinstance(html, str)
    assert 'id="aanwezigheid"' in html and 'id="proces"' in html and 'id="besluiten"' not in html
    assert summary_to_json_checked(summary)["profile"]["name"] == "selectie"  # type: ignore[index]


@pytest.mark.parametrize(
    ("name", "sections", "fragment"),
    [
        ("alles", None, "Onbekend profiel 'alles'"),
        ("selectie", None, "vraagt om onderdelen"),
        ("selectie", ["besluiten", "roddels"], "Onbekend onderdeel 'roddels'"),
        ("besluiten", ["proces"], "niet allebei"),
    ],
)
def test_profile_mistakes_are_one_sentence(
    name: str, sections: list[str] | None, fragment: str
) -> None:
    with pytest.raises(BobError, match=fragment):
        choose_profile(name, sections)


def test_html_is_one_self_contained_printable_page(closed_meeting: MeetingSession) -> None:
    html = render(build_summary(closed_meeting.snapshot()), "html")
    assert isinstance(html, str)
    for outside in ("<link", "<script", "src=", "url(", "@import", "http://", "https://"):
        assert outside not in html, outside
    assert "@media print" in html and "@page" in html and "counter(page)" in html
    assert '<table class="besluiten">' in html and '<th scope="col">Actie</th>' in html
    boxes = [line for line in html.splitlines() if "@top-left" in line or "@bottom-left" in line]
    assert len(boxes) == 2 and all("Vertrouwelijk" in box for box in boxes)  # header, footer


def test_case_text_cannot_break_out_of_the_html(demo_store: Store) -> None:
    session = MeetingSession.create(
        demo_store,
        default_catalog().get("huiselijk-geweld-kindveiligheid"),
        case_code='X"</style><script>alert(1)</script>',
        held_on=date(2026, 3, 2),
        reason="<b>vet</b> & meer",
        clock=lambda: NOW,
    ).item
    html = render(build_summary(session.snapshot()), "html")
    assert isinstance(html, str)
    assert "<script>" not in html and "</style><" not in html.split("</style>", 1)[0]
    assert "&lt;b&gt;vet&lt;/b&gt; &amp; meer" in html


def test_word_document_is_a_real_package(closed_meeting: MeetingSession) -> None:
    content = render(build_summary(closed_meeting.snapshot()), "docx")
    assert isinstance(content, bytes)
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        assert package.testzip() is None
        names = set(package.namelist())
        document = package.read("word/document.xml").decode()
        footer = package.read("word/footer1.xml").decode()
        core = package.read("docProps/core.xml").decode()
    assert {"[Content_Types].xml", "_rels/.rels", "word/styles.xml", *DOCX_PARTS} <= names
    assert '<w:pStyle w:val="Heading1"/>' in document
    decisions_table = next(t for t in document.split("<w:tbl>")[1:] if DECISION in t)
    assert "<w:tblHeader/>" in decisions_table  # the header row repeats on every page
    assert "Eigenaar" in decisions_table and "K. Visser" in decisions_table
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    assert DEMO_CASE_CODE in footer
    assert DEMO_CASE_CODE not in core and "Moeder" not in core
    assert "<dc:title>Verslag casusoverleg</dc:title>" in core


# --- batches through the command line -----------------------------------------------------


@pytest.fixture
def fifty_meetings(tmp_path: Path) -> str:
    """Fifty meetings of ten cases, one a day from 1 January 2026, each with a note and a
    decision."""
    url = sqlite_url(tmp_path / "batch.sqlite3")
    store = open_store(url)
    question_set = default_catalog().get("pga-veelplegers")
    for n in range(50):
        held_on = date(2026, 1, 1) + timedelta(days=n)
        session = MeetingSession.create(
            store,
            question_set,
            case_code=f"ZVH-BATCH-{n % 10:03d}",
            held_on=held_on,
            clock=lambda held_on=held_on: datetime.combine(held_on, datetime.min.time(), UTC),
        ).item
        for earlier in session.pending_reviews():
            session.review_carried_over(earlier.decision.id, DecisionStatus.OPEN, "loopt door")
        session.start()
        session.record_note(NoteKind.FEIT, f"Feit {n}")
        session.next_phase()
        session.next_phase()
        session.record_decision(
            f"Actie {n}",
            owner_person="J. Jansen",
            owner_organisation="Reclassering",
            deadline=held_on + timedelta(days=7),
        )
    store.dispose()
    return url


def test_batch_export_of_fifty_meetings(tmp_path: Path, fifty_meetings: str) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    result = bobtui(
        "--database", fifty_meetings, "export", "--all", "--format", "md,json,html,docx",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "50 overleggen geëxporteerd: 200 bestanden" in result.stderr
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 201 and "index.md" in files
    assert "verslag-ZVH-BATCH-003-2026-01-04-nr4.docx" in files
    assert all(stat.S_IMODE((out / name).stat().st_mode) == 0o600 for name in files)
    index = (out / "index.md").read_text()
    assert (
        index.count("| ZVH-BATCH-") == 50 and "verslag-ZVH-BATCH-000-2026-01-01-nr1.html" in index
    )
    written = {name: (out / name).stat().st_mtime_ns for name in files}

    again = bobtui("--database", fifty_meetings, "export", "--all", "--out", str(out))
    assert_one_sentence_error(again, "bestaat al")
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == written  # nothing touched

    forced = bobtui("--database", fifty_meetings, "export", "--all", "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_batch_by_case_and_by_dates(tmp_path: Path, fifty_meetings: str) -> None:
    by_case, by_dates = tmp_path / "casus", tmp_path / "datum"
    by_case.mkdir()
    by_dates.mkdir()
    result = bobtui(
        "--database", fifty_meetings, "export", "--case", "ZVH-BATCH-007", "--format", "html",
        "--profile", "besluiten", "--out", str(by_case),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in by_case.iterdir() if p.name != "index.md")
    days = [date(2026, 1, 1) + timedelta(days=n - 1) for n in (8, 18, 28, 38, 48)]
    assert names == [
        f"verslag-ZVH-BATCH-007-{day:%Y-%m-%d}-nr{n}-besluiten.html"
        for n, day in zip((8, 18, 28, 38, 48), days, strict=True)
    ]
    assert "Profiel besluiten" in (by_case / names[0]).read_text()

    result = bobtui(
        "--database", fifty_meetings, "export", "--since", "10-01-2026", "--until", "2026-01-14",
        "--out", str(by_dates),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len([p for p in by_dates.iterdir() if p.name != "index.md"]) == 5


def test_batch_mistakes_are_one_sentence_and_write_nothing(
    tmp_path: Path, fifty_meetings: str
) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    export = ("--database", fifty_meetings, "export")
    cases = [
        ((*export, "--case", "ONBEKEND", "--out", str(out)), "geen overleg met casuscode"),
        ((*export, "--since", "2027-01-01", "--out", str(out)), "geen overleggen"),
        (
            (*export, "--since", "2026-02-01", "--until", "2026-01-01", "--out", str(out)),
            "ligt voor --since",
        ),
        ((*export, "--all", "--out", str(tmp_path / "nergens")), "bestaat niet"),
        ((*export, "--all", "--out", "/proc/self"), "Kan niet schrijven"),
        ((*export, "--all", "--profile", "alles", "--out", str(out)), "Onbekend profiel"),
        ((*export, "--all", "--format", "odt,md", "--out", str(out)), "Onbekend formaat 'odt'"),
        ((*export, "--all"), "geef --out MAP"),
        ((*export, "1", "--format", "docx"), "geef --out"),
    ]
    for arguments, fragment in cases:
        assert_one_sentence_error(bobtui(*arguments), fragment)
    assert list(out.iterdir()) == []
    existing = tmp_path / "bestaat.md"
    existing.write_text("van iemand anders")
    assert_one_sentence_error(bobtui(*export, "1", "--out", str(existing)), "bestaat al")
    assert existing.read_text() == "van iemand anders"
