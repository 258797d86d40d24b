"""The app's tables show user text literally: markup, escape codes and line breaks are text."""

from textual.app import App, ComposeResult

from bobtui.widgets.list_table import ListTable

HOSTILE = ("bel [/] terug", "[red]rood[/red]", "\x1b[31mESC\x07\r\nregel twee")


class _TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ListTable()

    def on_mount(self) -> None:
        table = self.query_one(ListTable)
        table.add_columns("Actie", "Wie")
        for text in HOSTILE:
            table.add_row(text, "M. de Boer")


async def test_cells_show_markup_and_control_characters_as_plain_text() -> None:
    app = _TableApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(ListTable)
        assert table.texts_at(0)[0] == "bel [/] terug"
        assert table.texts_at(1)[0] == "[red]rood[/red]"
        assert table.texts_at(2)[0] == "[31mESC regel twee"  # one line, no ESC, BEL or CR
        table.update_cell_at((0, 1), "[/]")
        await pilot.pause()
        picture = app.export_screenshot()
        assert "[red]rood[/red]" in picture.replace("&#160;", " ")
        assert "\x1b" not in str(table.get_row_at(2)[0])


class _WideApp(App[None]):
    """An action list wider than 80 columns: one long free text, the rest short."""

    def __init__(self, *, wrap: bool = False) -> None:
        super().__init__()
        self.wrap = wrap

    def compose(self) -> ComposeResult:
        yield ListTable()

    def on_mount(self) -> None:
        table = self.query_one(ListTable)
        table.add_columns("Actie", "Eigenaar", "Organisatie", "Deadline", "Casus", "Status")
        action = "Veiligheidsplan opstellen met de moeder en de school, en de huisarts bellen"
        table.add_row(
            action,
            "M. de Boer",
            "Veilig Thuis",
            "16-03-2026",
            "ZVH-BESLUIT",
            "open",
            height=None if self.wrap else 1,
        )


def _shown(app: App[None]) -> str:
    """The table's lines as they are drawn."""
    table = app.query_one(ListTable)
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


async def test_the_longest_column_gives_way_so_the_short_ones_show_whole() -> None:
    app = _WideApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause(0.2)
        table = app.query_one(ListTable)
        assert table.virtual_size.width <= table.size.width  # nothing off to the right
        picture = _shown(app)
        for whole in ("Organisatie", "Deadline", "Casus", "Status", "Veilig Thuis", "16-03-2026"):
            assert whole in picture, whole
        assert "ZVH-BESLUIT" in picture and "open" in picture
        assert "Veiligheidsplan" in picture and "…" in picture
        assert table.texts_at(0)[0].endswith("huisarts bellen")  # held whole
        await pilot.resize_terminal(160, 10)  # wide enough: nothing cut
        await pilot.pause(0.2)
        assert "huisarts bellen" in _shown(app) and "…" not in _shown(app)


async def test_a_row_added_with_no_height_wraps_its_long_cell() -> None:
    app = _WideApp(wrap=True)
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause(0.2)
        table = app.query_one(ListTable)
        assert table.virtual_size.width <= table.size.width
        assert table.rows[next(iter(table.rows))].height > 1
        picture = _shown(app)
        assert "huisarts bellen" in picture and "ZVH-BESLUIT" in picture
