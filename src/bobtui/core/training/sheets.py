"""What a trainer prints for a practice case: the role cards (one per page, addressed to the
player) and the trainer sheet, the case's answer key."""

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
from bobtui.core.domain.vocabulary import PHASE_ORDER
from bobtui.core.training.cases import LOGIC_LABELS, PracticeCase, RoleCard


def _case_handout(
    case: PracticeCase,
    kind: str,
    confidentiality: str,
    parts: list[Part],
    *,
    page_per_part: bool = False,
) -> Handout:
    """A handout about the case: titled with its kind, the case's particulars on top."""
    return Handout(
        kind=kind,
        title=f"{kind}: {case.title}",
        case_code=case.case_code,
        confidentiality=confidentiality,
        profile_statement=f"{len(case.roles)} rollen, {case.duration_minutes} minuten; "
        f"leidraad {case.leidraad}.",
        particulars=Facts((("Casus", case.title), ("In het kort", case.summary))),
        parts=tuple(parts),
        page_per_part=page_per_part,
    )


def _card(card: RoleCard) -> tuple[Block, ...]:
    flags = [
        label
        for label, on in (
            ("cliënt", card.is_client),
            ("ervaringsdeskundige", card.is_ervaringsdeskundige),
            ("je spreekt namens het kind", card.speaks_for_child),
        )
        if on
    ]
    facts = [("Jouw rol", card.role)]
    if card.organisation:
        facts.append(("Jouw organisatie", card.organisation))
    if card.logic:
        facts.append(("De logica van jouw organisatie", LOGIC_LABELS[card.logic]))
    if flags:
        facts.append(("Bijzonder", ", ".join(flags)))
    blocks: list[Block] = [
        Facts(tuple(facts)),
        Subheading("Wat jij weet"),
        Bullets(tuple(Item(fact) for fact in card.knows)),
        Subheading("Jouw zorg"),
        Text(card.worry),
    ]
    if card.wants:
        blocks += [Subheading("Wat jij wilt bereiken"), Text(card.wants)]
    if card.how_to_play:
        blocks += [Subheading("Zo speel jij het"), Text(card.how_to_play)]
    return tuple(blocks)


def build_role_cards(case: PracticeCase) -> Handout:
    """The background for everyone, then one card per role, each on its own printed page."""
    parts = [
        Part("achtergrond", "Achtergrond voor iedereen", (Text(" ".join(case.background.split())),))
    ]
    parts += [
        Part(f"rol-{index}", f"Rolkaart: {card.name}", _card(card))
        for index, card in enumerate(case.roles, start=1)
    ]
    return _case_handout(
        case,
        "Rolkaarten",
        "Fictieve casus voor een training. Lees alleen je eigen kaart.",
        parts,
        page_per_part=True,
    )


def build_trainer_sheet(case: PracticeCase) -> Handout:
    """The answer key: per phase what a good chair surfaces and the time it should take, the
    key facts, the expected decisions with owners, the assumptions to keep apart, the traps and
    the events."""
    parts: list[Part] = []
    for phase in PHASE_ORDER:
        timing = case.timing_of(phase)
        blocks: list[Block] = [
            Text(f"Verwacht: {timing.minimum_minutes} tot {timing.maximum_minutes} minuten.", True),
            Bullets(tuple(Item(point) for point in case.trainer.for_phase(phase))),
        ]
        parts.append(
            Part(
                f"fase-{phase.value}",
                f"Wat een goede voorzitter boven tafel krijgt: {phase.value}",
                tuple(blocks),
            )
        )
    parts += [
        Part(
            "kernfeiten",
            "Kernfeiten",
            (
                Table(
                    "kernfeiten",
                    ("Kernfeit", "Bij de vragen"),
                    tuple((f.text, ", ".join(f.questions) or "—") for f in case.key_facts),
                    (65, 35),
                ),
            ),
        ),
        Part(
            "kernbesluiten",
            "Verwachte besluiten",
            (
                Table(
                    "kernbesluiten",
                    ("Besluit", "Eigenaar"),
                    tuple((d.text, d.owner or "—") for d in case.key_decisions),
                    (65, 35),
                ),
            ),
        ),
        Part(
            "aannames",
            "Aannames om van de feiten te scheiden",
            (Bullets(tuple(Item(a.text) for a in case.known_assumptions)),)
            if case.known_assumptions
            else (Text("Geen bekende aannames in deze casus.", True),),
        ),
        Part("valkuilen", "Valkuilen", (Bullets(tuple(Item(t) for t in case.trainer.traps)),)),
        Part(
            "gebeurtenissen",
            "Gebeurtenissen",
            (
                Table(
                    "gebeurtenissen",
                    ("Wanneer", "Wie", "Wat"),
                    tuple((e.trigger, e.role or "trainer", e.text) for e in case.events),
                    (22, 20, 58),
                ),
            )
            if case.events
            else (Text("Geen gebeurtenissen.", True),),
        ),
    ]
    return _case_handout(
        case, "Trainersblad", "Alleen voor de trainer: niet uitdelen aan de spelers.", parts
    )
