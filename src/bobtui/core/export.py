"""Writing a summary to a file or stdout, in the formats the core renders."""

import json
import os
import tempfile
from pathlib import Path
from typing import Literal

from bobtui.core.errors import BobError
from bobtui.core.summary import Summary, render_markdown, summary_to_json

ExportFormat = Literal["md", "json"]
FORMATS: tuple[ExportFormat, ...] = ("md", "json")


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
