"""Typed text, made safe on the way out: for documents, Markdown, CSV, JSON and the terminal.

The store keeps what was typed, byte for byte; every output neutralises it here, in one place.
A note is just text in every export: it cannot make a Word file unreadable, open a link or a
heading in Markdown, run a formula in a spreadsheet or colour a terminal.
"""

import json
import re
from typing import Any

# What is not text: C0 controls except tab and newline (NUL, BEL, ESC, CR, ...), DEL, the C1
# controls (U+009B is an 8-bit CSI to some terminals), lone surrogates (no encoding can write
# them) and the non-characters U+FFFE and U+FFFF. What remains is valid XML 1.0 character data.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Lone surrogates: what Python makes of bytes that are not UTF-8 in a command line, an
# environment variable or a file name (os.fsdecode, "surrogateescape"): U+DC80-U+DCFF.
_SURROGATE = re.compile("[\ud800-\udfff]")

# Characters with a Markdown meaning anywhere in a line: escapes, code, emphasis, links and
# images, raw HTML and entities, table cells, headings (also their closing #s), strikethrough.
_MARKDOWN_ANYWHERE = re.compile(r"([\\`*_\[\]<>|#&~])")
# And at the start of a line: list items, setext underlines and breaks, ordered list numbers.
_MARKDOWN_LINE_START = re.compile(r"^(?:[-+=]|\d{1,9}(?=[.)]))")

# Spreadsheets take a cell that starts with one of these as a formula (OWASP, CSV injection);
# OWASP also names the carriage return, which ``printable`` has removed already.
_FORMULA_START = ("=", "+", "-", "@", "\t")


def printable(text: str) -> str:
    """``text`` without control characters, lone surrogates and non-characters.

    Fit for a terminal (no escape sequence, bell or carriage return gets through) and for XML
    (Word, HTML); tabs, newlines and every visible character, emoji and RTL marks, stay."""
    return _NOT_TEXT.sub("", text)


def xml_text(text: str) -> str:
    """``text`` printable and escaped for HTML or XML: fit for an element or a quoted attribute
    value, where it can open no tag, entity or attribute."""
    # The five characters with a meaning in markup, as entities (str.replace beats translate).
    return (
        printable(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )


def undecodable(text: str) -> bool:
    """Whether ``text`` holds lone surrogates: bytes that were not UTF-8 where it came from. No
    database, file format or terminal can write such a text."""
    return _SURROGATE.search(text) is not None


def show_undecodable(text: str) -> str:
    """``text`` printable, each lone surrogate shown as the byte it stands for (``\\xff``),
    so a user sees where the text is not UTF-8."""

    def byte(found: re.Match[str]) -> str:
        code = ord(found.group())
        return f"\\x{code - 0xDC00:02x}" if code >= 0xDC80 else f"\\u{code:04x}"

    return printable(_SURROGATE.sub(byte, text))


def one_line(text: str | None) -> str:
    """``text`` printable on one line: every run of whitespace (line breaks, tabs) becomes one
    space, for a table cell, a list item or a heading. A text of only control characters is
    empty, so it shows as an empty field does."""
    return " ".join(printable(text or "").split())


def markdown(text: str) -> str:
    """``text`` as one line of literal Markdown: whatever it holds renders as the same text,
    never as a heading, list, link, table cell, code or HTML.

    On one line (as the HTML and Word documents show it), a note cannot end a list item or a
    table row, nor start an indented code block."""
    line = _MARKDOWN_ANYWHERE.sub(r"\\\1", one_line(text))
    # The line-start marker is escaped after its digits: "1\. " is text, "\1. " would not be.
    match = _MARKDOWN_LINE_START.match(line)
    if match is None:
        return line
    if match.group().isdigit():
        end = match.end()
        return f"{line[:end]}\\{line[end:]}"
    return "\\" + line


def csv_cell(text: str) -> str:
    """A spreadsheet cell that stays text: no controls, and a leading single quote when the cell
    would otherwise start a formula (also after leading spaces, which some programs skip).

    The writer must quote the cell as well, as OWASP advises."""
    cell = printable(text)
    return f"'{cell}" if cell.lstrip(" ").startswith(_FORMULA_START) else cell


def json_text(data: Any) -> str:
    """``data`` as JSON that keeps every string exactly as typed.

    ``json.dumps`` escapes C0 controls itself but writes DEL, C1 controls and lone surrogates
    as they are; those become ``\\uXXXX`` escapes too, so the file can be encoded as UTF-8 and
    printed to a terminal, and reads back to the same text. Outside strings JSON is ASCII, so
    only string contents are touched."""
    dumped = json.dumps(data, ensure_ascii=False, indent=2)
    return _NOT_TEXT.sub(lambda found: f"\\u{ord(found.group()):04x}", dumped)
