"""Every filesystem location bobtui uses, in one place.

The data folder holds special-category data, so it is created private to the user (0700).
Where the folders are is part of the settings (``config/settings.py``); :class:`Paths` turns
the two folders into every file and folder bobtui reads or writes.
"""

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "bobtui"


def platform_data_dir() -> Path:
    """The platform's user data folder, e.g. ~/.local/share/bobtui."""
    return Path(platformdirs.user_data_dir(APP_NAME))


def platform_config_dir() -> Path:
    """The platform's user config folder, e.g. ~/.config/bobtui."""
    return Path(platformdirs.user_config_dir(APP_NAME))


def _shipped(folder: str) -> Path:
    """A data folder that comes with bobtui: inside the wheel, or the repository's folder."""
    package_dir = Path(__file__).resolve().parents[2]
    in_wheel = package_dir / folder
    if in_wheel.is_dir():
        return in_wheel
    return package_dir.parent.parent / folder


def shipped_leidraad_dir() -> Path:
    """The question sets that come with bobtui."""
    return _shipped("leidraad")


def shipped_practice_dir() -> Path:
    """The practice cases that come with bobtui."""
    return _shipped("oefencasussen")


@dataclass(frozen=True)
class Paths:
    """The user's data folder (stores) and config folder (settings, own question sets and
    practice cases), and everything inside them."""

    data_dir: Path
    config_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "instellingen.toml"

    @property
    def user_leidraad_dir(self) -> Path:
        """Where a trainer puts question sets that add to or replace the shipped ones."""
        return self.config_dir / "leidraad"

    @property
    def user_practice_dir(self) -> Path:
        """Where a trainer puts practice cases of their own."""
        return self.config_dir / "oefencasussen"

    @property
    def default_store(self) -> Path:
        return self.data_dir / "bobtui.sqlite3"

    @property
    def rehearsal_store(self) -> Path:
        """Rehearsals live in a store of their own, never among real meetings or in exports."""
        return self.data_dir / "oefenen" / "bobtui-oefenen.sqlite3"

    @property
    def demo_store(self) -> Path:
        """The demo case lives in a store of its own, never mixed with real meetings."""
        return self.data_dir / "demo" / "bobtui-demo.sqlite3"

    def ensure_private_dir(self, path: Path) -> Path:
        """Create ``path`` (and missing parents) readable by its owner only.

        A folder that already exists keeps its permissions, unless it is bobtui's own data
        folder or lies inside it: a store the user places in /tmp or their home must not lock
        that folder.
        """
        existed = path.is_dir()
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        own = self.data_dir.resolve()
        resolved = path.resolve()
        if not existed or resolved == own or own in resolved.parents:
            path.chmod(0o700)
        if own in resolved.parents:
            own.chmod(0o700)  # bobtui's own data folder, even when a subfolder made it
        return path
