"""The one table of the app: meetings, actions, participants, history, feedback figures.

Textual's DataTable reads every ``str`` cell and column label as Rich markup, so a decision
"bel [/] terug" would stop the screen with an error and "[red]" would colour it. Here every
cell and label is plain text on one line: shown as typed, control characters dropped
(``one_line``).
"""

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from bobtui.core.domain.text import one_line

Cell = str | Text


def _cell(value: Cell) -> Text:
    if isinstance(value, Text):
        return value
    return Text(one_line(value), no_wrap=True, end="")


class ListTable(DataTable[Cell]):
    def add_column(
        self,
        label: Cell,
        *,
        width: int | None = None,
        key: str | None = None,
        default: Cell | None = None,
    ) -> ColumnKey:
        # add_columns comes here too: a column may be named after a case code.
        return super().add_column(
            _cell(label), width=width, key=key, default=None if default is None else _cell(default)
        )

    def add_row(
        self,
        *cells: Cell,
        height: int | None = 1,
        key: str | None = None,
        label: Cell | None = None,
    ) -> RowKey:
        return super().add_row(
            *(_cell(cell) for cell in cells),
            height=height,
            key=key,
            label=None if label is None else _cell(label),
        )

    def texts_at(self, row_index: int) -> list[str]:
        """The row at ``row_index`` as it shows: one string per cell."""
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
        # Textual 8.2 can keep rows it drew between add_row and this sizing (on a busy
        # machine): they would show cut to the old column widths until the next resize.
        self._clear_caches()
        self.refresh()
