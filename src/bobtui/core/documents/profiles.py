"""Export profiles: which parts of a summary go out, and whether confidential notes go too.

*volledig* is the whole summary for the people at the table, *besluiten* only the decisions and
the dates for action owners, and *selectie* a chosen set of sections. Confidential notes stay
out of every profile unless they are included on purpose.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bobtui.core.domain.errors import BobError


class Section(StrEnum):
    """The parts of a summary, in hand-out order."""

    AANWEZIGHEID = "aanwezigheid"
    AANLEIDING = "aanleiding"
    BEELDVORMING = "beeldvorming"
    OORDEELSVORMING = "oordeelsvorming"
    BESLUITEN = "besluiten"
    BESLUITVORMING = "besluitvorming"
    EVALUATIE = "evaluatie"
    VORIGE_ACTIES = "vorige-acties"
    PROCES = "proces"


SECTION_TITLES = {
    Section.AANWEZIGHEID: "Aanwezigheid",
    Section.AANLEIDING: "Aanleiding",
    Section.BEELDVORMING: "Beeldvorming",
    Section.OORDEELSVORMING: "Oordeelsvorming",
    Section.BESLUITEN: "Besluiten",
    Section.BESLUITVORMING: "Uit de besluitvorming",
    Section.EVALUATIE: "Evaluatie en vervolg",
    Section.VORIGE_ACTIES: "Acties uit het vorige overleg",
    Section.PROCES: "Procesgegevens",
}

_DESCRIPTIONS = {
    "volledig": "volledig verslag",
    "besluiten": "alleen besluiten en data, voor de actiehouders",
    "selectie": "een selectie van onderdelen",
}


@dataclass(frozen=True)
class Profile:
    name: str
    sections: tuple[Section, ...]
    include_confidential: bool = False

    def includes(self, section: Section) -> bool:
        return section in self.sections

    @property
    def statement(self) -> str:
        """The sentence every exported file carries about what is in it."""
        parts = ", ".join(SECTION_TITLES[s].lower() for s in self.sections)
        secret = (
            "vertrouwelijke notities zijn opgenomen"
            if self.include_confidential
            else "vertrouwelijke notities zijn weggelaten"
        )
        return f"Profiel {self.name} ({_DESCRIPTIONS[self.name]}): {parts}; {secret}."


FULL = Profile("volledig", tuple(Section))
DECISIONS_ONLY = Profile("besluiten", (Section.BESLUITEN, Section.EVALUATIE))
PROFILE_NAMES = ("volledig", "besluiten", "selectie")


def choose_profile(
    name: str = "volledig",
    sections: Iterable[str] | None = None,
    *,
    include_confidential: bool = False,
) -> Profile:
    """The profile a user asked for by name, or by a list of sections (then *selectie*).

    Raises :class:`BobError` with one sentence for an unknown profile or section.
    """
    wanted = [s.strip() for s in sections or () if s.strip()]
    if wanted or name == "selectie":
        if name not in ("selectie", "volledig"):
            raise BobError("Kies een profiel of een lijst onderdelen, niet allebei.")
        known = {s.value for s in Section}
        unknown = [s for s in wanted if s not in known]
        if unknown:
            choices = ", ".join(s.value for s in Section)
            raise BobError(f"Onbekend onderdeel '{unknown[0]}'; kies uit: {choices}.")
        if not wanted:
            raise BobError("Het profiel selectie vraagt om onderdelen, bijvoorbeeld besluiten.")
        chosen = tuple(s for s in Section if s.value in wanted)
        return Profile("selectie", chosen, include_confidential)
    if name == "volledig":
        return Profile(FULL.name, FULL.sections, include_confidential)
    if name == "besluiten":
        return Profile(DECISIONS_ONLY.name, DECISIONS_ONLY.sections, include_confidential)
    raise BobError(f"Onbekend profiel '{name}'; kies volledig, besluiten of selectie.")
