"""HelpScreen: the key table, read from given rows or from the bindings underneath."""

from __future__ import annotations

from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Label

from phuly_tui.i18n import set_language
from phuly_tui.ui.screens.help import HelpScreen, rows_from_bindings
from tests.support.screen_dump import screen_text

HOSTILE = "[@click=app.quit]Thoát[/] [bold]đậm[/bold]"


class HostApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Thoát", id="quit"),
        Binding("j,down", "cursor_down", "Xuống", id="cursor_down"),
        Binding("slash", "search", "Tìm kiếm", id="search", key_display="/"),
        Binding("x", "secret", "", id="secret"),
    ]

    def __init__(self, rows: list[tuple[str, ...]] | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.results: list[object] = []

    def compose(self) -> ComposeResult:
        yield Label("main")

    def open_help(self) -> None:
        self.push_screen(HelpScreen(self.rows), self.results.append)  # type: ignore[arg-type]


def table_rows(app: App[None]) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_given_rows_are_listed_and_escape_closes() -> None:
    app = HostApp([("?", "Trợ giúp", "help"), ("1 … 9", "Mở tin liên quan", "related_1")])
    async with app.run_test() as pilot:
        app.open_help()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert table_rows(app) == [
            ["?", "Trợ giúp", "help"],
            ["1 … 9", "Mở tin liên quan", "related_1"],
        ]
        assert "Phím tắt" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.results == [None]


@pytest.mark.parametrize("key", ["q", "question_mark"])
async def test_q_and_question_mark_close_without_quitting(key: str) -> None:
    app = HostApp([("?", "Trợ giúp", "help")])
    async with app.run_test() as pilot:
        app.open_help()
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running
        assert not isinstance(app.screen, HelpScreen)
        assert app.results == [None]


async def test_rows_with_a_pane_column() -> None:
    app = HostApp([("n", "Trình đọc", "Bài sau", "next_article")])
    async with app.run_test() as pilot:
        app.open_help()
        await pilot.pause()
        # the action right after the key: at 80 columns the pane is what gets cut
        assert table_rows(app) == [["n", "Bài sau", "Trình đọc", "next_article"]]
        table = app.screen.query_one(DataTable)
        headings = [str(column.label) for column in table.columns.values()]
        assert headings == ["Phím", "Chức năng", "Ở đâu", "id"]


async def test_without_rows_the_bindings_underneath_are_read() -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        rows = rows_from_bindings(app.screen)
        app.open_help()
        await pilot.pause()
        shown = table_rows(app)
        assert ["q", "Thoát", "quit"] in shown
        assert ["j ↓", "Xuống", "cursor_down"] in shown
        assert ["/", "Tìm kiếm", "search"] in shown
        assert not any(row[2] == "secret" for row in shown)  # no description: internal
        assert [list(row) for row in rows] == [r for r in shown if r[2] != "help.close"]


async def test_remapped_keys_show_in_help() -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        app.set_keymap({"search": "s"})
        app.open_help()
        await pilot.pause()
        assert ["s", "Tìm kiếm", "search"] in table_rows(app)


async def test_hostile_text_is_shown_literally() -> None:
    app = HostApp([(HOSTILE, HOSTILE, "x")])
    async with app.run_test(size=(120, 30)) as pilot:
        app.open_help()
        await pilot.pause()
        text = screen_text(app)
        assert HOSTILE in text
        await pilot.click("#help-table", offset=(3, 1))
        await pilot.pause()
        assert app.is_running


async def test_english_labels() -> None:
    set_language("en")
    try:
        app = HostApp([])
        async with app.run_test() as pilot:
            app.open_help()
            await pilot.pause()
            text = screen_text(app)
            assert "Keys" in text
            assert "No key bindings." in text
            assert app.screen._bindings.key_to_bindings["escape"][0].description == "Close"
    finally:
        set_language("vi")


async def test_long_table_scrolls() -> None:
    rows = [(f"k{i}", f"Mục {i}", f"id{i}") for i in range(60)]
    app = HostApp(rows)  # type: ignore[arg-type]
    async with app.run_test() as pilot:
        app.open_help()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        await pilot.press("G")
        await pilot.pause()
        assert table.cursor_row == 59
        assert table.scroll_y > 0
        assert "Mục 59" in screen_text(app)
        await pilot.press("g", "j", "j", "k")
        await pilot.pause()
        assert table.cursor_row == 1
        assert table.scroll_y == 0
