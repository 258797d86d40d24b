"""The summary as a Word document: a WordprocessingML package assembled from XML parts.

The parts live beside this module in ``templates/docx/``; the ones that differ per document
have ``{name}`` holes that :func:`word_document` fills, the rest are copied as they are. This
takes milliseconds where a document built paragraph by paragraph with python-docx took about a
second (make bench). The body, with its paragraphs and tables, is :mod:`.docx_body`.

Every text is printed through :func:`~bobtui.core.domain.text.xml_text`: control characters
removed (a NUL or ESC would make the file unreadable) and markup escaped.
"""

import io
import zipfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from bobtui.core.documents.blocks import Chart, Handout
from bobtui.core.documents.docx_body import document_body
from bobtui.core.domain.text import xml_text

PARTS = Path(__file__).parent / "templates" / "docx"

# The parts of a Word package that never change.
_STATIC = (
    "_rels/.rels",
    "word/styles.xml",
    "word/settings.xml",
    "word/numbering.xml",
    "docProps/app.xml",
)


@cache
def _part(name: str) -> str:
    return (PARTS / name).read_text(encoding="utf-8")


def word_document(handout: Handout, *, created: datetime | None = None) -> bytes:
    """The laid-out summary as a .docx file: real headings, tables sized to their content, the
    sender and the marks in every page header, a privacy footer with page numbers."""
    charts = handout.charts
    numbers = range(1, len(charts) + 1)
    stamp = (created or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    rendered = {
        "[Content_Types].xml": _part("[Content_Types].xml").format(
            chart_overrides="".join(
                f'<Override PartName="/word/charts/chart{n}.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.drawingml.chart+xml"/>\n'
                for n in numbers
            )
        ),
        "word/_rels/document.xml.rels": _part("word/_rels/document.xml.rels").format(
            chart_relationships="".join(
                f'<Relationship Id="rIdChart{n}" Type="http://schemas.openxmlformats.org/'
                f'officeDocument/2006/relationships/chart" Target="charts/chart{n}.xml"/>\n'
                for n in numbers
            )
        ),
        "word/_rels/header1.xml.rels": _part("word/_rels/header1.xml.rels").format(
            logo_relationship=(
                '<Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/image" '
                f'Target="media/logo.{xml_text(handout.logo.extension)}"/>\n'
                if handout.logo
                else ""
            )
        ),
        "word/document.xml": _part("word/document.xml").format(body=document_body(handout)),
        "word/header1.xml": _header(handout),
        "word/footer1.xml": _footer(handout),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name in _STATIC:
            package.write(PARTS / name, name)
        for name, text in rendered.items():
            package.writestr(name, text)
        for number, chart in zip(numbers, charts, strict=True):
            package.writestr(f"word/charts/chart{number}.xml", _chart(chart))
        if handout.logo:
            package.writestr(f"word/media/logo.{handout.logo.extension}", handout.logo.image)
        # No case text in the properties: they travel in file listings and search indexes.
        core = _part("docProps/core.xml").format(kind=xml_text(handout.kind), created=stamp)
        package.writestr("docProps/core.xml", core)
    return buffer.getvalue()


def _header(doc: Handout) -> str:
    """Every page: the sender (logo and name) and, right-aligned, the marks and the case code."""
    sender = ""
    if doc.logo or doc.organisation:
        sender = '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>\n'
        if doc.logo:
            cx, cy = doc.logo.extent()
            sender += (
                '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="114300">'
                f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
                '<wp:docPr id="1" name="Logo" descr="Logo"/><wp:cNvGraphicFramePr>'
                '<a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic>'
                '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
                f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.'
                f'{xml_text(doc.logo.extension)}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
                '<a:blip r:embed="rIdLogo"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
                f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
                '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
                "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>\n"
            )
        if doc.organisation:
            sender += (
                '<w:r><w:rPr><w:b/><w:sz w:val="22"/></w:rPr><w:t xml:space="preserve">'
                f"{xml_text(doc.organisation)}</w:t></w:r>\n"
            )
        sender += "</w:p>\n"
    marks = "".join(
        '<w:r><w:rPr><w:b/><w:color w:val="FFFFFF"/><w:shd w:val="clear" w:color="auto" '
        f'w:fill="A4161A"/></w:rPr><w:t xml:space="preserve"> {xml_text(mark)} </w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> · </w:t></w:r>\n'
        for mark in doc.marks
    )
    return _part("word/header1.xml").format(
        sender=sender, marks=marks, case_code=xml_text(doc.case_code)
    )


def _footer(doc: Handout) -> str:
    privacy_line = ""
    if doc.privacy_footer:
        privacy_line = (
            '<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr>'
            '<w:sz w:val="16"/></w:rPr><w:t xml:space="preserve">'
            f"{xml_text(doc.privacy_footer)}</w:t></w:r></w:p>\n"
        )
    return _part("word/footer1.xml").format(
        privacy_line=privacy_line, case_code=xml_text(doc.case_code)
    )


def _chart(chart: Chart) -> str:
    """A native line chart of a trend (DrawingML): the values in its cache, each point labelled."""
    labels = "".join(
        f'<c:pt idx="{i}"><c:v>{xml_text(label)}</c:v></c:pt>'
        for i, label in enumerate(chart.labels)
    )
    values = "".join(
        f'<c:pt idx="{i}"><c:v>{value}</c:v></c:pt>'
        for i, value in enumerate(chart.values)
        if value is not None
    )
    count = len(chart.values)  # one label per value: a meeting each
    return _part("word/charts/chart.xml").format(
        title=xml_text(chart.title),
        labels=labels,
        values=values,
        count=count,
        last_row=count + 1,
        maximum=chart.maximum,
    )
