"""Documents from a summary: Markdown, HTML and Word, each from a template beside this module.

Templates get the laid-out :class:`~bobtui.core.documents.layout.Handout`; the Word document
is a WordprocessingML package assembled from templated XML parts, which takes milliseconds where
a document built paragraph by paragraph with python-docx took about a second (make bench).

Case text is just text in every format: every value a template prints loses its control
characters (``finalize``), HTML and XML escape it (autoescape) and Markdown escapes it with the
``md`` filter; both come from :mod:`bobtui.core.domain.text`.
"""

import base64
import io
import zipfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from bobtui.core.documents.blocks import Handout
from bobtui.core.documents.layout import build_handout
from bobtui.core.documents.summary import Summary
from bobtui.core.documents.widths import CELL_PADDING, fit_columns
from bobtui.core.domain.text import markdown, printable

TEMPLATES = Path(__file__).parent / "templates"


def _text_only(value: object) -> object:
    """Every printed value without control characters: a NUL or ESC in a note would make the
    Word file unreadable. Markup is what a macro or filter already built from such values."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return printable(value)
    return value


def _css_string(text: str) -> Markup:
    """A quoted CSS string; anything but letters, digits and spaces as a CSS escape, so case
    text can never close the string or the style element."""
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in printable(text))
    return Markup(f'"{escaped}"')


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html.j2", "xml.j2"], default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        finalize=_text_only,
    )
    environment.filters["md"] = markdown
    environment.filters["css_string"] = _css_string
    environment.filters["b64"] = lambda data: base64.b64encode(data).decode("ascii")
    environment.globals["fit_columns"] = fit_columns
    environment.globals["cell_padding"] = CELL_PADDING
    return environment


def _render(template: str, handout: Handout) -> str:
    return _environment().get_template(template).render(doc=handout)


def render_markdown(summary: Summary) -> str:
    return markdown_document(build_handout(summary))


def render_html(summary: Summary) -> str:
    """A self-contained page: no external files, with a print stylesheet."""
    return html_document(build_handout(summary))


def markdown_document(handout: Handout) -> str:
    return _render("summary.md.j2", handout)


def html_document(handout: Handout) -> str:
    return _render("summary.html.j2", handout)


# The parts of a Word package that never change, and the ones rendered per document.
_DOCX_STATIC = (
    "_rels/.rels",
    "word/styles.xml",
    "word/settings.xml",
    "word/numbering.xml",
    "docProps/app.xml",
)
_DOCX_RENDERED = (
    "[Content_Types].xml",
    "word/_rels/document.xml.rels",
    "word/_rels/header1.xml.rels",
    "word/document.xml",
    "word/header1.xml",
    "word/footer1.xml",
)


def render_docx(summary: Summary, *, created: datetime | None = None) -> bytes:
    """A Word document: real headings, tables sized to their content, the sender and the marks
    (CONCEPT, confidential notes) in every page header, a privacy footer with page numbers.

    The document properties hold no case text: a generic title and the creation time only.
    """
    return word_document(build_handout(summary), created=created)


def word_document(handout: Handout, *, created: datetime | None = None) -> bytes:
    environment = _environment()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name in _DOCX_STATIC:
            package.write(TEMPLATES / "docx" / name, name)
        for name in _DOCX_RENDERED:
            package.writestr(name, environment.get_template(f"docx/{name}.j2").render(doc=handout))
        chart = environment.get_template("docx/word/charts/chart.xml.j2")
        for number, block in enumerate(handout.charts, start=1):
            package.writestr(f"word/charts/chart{number}.xml", chart.render(chart=block))
        if handout.logo:
            package.writestr(f"word/media/logo.{handout.logo.extension}", handout.logo.image)
        stamp = (created or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        core = environment.get_template("docx/docProps/core.xml.j2").render(
            created=stamp, kind=handout.kind
        )
        package.writestr("docProps/core.xml", core)
    return buffer.getvalue()
