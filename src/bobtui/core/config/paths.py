"""Every filesystem location bobtui uses, in one place.

The data folder holds special-category data, so it is created private to the user (0700).
"""

import os
from pathlib import Path

import platformdirs

APP_NAME = "bobtui"
DATA_DIR_ENV = "BOBTUI_DATA_DIR"
CONFIG_DIR_ENV = "BOBTUI_CONFIG_DIR"


def data_dir() -> Path:
    """Where the stores live: ``BOBTUI_DATA_DIR`` or the platform's user data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    """Where the user's own settings and question sets live."""
    override = os.environ.get(CONFIG_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def user_leidraad_dir() -> Path:
    """The folder where a trainer puts question sets that add to or replace the shipped ones."""
    return config_dir() / "leidraad"


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


def user_practice_dir() -> Path:
    """The folder where a trainer puts practice cases of their own."""
    return config_dir() / "oefencasussen"


def practice_store_path() -> Path:
    """Rehearsals live in a store of their own, never among real meetings or in real exports."""
    return data_dir() / "oefenen" / "bobtui-oefenen.sqlite3"


def default_store_path() -> Path:
    return data_dir() / "bobtui.sqlite3"


def demo_store_path() -> Path:
    """The demo case lives in a store of its own, never mixed with real meetings."""
    return data_dir() / "demo" / "bobtui-demo.sqlite3"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) readable by its owner only.

    A folder that already exists keeps its permissions, unless it is bobtui's own data folder
    or lies inside it: a store the user places in /tmp or their home must not lock that folder.
    """
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    own = data_dir().resolve()
    resolved = path.resolve()
    if not existed or resolved == own or own in resolved.parents:
        path.chmod(0o700)
    if own in resolved.parents:
        own.chmod(0o700)  # bobtui's own data folder, even when a subfolder made it
    return path
