"""The core never imports Textual, so the CLI stays fast and the domain testable on its own."""

import subprocess
import sys

CORE_MODULES = [
    "bobtui.core.actions",
    "bobtui.core.attention",
    "bobtui.core.bsn",
    "bobtui.core.dates",
    "bobtui.core.demo",
    "bobtui.core.errors",
    "bobtui.core.export",
    "bobtui.core.feedback",
    "bobtui.core.handout",
    "bobtui.core.history",
    "bobtui.core.leidraad",
    "bobtui.core.meetings",
    "bobtui.core.models",
    "bobtui.core.paths",
    "bobtui.core.practice",
    "bobtui.core.profiles",
    "bobtui.core.records",
    "bobtui.core.rehearsal",
    "bobtui.core.render",
    "bobtui.core.session",
    "bobtui.core.session._base",
    "bobtui.core.session.clock",
    "bobtui.core.session.decisions",
    "bobtui.core.session.meeting",
    "bobtui.core.session.navigation",
    "bobtui.core.session.parking",
    "bobtui.core.session.practice",
    "bobtui.core.settings",
    "bobtui.core.store",
    "bobtui.core.summary",
    "bobtui.core.tomlfiles",
    "bobtui.core.training_handouts",
    "bobtui.core.vocabulary",
    "bobtui.cli",
]


def test_core_does_not_import_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if 'textual' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_core_module_is_listed() -> None:
    import pkgutil

    import bobtui.core

    found = {
        module.name
        for module in pkgutil.walk_packages(bobtui.core.__path__, "bobtui.core.")
        if ".migrations" not in module.name
    }
    assert found == {m for m in CORE_MODULES if m.startswith("bobtui.core.")}
