"""The core never imports Textual, so the CLI stays fast and the domain testable on its own.

import-linter enforces the same rule on the import graph (make lint); this test proves it at run
time, over every module found in the packages, so a new module cannot slip past a list.
"""

import pkgutil
import subprocess
import sys
from types import ModuleType

import bobtui.cli
import bobtui.core


def modules_of(package: ModuleType) -> list[str]:
    return sorted(
        module.name
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")
        if ".migrations" not in module.name
    )


def core_modules() -> list[str]:
    return modules_of(bobtui.core)


def cli_modules() -> list[str]:
    return ["bobtui.cli", *modules_of(bobtui.cli)]


def assert_not_imported(modules: list[str], forbidden: tuple[str, ...]) -> None:
    """Import ``modules`` in a fresh interpreter and fail if any ``forbidden`` package came too."""
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"loaded = [m for m in sorted(sys.modules) for f in {forbidden!r}\n"
        "    if m == f or m.startswith(f + '.')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_core_does_not_import_textual() -> None:
    modules = [*core_modules(), *cli_modules()]
    assert len(modules) > 30  # the walk found the packages, not just their __init__
    assert_not_imported(modules, ("textual",))


def test_cli_imports_the_heavy_parts_only_in_its_handlers() -> None:
    """Parsing and ``--help`` load neither the app, nor the store and its ORM, nor Rich."""
    modules = cli_modules()
    assert len(modules) > 5  # one module per command group, found by the walk
    assert_not_imported(
        modules, ("textual", "sqlmodel", "sqlalchemy", "rich", "bobtui.app", "bobtui.core.store")
    )
