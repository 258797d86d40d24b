"""The building blocks of a document: headings, text, lists, facts, tables and charts, grouped
in parts of a :class:`Handout`. Every format renders these in its own module (render_*)."""

from __future__ import annotations

from dataclasses import dataclass

from bobtui.core.domain.history import chart_points, sparkline


@dataclass(frozen=True)
class Subheading:
    """A heading within a part: a note kind, a table's subject."""

    text: str


@dataclass(frozen=True)
class Text:
    """A paragraph; ``muted`` for what stands in for missing content ("Geen besluiten")."""

    text: str
    muted: bool = False


@dataclass(frozen=True)
class Item:
    """One list item: a note, who said it, and whether it was marked confidential."""

    text: str
    by: str = ""
    confidential: bool = False


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[Item, ...]


@dataclass(frozen=True)
class Facts:
    """Label–value pairs: the meeting's particulars, the evaluation dates."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; Word sizes its columns to the cells (widths.py)."""

    name: str  # a stable name for styling and tests, e.g. "besluiten"
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    shares: tuple[int, ...] = ()
    """Each column's wished share of the width in percent; empty: as its longest cell needs.
    No column gets less than its longest word."""


@dataclass(frozen=True)
class Chart:
    """A trend over meetings on a 0..maximum scale: a line in HTML, a sparkline in text."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    maximum: float = 10

    @property
    def spark(self) -> str:
        return sparkline(self.values, self.maximum)

    @property
    def readout(self) -> str:
        """The values in words: 3,5 → 4 → — → 6."""
        return " → ".join("—" if v is None else score_text(v) for v in self.values)

    def points(self, width: int, height: int) -> list[tuple[float, float, float]]:
        return chart_points(self.values, width, height, self.maximum)

    def ticks(self, width: int) -> list[tuple[float, str]]:
        """Where each meeting's label goes along the x axis."""
        step = width / max(len(self.labels) - 1, 1)
        return [(round(i * step, 1), label) for i, label in enumerate(self.labels)]


def score_text(value: float) -> str:
    """A score as the documents print it, Dutch style: 3,5 and 4 (not 4,0)."""
    return f"{value:.1f}".replace(".0", "").replace(".", ",")


Block = Subheading | Text | Bullets | Facts | Table | Chart


@dataclass(frozen=True)
class Part:
    """A titled part of the document: a section of the summary, a role card."""

    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Logo:
    """The sender's logo for the page header: a PNG or JPEG image and its size in pixels."""

    image: bytes
    extension: str  # "png" or "jpeg"
    width: int
    height: int

    def extent(self, height_emu: int = 540_000) -> tuple[int, int]:
        """Width and height in EMU for a logo ``height_emu`` high (1.5 cm), aspect kept."""
        return round(height_emu * self.width / max(self.height, 1)), height_emu


@dataclass(frozen=True)
class Handout:
    """A whole document, laid out and ready for any format: what every page says, and the parts."""

    kind: str  # what the document is, without case text: for file properties
    title: str
    case_code: str
    confidentiality: str
    profile_statement: str
    particulars: Facts
    parts: tuple[Part, ...]
    page_per_part: bool = False  # printed, each part starts a new page (role cards)
    concept: bool = False
    """Not finalized: CONCEPT in every page header and as the first line."""
    confidential_notes: bool = False
    """Holds notes marked confidential: a banner on the first page and in every page header."""
    distribution: str = ""
    """Who it goes to ("Verspreid aan: …"), one line; empty: not said."""
    organisation: str = ""
    logo: Logo | None = None
    privacy_footer: str = ""
    """A line on every printed page about what the document holds and who may read it."""

    @property
    def banners(self) -> tuple[str, ...]:
        """The first lines of the first page: CONCEPT, and the confidential-notes warning."""
        return (CONCEPT_LINE,) * self.concept + (CONFIDENTIAL_BANNER,) * self.confidential_notes

    @property
    def marks(self) -> tuple[str, ...]:
        """The short warnings every page header carries: CONCEPT, confidential notes."""
        return (CONCEPT_MARK,) * self.concept + (CONFIDENTIAL_MARK,) * self.confidential_notes

    @property
    def running_header(self) -> str:
        """What each page's header says: the organisation, the marks, the case."""
        sender = (self.organisation,) if self.organisation else ()
        return " · ".join((*sender, *self.marks, "Vertrouwelijk", self.case_code))

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(b for part in self.parts for b in part.blocks if isinstance(b, Chart))


CONCEPT_MARK = "CONCEPT"
CONFIDENTIAL_MARK = "BEVAT VERTROUWELIJKE NOTITIES"
CONCEPT_LINE = "CONCEPT: dit verslag is nog niet vastgesteld en kan nog veranderen."
CONFIDENTIAL_BANNER = (
    "BEVAT VERTROUWELIJKE NOTITIES: dit verslag bevat notities die als vertrouwelijk zijn "
    "gemarkeerd. Alleen voor wie ze mag kennen; niet doorsturen."
)
