"""Issue 9 item 15 on screen: emoji sequences never shift a pane's border.

Rich counts 👨‍👩‍👧‍👦 (four emoji joined by U+200D) as one 2-cell glyph; a terminal
without ZWJ support draws four emoji, 8 cells, and every border to the right
moves.  The app draws such a sequence as its parts, so Rich and any terminal
agree.  The check reads the rendered rows and measures each one as a terminal
that joins nothing does: one width per code point.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from tests.support import faults
from tests.support.app_harness import NEWEST_TITLE, make_app, settle
from tests.support.portal_server import FIXTURE_DIR, PortalServer
from tests.support.screen_dump import screen_lines

LISTING = "/Pages/tin-tuc-su-kien.aspx"
NEWEST = "/Pages/thanh-pho-phu-ly-day-nhanh-tien-do-xoa-nha-tam-nha-dot-nat.aspx"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
HEART = "\u2764\ufe0f"
TITLE = f"Gia đình {FAMILY} và {HEART} Phủ Lý"
BORDERS = frozenset("│┃║▏▕┆┊╎╏")


def code_point_width(text: str) -> int:
    """Cells a terminal that joins no sequence uses for ``text``."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Cf", "Mn", "Me"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def border_columns(row: str) -> list[int]:
    """Columns (as a terminal counts them) of the vertical border characters of a row."""
    columns, column = [], 0
    for char in row:
        if char in BORDERS:
            columns.append(column)
        column += code_point_width(char)
    return columns


def route_for(path: str) -> faults.Route:
    page = (FIXTURE_DIR / "site" / path.lstrip("/")).read_text(encoding="utf-8")
    return faults.html_page(page.replace(NEWEST_TITLE, TITLE).encode("utf-8"))


async def test_emoji_sequences_keep_borders_aligned(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    for path in (LISTING, NEWEST):
        fresh_portal.routes[path] = route_for(path)
    app = make_app(fresh_portal.url, tmp_path / "data")
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        assert app.main.article_list.items[0].title == TITLE  # the text keeps the family
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.reader.article is not None
        assert app.main.reader.article.title == TITLE
        rows = screen_lines(app)
        shown = [row for row in rows if "\U0001f468" in row]
        assert len(shown) >= 2, "the title is in the list and in the reader"
        for row in shown:
            assert "\U0001f468\U0001f469\U0001f467\U0001f466" in row  # drawn as its parts
        expected = border_columns(rows[len(rows) // 2])
        assert len(expected) >= 4  # three panes side by side
        for number, row in enumerate(rows):
            assert code_point_width(row) == 160, (number, row)
            if "\U0001f468" in row:
                assert border_columns(row) == expected, (number, row)


async def test_emoji_sequences_keep_the_search_dialog_aligned(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    """A search result's title and snippet are drawn like any outside line: as
    parts (the matched words still stressed where the store says)."""
    for path in (LISTING, NEWEST):
        fresh_portal.routes[path] = route_for(path)
    app = make_app(fresh_portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.reader.article is not None
        await pilot.press("slash")
        await pilot.press(*"phu ly")
        for _ in range(100):
            await pilot.pause(0.05)
            rows = screen_lines(app)
            if any("\u2764" in row for row in rows):
                break
        shown = [row for row in rows if "\u2764" in row]
        assert shown, "\n".join(rows)
        for row in shown:
            assert "\U0001f468\U0001f469\U0001f467\U0001f466" in row  # drawn as its parts
            assert code_point_width(row) == 120, row
