"""The one table of the app: meetings, actions, participants, history, feedback figures.

Textual's DataTable reads every ``str`` cell and column label as Rich markup, so a decision
"bel [/] terug" would stop the screen with an error and "[red]" would colour it. Here every
cell and label is plain text on one line: shown as typed, control characters dropped
(``one_line``).

The table fits its width: when the columns are wider than the table, the widest give way (cut
with "…", or wrapped in a row added with ``height=None``) down to a common width, so the short
columns (a date, a status, a number) always show whole, and every header stays readable.
"""

from collections.abc import Iterable
from functools import cached_property

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from bobtui.core.domain.text import one_line

Cell = str | Text

NARROWEST = 8
"""A column that gives way keeps at least this many cells (or its header's width)."""


def _cell(value: Cell, *, wrap: bool = False) -> Text:
    if isinstance(value, Text):
        return value
    return Text(one_line(value), no_wrap=not wrap, overflow="fold" if wrap else "ellipsis", end="")


def fitted_widths(
    natural: list[int], floors: list[int], room: int, first: frozenset[int] = frozenset()
) -> list[int]:
    """Column widths (without padding) that fit ``room`` cells: every column wider than a
    common cap is cut to it (never below its floor), the others keep their ``natural`` width.
    The widest cap that fits is chosen; when even the floors do not fit, the floors.

    The columns at the indexes in ``first`` give way before the others: only when they are
    down to their floors are the others cut too."""
    if sum(natural) <= room:
        return natural
    if first:
        others = sum(width for index, width in enumerate(natural) if index not in first)
        cut = iter(
            _capped(
                [natural[index] for index in sorted(first)],
                [floors[index] for index in sorted(first)],
                room - others,
            )
        )
        natural = [next(cut) if index in first else width for index, width in enumerate(natural)]
        if sum(natural) <= room:
            return natural
    return _capped(natural, floors, room)


def _capped(natural: list[int], floors: list[int], room: int) -> list[int]:
    for cap in range(max(natural), NARROWEST - 1, -1):
        widths = [max(min(width, cap), floor) for width, floor in zip(natural, floors, strict=True)]
        if sum(widths) <= room:
            return widths
    return [max(min(width, NARROWEST), floor) for width, floor in zip(natural, floors, strict=True)]


class ListTable(DataTable[Cell]):
    """A DataTable of plain text that fits its width (see the module docstring)."""

    @cached_property
    def _fitted(self) -> set[ColumnKey]:
        """The columns sized by their content: the ones that may give way."""
        return set()

    @cached_property
    def _giving_way_first(self) -> set[ColumnKey]:
        """Fitted columns that are cut before the others (``give_way_first``)."""
        return set()

    def give_way_first(self, *columns: ColumnKey) -> None:
        """Cut these columns first when the table is too narrow: the least needed ones."""
        self._giving_way_first.update(columns)

    def add_column(
        self,
        label: Cell,
        *,
        width: int | None = None,
        key: str | None = None,
        default: Cell | None = None,
    ) -> ColumnKey:
        # add_columns comes here too: a column may be named after a case code.
        column_key = super().add_column(
            _cell(label), width=width, key=key, default=None if default is None else _cell(default)
        )
        if width is None:
            self._fitted.add(column_key)
        return column_key

    def add_row(
        self,
        *cells: Cell,
        height: int | None = 1,
        key: str | None = None,
        label: Cell | None = None,
    ) -> RowKey:
        """A row of one line, or (``height=None``) one whose long cells wrap to fit."""
        wrap = height is None
        return super().add_row(
            *(_cell(cell, wrap=wrap) for cell in cells),
            height=height,
            key=key,
            label=None if label is None else _cell(label),
        )

    def texts_at(self, row_index: int) -> list[str]:
        """The row at ``row_index`` as it is held (whole, even when shown cut): one string per
        cell."""
        return [str(cell) for cell in self.get_row_at(row_index)]

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: Cell,
        *,
        update_width: bool = False,
    ) -> None:
        super().update_cell(row_key, column_key, _cell(value), update_width=update_width)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        super()._update_dimensions(new_rows)
        if self._fit_columns():
            self._measure_wrapped_rows()
        # Textual 8.2 can keep rows it drew between add_row and this sizing (on a busy
        # machine): they would show cut to the old column widths until the next resize.
        self._clear_caches()
        self.refresh()

    def on_resize(self, _: events.Resize) -> None:
        if self._fit_columns():
            self._measure_wrapped_rows()
        # Always: DataTable caches a drawn row without the table's width, and a frame drawn
        # before this event keeps the band past the columns at the old width (an empty
        # list's header, resized wider, was drawn half in header colour).
        self._clear_caches()
        self.refresh()

    def _measure_wrapped_rows(self) -> None:
        """Rows added with ``height=None`` take the height their cells wrap to at the new
        widths (DataTable measures them once, at the widths of that moment)."""
        wrapped = [key for key, row in self.rows.items() if row.auto_height]
        if not wrapped:
            return
        for key in wrapped:
            self.rows[key].height = 0
        self._clear_caches()  # the cells drawn at the old widths
        super()._update_dimensions(wrapped)

    def _fit_columns(self) -> bool:
        """Size the content-sized columns to the table's width; True if a width changed."""
        columns = [column for column in self.ordered_columns if column.key in self._fitted]
        if not columns or not self.size.width:
            return False
        padding = 2 * self.cell_padding
        fixed = sum(
            column.get_render_width(self)
            for column in self.ordered_columns
            if column.key not in self._fitted
        )
        room = self.scrollable_content_region.width - self._row_label_column_width - fixed
        widths = fitted_widths(
            [column.content_width for column in columns],
            [min(column.label.cell_len, column.content_width) for column in columns],
            room - padding * len(columns),
            frozenset(
                index
                for index, column in enumerate(columns)
                if column.key in self._giving_way_first
            ),
        )
        changed = False
        for column, width in zip(columns, widths, strict=True):
            changed |= column.auto_width or column.width != width
            column.auto_width = False
            column.width = width
        if changed:
            total = sum(column.get_render_width(self) for column in self.ordered_columns)
            self.virtual_size = Size(total + self._row_label_column_width, self.virtual_size.height)
        return changed
