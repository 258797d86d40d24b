"""What the user configured, as one typed object: the command line over the environment
(``BOBTUI_…``) over the settings file (``instellingen.toml`` in the config folder).

The CLI builds a :class:`Settings` once and hands it down (to the app, to every command); nothing
writes the environment. Library callers and tests without a CLI call :func:`load_settings` too.
"""

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bobtui.core.config.paths import Paths, platform_config_dir, platform_data_dir
from bobtui.core.domain.errors import BobError

ENV_PREFIX = "BOBTUI_"
_TEXT_SETTINGS = ("database_url", "theme", "organisation", "logo")
_WHOLE_NUMBER = "moet een geheel getal van 1 of meer zijn."


class SettingsError(BobError):
    """The settings file cannot be used; the message names the file, the line and the key."""


@dataclass(frozen=True)
class Settings:
    paths: Paths
    database_url: str | None = None
    """Any SQLAlchemy URL; unset means SQLite in the data folder."""
    theme: str | None = None
    """A Textual theme name, e.g. ``bobtui-hoog-contrast``."""
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Binding id → keys, e.g. ``"meeting.next" = "ctrl+j"`` (Textual's ``set_keymap``)."""
    mask_bsn: bool = False
    """Exports replace numbers that look like a BSN by a mask (otherwise they carry a warning)."""
    backups_to_keep: int = 14
    """How many backups of each SQLite store to keep (one a day, and before a schema change)."""
    organisation: str = ""
    """The sender's name in every document's page header, e.g. "Zorg- en Veiligheidshuis"."""
    logo: Path | None = None
    """A PNG or JPEG beside the name in the page header (a path; relative: to the config folder)."""
    retention_months: Mapping[str, int] = field(default_factory=dict)
    """The retention period in months (``[bewaartermijn]``): per meeting type, or ``standaard``
    for every other type. Unset: no meeting is ever past retention (nothing is purged)."""


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*\"?{re.escape(key)}\"?\s*=", line):
            return number
    return 1


def _retention(value: object, where: str) -> dict[str, int]:
    """``[bewaartermijn]``: meeting type (or ``standaard``) = months, a whole number ≥ 1."""
    if not isinstance(value, dict) or not all(
        isinstance(months, int) and not isinstance(months, bool) and months >= 1
        for months in value.values()
    ):
        raise SettingsError(
            f"{where}: bewaartermijn: een tabel van soort overleg (of standaard) = aantal "
            "maanden, een geheel getal van 1 of meer; bijvoorbeeld standaard = 60."
        )
    return {str(kind): int(months) for kind, months in value.items()}


def _read_file(path: Path) -> dict[str, object]:
    """The settings file's values, checked; a file that does not exist is no settings."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: kan niet worden gelezen ({type(error).__name__}).") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: geen geldige TOML ({error}).") from None
    values: dict[str, object] = {}
    for key, value in data.items():
        line = _line_of(text, key)
        if key in _TEXT_SETTINGS:
            if not isinstance(value, str):
                raise SettingsError(f"{path}:{line}: {key}: moet tekst zijn.")
            values[key] = value
        elif key == "backups_to_keep":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise SettingsError(
                    f"{path}:{line}: {key}: moet een geheel getal van 1 of meer zijn."
                )
            values[key] = value
        elif key == "mask_bsn":
            if not isinstance(value, bool):
                raise SettingsError(f"{path}:{line}: {key}: moet true of false zijn.")
            values[key] = value
        elif key == "bewaartermijn":
            values[key] = _retention(value, f"{path}:{line}")
        elif key == "keymap":
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                raise SettingsError(
                    f'{path}:{line}: keymap: een tabel van toets-id = "toetsen", '
                    'bijvoorbeeld "meeting.next" = "ctrl+j".'
                )
            values[key] = dict(value)
        else:
            known = ", ".join(
                (*_TEXT_SETTINGS, "mask_bsn", "backups_to_keep", "bewaartermijn", "keymap")
            )
            raise SettingsError(f"{path}:{line}: {key}: onbekende instelling; bekend: {known}.")
    return values


def load_settings(
    *,
    data_dir: Path | None = None,
    database_url: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """The settings: the arguments (the command line) over the environment over the file."""
    env = os.environ if environ is None else environ

    def from_env(name: str) -> str | None:
        return env.get(ENV_PREFIX + name.upper()) or None

    config_dir = Path(from_env("config_dir") or platform_config_dir())
    chosen_data_dir = data_dir or Path(from_env("data_dir") or platform_data_dir())
    paths = Paths(data_dir=chosen_data_dir, config_dir=config_dir)
    in_file = _read_file(paths.settings_file)

    def text(name: str, given: str | None = None) -> str | None:
        value = given or from_env(name) or in_file.get(name)
        return value if isinstance(value, str) else None

    keymap = in_file.get("keymap", {})
    keep = from_env("backups_to_keep") or in_file.get("backups_to_keep", Settings.backups_to_keep)
    if not (isinstance(keep, int) or (isinstance(keep, str) and keep.isdigit())) or int(keep) < 1:
        raise SettingsError(
            f"{ENV_PREFIX}BACKUPS_TO_KEEP moet een geheel getal van 1 of meer zijn."
        )
    return Settings(
        paths=paths,
        database_url=text("database_url", database_url),
        theme=text("theme"),
        keymap=keymap if isinstance(keymap, dict) else {},
        mask_bsn=from_env("mask_bsn") in ("1", "true") or in_file.get("mask_bsn") is True,
        backups_to_keep=int(keep),
        organisation=text("organisation") or "",
        logo=config_dir / Path(logo).expanduser() if (logo := text("logo")) else None,
        retention_months=retention
        if isinstance(retention := in_file.get("bewaartermijn"), dict)
        else {},
    )
