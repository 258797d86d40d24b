"""Trainers' documents laid out for every format: the feedback report, two rehearsals side by
side, and the role cards (one per printed page)."""

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
from bobtui.core.training.cases import LOGIC_LABELS, PracticeCase
from bobtui.core.training.feedback import FeedbackReport, KeyResult, compare_reports

_PRACTICE = "Oefening met een fictieve casus: alleen voor de training."
_MOMENTS = (
    "Berekend uit wat er in de oefening is vastgelegd. Bij elk cijfer staan de momenten waar het "
    "vandaan komt, in minuten na de start; de tijdlijn zet ze op een rij."
)


def _minutes(results: tuple[KeyResult, ...]) -> list[tuple[str, ...]]:
    return [(r.text, f"min {r.captured.minute}" if r.captured else "gemist") for r in results]


def build_feedback_handout(report: FeedbackReport) -> Handout:
    figures = [
        (
            f.label,
            f.value,
            "bespreken" if f.attention else "",
            ", ".join(f"min {m.minute}" for m in f.moments),
        )
        for f in report.figures
    ]
    timeline = [(f"{m.minute}", m.what) for m in report.timeline]
    parts: list[Part] = [
        Part(
            "cijfers",
            "Cijfers",
            (
                Table(
                    "cijfers",
                    ("Onderdeel", "Uitkomst", "Let op", "Momenten"),
                    tuple(figures),
                    (34, 36, 10, 20),
                ),
            ),
        ),
        Part(
            "kernfeiten",
            "Kernfeiten",
            (
                Table(
                    "kernfeiten",
                    ("Kernfeit", "Op tafel"),
                    tuple(_minutes(report.key_facts)),
                    (80, 20),
                ),
            ),
        ),
        Part(
            "kernbesluiten",
            "Kernbesluiten",
            (
                Table(
                    "kernbesluiten",
                    ("Kernbesluit", "Genomen"),
                    tuple(_minutes(report.key_decisions)),
                    (80, 20),
                ),
            ),
        ),
        Part(
            "tijdlijn",
            "Tijdlijn",
            (Table("tijdlijn", ("Minuut", "Wat"), tuple(timeline), (12, 88)),)
            if timeline
            else (Text("Geen momenten vastgelegd.", True),),
        ),
    ]
    return Handout(
        kind="Feedback op een oefening",
        title=f"Feedback op de voorzitter: {report.case_title}",
        case_code=report.case_code,
        confidentiality=_PRACTICE,
        profile_statement=_MOMENTS,
        particulars=Facts(
            (
                ("Oefencasus", report.case_title),
                ("Casuscode", report.case_code),
                ("Datum", report.held_on),
            )
        ),
        parts=tuple(parts),
    )


def build_comparison_handout(first: FeedbackReport, second: FeedbackReport) -> Handout:
    rows = [
        (label, a, b, "verschilt" if differs else "")
        for label, a, b, differs in compare_reports(first, second)
    ]
    header = (
        "Onderdeel",
        f"{first.case_code} ({first.held_on})",
        f"{second.case_code} ({second.held_on})",
        "",
    )
    missed = [
        (
            r.text,
            "min " + str(r.captured.minute) if r.captured else "gemist",
            "min " + str(s.captured.minute) if s.captured else "gemist",
        )
        for r, s in zip(first.key_facts, second.key_facts, strict=False)
    ]
    return Handout(
        kind="Twee oefeningen vergeleken",
        title=f"Twee oefeningen naast elkaar: {first.case_title}",
        case_code=f"{first.case_code} en {second.case_code}",
        confidentiality=_PRACTICE,
        profile_statement="Cijfer voor cijfer; dezelfde casus, twee keer geoefend.",
        particulars=Facts((("Oefencasus", first.case_title),)),
        parts=(
            Part(
                "cijfers",
                "Cijfers",
                (Table("vergelijking", header, tuple(rows), (34, 28, 28, 10)),),
            ),
            Part(
                "kernfeiten",
                "Kernfeiten",
                (
                    Table(
                        "kernfeiten",
                        ("Kernfeit", first.case_code, second.case_code),
                        tuple(missed),
                        (60, 20, 20),
                    ),
                ),
            ),
        ),
    )


def build_role_cards(case: PracticeCase) -> Handout:
    """The background for everyone, then one card per role, each on its own printed page."""
    parts = [
        Part("achtergrond", "Achtergrond voor iedereen", (Text(" ".join(case.background.split())),))
    ]
    for index, card in enumerate(case.roles, start=1):
        flags = [
            label
            for label, on in (
                ("cliënt", card.is_client),
                ("ervaringsdeskundige", card.is_ervaringsdeskundige),
                ("spreekt namens het kind", card.speaks_for_child),
            )
            if on
        ]
        facts = [("Rol", card.role)]
        if card.organisation:
            facts.append(("Organisatie", card.organisation))
        if card.logic:
            facts.append(("Logica van je organisatie", LOGIC_LABELS[card.logic]))
        if flags:
            facts.append(("Bijzonder", ", ".join(flags)))
        blocks: list[Block] = [
            Facts(tuple(facts)),
            Subheading("Wat je weet"),
            Bullets(tuple(Item(fact) for fact in card.knows)),
            Subheading("Je zorg"),
            Text(card.worry),
        ]
        if card.wants:
            blocks += [Subheading("Wat je wilt bereiken"), Text(card.wants)]
        if card.how_to_play:
            blocks += [Subheading("Zo speel je het"), Text(card.how_to_play)]
        parts.append(Part(f"rol-{index}", f"Rolkaart: {card.name}", tuple(blocks)))
    return Handout(
        kind="Rolkaarten",
        title=f"Rolkaarten: {case.title}",
        case_code=case.case_code,
        confidentiality="Fictieve casus voor een training. Lees alleen je eigen kaart.",
        profile_statement=f"{len(case.roles)} rollen, {case.duration_minutes} minuten; "
        f"leidraad {case.leidraad}.",
        particulars=Facts((("Casus", case.title), ("In het kort", case.summary))),
        parts=tuple(parts),
        page_per_part=True,
    )
