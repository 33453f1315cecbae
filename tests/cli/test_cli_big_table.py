"""Issue 9 item 14 through the CLI: ``read`` prints a 20,000-row table whole, laid out
line by line (Rich's ``Table`` took 11 s for it: it is not used for printing)."""

from __future__ import annotations

import pytest
from rich.table import Table as RichTable

from phuly_tui.cli import main
from tests.support import faults
from tests.support.big_table import HEADER, big_table_page, household
from tests.support.portal_server import PortalServer

ROWS = 20_000


def test_read_prints_every_row_of_a_big_table(
    fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("a table printed through rich.table.Table")

    monkeypatch.setattr(RichTable, "__rich_console__", refuse)
    monkeypatch.setenv("COLUMNS", "160")  # wide enough for one line a row
    fresh_portal.routes["/Pages/big.aspx"] = faults.html_page(big_table_page(ROWS))
    code = main(["--base-url", fresh_portal.url, "read", "/Pages/big.aspx", "--plain"])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("┃"))
    assert all(cell in header for cell in HEADER)
    rows = [line for line in lines if line.startswith("│")]
    assert len(rows) == ROWS
    for number in (1, ROWS // 2, ROWS):
        row = rows[number - 1]
        assert [cell.strip() for cell in row.strip("│").split("│")] == list(household(number))
