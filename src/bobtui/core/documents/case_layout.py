"""The history of one case laid out like a summary: its meetings, the safety trend as a chart,
the chain-care phase and every decision with its status, for every format."""

from __future__ import annotations

from bobtui.core.documents.blocks import Block, Chart, Facts, Handout, Part, Text
from bobtui.core.documents.layout import PRIVACY_FOOTER, chain_care, dmy, status_label, table
from bobtui.core.documents.summary import NO_LETTERHEAD, Letterhead
from bobtui.core.domain.history import CaseHistory
from bobtui.core.domain.text import one_line

_CASE_STATEMENT = (
    "Casusgeschiedenis: alle overleggen over deze casuscode, met de veiligheidsscores, de fase "
    "van de ketenzorg en elk besluit met zijn huidige status; zonder notities."
)


def build_case_handout(history: CaseHistory, letterhead: Letterhead = NO_LETTERHEAD) -> Handout:
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
            m.state,
            m.leidraad_id,
            chain_care(m.chain_care_phase.value if m.chain_care_phase else None),
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
        Text(f"{dmy(m.held_on)}: {chain_care(m.chain_care_phase)}")
        for m in meetings
        if m.chain_care_phase
    ]
    decision_rows = [
        (
            d.action,
            d.owner_person,
            d.owner_organisation,
            dmy(d.deadline),
            status_label(d.status.value, d.overdue_days),
            dmy(d.meeting_held_on),
        )
        for d in h.decisions
    ]
    decisions_header = ("Actie", "Eigenaar", "Organisatie", "Deadline", "Status", "Uit overleg van")
    decisions: list[Block] = (
        [table("besluiten", decisions_header, decision_rows)]
        if decision_rows
        else [Text("Geen besluiten vastgelegd.", True)]
    )
    return Handout(
        kind="Casusgeschiedenis",
        title=f"Casusgeschiedenis {h.case_code}",
        case_code=h.case_code,
        confidentiality="Vertrouwelijk: bestemd voor de partners in deze casus.",
        privacy_footer=PRIVACY_FOOTER,
        organisation=one_line(letterhead.organisation),
        logo=letterhead.logo,
        profile_statement=_CASE_STATEMENT,
        particulars=particulars,
        parts=(
            Part("overleggen", "Overleggen", (table("overleggen", header, meeting_rows),)),
            Part("veiligheid", "Veiligheid over de tijd", (chart,)),
            Part(
                "ketenzorg",
                "Fase van de ketenzorg",
                tuple(phases) or (Text("Nog geen fase vastgesteld.", True),),
            ),
            Part("besluiten", "Besluiten en hun status", tuple(decisions)),
        ),
    )
