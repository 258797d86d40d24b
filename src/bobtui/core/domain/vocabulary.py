"""The closed vocabularies of the domain, with their Dutch labels for the interface."""

from enum import StrEnum


class Phase(StrEnum):
    """The three BOB phases, in the order a meeting goes through them."""

    BEELDVORMING = "beeldvorming"
    OORDEELSVORMING = "oordeelsvorming"
    BESLUITVORMING = "besluitvorming"

    @property
    def label(self) -> str:
        return self.value.capitalize()


PHASE_ORDER: tuple[Phase, ...] = tuple(Phase)


class NoteKind(StrEnum):
    FEIT = "feit"
    AANNAME = "aanname"
    ZORG = "zorg"
    KRACHT = "kracht"
    INFORMATIEGAT = "informatiegat"

    @property
    def label(self) -> str:
        return NOTE_KIND_LABELS[self]


NOTE_KIND_LABELS = {
    NoteKind.FEIT: "Feiten",
    NoteKind.AANNAME: "Aannames",
    NoteKind.ZORG: "Zorgen",
    NoteKind.KRACHT: "Krachten",
    NoteKind.INFORMATIEGAT: "Informatiegaten",
}


class Audience(StrEnum):
    """Who a question is addressed to."""

    IEDEREEN = "iedereen"
    CLIENT = "client"
    KINDPERSPECTIEF = "kindperspectief"
    PARTNER = "partner"


class Domain(StrEnum):
    ZORG = "zorg"
    STRAF = "straf"
    BESTUUR = "bestuur"


class Presence(StrEnum):
    """At the table, not there, or there through someone who speaks for them."""

    AANWEZIG = "aanwezig"
    AFWEZIG = "afwezig"
    VERTEGENWOORDIGD = "vertegenwoordigd"


def presence_label(presence: str, represented_by: str | None) -> str:
    """'aanwezig', 'afwezig' or 'vertegenwoordigd door tante', as the roster shows it."""
    if presence == Presence.VERTEGENWOORDIGD and represented_by:
        return f"{presence} door {represented_by}"
    return str(presence)


class MeetingStatus(StrEnum):
    GEPLAND = "gepland"
    LOPEND = "lopend"
    GESLOTEN = "gesloten"


FINALIZED = "vastgesteld"
"""The state of a closed meeting that was finalized: the official record."""


def meeting_state(status: str, *, finalized: bool) -> str:
    """A meeting's state as every list and document names it: gepland, lopend, gesloten
    (concept) or vastgesteld."""
    if status == MeetingStatus.GESLOTEN:
        return FINALIZED if finalized else "gesloten (concept)"
    return str(status)


class JudgementKind(StrEnum):
    KERNPROBLEEM = "kernprobleem"
    RISICO = "risico"
    DILEMMA = "dilemma"


class Likelihood(StrEnum):
    LAAG = "laag"
    MIDDEL = "middel"
    HOOG = "hoog"


class Priority(StrEnum):
    HOOG = "hoog"
    MIDDEL = "middel"
    LAAG = "laag"


class ChainCarePhase(StrEnum):
    """Gefaseerde ketenzorg."""

    VEILIGHEID = "veiligheid"
    RISICOGESTUURDE_ZORG = "risicogestuurde_zorg"
    HERSTEL = "herstel"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class DecisionStatus(StrEnum):
    OPEN = "open"
    GEDAAN = "gedaan"
    VERVALLEN = "vervallen"


class ParkedOutcome(StrEnum):
    """What besluitvorming did with a parked idea."""

    BESLUIT = "besluit"
    VERVALLEN = "vervallen"


class Coverage(StrEnum):
    NOG_NIET = "nog_niet"
    BESPROKEN = "besproken"
    OVERGESLAGEN = "overgeslagen"


def counted(number: int, one: str, many: str) -> str:
    """'1 vraag', '3 vragen': Dutch plurals are irregular, so both forms are given."""
    return f"{number} {one if number == 1 else many}"


def role_flags(*, is_client: bool, is_ervaringsdeskundige: bool, speaks_for_child: bool) -> str:
    """The special roles of a participant as the interface and the summary name them."""
    flags = (
        (is_client, "cliënt"),
        (is_ervaringsdeskundige, "ervaringsdeskundige"),
        (speaks_for_child, "spreekt namens het kind"),
    )
    return ", ".join(label for flag, label in flags if flag)
