"""The summary laid out as a document: parts, headings, lists and tables, with Dutch labels.

Every format (Markdown, HTML, Word) renders this one layout with its own template, so the
formats cannot drift apart in what they say; only how they look differs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from bobtui.core.documents.blocks import (
    Block,
    Bullets,
    Facts,
    Handout,
    Item,
    Part,
    Subheading,
    Table,
    Text,
)
from bobtui.core.documents.profiles import SECTION_TITLES, Section
from bobtui.core.documents.summary import NoteLine, Summary
from bobtui.core.domain.text import one_line
from bobtui.core.domain.vocabulary import (
    NOTE_KIND_LABELS,
    NoteKind,
    Presence,
    counted,
    meeting_state,
    presence_label,
    role_flags,
)

CONFIDENTIALITY = "Vertrouwelijk: bestemd voor de deelnemers aan dit overleg."
PRIVACY_FOOTER = (
    "Bevat bijzondere persoonsgegevens. Alleen voor wie aan dit overleg deelneemt; niet verder "
    "verspreiden, bewaren volgens het privacyconvenant."
)

_PHASE_TITLES = {
    "beeldvorming": "Beeldvorming",
    "oordeelsvorming": "Oordeelsvorming",
    "besluitvorming": "Besluitvorming",
}
_JUDGEMENT_TITLES = {"kernprobleem": "Kernproblemen", "risico": "Risico's", "dilemma": "Dilemma's"}
_STATUS = {"open": "open", "gedaan": "gedaan", "vervallen": "vervallen"}
_PARKED_OUTCOME = {"besluit": "werd een besluit", "vervallen": "vervallen", None: "nog open"}


def status_label(status: str, overdue_days: int | None = None) -> str:
    """An action's status as the documents say it: an open one past its deadline is
    'te laat (3 dagen)'."""
    if overdue_days:
        return f"te laat ({counted(overdue_days, 'dag', 'dagen')})"
    return _STATUS[status]


def dmy(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "—"


def chain_care(value: str | None) -> str:
    return value.replace("_", " ") if value else "—"


def _notes(kinds: dict[str, tuple[NoteLine, ...]]) -> list[Block]:
    blocks: list[Block] = []
    for kind in NoteKind:
        entries = kinds.get(kind.value, ())
        if entries:
            blocks.append(Subheading(NOTE_KIND_LABELS[kind]))
            blocks.append(
                Bullets(
                    tuple(
                        Item(one_line(n.text), one_line(n.said_by), n.confidential) for n in entries
                    )
                )
            )
    return blocks


def table(name: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Table:
    cells = tuple(tuple(one_line(cell) or "—" for cell in row) for row in rows)
    return Table(name, header, cells)


def _attendance(s: Summary) -> list[Block]:
    rows = [
        (
            p.name,
            p.organisation,
            p.role,
            p.domain or "",
            presence_label(p.presence, p.represented_by),
            role_flags(
                is_client=p.is_client,
                is_ervaringsdeskundige=p.is_ervaringsdeskundige,
                speaks_for_child=p.speaks_for_child,
            ),
        )
        for p in s.attendance
    ]
    header = ("Naam of rol", "Organisatie", "Rol", "Domein", "Aanwezigheid", "Bijzonderheden")
    if not rows:
        return [Text("Geen deelnemers.", True)]
    return [table("aanwezigheid", header, rows), Text(_presence_counts(s))]


def _presence_counts(s: Summary) -> str:
    """'Aanwezig: 4 · afwezig: 1 · vertegenwoordigd: 1 (vader door tante)': a represented
    participant is counted apart, never as present."""
    counts = [
        f"{presence.value}: {sum(p.presence == presence for p in s.attendance)}"
        for presence in Presence
    ]
    represented = [
        f"{one_line(p.name)} door {one_line(p.represented_by)}"
        for p in s.attendance
        if p.presence == Presence.VERTEGENWOORDIGD and p.represented_by
    ]
    if represented:
        counts[-1] += f" ({', '.join(represented)})"
    line = " · ".join(counts)
    return line[:1].upper() + line[1:]


def _beeldvorming(s: Summary) -> list[Block]:
    blocks = _notes(s.notes.get("beeldvorming", {})) or [Text("Geen notities.", True)]
    blocks.append(Subheading("Veiligheidsscores"))
    if s.safety_scores:
        header = ("Wie", "Score (0–10)", "Wat maakt het één punt hoger?")
        rows = [(x.respondent, str(x.score), x.what_would_raise_it) for x in s.safety_scores]
        blocks.append(table("veiligheidsscores", header, rows))
    else:
        blocks.append(Text("Geen scores vastgelegd.", True))
    return blocks


def _oordeelsvorming(s: Summary) -> list[Block]:
    blocks: list[Block] = []
    for kind, title in _JUDGEMENT_TITLES.items():
        entries = [j for j in s.judgements if j.kind == kind]
        if entries:
            blocks.append(Subheading(title))
            items = tuple(
                Item(one_line(j.text) + (f" (kans: {j.likelihood})" if j.likelihood else ""))
                for j in entries
            )
            blocks.append(Bullets(items))
    blocks += _notes(s.notes.get("oordeelsvorming", {}))
    blocks.append(Facts((("Fase gefaseerde ketenzorg", chain_care(s.chain_care_phase)),)))
    return blocks


def _decisions(s: Summary) -> list[Block]:
    if not s.decisions:
        return [Text("Geen besluiten vastgelegd.", True)]
    header = ("Actie", "Eigenaar", "Organisatie", "Deadline", "Prioriteit", "Ketenfase", "Status")
    rows = [
        (
            d.action,
            d.owner_person,
            d.owner_organisation,
            dmy(d.deadline),
            d.priority,
            chain_care(d.chain_care_phase),
            status_label(d.status, d.overdue_days),
        )
        for d in s.decisions
    ]
    return [table("besluiten", header, rows)]


def _besluitvorming(s: Summary) -> list[Block]:
    blocks = _notes(s.notes.get("besluitvorming", {}))
    if s.parked_ideas:
        blocks.append(Subheading("Parkeerplaats"))
        header = ("Idee", "Voorgesteld door", "In fase", "Uitkomst")
        rows = [
            (p.text, p.proposed_by or "", _PHASE_TITLES[p.phase], _PARKED_OUTCOME[p.outcome])
            for p in s.parked_ideas
        ]
        blocks.append(table("parkeerplaats", header, rows))
    return blocks or [Text("Geen notities of geparkeerde ideeën.", True)]


def _evaluation(s: Summary) -> list[Block]:
    return [
        Facts(
            (
                ("Evaluatiedatum", dmy(s.evaluation_date)),
                ("Volgend overleg", dmy(s.next_meeting_on)),
                ("Cliënt wordt geïnformeerd door", one_line(s.client_informed_by) or "—"),
            )
        )
    ]


def _previous_actions(s: Summary) -> list[Block]:
    if not s.previous_actions:
        return [Text("Geen open acties uit een eerder overleg.", True)]
    header = (
        "Actie",
        "Eigenaar",
        "Organisatie",
        "Deadline",
        "Uit overleg van",
        "Nu",
        "Toelichting",
    )
    rows = [
        (
            r.action,
            r.owner_person,
            r.owner_organisation,
            dmy(r.deadline),
            dmy(r.from_meeting_held_on),
            status_label(r.new_status, r.overdue_days) if r.new_status else "niet besproken",
            r.reason,
        )
        for r in s.previous_actions
    ]
    return [table("vorige-acties", header, rows)]


def _process(s: Summary) -> list[Block]:
    header = ("Fase", "Tijd (min)", "Tijdvak (min)", "Vragen besproken", "Overgeslagen")
    rows = [
        (
            _PHASE_TITLES[p.phase],
            f"{p.minutes_spent:.0f}",
            str(p.timebox_minutes),
            f"{p.discussed} van {p.questions}",
            str(p.skipped),
        )
        for p in s.process
    ]
    if not s.time_outs:
        return [table("proces", header, rows), Text("Time-outs: geen.")]
    pauses = tuple(
        Item(
            f"{t.started_at.astimezone():%H:%M}–"
            + (f"{t.ended_at.astimezone():%H:%M}" if t.ended_at else "loopt nog")
            + f" ({_minutes(t.minutes)})"
        )
        for t in s.time_outs
    )
    return [table("proces", header, rows), Text(f"Time-outs: {len(pauses)}"), Bullets(pauses)]


def _minutes(minutes: float) -> str:
    """How long a pause took, in whole minutes (a short one as under a minute)."""
    return f"{minutes:.0f} min" if minutes >= 0.5 else "korter dan 1 min"


def _reason(s: Summary) -> list[Block]:
    return [Text(one_line(s.reason) or "—")]


_PARTS: dict[Section, Callable[[Summary], list[Block]]] = {
    Section.AANWEZIGHEID: _attendance,
    Section.AANLEIDING: _reason,
    Section.BEELDVORMING: _beeldvorming,
    Section.OORDEELSVORMING: _oordeelsvorming,
    Section.BESLUITEN: _decisions,
    Section.BESLUITVORMING: _besluitvorming,
    Section.EVALUATIE: _evaluation,
    Section.VORIGE_ACTIES: _previous_actions,
    Section.PROCES: _process,
}


def _privacy(s: Summary) -> tuple[tuple[str, str], ...]:
    """A line no reader can miss when the text holds numbers that look like a BSN."""
    count = s.privacy.bsn_like_numbers
    if not count:
        return ()
    numbers = "nummer dat op een BSN lijkt" if count == 1 else "nummers die op een BSN lijken"
    if s.privacy.masked:
        return (("Privacy", f"{count} {numbers} afgeschermd."),)
    return (
        (
            "Privacy",
            f"LET OP: dit verslag bevat {count} {numbers}. Haal ze weg of exporteer met "
            "afgeschermde nummers voordat je het verstuurt.",
        ),
    )


def state_label(status: str, *, concept: bool) -> str:
    """The meeting's state as every document names it: lopend, gesloten (concept), vastgesteld."""
    return meeting_state(status, finalized=not concept)


AMENDMENTS_TITLE = "Wijzigingen na vaststelling"
_LEFT_OUT_CONTENT = "(niet in deze export)"


def _finalized(s: Summary) -> tuple[tuple[str, str], ...]:
    if s.finalized_at is None:
        return ()
    when = f"{s.finalized_at.astimezone():%d-%m-%Y %H:%M}"
    return (("Vastgesteld", f"{when} door {one_line(s.finalized_by) or 'onbekend'}"),)


def _amendments(s: Summary) -> Part | None:
    """Every correction after finalizing, and every reopening: what, old → new, who, when, why.
    None for a meeting that was never finalized."""
    if s.finalized_at is None and not s.amendments:
        return None
    if not s.amendments:
        blocks: tuple[Block, ...] = (Text("Geen wijzigingen na vaststelling.", True),)
    else:
        header = ("Wanneer", "Wat", "Oud", "Nieuw", "Door", "Reden")
        rows = [
            (
                f"{a.at.astimezone():%d-%m-%Y %H:%M}",
                f"{a.subject} {a.record_id}: {a.field}"
                if a.record_id
                else f"{a.subject}: {a.field}",
                _LEFT_OUT_CONTENT if a.old is None else a.old,
                _LEFT_OUT_CONTENT if a.new is None else a.new,
                a.made_by,
                a.reason,
            )
            for a in s.amendments
        ]
        blocks = (table("wijzigingen", header, rows),)
    return Part("wijzigingen", AMENDMENTS_TITLE, blocks)


def _time_span(s: Summary) -> str:
    """'10:02–11:40' in local time; a meeting still running ends in 'nog bezig'."""
    if s.started_at is None:
        return "nog niet begonnen"
    end = f"{s.closed_at.astimezone():%H:%M}" if s.closed_at else "nog bezig"
    return f"{s.started_at.astimezone():%H:%M}–{end}"


def _distribution(s: Summary) -> str:
    """Everyone on the roster, present or not: the minutes go to each of them."""
    names = [
        f"{one_line(p.name)} ({one_line(p.organisation)})" if p.organisation else one_line(p.name)
        for p in s.attendance
    ]
    return f"Verspreid aan: {', '.join(names)}." if names else ""


def build_handout(summary: Summary) -> Handout:
    """Lay out the sections the summary's profile lets out."""
    s = summary
    particulars = Facts(
        (
            ("Casuscode", s.case_code),
            ("Datum", dmy(s.held_on)),
            ("Tijd", _time_span(s)),
            ("Voorzitter", one_line(s.chair) or "niet vastgelegd"),
            ("Locatie", one_line(s.location) or "—"),
            ("Soort overleg", s.meeting_type),
            ("Leidraad", f"{s.leidraad_title} (versie {s.leidraad_version})"),
            ("Status", state_label(s.status, concept=s.concept)),
            *_finalized(s),
            *_privacy(s),
        )
    )
    parts = tuple(
        Part(section.value, SECTION_TITLES[section], tuple(_PARTS[section](s)))
        for section in s.profile.sections
    )
    amendments = _amendments(s)
    if amendments is not None:
        parts += (amendments,)
    return Handout(
        kind="Verslag casusoverleg",
        title=f"Verslag casusoverleg {s.case_code}",
        case_code=s.case_code,
        confidentiality=CONFIDENTIALITY,
        profile_statement=s.profile.statement,
        particulars=particulars,
        parts=parts,
        concept=s.concept,
        confidential_notes=s.profile.include_confidential,
        distribution=_distribution(s),
        organisation=one_line(s.letterhead.organisation),
        logo=s.letterhead.logo,
        privacy_footer=PRIVACY_FOOTER,
    )
