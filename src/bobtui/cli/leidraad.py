"""``bobtui leidraad list|check``: the question sets a meeting can follow, listed and checked.

Neither command touches the store or Textual, so a trainer can check a set in a blink.
"""

import argparse
from pathlib import Path

from bobtui.cli.common import (
    Subparsers,
    add_commands,
    add_paths_argument,
    print_warnings,
    report_problems,
    toml_files,
)


def add_parser(commands: Subparsers) -> None:
    leidraad = commands.add_parser("leidraad", help="vragensets bekijken en controleren")
    leidraad_commands = add_commands(leidraad, "leidraad_command", required=True)
    listing = leidraad_commands.add_parser("list", help="toon de beschikbare vragensets")
    listing.set_defaults(handler=list_sets)
    check = leidraad_commands.add_parser("check", help="controleer vragensets op fouten")
    add_paths_argument(check)
    check.set_defaults(handler=check_sets)


def list_sets(args: argparse.Namespace) -> int:
    from bobtui.core.questions.sets import default_catalog

    catalog = default_catalog()
    print_warnings(catalog.warnings)
    for set_id, entry in sorted(catalog.entries.items()):
        origin = "eigen, vervangt de meegeleverde" if entry.replaces else entry.origin
        qs = entry.question_set
        print(f"{set_id}  v{qs.version}  {qs.title}  [{origin}]  {entry.path}")
    return 0


def check_sets(args: argparse.Namespace) -> int:
    from bobtui.core.config.paths import shipped_leidraad_dir, user_leidraad_dir
    from bobtui.core.domain.vocabulary import counted
    from bobtui.core.questions.sets import GENERIC_PROMPTS_FILE, check_file

    targets: list[Path] = args.paths or [shipped_leidraad_dir(), user_leidraad_dir()]
    files = toml_files(targets, bool(args.paths))
    problems = [problem for path in files for problem in check_file(path)]
    # The generic follow-up prompts live in the same folder but are not a question set.
    sets = sum(1 for path in files if path.name != GENERIC_PROMPTS_FILE)
    return report_problems(problems, counted(sets, "vragenset", "vragensets"))
