"""Documents from a summary: Markdown, HTML and Word.

Each format renders the laid-out :class:`~bobtui.core.documents.layout.Handout` in plain
Python (:mod:`.render_markdown`, :mod:`.render_html`, :mod:`.render_docx`), so an export pays
for no template engine at import time.

Case text is just text in every format: every value loses its control characters, HTML and
XML escape it and Markdown escapes it; all of it comes from :mod:`bobtui.core.domain.text`.
"""

from datetime import datetime

from bobtui.core.documents.layout import build_handout
from bobtui.core.documents.render_docx import word_document
from bobtui.core.documents.render_html import html_document
from bobtui.core.documents.render_markdown import markdown_document
from bobtui.core.documents.summary import Summary

__all__ = [
    "html_document",
    "markdown_document",
    "render_docx",
    "render_html",
    "render_markdown",
    "word_document",
]


def render_markdown(summary: Summary) -> str:
    return markdown_document(build_handout(summary))


def render_html(summary: Summary) -> str:
    """A self-contained page: no external files, with a print stylesheet."""
    return html_document(build_handout(summary))


def render_docx(summary: Summary, *, created: datetime | None = None) -> bytes:
    """A Word document: real headings, tables sized to their content, the sender and the marks
    (CONCEPT, confidential notes) in every page header, a privacy footer with page numbers.

    The document properties hold no case text: a generic title and the creation time only.
    """
    return word_document(build_handout(summary), created=created)
