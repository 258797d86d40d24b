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
    Chart,
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
from bobtui.core.domain.history import CaseHistory
from bobtui.core.domain.text import one_line
from bobtui.core.domain.vocabulary import (
    NOTE_KIND_LABELS,
    NoteKind,
    Presence,
    presence_label,
    role_flags,
)

CONFIDENTIALITY = "Vertrouwelijk: bestemd voor de deelnemers aan dit overleg."

_PHASE_TITLES = {
    "beeldvorming": "Beeldvorming",
    "oordeelsvorming": "Oordeelsvorming",
    "besluitvorming": "Besluitvorming",
}
_JUDGEMENT_TITLES = {"kernprobleem": "Kernproblemen", "risico": "Risico's", "dilemma": "Dilemma's"}
_STATUS = {"open": "open", "gedaan": "gedaan", "vervallen": "vervallen"}
_PARKED_OUTCOME = {"besluit": "werd een besluit", "vervallen": "vervallen", None: "nog open"}


def dmy(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "—"


def _chain_care(value: str | None) -> str:
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


def _table(
    name: str,
    header: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    shares: tuple[int, ...] = (),
) -> Table:
    cells = tuple(tuple(one_line(cell) or "—" for cell in row) for row in rows)
    return Table(name, header, cells, shares)


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
    return [_table("aanwezigheid", header, rows), Text(_presence_counts(s))]


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
        blocks.append(_table("veiligheidsscores", header, rows))
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
    blocks.append(Facts((("Fase gefaseerde ketenzorg", _chain_care(s.chain_care_phase)),)))
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
            _chain_care(d.chain_care_phase),
            _STATUS[d.status],
        )
        for d in s.decisions
    ]
    return [_table("besluiten", header, rows, (30, 14, 16, 11, 9, 12, 8))]


def _besluitvorming(s: Summary) -> list[Block]:
    blocks = _notes(s.notes.get("besluitvorming", {}))
    if s.parked_ideas:
        blocks.append(Subheading("Parkeerplaats"))
        header = ("Idee", "Voorgesteld door", "In fase", "Uitkomst")
        rows = [
            (p.text, p.proposed_by or "", _PHASE_TITLES[p.phase], _PARKED_OUTCOME[p.outcome])
            for p in s.parked_ideas
        ]
        blocks.append(_table("parkeerplaats", header, rows))
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
            _STATUS.get(r.new_status or "", "niet besproken"),
            r.reason,
        )
        for r in s.previous_actions
    ]
    return [_table("vorige-acties", header, rows, (26, 13, 15, 11, 11, 9, 15))]


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
        return [_table("proces", header, rows), Text("Time-outs: geen.")]
    pauses = tuple(
        Item(
            f"{t.started_at.astimezone():%H:%M}–"
            + (f"{t.ended_at.astimezone():%H:%M}" if t.ended_at else "loopt nog")
            + f" ({_minutes(t.minutes)})"
        )
        for t in s.time_outs
    )
    return [_table("proces", header, rows), Text(f"Time-outs: {len(pauses)}"), Bullets(pauses)]


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


def build_handout(summary: Summary) -> Handout:
    """Lay out the sections the summary's profile lets out."""
    s = summary
    particulars = Facts(
        (
            ("Casuscode", s.case_code),
            ("Datum", dmy(s.held_on)),
            ("Soort overleg", s.meeting_type),
            ("Locatie", one_line(s.location) or "—"),
            ("Leidraad", f"{s.leidraad_title} (versie {s.leidraad_version})"),
            ("Status", s.status),
            *_privacy(s),
        )
    )
    parts = tuple(
        Part(section.value, SECTION_TITLES[section], tuple(_PARTS[section](s)))
        for section in s.profile.sections
    )
    return Handout(
        kind="Verslag casusoverleg",
        title=f"Verslag casusoverleg {s.case_code}",
        case_code=s.case_code,
        confidentiality=CONFIDENTIALITY,
        profile_statement=s.profile.statement,
        particulars=particulars,
        parts=parts,
    )


_CASE_STATEMENT = (
    "Casusgeschiedenis: alle overleggen over deze casuscode, met de veiligheidsscores, de fase "
    "van de ketenzorg en elk besluit met zijn huidige status; zonder notities."
)


def build_case_handout(history: CaseHistory) -> Handout:
    """The history of one case laid out like a summary, so every format can render it."""
    h = history
    meetings = h.meetings
    period = f"{dmy(meetings[0].held_on)} tot en met {dmy(meetings[-1].held_on)}"
    particulars = Facts(
        (
            ("Casuscode", h.case_code),
            ("Overleggen", str(len(meetings))),
            ("Periode", period),
            ("Open acties", str(sum(d.status.value == "open" for d in h.decisions))),
        )
    )
    meeting_rows = [
        (
            dmy(m.held_on),
            str(m.meeting_id),
            m.status.value,
            m.leidraad_id,
            _chain_care(m.chain_care_phase.value if m.chain_care_phase else None),
            " · ".join(f"{s.respondent} {s.score}" for s in m.scores),
        )
        for m in meetings
    ]
    header = ("Datum", "Nr", "Status", "Leidraad", "Fase ketenzorg", "Veiligheidsscores")
    chart = Chart(
        "Gemiddelde veiligheidsscore per overleg (0–10)",
        tuple(dmy(m.held_on) for m in meetings),
        tuple(h.score_trend),
    )
    phases = [
        Text(f"{dmy(m.held_on)}: {_chain_care(m.chain_care_phase)}")
        for m in meetings
        if m.chain_care_phase
    ]
    decision_rows = [
        (
            d.action,
            d.owner_person,
            d.owner_organisation,
            dmy(d.deadline) + (" (te laat)" if d.overdue else ""),
            _STATUS[d.status.value],
            dmy(d.meeting_held_on),
        )
        for d in h.decisions
    ]
    decisions_header = ("Actie", "Eigenaar", "Organisatie", "Deadline", "Status", "Uit overleg van")
    decisions: list[Block] = (
        [_table("besluiten", decisions_header, decision_rows, (32, 14, 16, 14, 10, 14))]
        if decision_rows
        else [Text("Geen besluiten vastgelegd.", True)]
    )
    return Handout(
        kind="Casusgeschiedenis",
        title=f"Casusgeschiedenis {h.case_code}",
        case_code=h.case_code,
        confidentiality="Vertrouwelijk: bestemd voor de partners in deze casus.",
        profile_statement=_CASE_STATEMENT,
        particulars=particulars,
        parts=(
            Part("overleggen", "Overleggen", (_table("overleggen", header, meeting_rows),)),
            Part("veiligheid", "Veiligheid over de tijd", (chart,)),
            Part(
                "ketenzorg",
                "Fase van de ketenzorg",
                tuple(phases) or (Text("Nog geen fase vastgesteld.", True),),
            ),
            Part("besluiten", "Besluiten en hun status", tuple(decisions)),
        ),
    )
