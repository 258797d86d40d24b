"""The body of a Word document (``word/document.xml``): paragraphs, lists, tables and charts.

Element order inside ``pPr``, ``rPr`` and ``tblPr`` follows the schema: Word is strict. Every
text is printed through :func:`~bobtui.core.domain.text.xml_text`.
"""

import itertools
from collections.abc import Iterator, Sequence
from typing import assert_never

from bobtui.core.documents.blocks import (
    Bullets,
    Chart,
    Facts,
    Handout,
    Subheading,
    Table,
    Text,
)
from bobtui.core.documents.widths import CELL_PADDING, fit_columns
from bobtui.core.domain.text import xml_text

PAGE_WIDTH = 9638
"""The width between the margins of an A4 page in twips: every table's width."""

_HEADER_FILL = '<w:shd w:val="clear" w:color="auto" w:fill="EEF3F8"/>'


def document_body(doc: Handout) -> str:
    """Everything in ``<w:body>`` before the section properties."""
    return "".join(_body(doc))


def _body(doc: Handout) -> Iterator[str]:
    for number, banner in enumerate(doc.banners):
        yield _banner(banner, concept=doc.concept and number == 0)
    yield _paragraph(_run(doc.title), style="Title")
    yield _paragraph(_run(doc.confidentiality, bold=True))
    yield _paragraph(_run(doc.profile_statement, italic=True, grey=True))
    if doc.particulars.pairs:
        yield _table((), doc.particulars.pairs)
    if doc.distribution:
        yield _paragraph(_run(doc.distribution))
    chart_numbers = itertools.count(1)  # as word_document numbers the chart parts
    for number, part in enumerate(doc.parts):
        if doc.page_per_part and number:
            yield '<w:p><w:r><w:br w:type="page"/></w:r></w:p>\n'
        yield _paragraph(_run(part.title), style="Heading1")
        for block in part.blocks:
            if isinstance(block, Chart):
                yield _chart(block, next(chart_numbers))
            else:
                yield _block(block)


def _block(block: Subheading | Text | Bullets | Facts | Table) -> str:
    if isinstance(block, Subheading):
        return _paragraph(_run(block.text), style="Heading2")
    if isinstance(block, Text):
        return _paragraph(_run(block.text, italic=block.muted, grey=block.muted))
    if isinstance(block, Bullets):
        return "".join(
            _paragraph(
                _run(item.text)
                + (_run(f" — {item.by}", italic=True, grey=True) if item.by else "")
                + (_run(" vertrouwelijk", bold=True, mark=True) if item.confidential else ""),
                style="ListBullet",
            )
            for item in block.items
        )
    if isinstance(block, Facts):
        pairs = "".join(
            _paragraph(_run(f"{label}: ", bold=True) + _run(value)) for label, value in block.pairs
        )
        return pairs + "\n"
    if isinstance(block, Table):
        return _table(block.header, block.rows, block.shares)
    assert_never(block)


def _run(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    grey: bool = False,
    mark: bool = False,
    color: str = "",
    size: int = 0,
) -> str:
    """A stretch of text with one look; grey wins over ``color``."""
    props = "<w:b/>" * bold + "<w:i/>" * italic
    if grey or color:
        props += f'<w:color w:val="{"5B5B5B" if grey else color}"/>'
    if size:
        props += f'<w:sz w:val="{size}"/>'
    props += '<w:highlight w:val="yellow"/>' * mark
    look = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{look}<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'


def _paragraph(runs: str, *, style: str = "") -> str:
    look = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{look}{runs}</w:p>\n"


def _banner(text: str, *, concept: bool) -> str:
    """A first-page warning in a coloured box: amber for CONCEPT, red for confidential notes."""
    line, fill, ink = ("C98A00", "FFF3CD", "7A4B00") if concept else ("A4161A", "A4161A", "FFFFFF")
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="12" w:space="4" w:color="{line}"/>'
        for side in ("top", "left", "bottom", "right")
    )
    return (
        f'<w:p><w:pPr><w:pBdr>{borders}</w:pBdr><w:shd w:val="clear" w:color="auto" '
        f'w:fill="{fill}"/></w:pPr>{_run(text, bold=True, color=ink)}</w:p>\n\n'
    )


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], shares: Sequence[int] = ()) -> str:
    """A full-width table; without a header its first column is shaded as labels."""
    fit = fit_columns(header, rows, PAGE_WIDTH, shares)
    widths = fit.widths
    lines = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{PAGE_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblCellMar>'
        f'<w:left w:w="{CELL_PADDING}" w:type="dxa"/><w:right w:w="{CELL_PADDING}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>',
        "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>",
    ]
    if header:
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{_HEADER_FILL}</w:tcPr>'
            f"<w:p>{_run(cell, bold=True, size=fit.half_points)}</w:p></w:tc>"
            for width, cell in zip(widths, header, strict=True)
        )
        lines.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr>")
    for row in rows:
        cells = ""
        for column, (width, cell) in enumerate(zip(widths, row, strict=True)):
            label = column == 0 and not header
            fill = _HEADER_FILL if label else ""
            cells += (
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{fill}</w:tcPr>'
                f"<w:p>{_run(cell, bold=label, size=fit.half_points)}</w:p></w:tc>"
            )
        lines.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    lines += ["</w:tbl>", "<w:p></w:p>", "", ""]
    return "\n".join(lines)


def _chart(chart: Chart, number: int) -> str:
    """The chart part ``number`` in its own paragraph, then its title and values as text."""
    description = f"{xml_text(chart.title)}: {xml_text(chart.readout)}"
    drawing = (
        '<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        '<wp:extent cx="6120000" cy="2880000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{100 + number}" name="Grafiek {number}" descr="{description}"/>'
        "<wp:cNvGraphicFramePr/><a:graphic>"
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart r:id="rIdChart{number}"/></a:graphicData></a:graphic></wp:inline>'
        "</w:drawing></w:r></w:p>\n"
    )
    return drawing + _paragraph(_run(f"{chart.title}: ", bold=True) + _run(chart.readout))
