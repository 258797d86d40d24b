"""The core never imports Textual, so the CLI stays fast and the domain testable on its own.

import-linter enforces the same rule on the import graph (make lint); this test proves it at run
time, over every module found in the package, so a new module cannot slip past a list.
"""

import pkgutil
import subprocess
import sys

import bobtui.core


def core_modules() -> list[str]:
    return sorted(
        module.name
        for module in pkgutil.walk_packages(bobtui.core.__path__, "bobtui.core.")
        if ".migrations" not in module.name
    )


def test_core_does_not_import_textual() -> None:
    modules = [*core_modules(), "bobtui.cli"]
    assert len(modules) > 30  # the walk found the packages, not just their __init__
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if 'textual' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
