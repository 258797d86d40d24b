"""Writing a summary to a file or stdout, in the formats the core renders."""

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Literal

from bobtui.core.errors import BobError
from bobtui.core.summary import Summary, render_markdown, summary_to_json

ExportFormat = Literal["md", "json"]
FORMATS: tuple[ExportFormat, ...] = ("md", "json")


def suggested_file_name(summary: Summary, export_format: ExportFormat) -> str:
    """A predictable name: verslag-CASE-CODE-2026-11-23.md (only safe characters)."""
    code = re.sub(r"[^A-Za-z0-9_-]+", "-", summary.case_code).strip("-") or "overleg"
    return f"verslag-{code}-{summary.held_on:%Y-%m-%d}.{export_format}"


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


def render(summary: Summary, export_format: ExportFormat) -> str:
    if export_format == "json":
        return json.dumps(summary_to_json(summary), ensure_ascii=False, indent=2) + "\n"
    return render_markdown(summary)


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by the owner only, all at once or not at all."""
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise BobError(f"De map {folder} bestaat niet.")
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise BobError(f"Kan niet schrijven in {folder} ({error.strerror}).") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise BobError(f"Kan {path} niet schrijven ({error.strerror}).") from None
