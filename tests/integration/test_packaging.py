"""The wheel carries what the app needs at run time: question sets, migrations, schema, styles."""

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_ships_data_files(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = tmp_path.glob("bobtui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped_sets = {f"bobtui/leidraad/{p.name}" for p in (ROOT / "leidraad").glob("*.toml")}
    assert len(shipped_sets) >= 4 and shipped_sets <= names
    cases = {f"bobtui/oefencasussen/{p.name}" for p in (ROOT / "oefencasussen").glob("*.toml")}
    assert len(cases) >= 2 and cases <= names
    for required in (
        "bobtui/core/documents/schemas/summary.schema.json",
        "bobtui/core/store/migrations/env.py",
        "bobtui/core/store/migrations/script.py.mako",
        "bobtui/core/store/migrations/versions/0001_initial_schema.py",
        "bobtui/screens/home.tcss",
    ):
        assert required in names
    templates = ROOT / "src/bobtui/core/documents/templates"
    shipped_templates = {
        "bobtui/core/documents/templates/" + p.relative_to(templates).as_posix()
        for p in templates.rglob("*")
        if p.is_file()
    }
    assert "bobtui/core/documents/templates/docx/_rels/.rels" in shipped_templates
    assert shipped_templates <= names, shipped_templates - names
    assert not any(name.startswith(("tests/", "bench/")) for name in names)
