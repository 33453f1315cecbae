"""An article page holding one very big table (issue 9 item 14), for tests and benchmarks.

The seed article with a table of ``rows`` households after its first
paragraph: a list of beneficiaries as the portal publishes them, 20,000 rows
≈ 2.6 MB of HTML.
"""

from __future__ import annotations

from tests.support.hostile import SEED_FILE

ANCHOR = "6 tháng đầu năm 2024, Ban chỉ đạo"
HEADER = ("STT", "Họ và tên chủ hộ", "Địa chỉ", "Số tiền hỗ trợ", "Ghi chú")


def household(number: int) -> tuple[str, str, str, str, str]:
    """Row ``number`` (1-based) of the table, as its cells read."""
    return (
        str(number),
        f"Hộ ông Nguyễn Văn {number}",
        f"Tổ {number % 40 + 1}, phường Quang Trung",
        f"{number * 1000:,} đồng".replace(",", "."),
        "Đã nhận",
    )


def big_table_page(rows: int = 20_000) -> bytes:
    """The seed article page with a ``rows``-row table (plus its header row)."""
    cells = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in household(number)) + "</tr>"
        for number in range(1, rows + 1)
    )
    header = "<tr>" + "".join(f"<th>{cell}</th>" for cell in HEADER) + "</tr>"
    table = f"<table>{header}{cells}</table>"
    html = SEED_FILE.read_text(encoding="utf-8")
    return html.replace(ANCHOR, ANCHOR + "</p>" + table + "<p>", 1).encode("utf-8")
