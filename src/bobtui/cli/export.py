"""``bobtui export``: the summary of one meeting to a file or stdout, or a series to a folder.

The store, the renderers and Rich's progress bar are imported inside the handlers.
"""

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bobtui.cli.common import (
    Subparsers,
    add_force_option,
    add_meeting_argument,
    check_output,
    opened_store,
    say,
    write_output,
)

if TYPE_CHECKING:
    from bobtui.core.documents.export import ExportFormat
    from bobtui.core.documents.profiles import Profile
    from bobtui.core.store.engine import Store


def add_parser(commands: Subparsers) -> None:
    export = commands.add_parser(
        "export",
        help="exporteer verslagen (één overleg, of een reeks naar een map)",
        description="Eén overleg: bobtui export OVERLEG [--out BESTAND]. Een reeks: "
        "bobtui export --case CODE | --since DATUM [--until DATUM] | --all --out MAP; "
        "dan één bestand per overleg en formaat, plus index.md.",
    )
    add_meeting_argument(export)
    which = export.add_mutually_exclusive_group()
    which.add_argument("--case", metavar="CODE", help="alle overleggen van deze casuscode")
    which.add_argument("--since", metavar="DATUM", help="overleggen vanaf deze datum")
    which.add_argument("--all", action="store_true", help="alle overleggen")
    export.add_argument("--until", metavar="DATUM", help="overleggen tot en met deze datum")
    # Not add_document_options: a series takes several formats and --out may name a folder.
    export.add_argument(
        "--format",
        default="md",
        metavar="FORMAAT",
        help="md, json, html, docx of pdf (pdf via LibreOffice); bij een reeks ook meerdere, "
        "zoals md,html (standaard md)",
    )
    export.add_argument(
        "--profile",
        default="volledig",
        metavar="PROFIEL",
        help="volledig (standaard), besluiten (alleen besluiten en data) of selectie",
    )
    export.add_argument(
        "--sections",
        metavar="ONDERDELEN",
        help="bij selectie: onderdelen, zoals besluiten,evaluatie",
    )
    export.add_argument(
        "--vertrouwelijk",
        action="store_true",
        help="neem ook notities op die als vertrouwelijk zijn gemarkeerd",
    )
    export.add_argument(
        "--bsn-afschermen",
        dest="mask_bsn",
        action="store_true",
        help="vervang nummers die op een BSN lijken door [BSN afgeschermd] "
        "(standaard uit de instelling mask_bsn)",
    )
    export.add_argument(
        "--out", type=Path, metavar="PAD", help="bestand (één overleg; standaard stdout) of map"
    )
    add_force_option(export, "overschrijf bestaande bestanden")
    export.set_defaults(handler=export_summaries)


def export_summaries(args: argparse.Namespace) -> int:
    from bobtui.core.documents.export import parse_formats
    from bobtui.core.documents.profiles import choose_profile
    from bobtui.core.domain.errors import BobError

    # Every argument is checked before the store is opened.
    batch = bool(args.case or args.since or args.all)
    if batch == bool(args.meeting):
        raise BobError("Noem één overleg, of kies een reeks met --case, --since of --all.")
    if args.until and not args.since:
        raise BobError("--until hoort bij --since.")
    formats = parse_formats(args.format)
    profile = choose_profile(
        args.profile,
        args.sections.split(",") if args.sections else None,
        include_confidential=args.vertrouwelijk,
    )
    with opened_store(args.settings) as store:
        if batch:
            return _export_batch(args, store, formats, profile)
        return _export_one(args, store, formats, profile)


def _export_one(
    args: argparse.Namespace, store: "Store", formats: "Sequence[ExportFormat]", profile: "Profile"
) -> int:
    from bobtui.core.batch import audit_export
    from bobtui.core.documents.export import render
    from bobtui.core.documents.letterhead import letterhead_of
    from bobtui.core.documents.summary import build_summary
    from bobtui.core.domain.errors import BobError
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import open_meeting
    from bobtui.core.store.meetings import find_meeting_id

    if len(formats) != 1:
        raise BobError("Eén overleg gaat in één formaat; voor meer formaten: --case en --out MAP.")
    check_output(args, formats[0])
    session = open_meeting(
        store, find_meeting_id(store, args.meeting), default_catalog(args.settings.paths)
    )
    summary = build_summary(
        session.snapshot(),
        profile,
        mask_bsn=_mask_bsn(args),
        letterhead=letterhead_of(args.settings),
    )
    content = render(summary, formats[0])
    meeting = (summary.meeting_id, summary.case_code)
    audit_export(store, [meeting], formats, profile, mask_bsn=_mask_bsn(args))
    write_output(args, content, "Verslag")
    return 0


def _export_batch(
    args: argparse.Namespace, store: "Store", formats: "Sequence[ExportFormat]", profile: "Profile"
) -> int:
    from datetime import date

    from rich.console import Console
    from rich.progress import Progress

    from bobtui.core.batch import export_batch
    from bobtui.core.documents.export import plan_batch
    from bobtui.core.domain.dates import parse_date
    from bobtui.core.domain.errors import BobError
    from bobtui.core.domain.vocabulary import counted
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.store.meetings import select_meetings

    if args.out is None:
        raise BobError("Een reeks verslagen gaat naar een map: geef --out MAP.")
    today = date.today()
    since = parse_date(args.since, today) if args.since else None
    until = parse_date(args.until, today) if args.until else None
    if since and until and until < since:
        raise BobError("--until ligt voor --since; er valt niets te exporteren.")
    meetings = select_meetings(store, case_code=args.case, since=since, until=until)
    if args.case and not meetings:
        raise BobError(f"Er is geen overleg met casuscode '{args.case}'.")
    # The plan refuses existing files (without --force) before the first one is written.
    plan = plan_batch(meetings, formats, profile, args.out, force=args.force)
    catalog = default_catalog(args.settings.paths)
    # On stderr, and only for a series long enough to wait for: stdout stays for the results.
    console = Console(stderr=True)
    with Progress(console=console, transient=True, disable=len(meetings) <= 5) as progress:
        task = progress.add_task("Verslagen schrijven", total=len(meetings))
        index = export_batch(
            store,
            catalog,
            plan,
            args.settings,
            mask_bsn=_mask_bsn(args),
            progress=lambda done: progress.update(task, completed=done),
        )
    files = counted(len(plan.items), "bestand", "bestanden")
    say(
        f"{counted(len(meetings), 'overleg', 'overleggen')} geëxporteerd: {files} in "
        f"{args.out}, met {index.name}.",
        error=True,
    )
    return 0


def _mask_bsn(args: argparse.Namespace) -> bool:
    """Masked when asked on the command line or in the settings."""
    return bool(args.mask_bsn or args.settings.mask_bsn)
