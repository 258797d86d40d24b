"""The exports in the programs people read them with: Chromium prints the HTML to PDF and
LibreOffice converts the Word file. `tools/ensure-readers.sh` (run by `make test`) installs them
as root; elsewhere these tests are skipped when a program is missing (see tests/conftest.py).
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from bobtui.core.documents.export import write_private
from bobtui.core.documents.render import render_docx, render_html
from bobtui.core.documents.summary import build_summary
from bobtui.core.session import MeetingSession
from bobtui.core.store.engine import open_store, sqlite_url
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
