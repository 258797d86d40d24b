"""The building blocks of a document: headings, text, lists, facts, tables and charts, grouped
in parts of a :class:`Handout`. Every format renders these with its own template."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bobtui.core.domain.history import chart_points, sparkline


@dataclass(frozen=True)
class Subheading:
    kind: ClassVar[str] = "subheading"
    text: str


@dataclass(frozen=True)
class Text:
    kind: ClassVar[str] = "text"
    text: str
    muted: bool = False


@dataclass(frozen=True)
class Item:
    text: str
    by: str = ""
    confidential: bool = False


@dataclass(frozen=True)
class Bullets:
    kind: ClassVar[str] = "bullets"
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Facts:
    """Label–value pairs: the meeting's particulars, the evaluation dates."""

    kind: ClassVar[str] = "facts"
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    name: str  # a stable name for styling and tests, e.g. "besluiten"
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    shares: tuple[int, ...] = ()
    """Each column's share of the width in percent; empty: equal columns."""

    def column_widths(self, total: int) -> list[int]:
        """Column widths for a page ``total`` wide (Word lays out fixed widths)."""
        shares = self.shares or (100 // len(self.header),) * len(self.header)
        return [total * share // 100 for share in shares]


@dataclass(frozen=True)
class Chart:
    """A trend over meetings on a 0..maximum scale: a line in HTML, a sparkline in text."""

    kind: ClassVar[str] = "chart"
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
        return " → ".join(
            "—" if v is None else f"{v:.1f}".replace(".0", "").replace(".", ",")
            for v in self.values
        )

    def points(self, width: int, height: int) -> list[tuple[float, float, float]]:
        return chart_points(self.values, width, height, self.maximum)

    def ticks(self, width: int) -> list[tuple[float, str]]:
        """Where each meeting's label goes along the x axis."""
        step = width / max(len(self.labels) - 1, 1)
        return [(round(i * step, 1), label) for i, label in enumerate(self.labels)]


Block = Subheading | Text | Bullets | Facts | Table | Chart


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Handout:
    kind: str  # what the document is, without case text: for file properties
    title: str
    case_code: str
    confidentiality: str
    profile_statement: str
    particulars: Facts
    parts: tuple[Part, ...]
    page_per_part: bool = False  # printed, each part starts a new page (role cards)
