"""Rendering a summary pays only for what it uses: no store, ORM, pydantic, template engine
or Textual.

import-linter forbids the imports in the graph (make lint); this proves it at run time.
"""

import subprocess
import sys

DOCUMENT_MODULES = [
    "bobtui.core.documents.summary",
    "bobtui.core.documents.layout",
    "bobtui.core.documents.render",
    "bobtui.core.documents.render_markdown",
    "bobtui.core.documents.render_html",
    "bobtui.core.documents.render_docx",
    "bobtui.core.documents.export",
    "bobtui.core.documents.profiles",
    "bobtui.core.documents.summary_json",
    "bobtui.core.documents.blocks",
]
HEAVY = [
    "sqlmodel",
    "sqlalchemy",
    "pydantic",
    "jinja2",
    "markupsafe",
    "textual",
    "bobtui.core.store",
    "bobtui.core.session",
]


def test_summary_and_renderers_import_nothing_heavy() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {DOCUMENT_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        f"loaded = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "assert loaded == [], loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
