"""Hostile page text: markup that must stay text, bytes that must never reach a terminal."""

from __future__ import annotations

import re

from tests.support.portal_server import FIXTURE_DIR

SEED_PATH = "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"
SEED_FILE = FIXTURE_DIR / "site" / SEED_PATH.lstrip("/")
SEED_TITLE = "Ban chỉ đạo 35 TP Phủ Lý sơ kết công tác 6 tháng đầu năm, triển khai nhiệm vụ trọng tâm 6 tháng cuối năm 2024."

#: a title that would be live in Rich/Textual markup
MARKUP_TITLE = "[@click=app.quit]Thoát[/] [bold]đậm[/bold]"
#: escapes written raw and as character references: OSC 52 clipboard, OSC 8 link,
#: CSI colour, C1 CSI, BEL, bidi override
ESCAPES = (
    "\x1b]52;c;ZWNobyBwd25lZA==\x07"
    "&#27;]8;;http://evil.example/&#27;\\link&#27;]8;;&#27;\\"
    "&#x1b;[31mđỏ&#x1b;[0m"
    "&#155;2J"
    "\x07\u202eesrever\u202c"
)
#: every byte a terminal would act on
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: an attachment's address whose file name decodes to terminal escapes (colour,
#: OSC 52 clipboard), a C1 control, a bidi override (an ``exe`` that reads
#: ``pdf``) and Textual markup
HOSTILE_FILE = (
    "/Documents/%1B%5B31mRED%1B%5D52%3Bc%3BaGk%3D%07%C2%9B2J%E2%80%AE"
    "fdp.exe%5B@click=app.quit%5Dq%5B%2F%5D.pdf"
)
#: the name as phuly-tui shows it (a scan states no subject: its title)
HOSTILE_FILE_SHOWN = "REDfdp.exe[@click=app.quit]q[/].pdf"


def hostile_seed_page() -> bytes:
    """The seed article with its title and first paragraph made hostile."""
    html = SEED_FILE.read_text(encoding="utf-8")
    html = html.replace(SEED_TITLE, MARKUP_TITLE.replace("&", "&amp;") + ESCAPES)
    html = html.replace(
        "6 tháng đầu năm 2024, Ban chỉ đạo", ESCAPES + "6 tháng đầu năm 2024, Ban chỉ đạo", 1
    )
    return html.encode("utf-8")
