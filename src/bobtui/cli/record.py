"""The official record from the command line: ``bobtui overleggen`` (every meeting and its
state), ``vaststellen``, ``wijzigen`` (an amendment after finalizing), ``heropenen``, and
``bewaartermijn`` (meetings past their retention period, purging them, the purge log).

The store is imported inside the handlers, as everywhere in the CLI.
"""

import argparse
from datetime import date
from typing import TYPE_CHECKING

from bobtui.cli.common import EXIT_USER_ERROR, Subparsers, opened_store, say

if TYPE_CHECKING:
    from bobtui.core.config.settings import Settings
    from bobtui.core.session import MeetingSession
    from bobtui.core.store.engine import Store


def add_parser(commands: Subparsers) -> None:
    listing = commands.add_parser("overleggen", help="alle overleggen met hun status")
    listing.add_argument("--case", metavar="CODE", help="alleen deze casuscode")
    listing.set_defaults(handler=list_meetings)
    finalize = commands.add_parser(
        "vaststellen", help="stel het verslag van een gesloten overleg vast (daarna alleen-lezen)"
    )
    _meeting_argument(finalize)
    finalize.set_defaults(handler=finalize_meeting)
    amend = commands.add_parser(
        "wijzigen",
        help="corrigeer een vastgesteld overleg: een wijziging na vaststelling, met reden",
        description="Bijvoorbeeld: bobtui wijzigen 12 besluit 3 deadline 31-12-2026 --reden "
        "'uitstel afgesproken'. Wat kan: notitie NR tekst|soort; besluit NR actie|eigenaar|"
        "organisatie|deadline|prioriteit|ketenfase|status; overleg aanleiding|locatie|"
        "evaluatiedatum|volgend-overleg|client-geinformeerd-door (zonder NR).",
    )
    _meeting_argument(amend)
    amend.add_argument("subject", metavar="WAT", help="notitie, besluit of overleg")
    amend.add_argument(
        "target", nargs="+", metavar="NR VELD WAARDE", help="wat en de nieuwe waarde"
    )
    amend.add_argument("--reden", required=True, metavar="TEKST", help="waarom (verplicht)")
    amend.set_defaults(handler=amend_meeting)
    reopen = commands.add_parser(
        "heropenen", help="heropen een vastgesteld overleg (alleen een coördinator), met reden"
    )
    _meeting_argument(reopen)
    reopen.add_argument("--reden", required=True, metavar="TEKST", help="waarom (verplicht)")
    reopen.set_defaults(handler=reopen_meeting)
    retention = commands.add_parser(
        "bewaartermijn", help="overleggen voorbij de bewaartermijn: tonen, verwijderen, logboek"
    )
    what = retention.add_mutually_exclusive_group()
    what.add_argument(
        "--verwijder", action="store_true", help="verwijder ze (na bevestiging), met hun inhoud"
    )
    what.add_argument("--log", action="store_true", help="toon wat eerder werd verwijderd")
    retention.add_argument(
        "--ja", action="store_true", help="niet om bevestiging vragen (voor scripts)"
    )
    retention.set_defaults(handler=retention_command)


def _meeting_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("meeting", metavar="OVERLEG", help="nummer van het overleg, of casuscode")


def _session(store: "Store", args: argparse.Namespace) -> "MeetingSession":
    from bobtui.core.questions.sets import default_catalog
    from bobtui.core.session import open_meeting
    from bobtui.core.store.meetings import find_meeting_id

    catalog = default_catalog(args.settings.paths)
    return open_meeting(store, find_meeting_id(store, args.meeting), catalog)


def list_meetings(args: argparse.Namespace) -> int:
    from bobtui.core.domain.text import one_line
    from bobtui.core.domain.vocabulary import counted
    from bobtui.core.store.meetings import select_meetings

    with opened_store(args.settings) as store:
        found = select_meetings(store, case_code=args.case)
    for m in found:
        say(f"{m.id:>5}  {one_line(m.case_code):<20} {m.held_on:%d-%m-%Y}  {m.state}")
    say(counted(len(found), "overleg", "overleggen") + ".")
    return 0


def finalize_meeting(args: argparse.Namespace) -> int:
    with opened_store(args.settings) as store:
        meeting = _session(store, args).finalize()
    say(f"Overleg {meeting.id} ({meeting.case_code}) is vastgesteld door {meeting.finalized_by}.")
    return 0


def amend_meeting(args: argparse.Namespace) -> int:
    from bobtui.core.domain.errors import BobError

    target = list(args.target)
    record_id: int | None = None
    if args.subject != "overleg":
        if not target or not target[0].isdigit():
            raise BobError(
                f"Geef het nummer van de {args.subject}, zoals: {args.subject} 3 VELD WAARDE."
            )
        record_id = int(target.pop(0))
    if len(target) < 2:
        raise BobError("Geef het veld en de nieuwe waarde, zoals: deadline 31-12-2026.")
    field, value = target[0], " ".join(target[1:])
    with opened_store(args.settings) as store:
        saved = _session(store, args).amend(
            args.subject, record_id, field, value, reason=args.reden
        )
    a = saved.item
    what = f"{a.subject} {a.record_id}" if a.record_id else a.subject
    say(f"Gewijzigd na vaststelling: {what}, {a.field}: {a.old} → {a.new}.")
    for warning in saved.warnings:
        say(f"waarschuwing: {warning}", error=True)
    return 0


def reopen_meeting(args: argparse.Namespace) -> int:
    with opened_store(args.settings) as store:
        meeting = _session(store, args).reopen(reason=args.reden)
    say(f"Overleg {meeting.id} ({meeting.case_code}) is heropend: weer een concept.")
    return 0


def retention_command(args: argparse.Namespace) -> int:
    from bobtui.core.domain.text import one_line
    from bobtui.core.store.retention import NO_RETENTION, past_retention, purge_log

    settings: Settings = args.settings
    with opened_store(settings) as store:
        if args.log:
            entries = purge_log(store)
            for e in entries:
                say(
                    f"{e.purged_at.astimezone():%d-%m-%Y %H:%M}  {one_line(e.case_code):<20} "
                    f"overleg van {e.held_on:%d-%m-%Y}  door {e.purged_by}  ({e.rule})"
                )
            say(
                f"{len(entries)} verwijderd volgens het logboek."
                if entries
                else "Nog niets verwijderd."
            )
            return 0
        if not settings.retention_months:
            say(NO_RETENTION)
            return 0
        found = past_retention(store, settings.retention_months, date.today())
        for m in found:
            code = one_line(m.case_code)
            say(f"{m.meeting_id:>5}  {code:<20} {m.held_on:%d-%m-%Y}  {m.state}  ({m.rule})")
        if not found:
            say("Geen overleg is voorbij de bewaartermijn.")
        elif args.verwijder:
            if not _purge(store, settings, [m.meeting_id for m in found], args.ja):
                return EXIT_USER_ERROR
        else:
            say(
                f"{_count(len(found))} voorbij de bewaartermijn; verwijderen: "
                "bobtui bewaartermijn --verwijder."
            )
        _name_old_backups(store, settings)
    return 0


def _count(number: int) -> str:
    from bobtui.core.domain.vocabulary import counted

    return counted(number, "overleg", "overleggen")


def _purge(store: "Store", settings: "Settings", ids: list[int], confirmed: bool) -> bool:
    from bobtui.core.store.retention import purge

    if not confirmed:
        say(
            f"{_count(len(ids))} en alles wat erin is vastgelegd (ook in het auditlogboek) "
            "worden definitief verwijderd.",
            error=True,
        )
        if input("Typ 'ja' om door te gaan: ").strip().lower() != "ja":
            say("Niets verwijderd.", error=True)
            return False
    entries = purge(store, settings.retention_months, date.today(), ids)
    say(f"{_count(len(entries))} verwijderd; het logboek: bobtui bewaartermijn --log.")
    return True


def _name_old_backups(store: "Store", settings: "Settings") -> None:
    """Backups hold what the store held: name the ones older than the retention period."""
    from bobtui.core.store.engine import sqlite_path
    from bobtui.core.store.retention import oldest_kept
    from bobtui.core.store.sqlite_files import backup_date, backups_of

    path = sqlite_path(store.url)
    cutoff = oldest_kept(settings.retention_months, date.today())
    if path is None:
        say("Vergeet de reservekopieën (pg_dump) niet: ook die vallen onder de bewaartermijn.")
        return
    backups = backups_of(path, settings.paths)
    old = [b for b in backups if cutoff is not None and (backup_date(b) or date.max) < cutoff]
    for backup in old:
        say(f"Reservekopie ouder dan de bewaartermijn: {backup}")
    if backups:
        from bobtui.core.domain.vocabulary import counted

        say(
            f"Let op: {counted(len(backups), 'reservekopie', 'reservekopieën')} in "
            f"{backups[0].parent} bevatten wat er bij het maken in de opslag stond; de "
            f"nieuwste {settings.backups_to_keep} blijven bewaard, oudere worden opgeruimd."
        )
