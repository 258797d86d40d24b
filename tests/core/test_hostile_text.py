"""Any text is just text in every export, and exports are all or nothing.

Hypothesis types hostile text (Rich markup, ANSI escapes, NUL and other controls, RTL marks,
emoji, Markdown and HTML syntax, formulas) into every field of a meeting made through the real
``MeetingSession`` on a SQLite file, exports it to every format and reads each file back with a
real parser: the text is there (minus control characters), and it built nothing the template
did not. A tame twin of the same meeting, with "tekst" in every field, says what the template
builds. Lone surrogates cannot reach the store (SQLite cannot encode them), so they go into the
documents straight from a summary.
"""

import csv
import errno
import io
import json
import os
import re
import unicodedata
import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bobtui.core.documents.export import (
    FORMATS,
    DocumentFormat,
    ExportFormat,
    export_to_folder,
    plan_batch,
    render,
    render_case_history,
    write_batch,
    write_private,
)
from bobtui.core.documents.profiles import FULL
from bobtui.core.documents.summary import Summary, build_summary
from bobtui.core.domain.errors import BobError, NotFound, WriteError
from bobtui.core.domain.text import csv_cell, json_text, markdown, one_line, printable, xml_text
from bobtui.core.domain.vocabulary import JudgementKind, Likelihood, NoteKind
from bobtui.core.questions.sets import default_catalog
from bobtui.core.session import MeetingSession, open_meeting
from bobtui.core.store.actions import actions_csv, open_actions
from bobtui.core.store.engine import Store, open_store, sqlite_url
from bobtui.core.store.history import case_history
from bobtui.core.store.meetings import select_meetings
from tests.core.test_exports import SCHEMA

NOW = datetime(2026, 3, 2, 10, 40, tzinfo=UTC)
LEIDRAAD = "huiselijk-geweld-kindveiligheid"
HOSTILE = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces people paste, or attackers type: markup, escapes, controls, scripts, formulas.
FRAGMENTS = (
    "[bold", "[/]", "[red]rood[/red]", "\x1b[31m", "\x1b]0;titel\x07", "\x1bc", "\x00", "\x07",
    "\x08", "\r", "\r\n", "\n\n", "\t", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\x9b31m",
    "\u200f", "\u202e", "\u2028", "\ufeff", "\ufffe", "\uffff", "😀", "👩‍👧", "é", "يوسف",
    "# kop", "## kop", "- lijst", "+ lijst", "* lijst", "1. een", "2) twee", "> citaat", "---",
    "===", "***", "___", "    code", "```", "~~~", "`code`", "|", " | ", "\\", "\\|", "*schuin*",
    "_schuin_", "**vet**", "~~weg~~", "<script>alert(1)</script>", "<b>", "</td>", "<!--",
    "]]>", "&amp;", "&lt;", "&#0;", "[x](javascript:alert(1))", "![b](http://example.org/b.png)",
    "<http://example.org>", "[^1]", "=1+1", "+31 6", "-2", "@SUM(A1)", '=HYPERLINK("http://x")',
    '"', "'", ";", ",", "\\\\", "{{ doc.title }}", "{% raw %}",
)  # fmt: skip


def hostile() -> st.SearchStrategy[str]:
    """Text that is not blank (the session refuses blank fields): fragments and anything else
    Unicode has, surrogates aside."""
    piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))
    return st.lists(piece, min_size=1, max_size=6).map("".join).filter(lambda t: t.strip() != "")


@dataclass(frozen=True)
class Typed:
    """What was typed into each free-text field of one meeting."""

    code: str
    reason: str
    location: str
    name: str
    organisation: str
    role: str
    question: str
    note: str
    worry: str
    respondent: str
    raise_it: str
    key_problem: str
    risk: str
    idea: str
    action: str
    owner: str
    owner_organisation: str
    informed_by: str


def everywhere(text: str) -> Typed:
    """The same text typed into every field."""
    return Typed(**{f.name: text for f in fields(Typed)})


TAME = everywhere("tekst")
typed_meetings = st.builds(Typed, **{f.name: hostile() for f in fields(Typed)})


def meeting_of(store: Store, typed: Typed) -> MeetingSession:
    """A meeting with ``typed`` in every free-text field, each through the session's own API."""
    session = MeetingSession.create(
        store,
        default_catalog().get(LEIDRAAD),
        case_code=typed.code,
        held_on=NOW.date(),
        location=typed.location,
        reason=typed.reason,
        clock=lambda: NOW,
    ).item
    person = session.add_participant(
        typed.name, organisation=typed.organisation, role=typed.role
    ).item
    session.start()
    session.add_own_question(typed.question)
    session.record_note(NoteKind.FEIT, typed.note, participant_id=person.id)
    session.record_note(NoteKind.ZORG, typed.worry)
    session.record_safety_score(typed.respondent, 4, typed.raise_it)
    session.park_idea(typed.idea, participant_id=person.id)
    session.next_phase()
    session.record_judgement(JudgementKind.KERNPROBLEEM, typed.key_problem)
    session.record_judgement(JudgementKind.RISICO, typed.risk, likelihood=Likelihood.HOOG)
    session.next_phase()
    session.record_decision(
        typed.action,
        owner_person=typed.owner,
        owner_organisation=typed.owner_organisation,
        deadline=NOW.date() + timedelta(days=7),
    )
    session.set_evaluation(
        evaluation_date=NOW.date() + timedelta(days=30), client_informed_by=typed.informed_by
    )
    return session


# --- reading the files back -----------------------------------------------------------------


def visible(text: str) -> str:
    """What a document shows of ``text``: no control characters, lone surrogates or U+FFFE and
    U+FFFF, and no whitespace, which every document folds its own way."""
    kept = (
        c for c in text if unicodedata.category(c) not in ("Cc", "Cs") and c not in "\ufffe\uffff"
    )
    return "".join("".join(kept).split())


def assert_no_controls(text: str) -> None:
    """Nothing a terminal or an XML parser would choke on: tabs and line breaks are all the
    controls left."""
    found = {c for c in text if unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n"}
    assert not found, sorted(found)


def docx_parts(content: bytes) -> dict[str, ElementTree.Element]:
    """Every XML part of a Word package, parsed: a NUL in one part makes Word refuse them all."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        assert package.testzip() is None
        return {
            name: ElementTree.fromstring(package.read(name))
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(part: ElementTree.Element) -> str:
    """The text of a Word part, its runs joined."""
    return "".join(t.text or "" for t in part.iter(f"{W}t"))


def docx_skeleton(content: bytes) -> dict[str, list[str]]:
    """Every part's elements in order: the paragraphs, runs and tables a document builds."""
    return {
        name: [element.tag for element in part.iter()] for name, part in docx_parts(content).items()
    }


class _Page(HTMLParser):
    """The elements of a page in order, and its text outside the style sheet."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, *(name for name, _ in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if self.lasttag != "style":
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment",))

    def handle_decl(self, decl: str) -> None:
        self.events.append(("declaration", decl))

    def unknown_decl(self, data: str) -> None:
        self.events.append(("unknown", data))

    def handle_pi(self, data: str) -> None:
        self.events.append(("processing instruction",))


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: a backslash before punctuation
_MARKDOWN_SPECIAL = set("\\`*_[]<>|#&~")
_BLOCKS = (
    ("heading", re.compile(r"(#{1,6})(\s|$)")),
    ("fence", re.compile(r"(`{3,}|~{3,})")),
    ("break", re.compile(r"([-*_=])\s*(\1\s*){2,}$")),
    ("item", re.compile(r"([-+*]|\d{1,9}[.)])(\s|$)")),
    ("quote", re.compile(">")),
    ("html", re.compile("<")),
    ("row", re.compile(r"\|")),
)


def markdown_unescaped(line: str) -> str:
    """The Markdown characters of ``line`` that are not escaped: what builds structure."""
    found, position = [], 0
    while position < len(line):
        if line[position] == "\\" and _ESCAPED.match(line, position):
            position += 2
            continue
        if line[position] in _MARKDOWN_SPECIAL:
            found.append(line[position])
        position += 1
    return "".join(found)


def markdown_block(line: str) -> str:
    """What a Markdown reader starts with ``line``: a heading of some level, a list item, …"""
    if not line.strip():
        return "blank"
    if line.startswith(("    ", "\t")):
        return "code"
    body = line[len(line) - len(line.lstrip(" ")) :]
    for kind, pattern in _BLOCKS:
        match = pattern.match(body)
        if match:
            return f"heading{len(match.group(1))}" if kind == "heading" else kind
    return "text"


def markdown_skeleton(text: str) -> list[tuple[str, str]]:
    """Line by line, the block it starts and its unescaped Markdown: what the text builds."""
    return [(markdown_block(line), markdown_unescaped(line)) for line in text.split("\n")]


def markdown_read(text: str) -> str:
    """What a Markdown reader shows of ``text``, as far as escapes go."""
    return _ESCAPED.sub(r"\1", text)


# --- every format, read back ----------------------------------------------------------------


def shown(typed: Typed) -> list[str]:
    """The typed texts a full summary shows, as the documents show them."""
    return [visible(getattr(typed, f.name)) for f in fields(Typed) if f.name != "question"]


def check_documents(
    documents: dict[ExportFormat, str | bytes], tame: dict[ExportFormat, str | bytes], typed: Typed
) -> None:
    """Word, HTML and Markdown: parse, show every text, build what the tame twin builds."""
    word = documents["docx"]
    assert isinstance(word, bytes)
    parts = docx_parts(word)
    words = visible(docx_text(parts["word/document.xml"]))
    assert all(text in words for text in shown(typed))
    assert visible(typed.code) in visible(docx_text(parts["word/footer1.xml"]))
    tame_word, tame_html, tame_text = tame["docx"], tame["html"], tame["md"]
    assert isinstance(tame_word, bytes) and isinstance(tame_html, str)
    assert isinstance(tame_text, str)
    assert docx_skeleton(word) == docx_skeleton(tame_word)

    html = documents["html"]
    assert isinstance(html, str)
    assert_no_controls(html)
    page = _Page(html)
    assert page.events == _Page(tame_html).events
    assert not any(event[1] == "script" for event in page.events if event[0] == "start")
    page_text = visible("".join(page.text))
    assert all(text in page_text for text in shown(typed))

    text = documents["md"]
    assert isinstance(text, str)
    assert_no_controls(text)
    assert markdown_skeleton(text) == markdown_skeleton(tame_text)
    plain = visible(markdown_read(text))
    assert all(t in plain for t in shown(typed))


def check_json(content: str | bytes, session: MeetingSession, typed: Typed) -> None:
    """Valid JSON, following the schema, with every text exactly as typed (and stored)."""
    assert isinstance(content, str)
    assert_no_controls(content)
    data = json.loads(content)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    kept = {f.name: getattr(typed, f.name).strip() for f in fields(Typed)}  # the session strips
    person = f"{kept['name']} ({kept['organisation']})"
    assert (data["case_code"], data["reason"], data["location"]) == (
        kept["code"],
        kept["reason"],
        kept["location"],
    )
    attendee = data["attendance"][0]
    assert (attendee["name"], attendee["organisation"], attendee["role"]) == (
        kept["name"],
        kept["organisation"],
        kept["role"],
    )
    fact = data["notes"]["beeldvorming"]["feit"][0]
    assert (fact["text"], fact["said_by"], fact["question"]) == (
        kept["note"],
        person,
        kept["question"],
    )
    assert data["notes"]["beeldvorming"]["zorg"][0]["text"] == kept["worry"]
    score = data["safety_scores"][0]
    assert (score["respondent"], score["what_would_raise_it"]) == (
        kept["respondent"],
        kept["raise_it"],
    )
    assert [j["text"] for j in data["judgements"]] == [kept["key_problem"], kept["risk"]]
    assert (data["parked_ideas"][0]["text"], data["parked_ideas"][0]["proposed_by"]) == (
        kept["idea"],
        person,
    )
    decision = data["decisions"][0]
    assert (decision["action"], decision["owner_person"], decision["owner_organisation"]) == (
        kept["action"],
        kept["owner"],
        kept["owner_organisation"],
    )
    assert data["client_informed_by"] == kept["informed_by"]
    assert kept["note"] == session.notes()[0].text  # and that is what the store holds


FORMULA = ("=", "+", "-", "@", "\t", "\r")


def check_csv(content: str, session: MeetingSession, typed: Typed) -> None:
    """Semicolons and a BOM; every text cell quoted (the reader turns unquoted cells into
    numbers, so a text cell without quotes fails), none starting a formula, no controls."""
    assert content.startswith("\ufeff")
    rows = list(
        csv.reader(
            io.StringIO(content.removeprefix("\ufeff")),
            delimiter=";",
            quoting=csv.QUOTE_NONNUMERIC,
        )
    )
    row = next(r for r in rows[1:] if r[7] == session.meeting_id)
    texts = {0: typed.action, 1: typed.owner, 2: typed.owner_organisation, 6: typed.code}
    for column, typed_text in texts.items():
        cell = row[column]
        assert isinstance(cell, str) and not cell.startswith(FORMULA), cell
        assert all(unicodedata.category(c) != "Cc" or c in "\t\n" for c in cell)
        kept = "".join(
            c for c in typed_text.strip() if unicodedata.category(c) != "Cc" or c in "\t\n"
        )
        kept = kept.replace("\ufffe", "").replace("\uffff", "")
        formula = kept.lstrip(" ").startswith(FORMULA)
        assert cell == ("'" + kept if formula else kept)


def every_format(summary: Summary) -> dict[ExportFormat, str | bytes]:
    return {export_format: render(summary, export_format) for export_format in FORMATS}


@pytest.fixture
def hostile_store(tmp_path: Path) -> Iterator[Store]:
    """One SQLite file for the whole test; every example is a meeting of its own in it."""
    store = open_store(sqlite_url(tmp_path / "vijandig.sqlite3"))
    yield store
    store.dispose()


def test_any_text_is_just_text_in_every_export(hostile_store: Store) -> None:
    tame = every_format(build_summary(meeting_of(hostile_store, TAME).snapshot()))

    @HOSTILE
    @given(typed_meetings)
    @example(everywhere("# kop\n- lijst\n1. een | twee"))
    @example(everywhere("<script>alert(1)</script>[x](javascript:alert(1))"))
    @example(everywhere("=1+1\x00\x1b[31m\x07`code` [bold]"))
    @example(everywhere("\x00"))
    def check(typed: Typed) -> None:
        session = meeting_of(hostile_store, typed)
        documents = every_format(build_summary(session.snapshot()))
        check_documents(documents, tame, typed)
        check_json(documents["json"], session, typed)
        check_csv(actions_csv(open_actions(hostile_store, NOW.date())), session, typed)

    check()


def test_case_history_documents_take_any_text(hostile_store: Store) -> None:
    """The history of a case renders through the same layout and templates."""

    @HOSTILE
    @given(typed_meetings)
    def check(typed: Typed) -> None:
        meeting_of(hostile_store, typed)
        history = case_history(hostile_store, typed.code, NOW.date())
        formats: tuple[DocumentFormat, ...] = ("md", "html", "docx")
        documents = {f: render_case_history(history, f) for f in formats}
        word = documents["docx"]
        assert isinstance(word, bytes)
        words = visible(docx_text(docx_parts(word)["word/document.xml"]))
        assert all(visible(t) in words for t in (typed.code, typed.action, typed.owner))
        html, text = documents["html"], documents["md"]
        assert isinstance(html, str) and isinstance(text, str)
        assert_no_controls(html)
        assert_no_controls(text)
        assert not [e for e in _Page(html).events if e[:2] == ("start", "script")]
        headings = [line for line in text.split("\n") if markdown_block(line).startswith("head")]
        assert [h.split(" ", 1)[0] for h in headings] == ["#", "##", "##", "##", "##"]
        assert visible(typed.action) in visible(markdown_read(text))

    check()


# --- lone surrogates and 100 KB -------------------------------------------------------------


def test_lone_surrogates_are_left_out_of_documents_and_kept_in_json(
    hostile_store: Store, tmp_path: Path
) -> None:
    """Python text can hold half a surrogate pair (a file name from the command line can);
    no encoding can write one, so the documents drop it and JSON writes it as an escape."""
    summary = build_summary(meeting_of(hostile_store, TAME).snapshot())
    broken = "half \ud800 paar \udfff einde"
    summary = replace(
        summary,
        case_code=broken,
        reason=broken,
        decisions=(replace(summary.decisions[0], action=broken),),
    )
    documents = every_format(summary)
    for export_format, content in documents.items():
        write_private(tmp_path / f"verslag.{export_format}", content)  # encodes as UTF-8
    word, html, text, data_text = (documents[f] for f in ("docx", "html", "md", "json"))
    assert isinstance(word, bytes) and isinstance(html, str) and isinstance(text, str)
    assert "halfpaareinde" in visible(docx_text(docx_parts(word)["word/document.xml"]))
    assert_no_controls(html)
    assert_no_controls(text)
    data = json.loads(data_text)
    assert data["case_code"] == data["reason"] == data["decisions"][0]["action"] == broken


def test_a_hundred_kilobytes_of_hostile_text(hostile_store: Store, tmp_path: Path) -> None:
    """One note of 100 KB, and a case code of 20 KB: every file, one by one and as a batch."""
    long = "".join(FRAGMENTS) * (100_000 // len("".join(FRAGMENTS)) + 1)
    typed = replace(TAME, note=long[:100_000], code="ZVH-" + long[:20_000], action=long[:5000])
    session = meeting_of(hostile_store, typed)
    summary = build_summary(session.snapshot())
    single = tmp_path / "los"
    single.mkdir()
    paths = {f: export_to_folder(summary, f, single) for f in FORMATS}
    assert all(len(path.name) < 120 for path in paths.values())  # a 20 KB code, a short name
    tame = every_format(build_summary(meeting_of(hostile_store, TAME).snapshot()))
    documents: dict[ExportFormat, str | bytes] = {
        f: path.read_bytes() if f == "docx" else path.read_text(encoding="utf-8")
        for f, path in paths.items()
    }
    check_documents(documents, tame, typed)
    check_json(documents["json"], session, typed)
    check_csv(actions_csv(open_actions(hostile_store, NOW.date())), session, typed)

    batch = tmp_path / "reeks"
    batch.mkdir()
    meetings = select_meetings(hostile_store)
    plan = plan_batch(meetings, FORMATS, FULL, batch)
    write_batch(plan, lambda i: build_summary(meeting_by_id(hostile_store, i).snapshot()))
    assert len(list(batch.iterdir())) == len(meetings) * len(FORMATS) + 1
    assert_no_controls((batch / "index.md").read_text(encoding="utf-8"))


def meeting_by_id(store: Store, meeting_id: int) -> MeetingSession:
    return open_meeting(store, meeting_id, default_catalog(), lambda: NOW)


# --- the pieces on their own ----------------------------------------------------------------

any_character = st.one_of(st.characters(), st.characters(categories=["Cs"]))
any_text = st.lists(st.one_of(st.text(any_character, max_size=10), st.sampled_from(FRAGMENTS))).map(
    "".join
)


@settings(max_examples=200, deadline=None)
@given(st.text(any_character))
def test_printable_drops_controls_and_keeps_the_rest(text: str) -> None:
    kept = printable(text)
    assert kept == "".join(
        c
        for c in text
        if c in "\t\n" or (unicodedata.category(c) not in ("Cc", "Cs") and c not in "\ufffe\uffff")
    )
    assert printable(kept) == kept
    kept.encode("utf-8")  # a terminal or a file can take it
    ElementTree.fromstring(f"<t>{kept.replace('&', '&amp;').replace('<', '&lt;')}</t>")


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_xml_text_reads_back_as_the_printable_text(text: str) -> None:
    escaped = xml_text(text)
    element = ElementTree.fromstring(f"<t a='{escaped}' b=\"{escaped}\">{escaped}</t>")
    assert (element.text or "") == printable(text)
    assert (
        element.get("a")
        == element.get("b")
        == printable(text).replace("\t", " ").replace("\n", " ")
    )  # XML normalises whitespace in attribute values
    assert not {"<", ">", '"', "'"} & set(escaped)


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_markdown_is_one_line_of_literal_text(text: str) -> None:
    line = markdown(text)
    assert "\n" not in line and line == line.strip()
    assert markdown_block(line) in ("text", "blank")
    assert markdown_unescaped(line) == ""
    assert visible(markdown_read(line)) == visible(text)


@settings(max_examples=200, deadline=None)
@given(st.text(any_character))
def test_json_keeps_every_string_exactly(text: str) -> None:
    dumped = json_text({text: [text]})
    assert_no_controls(dumped)
    dumped.encode("utf-8")
    if not re.search("[\ud800-\udbff][\udc00-\udfff]", text):  # two halves read back as one
        assert json.loads(dumped) == {text: [text]}


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_csv_cells_never_start_a_formula(text: str) -> None:
    cell = csv_cell(text)
    assert not cell.lstrip(" ").startswith(FORMULA) and printable(cell) == cell


@settings(max_examples=50, deadline=None)
@given(st.lists(any_text, min_size=1))
def test_a_terminal_table_of_printable_text_shows_the_text(cells: list[str]) -> None:
    """How the command line prints case text in a table: Text cells of ``one_line`` text, so
    Rich reads no markup, the terminal gets no escape code and a tab cannot tear a cell."""
    output = io.StringIO()
    console = Console(file=output, width=400, color_system=None, force_terminal=True)
    table = Table(box=None)
    table.add_column("Actie")
    for cell in cells:
        table.add_row(Text(one_line(cell)))
    console.print(table)
    assert "\x1b" not in output.getvalue()
    assert_no_controls(output.getvalue())
    shown_cells = visible(output.getvalue())
    assert all(visible(cell) in shown_cells for cell in cells)


# --- all or nothing -------------------------------------------------------------------------


class _FillingDisk:
    """``os.fdopen`` whose ``fail_at``-th file fills the disk halfway through its write."""

    def __init__(self, fail_at: int) -> None:
        self.fail_at = fail_at
        self.opened = 0
        self._fdopen = os.fdopen

    def __call__(self, descriptor: int, *args: Any, **kwargs: Any) -> Any:
        handle = self._fdopen(descriptor, *args, **kwargs)
        self.opened += 1
        return _HalfWritten(handle) if self.opened == self.fail_at else handle


class _HalfWritten:
    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def __enter__(self) -> "_HalfWritten":
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


@pytest.fixture
def three_meetings(hostile_store: Store) -> Store:
    for code in ("ZVH-VOL-1", "ZVH-VOL-2", "ZVH-VOL-3"):
        meeting_of(hostile_store, replace(TAME, code=code))
    return hostile_store


def batch_into(store: Store, folder: Path, *, force: bool = False) -> Callable[[], Path]:
    """Plan every meeting of ``store`` into ``folder`` now; write the batch when called."""
    plan = plan_batch(select_meetings(store), FORMATS, FULL, folder, force=force)
    return lambda: write_batch(plan, lambda i: build_summary(meeting_by_id(store, i).snapshot()))


def contents(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder``, hidden temporary ones too, with what it holds."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("fail_at", [1, 7, 13])  # the first file, one halfway, the index
def test_a_full_disk_halfway_through_a_batch_leaves_nothing(
    three_meetings: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    folder = tmp_path / "uit"
    folder.mkdir()
    (folder / "van-iemand-anders.txt").write_text("blijft")
    write = batch_into(three_meetings, folder)
    disk = _FillingDisk(fail_at)
    monkeypatch.setattr(os, "fdopen", disk)
    with pytest.raises(WriteError) as raised:
        write()
    assert disk.opened == fail_at
    assert str(raised.value) == f"De schijf is vol: er is niets geschreven in {folder}."
    assert contents(folder) == {"van-iemand-anders.txt": b"blijft"}  # no file, no temporary


def test_a_full_disk_leaves_an_earlier_export_as_it_was(
    three_meetings: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "uit"
    folder.mkdir()
    batch_into(three_meetings, folder)()
    before = contents(folder)
    assert len(before) == 13
    write_again = batch_into(three_meetings, folder, force=True)
    monkeypatch.setattr(os, "fdopen", _FillingDisk(12))
    with pytest.raises(WriteError, match="De schijf is vol"):
        write_again()
    assert contents(folder) == before


def test_a_single_file_on_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "uit"
    folder.mkdir()
    monkeypatch.setattr(os, "fdopen", _FillingDisk(1))
    with pytest.raises(WriteError, match=r"^De schijf is vol: er is niets geschreven in .*\.$"):
        write_private(folder / "acties.csv", "actie\r\n" * 1000)
    assert list(folder.iterdir()) == []


def test_a_meeting_that_cannot_be_read_stops_the_batch_before_any_file(
    three_meetings: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "uit"
    folder.mkdir()
    plan = plan_batch(select_meetings(three_meetings), FORMATS, FULL, folder)
    last = plan.items[-1].meeting.id

    def summary_of(meeting_id: int) -> Summary:
        if meeting_id == last:
            raise NotFound(f"Overleg {meeting_id} bestaat niet.")
        return build_summary(meeting_by_id(three_meetings, meeting_id).snapshot())

    with pytest.raises(NotFound):
        write_batch(plan, summary_of)
    assert list(folder.iterdir()) == []


def test_a_rename_that_fails_takes_the_new_files_away_again(
    three_meetings: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "uit"
    folder.mkdir()
    write = batch_into(three_meetings, folder)
    real_replace = Path.replace
    renamed: list[Path] = []

    def replace_until_the_fifth(self: Path, target: Any) -> Path:
        if len(renamed) == 4:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        renamed.append(Path(target))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace_until_the_fifth)
    with pytest.raises(BobError, match=r"Kan niet schrijven in .* er is niets geschreven"):
        write()
    assert len(renamed) == 4 and list(folder.iterdir()) == []
