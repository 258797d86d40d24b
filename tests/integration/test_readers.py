"""The exports in the programs people read them with: Chromium prints the HTML to PDF and
LibreOffice converts the Word file. `tools/ensure-readers.sh` (run by `make test`) installs them
as root; elsewhere these tests are skipped when a program is missing (see tests/conftest.py).
"""

import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest

from bobtui.core.documents.blocks import Facts, Handout, Part, Table
from bobtui.core.documents.export import render_case_history, write_private
from bobtui.core.documents.layout import build_handout
from bobtui.core.documents.profiles import FULL, Profile
from bobtui.core.documents.render import render_docx, render_html, word_document
from bobtui.core.documents.summary import build_summary
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import Store, open_store, sqlite_url
from bobtui.core.store.history import case_history
from bobtui.core.training.demo import DEMO_CASE_CODE
from tests.core.test_exports import DECISION, closed_meeting, demo_store  # noqa: F401  (fixtures)
from tests.core.test_hostile_text import everywhere, meeting_of

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: run bash tools/ensure-readers.sh (make test does).")
    return found


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext reads it."""
    text = subprocess.run(
        [program("pdftotext"), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def in_table_cells(phrase: str, text: str) -> bool:
    """A PDF reads a table row by row across its cells, so a wrapped cell's words come apart:
    each word must be there, in order."""
    position = 0
    for word in phrase.split():
        position = text.find(word, position)
        if position < 0:
            return False
    return True


@pytest.mark.readers("chromium", "pdftotext")
def test_chromium_opens_and_prints_the_html(
    tmp_path: Path,
    closed_meeting: MeetingSession,  # noqa: F811
) -> None:
    page = tmp_path / "verslag.html"
    write_private(page, render_html(build_summary(closed_meeting.snapshot())))
    pdf = tmp_path / "verslag.pdf"
    done = subprocess.run(
        [
            program("chromium"),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'chromium'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    text = " ".join(" ".join(page.split()) for page in pages)
    assert "Verslag casusoverleg DEMO-HG-0001" in text
    assert in_table_cells(DECISION, text) and "K. Visser" in text
    for number, page in enumerate(pages, start=1):
        words = " ".join(page.split())
        assert words.count("Vertrouwelijk · DEMO-HG-0001") >= 2, f"page {number}"  # top, bottom
        assert f"pagina {number} van {len(pages)}" in words


def libreoffice_pdf(document: Path) -> list[str]:
    """``document`` converted to PDF by LibreOffice, as the pages' text."""
    done = subprocess.run(
        [
            program("soffice"),
            "--headless",
            f"-env:UserInstallation={(document.parent / 'libreoffice').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(document.parent),
            str(document),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return pdf_pages(document.with_suffix(".pdf"))


@pytest.mark.readers("soffice", "pdftotext")
def test_libreoffice_converts_the_word_document(
    tmp_path: Path,
    closed_meeting: MeetingSession,  # noqa: F811
) -> None:
    document = tmp_path / "verslag.docx"
    write_private(document, render_docx(build_summary(closed_meeting.snapshot())))
    pages = libreoffice_pdf(document)
    text = " ".join(" ".join(page.split()) for page in pages)
    assert "Verslag casusoverleg DEMO-HG-0001" in text
    assert in_table_cells(DECISION, text) and "K. Visser" in text  # the decisions table
    for number, page in enumerate(pages, start=1):
        words = " ".join(page.split())
        assert f"Vertrouwelijk · DEMO-HG-0001 · pagina {number} van {len(pages)}" in words


@pytest.mark.readers("soffice", "pdftotext")
def test_libreoffice_reads_a_word_document_of_hostile_text(tmp_path: Path) -> None:
    """NUL, escape codes, a bell and markup in every field: Word's XML stays readable."""
    store = open_store(sqlite_url(tmp_path / "vijandig.sqlite3"))
    try:
        session = meeting_of(
            store, everywhere("Let\x00op\x1b[31m <script>x</script> [bold] \x07ja")
        )
        document = tmp_path / "vijandig.docx"
        write_private(document, render_docx(build_summary(session.snapshot())))
    finally:
        store.dispose()
    text = " ".join(" ".join(page.split()) for page in libreoffice_pdf(document))
    assert "Verslag casusoverleg Letop[31m <script>x</script> [bold] ja" in text


def broken_words(handout: Handout, pages: list[str]) -> list[str]:
    """The words of the handout's tables that LibreOffice did not set whole on one line: a
    word split over two lines reads back as two pieces, never as itself."""
    tokens = {token.strip(".,;:()") for page in pages for token in page.split()}
    tables = [b for part in handout.parts for b in part.blocks if isinstance(b, Table)]
    cells = [cell for t in tables for row in (t.header, *t.rows) for cell in row]
    cells += [cell for pair in handout.particulars.pairs for cell in pair]
    words = {w.strip(".,;:()") for cell in cells for w in cell.split()}
    return sorted(w for w in words if len(w) > 1 and w not in tokens)


@pytest.mark.readers("soffice", "pdftotext")
def test_libreoffice_sets_every_table_word_whole_with_marks_and_metadata(
    tmp_path: Path,
    closed_meeting: MeetingSession,  # noqa: F811
) -> None:
    profile = Profile(FULL.name, FULL.sections, include_confidential=True)
    summary = build_summary(closed_meeting.snapshot(), profile)
    handout = build_handout(summary)
    document = tmp_path / "verslag.docx"
    write_private(document, word_document(handout))
    pages = libreoffice_pdf(document)
    assert broken_words(handout, pages) == []
    text = " ".join(" ".join(page.split()) for page in pages)
    # The page header, then the first line of the body.
    assert text.startswith("CONCEPT · BEVAT VERTROUWELIJKE NOTITIES · Vertrouwelijk · DEMO-HG-0001 "
                           "CONCEPT: dit verslag is nog niet vastgesteld")  # fmt: skip
    for expected in ("Voorzitter P. de Vries", "Tijd 09:00–10:03", "Status gesloten (concept)"):
        assert in_table_cells(expected, text), expected
    assert "Verspreid aan: Moeder (fictief)" in text and "te laat (14 dagen)" in text
    assert "BEVAT VERTROUWELIJKE NOTITIES: dit verslag bevat" in " ".join(pages[0].split())
    for number, page in enumerate(pages, start=1):
        words = " ".join(page.split())
        assert "CONCEPT · BEVAT VERTROUWELIJKE NOTITIES · Vertrouwelijk" in words, number
        assert "Bevat bijzondere persoonsgegevens" in words, number


@pytest.mark.readers("soffice", "pdftotext")
def test_the_broken_word_check_sees_a_word_too_long_for_any_column(tmp_path: Path) -> None:
    """The check above can fail: a word longer than the page must break, and it reports it."""
    word = "Zorg" + "veiligheidshuis" * 12
    handout = Handout(
        "Test", "Test", "T-1", "", "", Facts(()),
        (Part("t", "Tabel", (Table("t", ("Kop", "Ander"), ((word, "kort"),)),)),),
    )  # fmt: skip
    document = tmp_path / "lang.docx"
    write_private(document, word_document(handout))
    assert broken_words(handout, libreoffice_pdf(document)) == [word]


@pytest.mark.readers("soffice", "pdftotext")
def test_the_case_history_chart_shows_its_values(tmp_path: Path, demo_store: Store) -> None:  # noqa: F811
    history = case_history(demo_store, DEMO_CASE_CODE, date(2026, 3, 2))
    document = tmp_path / "geschiedenis.docx"
    write_private(document, render_case_history(history, "docx"))
    with zipfile.ZipFile(document) as package:
        chart = package.read("word/charts/chart1.xml").decode()
    assert '<c:showVal val="1"/>' in chart
    text = " ".join(" ".join(page.split()) for page in libreoffice_pdf(document))
    values = [v for v in history.score_trend if v is not None]
    for value in values:  # the data labels, drawn by the chart itself
        assert f"{value:.1f}" in text or f"{value:.1f}".replace(".", ",") in text, value
