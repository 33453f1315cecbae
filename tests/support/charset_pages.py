"""The seed article served under honest, unknown and unsafe charset labels.

Shared by the CLI and library tests of issue 9 item 13: each case is a route
for the fault server and the title a reader must get from it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tests.support import faults
from tests.support.hostile import SEED_FILE, SEED_TITLE

_META = re.compile(r"<meta[^>]*charset[^>]*>", re.IGNORECASE)
#: "+2D3-" is a lone high surrogate in UTF-7: text no UTF-8 string may hold
UTF7_BAIT = "Giá +2D3- và +ADw-b+AD4-đậm+ADw-/b+AD4-"


def seed_html(*, meta: bool = True, extra: str = "") -> str:
    """The seed article page; without its ``<meta charset>`` when ``meta`` is False."""
    html = SEED_FILE.read_text(encoding="utf-8")
    if not meta:
        html = _META.sub("", html)
    if extra:
        html = html.replace(
            "6 tháng đầu năm 2024, Ban chỉ đạo", extra + " 6 tháng đầu năm 2024, Ban chỉ đạo", 1
        )
    return html


class CharsetCase(NamedTuple):
    name: str
    route: faults.Route
    #: text the article's first paragraph must contain (besides the right title)
    expect_text: str = ""


def charset_cases() -> list[CharsetCase]:
    """Honoured labels (UTF-16 without BOM) and labels that fall back to the README's order."""
    return [
        CharsetCase(
            "utf-16le", faults.charset_page(seed_html(meta=False), "utf-16-le", "utf-16le")
        ),
        CharsetCase(
            "utf-16be", faults.charset_page(seed_html(meta=False), "utf-16-be", "UTF-16BE")
        ),
        CharsetCase("utf-16", faults.charset_page(seed_html(meta=False), "utf-16-le", '"utf-16"')),
        # UTF-7 is never honoured: <meta charset=utf-8> decides, or UTF-8 by default
        CharsetCase(
            "utf-7 with meta",
            faults.charset_page(seed_html(extra=UTF7_BAIT), "utf-8", "utf-7"),
            UTF7_BAIT,
        ),
        CharsetCase(
            "utf-7 without meta",
            faults.charset_page(seed_html(meta=False, extra=UTF7_BAIT), "utf-8", "UTF-7"),
            UTF7_BAIT,
        ),
        CharsetCase(
            "unknown label", faults.charset_page(seed_html(meta=False), "utf-8", "x-klingon-8")
        ),
        # a stale UTF-16 header on a UTF-8 page (no NUL byte anywhere): the meta tag wins
        CharsetCase("stale utf-16 label", faults.charset_page(seed_html(), "utf-8", "utf-16le")),
        # a byte order mark outranks a header and a meta tag that both say otherwise
        CharsetCase(
            "utf-16 bom under other labels",
            faults.bytes_response(
                b"\xff\xfe" + seed_html().encode("utf-16-le"), "text/html; charset=windows-1252"
            ),
        ),
        # ISO-8859-1 sent for bytes that are valid UTF-8 with accents: a stale default
        CharsetCase("stale latin-1 label", faults.charset_page(seed_html(), "utf-8", "ISO-8859-1")),
        # the title stored twice-encoded (UTF-8 read as windows-1252) is read back
        CharsetCase(
            "twice-encoded title",
            faults.charset_page(
                seed_html().replace(SEED_TITLE, read_as_windows_1252(SEED_TITLE)), "utf-8", "utf-8"
            ),
        ),
    ]


def read_as_windows_1252(text: str) -> str:
    """``text``'s UTF-8 bytes read as windows-1252, the bytes it lacks as C1 controls
    (what a Latin-1 database connection stores: "Phủ" → "Phá»§")."""
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in text.encode("utf-8"))


__all__ = [
    "SEED_TITLE",
    "UTF7_BAIT",
    "CharsetCase",
    "charset_cases",
    "read_as_windows_1252",
    "seed_html",
]
