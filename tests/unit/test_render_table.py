"""The table layout the reader and the CLI share (issue 9 item 14).

It must look like Rich's default table (what the reader showed before), give
every line on its own, and agree with itself: the lines it draws are the
heights it measured.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.table import Table as RichTable

from phuly_tui.render.table import LaidOutTable, TableLayout

ROWS = [
    ["STT", "Họ và tên", "Số tiền"],
    ["1", "Nguyễn Văn A", "1.000 đồng"],
    ["2", "Trần Thị B, người nhận tiền hỗ trợ xây nhà", "2.000"],
    ["3", "Lê C"],  # a short row: padded with an empty cell
]


def rich_lines(rows: list[list[str]], width: int) -> list[str]:
    table = RichTable(show_header=True, header_style="bold")
    for cell in rows[0]:
        table.add_column(cell, overflow="fold")
    columns = len(rows[0])
    for row in rows[1:]:
        table.add_row(*row, *[""] * (columns - len(row)))
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(table)
    text: str = console.file.getvalue()  # type: ignore[attr-defined]
    return text.splitlines()


@pytest.mark.parametrize("width", [80, 120])
def test_looks_like_richs_table_when_it_fits(width: int) -> None:
    layout = TableLayout(ROWS, width)
    assert [layout.line(n)[0] for n in range(layout.height)] == rich_lines(ROWS, width)


@pytest.mark.parametrize("width", [30, 41, 60])
def test_narrow_widths_wrap_cells_and_heights_match_the_lines(width: int) -> None:
    layout = TableLayout(ROWS, width)
    lines = [layout.line(n)[0] for n in range(layout.height)]
    assert all(len(line) == len(lines[0]) <= width for line in lines)
    words = " ".join(line.strip("│┃ ") for line in lines)
    for word in ["Trần", "Thị", "B,", "người", "nhận", "tiền", "hỗ", "trợ", "xây", "nhà"]:
        assert word in words  # wrapped at spaces, nothing lost
    assert layout.heights is not None
    assert layout.heights[2] > 1
    assert lines[-1].startswith("└")
    assert lines[0].startswith("┏")


def test_every_line_on_its_own_for_a_big_table() -> None:
    rows = [["STT", "Tên"], *([str(n), f"Hộ số {n}"] for n in range(1, 20_001))]
    layout = TableLayout(rows, 60)
    assert layout.heights is None  # all rows one line: no per-row list at all
    assert layout.height == 20_000 + 4
    assert layout.line(3)[0].startswith("│ 1 ")
    assert layout.line(20_002)[0].startswith("│ 20000 ")
    assert layout.line(1) == ("┃ STT   ┃ Tên         ┃", True)


def test_header_only_and_wide_characters() -> None:
    assert [TableLayout([["Chỉ tiêu"]], 40).line(n)[0] for n in range(3)] == [
        "┏━━━━━━━━━━┓",
        "┃ Chỉ tiêu ┃",
        "┗━━━━━━━━━━┛",
    ]
    layout = TableLayout([["Tên", "x"], ["中文", "y"]], 40)
    assert layout.natural == [4, 1]


def test_cli_renderable_prints_the_same_lines() -> None:
    console = Console(file=io.StringIO(), width=70, color_system=None)
    console.print(LaidOutTable(ROWS), crop=False)
    layout = TableLayout(ROWS, 70)
    printed = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert printed == [layout.line(n)[0] for n in range(layout.height)]
