"""The table as lines of text that the article's and the document's renderers share
(``export`` and ``--plain``), and Markdown's escaping it uses."""

from __future__ import annotations

from phuly_tui.model import Table
from phuly_tui.render.markdown import md_escape, table_lines

ROWS = (
    ("STT", "Họ và tên", "Ghi chú"),
    ("1", "Nguyễn Văn A", "a | b"),
    ("2", "Lê *C*"),  # a short row: padded with an empty cell
)


def test_a_markdown_pipe_table_escapes_its_cells() -> None:
    assert list(table_lines(Table(ROWS), markdown=True)) == [
        "| STT | Họ và tên | Ghi chú |",
        "|---|---|---|",
        "| 1 | Nguyễn Văn A | a \\| b |",
        "| 2 | Lê \\*C\\* |  |",
    ]


def test_plain_columns_are_as_wide_as_their_widest_cell() -> None:
    assert list(table_lines(Table(ROWS), markdown=False)) == [
        "STT  Họ và tên     Ghi chú",
        "---  ------------  -------",
        "1    Nguyễn Văn A  a | b",
        "2    Lê *C*",
    ]


def test_an_empty_table_gives_no_line() -> None:
    assert list(table_lines(Table(()), markdown=True)) == []
    assert list(table_lines(Table(()), markdown=False)) == []


def test_markdown_syntax_is_escaped_and_nothing_else() -> None:
    assert md_escape("[x](javascript:alert) *đậm* snake_case") == (
        "[x\\](javascript:alert) \\*đậm\\* snake_case"
    )
    assert md_escape("# không phải tiêu đề") == "\\# không phải tiêu đề"
