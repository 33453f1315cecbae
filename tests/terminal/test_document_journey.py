"""A document journey in a real terminal, read as characters (issue 13).

From the plan's article, ``a`` then ``1`` shows its PDF in the reader pane —
the card's words and the document's own text on screen — ``s`` saves the
file, Backspace comes back to the article, and ``D`` lists the plan among
the known documents.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.portal_server import PortalServer
from tests.support.terminal import pane_text, terminal

pytestmark = pytest.mark.timeout(240)

PLAN_PATH = (
    "/Pages/ke-hoach-cao-diem-bao-dam-trat-tu-an-toan-giao-thong-dip-tet-nguyen-dan-giap-thin.aspx"
)
ARTICLE_TITLE = "Kế hoạch cao điểm bảo đảm trật tự"


@pytest.mark.parametrize(("columns", "rows"), [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_a_pdf_is_read_saved_and_left_in_the_terminal(
    portal: PortalServer, tmp_path: Path, columns: int, rows: int
) -> None:
    env = dict(os.environ)
    env["PHULY_TUI_BASE_URL"] = portal.url
    with terminal([PLAN_PATH], columns=columns, rows=rows, env=env) as term:
        term.wait_for(ARTICLE_TITLE)
        term.settle(0.5)
        term.press("a")
        term.wait_for("Tệp đính kèm")
        term.press("1")
        lines = term.wait_for("Số, ký hiệu")
        reader = pane_text(lines, "Bài viết")
        for words in ("18/KH-UBND", "Loại văn bản", "Kế hoạch", "Ngày ban hành", "15/01/2024"):
            assert words in reader, reader
        term.press("s")
        term.wait_for("Đã lưu tệp vào")
        term.press("backspace")
        term.wait_for(lambda lines: "Số, ký hiệu" not in "\n".join(lines))
        term.wait_for(ARTICLE_TITLE)
        term.press("D")
        term.wait_for("Enter đọc · / lọc · t đổi loại")  # the Văn bản view's own words
        lines = term.wait_for("[Kế hoạch]")
        assert any("15/01/2024  18/KH-UBND  [Kế hoạch]" in line for line in lines)
        lines = term.wait_for("chưa có tệp")  # 45/KH-UBND: only cited, no file
    saved = list(Path(env.get("HOME", str(tmp_path))).rglob("KH-18-UBND.pdf"))
    assert saved, "s saved the file in the downloads folder"
