"""Column widths for Word tables, from what the cells hold: no word is broken across lines.

Word and LibreOffice lay out a table with fixed column widths as given; only the document knows
how long its words are. Widths are measured with the advance widths of DejaVu Sans, the widest
common fallback for Calibri (LibreOffice substitutes it where Calibri and Carlito are missing),
so the columns are wide enough in every reader. A table whose longest words do not fit at the
normal size gets a smaller font, down to 7 pt.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Advance widths (thousandths of an em) of the characters from space to tilde, read from
# DejaVuSans.ttf and DejaVuSans-Bold.ttf.
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838,
)  # fmt: skip
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
    774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
    712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
    582, 712, 365, 712, 838,
)  # fmt: skip
_OTHER = 1000  # a character outside the table (a dash, a symbol, another script): an em
_SAFETY = 1.08  # kerning, rounding and a reader's own font: a little more than measured
CELL_PADDING = 85
"""Each cell's left and right margin in twips (the template sets them)."""
FONT_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0)
"""Table text sizes in points, the largest first: the first at which every word fits."""


def text_width(text: str, *, bold: bool = False) -> int:
    """How wide ``text`` is in thousandths of an em; an accented letter as its base letter."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for character in text:
        code = ord(unicodedata.normalize("NFD", character)[:1] or " ")
        total += table[code - 32] if 32 <= code < 127 else _OTHER
    return total


@dataclass(frozen=True)
class Fit:
    """Column widths in twips and the text size in half-points (Word's ``w:sz``)."""

    widths: tuple[int, ...]
    half_points: int


def _twips(units: float, points: float) -> float:
    return units / 1000 * points * 20 * _SAFETY + 2 * CELL_PADDING


def fit_columns(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: int,
    shares: Sequence[int] = (),
) -> Fit:
    """Widths summing to ``total`` twips: each column at least its longest word, the rest of
    the width shared by how much more each column's longest cell (or its wished ``shares``
    of the width, in percent) needs."""
    cells = [[(cell, True) for cell in header]] if header else []
    cells += [[(cell, False) for cell in row] for row in rows]
    columns = list(zip(*cells, strict=True))
    longest_word = [
        max((text_width(w, bold=b) for cell, b in column for w in cell.split()), default=0)
        for column in columns
    ]
    longest_cell = [max(text_width(cell, bold=b) for cell, b in column) for column in columns]
    for points in FONT_SIZES:
        least = [_twips(units, points) for units in longest_word]
        if sum(least) <= total:
            break
    wished = [total * share / 100 for share in shares] or [_twips(u, points) for u in longest_cell]
    most = [max(want, low) for want, low in zip(wished, least, strict=True)]
    spare = total - sum(least)
    wanted = sum(m - low for m, low in zip(most, least, strict=True))
    if spare < 0:  # a word longer than the page breaks whatever we do; only that one
        widest = least.index(max(least))
        widths = [*least]
        widths[widest] = max(least[widest] + spare, 4 * CELL_PADDING)
    elif wanted <= spare:  # everything on one line: share out what is left by need
        widths = [m + (spare - wanted) * m / sum(most) for m in most]
    else:
        widths = [low + (m - low) * spare / wanted for m, low in zip(most, least, strict=True)]
    rounded = [int(w) for w in widths]
    if rounded:
        rounded[-1] += total - sum(rounded)
    return Fit(tuple(rounded), round(points * 2))
