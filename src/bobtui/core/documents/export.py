"""Writing summaries to files: one meeting, or a batch with an index, never half a file.

Every file is written to a temporary name in the target folder, flushed, and renamed, so a
crash or a full disk leaves either the whole file or nothing. A batch renames its files only
when every one of them has been written: a full disk halfway leaves none of them. Files are
readable by the owner only. A batch checks every target name before it writes the first file,
and overwrites only when asked to.
"""

import errno
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from bobtui.core.documents.profiles import FULL, Profile
from bobtui.core.documents.summary import NO_LETTERHEAD, Letterhead, Summary
from bobtui.core.documents.summary_json import summary_to_json
from bobtui.core.domain.errors import BobError, WriteError
from bobtui.core.domain.history import CaseHistory
from bobtui.core.domain.text import json_text, markdown

if TYPE_CHECKING:
    from bobtui.core.documents.blocks import Handout
    from bobtui.core.domain.records import MeetingListRow

ExportFormat = Literal["md", "json", "html", "docx", "pdf"]
FORMATS: tuple[ExportFormat, ...] = ("md", "json", "html", "docx")
"""What the app offers; the command line adds PDF (through LibreOffice, when installed)."""
COMMAND_FORMATS: tuple[ExportFormat, ...] = (*FORMATS, "pdf")
FORMAT_LABELS: dict[ExportFormat, str] = {
    "md": "Markdown",
    "json": "JSON",
    "html": "HTML",
    "docx": "Word",
    "pdf": "PDF",
}
INDEX_NAME = "index.md"
# The case code's share of a file name: a code of any length still leaves a name (and its
# temporary twin) well inside the 255 bytes file systems allow. The store means 64 as well.
_CODE_IN_NAME = 64


def parse_formats(text: str) -> tuple[ExportFormat, ...]:
    """``"md,html"`` → ("md", "html"); one sentence for an unknown format."""
    chosen: list[ExportFormat] = []
    for name in (part.strip().lower() for part in text.split(",")):
        match = next((f for f in COMMAND_FORMATS if f == name), None)
        if match is None:
            raise BobError(f"Onbekend formaat '{name}'; kies uit: {', '.join(COMMAND_FORMATS)}.")
        if match not in chosen:
            chosen.append(match)
    return tuple(chosen)


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text)[:_CODE_IN_NAME].strip("-")


def file_name(
    case_code: str, held_on_iso: str, meeting_id: int, profile: Profile, export_format: str
) -> str:
    """A predictable name: verslag-CASE-CODE-2026-11-23-nr12[-besluiten][-vertrouwelijk].md
    (safe characters); a file with confidential notes says so in its name."""
    code = _safe(case_code) or "overleg"
    suffix = "" if profile.name == FULL.name else f"-{profile.name}"
    suffix += "-vertrouwelijk" if profile.include_confidential else ""
    return f"verslag-{code}-{held_on_iso}-nr{meeting_id}{suffix}.{export_format}"


def suggested_file_name(summary: Summary, export_format: ExportFormat) -> str:
    return file_name(
        summary.case_code,
        summary.held_on.isoformat(),
        summary.meeting_id,
        summary.profile,
        export_format,
    )


def render(summary: Summary, export_format: ExportFormat) -> str | bytes:
    """The summary in one format; Word and PDF are bytes, the others text."""
    if export_format == "json":
        return json_text(summary_to_json(summary)) + "\n"
    # JSON needs no layout: only the document formats pay for importing it.
    from bobtui.core.documents import render as documents

    if export_format == "html":
        return documents.render_html(summary)
    if export_format == "docx":
        return documents.render_docx(summary)
    if export_format == "pdf":
        from bobtui.core.documents.pdf import docx_to_pdf

        return docx_to_pdf(documents.render_docx(summary))
    return documents.render_markdown(summary)


DocumentFormat = Literal["md", "html", "docx"]
DOCUMENT_FORMATS: tuple[DocumentFormat, ...] = ("md", "html", "docx")


def render_document(handout: "Handout", export_format: DocumentFormat) -> str | bytes:
    """Any laid-out document (case history, feedback, role cards) in one of the formats."""
    from bobtui.core.documents import render as documents

    if export_format == "html":
        return documents.html_document(handout)
    if export_format == "docx":
        return documents.word_document(handout)
    return documents.markdown_document(handout)


def render_case_history(
    history: CaseHistory, export_format: DocumentFormat, letterhead: Letterhead = NO_LETTERHEAD
) -> str | bytes:
    from bobtui.core.documents.case_layout import build_case_handout

    return render_document(build_case_handout(history, letterhead), export_format)


def case_history_file_name(history: CaseHistory, export_format: str) -> str:
    return f"casusgeschiedenis-{_safe(history.case_code) or 'casus'}.{export_format}"


def free_path(folder: Path, name: str) -> Path:
    """``folder/name``, or with -2, -3, … before the suffix when that file already exists."""
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def export_to_folder(summary: Summary, export_format: ExportFormat, folder: Path) -> Path:
    """Write the summary into ``folder`` under a predictable, unused name; return the path."""
    path = free_path(folder, suggested_file_name(summary, export_format))
    write_private(path, render(summary, export_format))
    return path


def _writable_folder(folder: Path) -> Path:
    if not folder.is_dir():
        raise BobError(f"De map {folder} bestaat niet.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BobError(f"Kan niet schrijven in {folder} (geen schrijfrechten).")
    return folder


def write_private(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` readable by the owner only, all at once or not at all."""
    with _all_or_nothing(_writable_folder(path.parent)) as stage:
        stage(path, content)


def _write_error(error: OSError, folder: Path) -> WriteError:
    where = folder.absolute()  # "in ." says nothing to someone who exported to the current folder
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return WriteError(f"De schijf is vol: er is niets geschreven in {where}.")
    reason = error.strerror or "onbekende fout"
    return WriteError(f"Kan niet schrijven in {where} ({reason}); er is niets geschreven.")


@contextmanager
def _all_or_nothing(folder: Path) -> Iterator[Callable[[Path, str | bytes], None]]:
    """Stage files for ``folder`` under temporary names (private, flushed to disk); when the
    block ends they all move into place, and on any failure none does and the temporary
    files go. A write error becomes one Dutch sentence.

    The temporary files live in the target folder, so moving one is a rename: atomic, and no
    copy that could run out of space halfway."""
    staged: list[tuple[Path, Path]] = []

    def stage(path: Path, content: str | bytes) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        descriptor, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        staged.append((Path(name), path))
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    try:
        yield stage
        _move_into_place(staged)
    except BaseException as error:  # also Ctrl-C: no temporary file stays behind
        for temporary, _ in staged:
            with suppress(OSError):  # the first error is the one to report
                temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _write_error(error, folder) from None
        raise


def _move_into_place(staged: Sequence[tuple[Path, Path]]) -> None:
    """Rename every temporary file to its target; when a rename fails, take the files this
    batch had created away again. A file that existed before (overwritten with ``--force``)
    keeps its new content: its old content is gone with the rename."""
    created: list[Path] = []
    try:
        for temporary, path in staged:
            existed = path.exists()
            temporary.replace(path)
            if not existed:
                created.append(path)
    except OSError:
        for path in created:
            path.unlink(missing_ok=True)
        raise


# --- batches ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchItem:
    meeting: "MeetingListRow"
    export_format: ExportFormat
    path: Path


@dataclass(frozen=True)
class BatchPlan:
    items: tuple[BatchItem, ...]
    index: Path
    profile: Profile


def plan_batch(
    meetings: Sequence["MeetingListRow"],
    formats: Sequence[ExportFormat],
    profile: Profile,
    folder: Path,
    *,
    force: bool = False,
) -> BatchPlan:
    """Name every file a batch will write, and refuse before writing anything when the folder
    cannot be written or a file exists (unless ``force``)."""
    if not meetings:
        raise BobError("Er zijn geen overleggen die aan de keuze voldoen; er is niets geschreven.")
    if not formats:
        raise BobError("Kies minstens één formaat.")
    _writable_folder(folder)
    items = tuple(
        BatchItem(
            meeting,
            export_format,
            folder
            / file_name(
                meeting.case_code, meeting.held_on.isoformat(), meeting.id, profile, export_format
            ),
        )
        for meeting in meetings
        for export_format in formats
    )
    index = folder / INDEX_NAME
    if not force:
        existing = [p for p in (*(item.path for item in items), index) if p.exists()]
        if existing:
            others = f" en nog {len(existing) - 1}" if len(existing) > 1 else ""
            raise BobError(
                f"{existing[0].name}{others} bestaat al in {folder}; "
                "kies een andere map of overschrijf met --force."
            )
    return BatchPlan(items, index, profile)


def render_all(summary: Summary, formats: Sequence[ExportFormat]) -> list[str | bytes]:
    """The summary in each of ``formats``, in that order; laid out once for all documents."""
    handout: Handout | None = None
    contents: list[str | bytes] = []
    for export_format in formats:
        if export_format == "json" or export_format == "pdf":  # data, or by LibreOffice
            contents.append(render(summary, export_format))
            continue
        if handout is None:
            from bobtui.core.documents.layout import build_handout

            handout = build_handout(summary)
        contents.append(render_document(handout, export_format))
    return contents


def meeting_formats(plan: BatchPlan) -> dict[int, tuple[ExportFormat, ...]]:
    """Each meeting of ``plan`` (by id, in the plan's order) with the formats it gets."""
    formats: dict[int, tuple[ExportFormat, ...]] = {}
    for item in plan.items:
        formats[item.meeting.id] = (*formats.get(item.meeting.id, ()), item.export_format)
    return formats


def write_batch(
    plan: BatchPlan,
    summary_of: Callable[[int], Summary],
    progress: Callable[[int], None] = lambda done: None,
) -> Path:
    """Write every file of ``plan`` and the index, each meeting rendered here, in this process.

    ``summary_of`` builds one meeting's summary (with the plan's profile)."""
    rendered = (
        render_all(summary_of(meeting_id), formats)
        for meeting_id, formats in meeting_formats(plan).items()
    )
    return write_rendered_batch(plan, rendered, progress)


def write_rendered_batch(
    plan: BatchPlan,
    rendered: Iterable[Sequence[str | bytes]],
    progress: Callable[[int], None] = lambda done: None,
) -> Path:
    """Write every file of ``plan`` and the index, all or nothing: the files appear only once
    every one is written, and a failure (a full disk, a meeting that cannot be read) leaves
    none of them. ``progress`` hears each meeting done.

    ``rendered`` yields each meeting's contents in the order of :func:`meeting_formats`."""
    by_meeting: dict[int, list[BatchItem]] = {}
    for item in plan.items:
        by_meeting.setdefault(item.meeting.id, []).append(item)
    with _all_or_nothing(plan.index.parent) as stage:
        for done, (items, contents) in enumerate(
            zip(by_meeting.values(), rendered, strict=True), start=1
        ):
            for item, content in zip(items, contents, strict=True):
                stage(item.path, content)
            progress(done)
        stage(plan.index, render_index(plan))
    return plan.index


def render_index(plan: BatchPlan) -> str:
    """A Markdown table of the exported meetings and their files."""
    lines = [
        "# Geëxporteerde verslagen",
        "",
        "*Vertrouwelijk: bestemd voor de deelnemers aan de overleggen.*",
        "",
        f"*{plan.profile.statement}*",
        "",
        "| Nr | Casuscode | Datum | Status | Bestanden |",
        "|---|---|---|---|---|",
    ]
    by_meeting: dict[int, list[BatchItem]] = {}
    for item in plan.items:
        by_meeting.setdefault(item.meeting.id, []).append(item)
    for items in by_meeting.values():
        meeting = items[0].meeting
        files = ", ".join(f"[{item.path.name}]({item.path.name})" for item in items)
        code = markdown(meeting.case_code)
        lines.append(
            f"| {meeting.id} | {code} | {meeting.held_on:%d-%m-%Y} | {meeting.state} | {files} |"
        )
    return "\n".join(lines) + "\n"
