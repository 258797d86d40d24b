"""The feedback report and two rehearsals side by side, laid out for every format."""

from bobtui.core.documents.blocks import Facts, Handout, Part, Table, Text
from bobtui.core.training.compare import (
    compare_decisions,
    compare_reports,
    side_by_side_decisions,
)
from bobtui.core.training.feedback import FeedbackReport
from bobtui.core.training.feedback_facts import KeyResult

PRACTICE = "Oefening met een fictieve casus: alleen voor de training."
_MOMENTS = (
    "Berekend uit wat er in de oefening is vastgelegd. Bij elk onderdeel staat waarom het wel of "
    "geen bespreekpunt is, met de momenten (uur:minuut:seconde na de start) waar het vandaan "
    "komt; de tijdlijn zet alles op volgorde."
)


def _captured(results: tuple[KeyResult, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (r.text, f"{r.captured.clock} {r.captured.what}" if r.captured else "gemist")
        for r in results
    )


def _open_questions(report: FeedbackReport) -> tuple[tuple[str, ...], ...]:
    """Core questions nothing was recorded on, and questions that left an expected fact out."""
    return tuple(
        (
            r.phase,
            r.text,
            r.reason,
            "; ".join(r.expected_facts) or "—",
        )
        for r in report.questions
        if r.open_core or r.expected_facts
    )


def build_feedback_handout(report: FeedbackReport) -> Handout:
    figures = tuple(
        (
            f.label,
            f.value,
            "bespreken" if f.attention else "",
            f.reason,
            "; ".join(f"{m.clock} {m.what}" for m in f.moments),
        )
        for f in report.figures
    )
    timeline = tuple((m.clock, m.what) for m in report.timeline)
    questions = _open_questions(report)
    parts = (
        Part(
            "cijfers",
            "Onderdelen",
            (
                Table(
                    "cijfers",
                    ("Onderdeel", "Uitkomst", "Let op", "Waarom", "Momenten"),
                    figures,
                    (20, 20, 8, 22, 30),
                ),
            ),
        ),
        Part(
            "vragen",
            "Open kernvragen en verwachte feiten",
            (
                Table(
                    "vragen",
                    ("Fase", "Vraag", "Waarom", "Kernfeiten die hier hoorden"),
                    questions,
                    (14, 36, 25, 25),
                ),
            )
            if questions
            else (Text("Bij elke kernvraag is iets vastgelegd.", True),),
        ),
        Part(
            "kernfeiten",
            "Kernfeiten",
            (Table("kernfeiten", ("Kernfeit", "Op tafel"), _captured(report.key_facts), (50, 50)),),
        ),
        Part(
            "kernbesluiten",
            "Kernbesluiten",
            (
                Table(
                    "kernbesluiten",
                    ("Kernbesluit", "Verwachte eigenaar", "Genomen (wanneer, wat, wie)"),
                    tuple(
                        (text, owner or "—", taken)
                        for (text, taken), owner in zip(
                            _captured(report.key_decisions),
                            (r.owner for r in report.key_decisions),
                            strict=True,
                        )
                    ),
                    (35, 20, 45),
                ),
            ),
        ),
        Part(
            "tijdlijn",
            "Tijdlijn",
            (Table("tijdlijn", ("Tijd", "Wat"), timeline, (12, 88)),)
            if timeline
            else (Text("Geen momenten vastgelegd.", True),),
        ),
    )
    return Handout(
        kind="Feedback op een oefening",
        title=f"Feedback op de voorzitter: {report.case_title}",
        case_code=report.case_code,
        confidentiality=PRACTICE,
        profile_statement=_MOMENTS,
        particulars=Facts(
            (
                ("Oefencasus", report.case_title),
                ("Casuscode", report.case_code),
                ("Datum", report.held_on),
            )
        ),
        parts=parts,
    )


def build_comparison_handout(first: FeedbackReport, second: FeedbackReport) -> Handout:
    rows = tuple((c.label, c.first, c.second, c.verdict) for c in compare_reports(first, second))
    header = (
        "Onderdeel",
        f"{first.case_code} ({first.held_on})",
        f"{second.case_code} ({second.held_on})",
        "Tweede t.o.v. eerste",
    )
    decisions = side_by_side_decisions(first, second)
    return Handout(
        kind="Twee oefeningen vergeleken",
        title=f"Twee oefeningen naast elkaar: {first.case_title}",
        case_code=f"{first.case_code} en {second.case_code}",
        confidentiality=PRACTICE,
        profile_statement="Onderdeel voor onderdeel: de tweede oefening beter, slechter of gelijk "
        "aan de eerste, met beide uitkomsten; dezelfde casus, twee keer geoefend.",
        particulars=Facts((("Oefencasus", first.case_title),)),
        parts=(
            Part("cijfers", "Onderdelen", (Table("vergelijking", header, rows, (28, 30, 30, 12)),)),
            Part(
                "kernbesluiten",
                "Kernbesluiten naast elkaar",
                (
                    Table(
                        "kernbesluiten",
                        ("Kernbesluit", first.case_code, second.case_code),
                        tuple(compare_decisions(first, second)),
                        (30, 35, 35),
                    ),
                ),
            ),
            Part(
                "besluiten",
                "Alle besluiten naast elkaar",
                (
                    Table(
                        "besluiten",
                        (first.case_code, second.case_code),
                        tuple(decisions),
                        (50, 50),
                    ),
                )
                if decisions
                else (Text("Geen besluiten vastgelegd.", True),),
            ),
            Part(
                "kernfeiten",
                "Kernfeiten",
                (
                    Table(
                        "kernfeiten",
                        ("Kernfeit", first.case_code, second.case_code),
                        tuple(
                            (a.text, _captured((a,))[0][1], _captured((b,))[0][1])
                            for a, b in zip(first.key_facts, second.key_facts, strict=False)
                        ),
                        (40, 30, 30),
                    ),
                ),
            ),
        ),
    )
