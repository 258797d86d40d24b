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
