"""Crash reports that hold no case content: where in the code, never what was typed.

A traceback's local variables and an exception's message may hold a note, a name or the
parameters of a SQL statement. A report keeps the error's kind and, for every frame, the file,
line and function: enough for a developer, nothing about a family.
"""

import os
import traceback
from datetime import datetime
from pathlib import Path

from bobtui.core.config.paths import Paths


def crash_lines(error: BaseException | None) -> list[str]:
    """The error's kind and its frames as ``file:line in function``, innermost last."""
    if error is None:
        return ["(geen foutgegevens)"]
    lines = [f"{type(error).__module__}.{type(error).__qualname__}"]
    for frame in traceback.extract_tb(error.__traceback__):
        lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
    return lines


def write_crash_report(error: BaseException | None, paths: Paths) -> Path:
    """Write the report to ``crashes/`` in the data folder (0600) and return its path."""
    folder = paths.ensure_private_dir(paths.data_dir / "crashes")
    path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write("\n".join(crash_lines(error)) + "\n")
    return path
