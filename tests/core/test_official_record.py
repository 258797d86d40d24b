"""Documents a coordinator sends unchanged (issue 17, points 3–5): metadata, CONCEPT and
confidential marks, the sender from the settings, overdue actions, the demo from every command,
and PDF through LibreOffice or one sentence saying what to install."""

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from bobtui.core.config.settings import load_settings
from bobtui.core.documents.export import FORMATS, file_name, render
from bobtui.core.documents.letterhead import letterhead_of
from bobtui.core.documents.pdf import NO_LIBREOFFICE
from bobtui.core.documents.profiles import FULL, Profile
from bobtui.core.documents.summary import build_summary
from bobtui.core.documents.summary_json import summary_to_json
from bobtui.core.documents.widths import fit_columns, text_width
from bobtui.core.domain.errors import BobError
from bobtui.core.session import MeetingSession
from tests.core.test_cli import assert_one_sentence_error, bobtui
from tests.core.test_exports import closed_meeting, demo_store  # noqa: F401  (fixtures)

WITH_CONFIDENTIAL = Profile(FULL.name, FULL.sections, include_confidential=True)


def tiny_png(width: int = 4, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def word_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return "\n".join(
            package.read(name).decode()
            for name in package.namelist()
            if name.endswith(".xml") and name.startswith("word/")
        )


@pytest.mark.parametrize("export_format", FORMATS)
def test_every_format_states_the_metadata_concept_and_overdue_status(
    closed_meeting: MeetingSession,  # noqa: F811
    export_format: str,
) -> None:
    summary = build_summary(closed_meeting.snapshot())
    content = render(summary, export_format)  # type: ignore[arg-type]
    text = word_text(content) if isinstance(content, bytes) else content
    if export_format == "json":
        data = summary_to_json(summary)
        assert data["concept"] is True and data["chair"] == summary.chair
        assert [d["overdue_days"] for d in data["decisions"]] == [None, None, 14]
        return
    assert summary.chair == "P. de Vries (Zorg- en Veiligheidshuis)"
    for expected in (
        "CONCEPT",
        "Voorzitter",
        "P. de Vries",
        "09:00–10:03",  # started and closed on the demo's clock
        "gesloten (concept)",
        "Verspreid aan: Moeder (fictief), Vader (fictief), R. Jansen (Wijkteam Oost)",
        "te laat (14 dagen)",  # due 16-02, open when the summary is made on 02-03
        "Bevat bijzondere persoonsgegevens",
    ):
        assert expected in text, expected
    assert "BEVAT VERTROUWELIJKE NOTITIES" not in text
    first = text.split("<w:body>")[-1] if export_format == "docx" else text
    first_line = (
        first.split("<body>")[-1].lstrip().splitlines()[0 if export_format != "html" else 1]
    )
    assert "CONCEPT" in first_line, first_line


@pytest.mark.parametrize("export_format", FORMATS)
def test_an_export_with_confidential_notes_is_marked_unmistakably(
    closed_meeting: MeetingSession,  # noqa: F811
    export_format: str,
) -> None:
    summary = build_summary(closed_meeting.snapshot(), WITH_CONFIDENTIAL)
    content = render(summary, export_format)  # type: ignore[arg-type]
    if export_format == "json":
        assert summary_to_json(summary)["profile"]["confidential_included"] is True
    else:
        text = word_text(content) if isinstance(content, bytes) else content
        assert "BEVAT VERTROUWELIJKE NOTITIES: dit verslag bevat notities" in text  # banner
    if export_format == "docx":
        assert isinstance(content, bytes)
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            assert "BEVAT VERTROUWELIJKE NOTITIES" in package.read("word/header1.xml").decode()
    name = file_name("ZVH-1", "2026-03-02", 7, WITH_CONFIDENTIAL, export_format)
    assert name == f"verslag-ZVH-1-2026-03-02-nr7-vertrouwelijk.{export_format}"
    assert "vertrouwelijk" not in file_name("ZVH-1", "2026-03-02", 7, FULL, export_format)


def test_the_sender_and_logo_come_from_the_settings(
    tmp_path: Path,
    closed_meeting: MeetingSession,  # noqa: F811
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "logo.png").write_bytes(tiny_png())
    (config / "instellingen.toml").write_text(
        'organisation = "Zorg- en Veiligheidshuis Regio Fictief"\nlogo = "logo.png"\n'
    )
    settings = load_settings(data_dir=tmp_path / "data", environ={"BOBTUI_CONFIG_DIR": str(config)})
    letterhead = letterhead_of(settings)
    assert letterhead.logo is not None and (letterhead.logo.width, letterhead.logo.height) == (4, 2)
    summary = build_summary(closed_meeting.snapshot(), letterhead=letterhead)
    word = render(summary, "docx")
    assert isinstance(word, bytes)
    with zipfile.ZipFile(io.BytesIO(word)) as package:
        assert package.read("word/media/logo.png") == tiny_png()
        header = package.read("word/header1.xml").decode()
        assert "Zorg- en Veiligheidshuis Regio Fictief" in header and 'r:embed="rIdLogo"' in header
        assert 'cx="1080000" cy="540000"' in header  # twice as wide as high, as the picture
    html = render(summary, "html")
    assert isinstance(html, str) and 'src="data:image/png;base64,' in html
    assert "Zorg- en Veiligheidshuis Regio Fictief" in render(summary, "md")
    assert summary_to_json(summary)["organisation"] == "Zorg- en Veiligheidshuis Regio Fictief"
    (config / "logo.png").write_text("geen plaatje")
    with pytest.raises(BobError, match="geen PNG- of JPEG-plaatje"):
        letterhead_of(settings)


def test_columns_are_at_least_their_longest_word() -> None:
    header = ("Naam", "Rol", "Status")
    rows = [("M. de Boer", "aandachtsfunctionaris", "te laat (3 dagen)")] * 3
    fit = fit_columns(header, rows, 9638)
    assert sum(fit.widths) == 9638
    points = fit.half_points / 2
    for column, words in enumerate((("Naam", "Boer"), ("aandachtsfunctionaris",), ("Status",))):
        for word in words:
            bold = word in header
            assert fit.widths[column] > text_width(word, bold=bold) / 1000 * points * 20
    # Seven columns of long words: the text gets smaller rather than breaking a word.
    crowded = fit_columns(("x",) * 7, [("aandachtsfunctionaris",) * 7], 9638)
    assert crowded.half_points < fit.half_points


def test_pdf_without_libreoffice_says_what_to_install(tmp_path: Path) -> None:
    env_path = os.environ["PATH"]
    os.environ["PATH"] = str(tmp_path)  # no soffice here; the subprocess finds Python by path
    try:
        result = bobtui(
            "--data-dir", str(tmp_path / "data"), "--demo", "export", "DEMO-HG-0001",
            "--format", "pdf", "--out", str(tmp_path / "verslag.pdf"),
        )  # fmt: skip
    finally:
        os.environ["PATH"] = env_path
    assert_one_sentence_error(result, NO_LIBREOFFICE)
    assert not (tmp_path / "verslag.pdf").exists()


@pytest.mark.readers("soffice")
def test_pdf_through_libreoffice(tmp_path: Path) -> None:
    out = tmp_path / "verslag.pdf"
    result = bobtui(
        "--data-dir", str(tmp_path / "data"), "--demo", "export", "DEMO-HG-0001",
        "--format", "pdf", "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF") and oct(out.stat().st_mode & 0o777) == "0o600"


def test_every_reading_command_reaches_the_demo(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data"), "--demo"]
    exported = bobtui(*data, "export", "DEMO-HG-0001")
    assert exported.returncode == 0, exported.stderr
    assert "# Verslag casusoverleg DEMO-HG-0001" in exported.stdout
    actions = bobtui(*data, "acties")
    assert actions.returncode == 0 and "DEMO-HG-0001" in actions.stdout
    history = bobtui(*data, "geschiedenis", "DEMO-HG-0001")
    assert history.returncode == 0 and "Casusgeschiedenis DEMO-HG-0001" in history.stdout
    batch = bobtui(*data, "export", "--all", "--out", str(tmp_path))
    assert batch.returncode == 0 and (tmp_path / "index.md").exists()
    # The user's own store was never made or touched.
    assert not (tmp_path / "data" / "bobtui.sqlite3").exists()
    refused = bobtui(*data, "--database", "sqlite:////tmp/x.sqlite3", "acties")
    assert_one_sentence_error(refused, "--demo gaat niet samen met --database")
