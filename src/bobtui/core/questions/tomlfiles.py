"""TOML data files that people edit by hand (question sets, practice cases), checked with
pydantic, with every problem as one line naming the file, the line and the field.
"""

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError
from pydantic_core import PydanticCustomError

from bobtui.core.domain.errors import DataFileError

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9\-]*$", max_length=80)]


def located(location: tuple[str | int, ...], message: str) -> PydanticCustomError:
    """A whole-table error that still points at the field (and so the line) it is about,
    relative to the table whose validator raises it."""
    return PydanticCustomError(
        "bob_located", message.replace("{", "(").replace("}", ")"), {"at": location}
    )


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_M = TypeVar("_M", bound=BaseModel)

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\s\"]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")

_MESSAGES = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekend veld",
    "string_too_short": "mag niet leeg zijn",
    "too_short": "mag niet leeg zijn",
    "greater_than": "moet groter zijn dan 0",
    "less_than_equal": "is te groot",
    "string_pattern_mismatch": "alleen kleine letters, cijfers en '-' zijn toegestaan",
    "string_type": "moet tekst zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "tuple_type": "moet een lijst zijn",
    "model_type": "moet een tabel zijn",
    "model_attributes_type": "moet een tabel zijn",
}


def _line_index(source: str) -> dict[tuple[str | int, ...], int]:
    """Map each table and key path in a TOML text to its line number (1-based).

    Handles the layout people write by hand ([[phases]], [[phases.themes]], key = value);
    it is only used to point at a line, so anything it does not understand is left out.
    """
    index: dict[tuple[str | int, ...], int] = {}
    counts: dict[tuple[str | int, ...], int] = {}
    current: tuple[str | int, ...] = ()
    for number, line in enumerate(source.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = [part.strip().strip('"') for part in header.group(2).split(".")]
            path: tuple[str | int, ...] = ()
            for depth, name in enumerate(names):
                path = (*path, name)
                is_last = depth == len(names) - 1
                if header.group(1) == "[[" and is_last:
                    position = counts.get(path, 0)
                    counts[path] = position + 1
                    path = (*path, position)
                elif path in counts:  # a parent array of tables: the latest element
                    path = (*path, counts[path] - 1)
            current = path
            index.setdefault(current, number)
            if header.group(1) == "[[":  # the array as a whole starts at its first element
                index.setdefault(current[:-1], number)
            continue
        key = _KEY.match(line)
        if key:
            index.setdefault((*current, key.group(1)), number)
    return index


def _format_location(location: Iterable[str | int]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(bestand)"


def _describe(error: Any) -> str:
    kind = error["type"]
    if kind in ("enum", "literal_error"):
        expected = error.get("ctx", {}).get("expected", "")
        return f"onbekende waarde {error['input']!r}; kies uit {expected}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "bob_located":
        return str(error["msg"])
    return _MESSAGES.get(kind, str(error["msg"]))


def problem(path: Path, line: int | None, where: str, message: str) -> str:
    position = f"{path}:{line}" if line else str(path)
    return f"{position}: {where}: {message}"


MAX_FILE_BYTES = 1_000_000
"""A question set or practice case is tens of kilobytes; a bigger file is not one."""
MAX_NESTING = 8
"""The formats nest tables and lists five levels deep at most."""


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _read_toml(path: Path, error_type: type[DataFileError]) -> tuple[str, dict[str, Any]]:
    """Read and parse a TOML file, turning every failure into ``error_type``.

    Files over :data:`MAX_FILE_BYTES` and nesting beyond :data:`MAX_NESTING` are refused, so a
    stray or hostile file in the user's folder cannot take the app's memory or stack."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"het bestand is {size // 1000} kB; meer dan {MAX_FILE_BYTES // 1000} kB is"
            raise error_type([problem(path, None, "(bestand)", f"{message} geen leidraad")])
        raw = path.read_bytes()
    except OSError as error:
        raise error_type(
            [problem(path, None, "(bestand)", f"niet te lezen ({error.strerror})")]
        ) from None
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise error_type([problem(path, line, "(bestand)", "geen geldige UTF-8-tekst")]) from None
    if not source.strip():
        raise error_type([problem(path, None, "(bestand)", "het bestand is leeg")])
    too_deep = problem(path, None, "(bestand)", f"dieper genest dan {MAX_NESTING} niveaus")
    try:
        data = tomllib.loads(source)
    except RecursionError:
        raise error_type([too_deep]) from None
    except tomllib.TOMLDecodeError as error:
        found = _TOML_POSITION.search(str(error))
        toml_line = int(found.group(1)) if found else None
        reason = _TOML_POSITION.sub("", str(error)).strip()
        message = f"geen geldige TOML: {reason}"
        raise error_type([problem(path, toml_line, "(bestand)", message)]) from None
    if _depth(data) > MAX_NESTING:
        raise error_type([too_deep])
    return source, data


def validate_file(
    model: type[_M],
    path: Path,
    error_type: type[DataFileError],
    context: dict[str, Any] | None = None,
) -> _M:
    """Load ``path`` as ``model``, or raise ``error_type`` with one line per problem;
    ``context`` reaches the model's validators (what the file may refer to)."""
    source, data = _read_toml(path, error_type)
    try:
        return model.model_validate(data, context=context)
    except ValidationError as error:
        lines = _line_index(source)
        errors = error.errors()
        # A list whose items failed also reports itself as too short; the items say more.
        failed = [tuple(item["loc"]) for item in errors]
        problems = []
        for item in errors:
            # ``located`` points from the model that raised it: the root, or a nested table.
            location = (*item["loc"], *item.get("ctx", {}).get("at", ()))
            if any(
                len(other) > len(location) and other[: len(location)] == location
                for other in failed
            ):
                continue
            line: int | None = None
            for end in range(len(location), -1, -1):
                if location[:end] in lines:
                    line = lines[location[:end]]
                    break
            problems.append(problem(path, line, _format_location(location), _describe(item)))
        raise error_type(problems) from None
