"""The line-API article list (ArticleList): mouse, scrolling, paging, resizes, looks.

The list sits in a bordered pane here as on the main screen (border + the
widget's own padding), so clicks and drawn rows are checked against what
the screen shows, read back from the compositor.  The last tests drive the
real app against the local portal copy.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.color import Color
from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from phuly_tui.model import ListingItem
from phuly_tui.ui.app import PhulyApp
from phuly_tui.ui.widgets.article_list import ArticleList
from tests.support.app_harness import make_app, settle
from tests.support.portal_server import PortalServer
from tests.support.screen_dump import screen_lines

pytestmark = pytest.mark.timeout(60)

#: "#07 … tổ 07": the number shows on the first and on the wrapped second line
_FIRST = re.compile(r"#(\d\d)\b")
_SECOND = re.compile(r"\btổ (\d\d)\b")


def numbered(
    count: int, start: int = 0, *, prefix: str = "a", filler: str = ""
) -> list[ListingItem]:
    """Items whose title needs two lines at 60 columns; both lines name the item."""
    return [
        ListingItem(
            f"#{n:02d} Phường Lam Hạ tổ chức hội nghị đối thoại với Nhân dân{filler} tổ {n:02d}",
            f"https://phuly.example/{prefix}/{n}.aspx",
        )
        for n in range(start, start + count)
    ]


def one_line(count: int) -> list[ListingItem]:
    return [
        ListingItem(f"#{n:02d} Tin ngắn", f"https://phuly.example/s/{n}.aspx") for n in range(count)
    ]


class PaneApp(App[None]):
    """The article list in a bordered pane, recording what it posts."""

    CSS = """
    ArticleList { border: round $panel-lighten-2; height: 1fr; }
    ArticleList:focus { border: heavy $accent; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[tuple[int, str]] = []
        self.highlights: list[str] = []
        self.ends = 0

    def compose(self) -> ComposeResult:
        yield ArticleList(id="articles")

    def on_article_list_chosen(self, event: ArticleList.Chosen) -> None:
        self.chosen.append((event.index, event.item.url))

    def on_article_list_highlighted(self, event: ArticleList.Highlighted) -> None:
        self.highlights.append(event.item.url)

    def on_article_list_end_reached(self, event: ArticleList.EndReached) -> None:
        self.ends += 1


def list_rows(app: App[Any], articles: ArticleList) -> list[str]:
    """The rows of the list's content area (no scrollbar) as the screen shows them."""
    region = articles.scrollable_content_region
    lines = screen_lines(app)
    return [lines[y][region.x : region.right] for y in range(region.y, region.bottom)]


def number_on(row: str) -> int | None:
    """Which numbered item a drawn row belongs to (first or second line)."""
    found = _FIRST.search(row) or _SECOND.search(row)
    return int(found.group(1)) if found else None


async def wheel(pilot: Pilot[Any], widget: ArticleList, *, down: bool, times: int = 1) -> None:
    kind = events.MouseScrollDown if down else events.MouseScrollUp
    for _ in range(times):
        await pilot._post_mouse_events([kind], widget, offset=(4, 3))


async def started(pilot: Pilot[Any], items: list[ListingItem]) -> ArticleList:
    articles = pilot.app.query_one(ArticleList)
    articles.focus()
    articles.show_items(items)
    await pilot.pause()
    return articles


# -- mouse ---------------------------------------------------------------------


async def test_click_opens_the_item_drawn_on_that_row_after_wheel_scrolling() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        articles = await started(pilot, numbered(40))
        await wheel(pilot, articles, down=True, times=4)
        assert articles.scroll_offset.y > 5  # the wheel scrolls the list...
        assert articles.highlighted == 0  # ...without moving the highlight
        rows = list_rows(app, articles)
        assert number_on(rows[0]) != 0  # item 0 is out of view
        content_top = articles.content_region.y - articles.region.y
        for row_index in (0, 3, len(rows) - 1):  # first, middle and last rows of the pane
            expected = number_on(rows[row_index])
            assert expected is not None
            app.chosen.clear()
            # x=2: inside the border (x=0) and the padding (x=1)
            await pilot.click(articles, offset=(2, content_top + row_index))
            assert app.chosen == [(expected, f"https://phuly.example/a/{expected}.aspx")]
            assert articles.highlighted == expected
        # a row whose item is a wrapped second line opens that same item
        second = next(i for i, row in enumerate(rows) if _SECOND.search(row) and "#" not in row)
        app.chosen.clear()
        await pilot.click(articles, offset=(10, content_top + second))
        assert [index for index, _ in app.chosen] == [number_on(rows[second])]


async def test_clicks_on_the_border_padding_and_below_the_items_open_nothing() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        articles = await started(pilot, one_line(3))
        await pilot.click(articles, offset=(5, 0))  # the top border
        await pilot.click(articles, offset=(1, 1))  # the left padding, on item 0's row
        await pilot.click(articles, offset=(5, 6))  # under the last of three items
        assert app.chosen == []
        await pilot.click(articles, offset=(5, 3))  # the third item, to be sure clicks land
        assert app.chosen == [(2, "https://phuly.example/s/2.aspx")]


async def test_wheel_up_and_down_stay_within_the_list() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        articles = await started(pilot, numbered(12))
        await wheel(pilot, articles, down=True, times=8)
        assert articles.scroll_offset.y == articles.max_scroll_y > 0
        rows = list_rows(app, articles)
        assert number_on(rows[-1]) == 11  # the last item at the bottom, no blank past it
        await wheel(pilot, articles, down=False, times=8)
        assert articles.scroll_offset.y == 0
        assert number_on(list_rows(app, articles)[0]) == 0


# -- content changes -----------------------------------------------------------


async def test_append_items_keeps_the_highlight_and_the_scroll_position() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        first_page = numbered(20)
        articles = await started(pilot, first_page)
        articles.highlighted = 15
        await pilot.pause()
        scroll, rows = articles.scroll_offset, list_rows(app, articles)
        height = articles.virtual_size.height
        # the next page repeats two items of the first one (the portal does that)
        added = articles.append_items([*first_page[18:], *numbered(10, 20)])
        await pilot.pause()
        assert added == 10
        assert len(articles.items) == 30
        assert articles.highlighted == 15
        assert articles.highlighted_item == first_page[15]
        assert articles.scroll_offset == scroll
        assert list_rows(app, articles) == rows  # nothing moved on screen
        assert articles.virtual_size.height > height
        assert articles.index_of(first_page[19].url) == 19
        assert articles.index_of("https://phuly.example/a/29.aspx") == 29


async def test_after_the_end_of_a_page_down_moves_into_the_appended_page() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        articles = await started(pilot, numbered(5))
        await pilot.press("end")
        assert app.ends == 1
        await pilot.press("j")
        assert app.ends == 2  # at the end: ask again, no wrap
        assert articles.highlighted == 4
        articles.append_items(numbered(5, 5))
        await pilot.press("j")
        assert articles.highlighted == 5
        assert number_on(next(r for r in list_rows(app, articles) if "#05" in r)) == 5


async def test_show_items_keeps_the_url_even_when_it_moved() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        items = numbered(40)
        articles = await started(pilot, items)
        articles.highlighted = 30
        await pilot.pause()
        reordered = [*items[25:], *numbered(5, 100), *items[:25]]  # item 30 is now 5th
        articles.show_items(reordered, keep_url=items[30].url)
        await pilot.pause()
        assert articles.highlighted == 5
        assert articles.highlighted_item == items[30]
        assert any(number_on(row) == 30 for row in list_rows(app, articles))
        assert app.highlights[-1] == items[30].url
        # a URL that is gone: back to the first item, scrolled to the top
        articles.show_items(items[:20], keep_url="https://phuly.example/khong-co")
        await pilot.pause()
        assert articles.highlighted == 0
        assert articles.scroll_offset.y == 0
        assert number_on(list_rows(app, articles)[0]) == 0


async def test_a_message_replaces_the_items_then_items_come_back() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        articles = await started(pilot, numbered(40))
        articles.highlighted = 35  # scrolled far down
        await pilot.pause()
        assert articles.scroll_offset.y > 0
        articles.show_message("Không tải được danh sách.\nNhấn r để thử lại.")
        await pilot.pause()
        rows = [row.strip() for row in list_rows(app, articles)]
        assert rows[:3] == ["Không tải được danh sách.", "Nhấn r để thử lại.", ""]
        assert articles.highlighted is None
        assert articles.highlighted_item is None
        assert articles.prompt_at(0).plain.startswith("Không tải được")
        await pilot.press("j", "enter", "end", "pagedown")
        await pilot.click(articles, offset=(3, 1))  # on the message
        assert app.chosen == []
        assert articles.highlighted is None
        articles.show_items(numbered(3))
        await pilot.pause()
        assert [number_on(row) for row in list_rows(app, articles)[:6]] == [0, 0, 1, 1, 2, 2]
        assert not any("Không tải" in row for row in screen_lines(app))
        await pilot.press("enter")
        assert app.chosen == [(0, "https://phuly.example/a/0.aspx")]


async def test_appending_after_a_message_shows_the_items_without_the_message() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        articles = await started(pilot, [])
        articles.show_message("Chưa có tin bài.")
        await pilot.pause()
        assert articles.append_items(numbered(2)) == 2
        await pilot.pause()
        rows = list_rows(app, articles)
        assert [number_on(row) for row in rows[:4]] == [0, 0, 1, 1]
        assert not any("Chưa có" in row for row in rows)


async def test_loading_covers_the_list_and_uncovers_it_unchanged() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        articles = await started(pilot, numbered(10))
        articles.highlighted = 3
        await pilot.pause()
        before = list_rows(app, articles)
        articles.loading = True
        await pilot.pause()
        assert not any(number_on(row) is not None for row in list_rows(app, articles))
        articles.loading = False
        await pilot.pause()
        assert list_rows(app, articles) == before
        assert articles.highlighted == 3


async def test_items_shown_while_the_list_is_covered_are_drawn_once_uncovered() -> None:
    """Switching section: the list is emptied and covered by the loading
    indicator, the stored items arrive while it is covered (no content region
    then), then it is uncovered.  The items must be on screen (issue 11: the
    pane stayed blank while the status line counted its articles)."""
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        articles = await started(pilot, numbered(4, prefix="first"))
        articles.show_items([])
        articles.loading = True
        await pilot.pause()
        articles.show_items(numbered(3, start=20, prefix="second"))
        articles.loading = False
        await pilot.pause()
        shown = {number_on(row) for row in list_rows(app, articles)} - {None}
        assert shown == {20, 21, 22}
        articles.action_cursor_down()
        await pilot.pause()
        assert articles.highlighted == 1
        assert any("#21" in row for row in list_rows(app, articles))


# -- keys ----------------------------------------------------------------------


async def test_keys_on_an_empty_list_do_nothing() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        articles = await started(pilot, [])
        await pilot.press("j", "k", "down", "up", "pagedown", "pageup", "home", "end", "enter")
        await pilot.click(articles, offset=(3, 2))
        assert articles.highlighted is None
        assert (app.chosen, app.highlights, app.ends) == ([], [], 0)
        assert all(not row.strip() for row in list_rows(app, articles))


async def test_page_down_and_up_stop_at_the_ends() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        articles = await started(pilot, numbered(30))
        await pilot.press("pageup")
        assert articles.highlighted == 0
        await pilot.press("pagedown")
        first_page = articles.highlighted
        assert first_page is not None
        # a screenful of two-line items further, and that item is now on screen
        assert first_page == articles.scrollable_content_region.height // 2
        assert any(number_on(row) == first_page for row in list_rows(app, articles))
        for _ in range(4):  # the key itself is pressed above; the same action repeated
            articles.action_page_down()
        await pilot.pause()
        assert articles.highlighted == 29
        assert app.ends == 1  # reaching the last item asked for the next page once
        assert number_on(list_rows(app, articles)[-1]) == 29
        articles.action_page_down()  # already at the end: stays there
        assert articles.highlighted == 29
        for _ in range(4):
            articles.action_page_up()
        await pilot.press("pageup")
        await pilot.pause()
        assert articles.highlighted == 0
        assert articles.scroll_offset.y == 0


async def test_page_down_moves_past_an_item_taller_than_the_pane() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        tall = ListingItem("Tin " + "rất dài " * 120, "https://phuly.example/tall.aspx")
        articles = await started(pilot, [tall, *numbered(5)])
        assert articles.virtual_size.height > articles.scrollable_content_region.height
        await pilot.press("pagedown")
        assert articles.highlighted == 1


# -- drawing -------------------------------------------------------------------


async def test_a_very_long_single_word_title_is_cut_at_the_width_and_nothing_is_lost() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        word = "Đ" + "ường" * 40 + "X" * 17  # 178 characters, no space
        items = [
            ListingItem(word, "https://phuly.example/w.aspx"),
            ListingItem("Xem: " + word[:90], "https://phuly.example/v.aspx"),
            *one_line(2),
        ]
        articles = await started(pilot, items)
        width = articles.scrollable_content_region.width
        assert width == 56  # 60 − border − padding (no scrollbar: it all fits)
        drawn = [articles.render_line(y).text for y in range(articles.virtual_size.height)]
        assert all(cell_len(line) == width for line in drawn)
        lines = [line.rstrip() for line in drawn]
        first_height = -(-len(word) // width)  # the word cut at the width
        assert "".join(lines[:first_height]) == word
        assert lines[first_height] == "Xem:"  # the long word goes whole to the next line
        assert "".join(lines[first_height + 1 : first_height + 3]) == word[:90]
        assert lines[first_height + 3].startswith("#00 Tin ngắn")
        assert articles.virtual_size.height == first_height + 3 + 2


#: 110 characters: one line in 114 columns (120 wide), two in 74 (80 wide)
LONGER = " về việc đẩy nhanh tiến độ xóa nhà tạm, nhà dột"


async def test_resize_wide_narrow_wide_remeasures_every_item() -> None:
    app = PaneApp()
    async with app.run_test(size=(120, 14)) as pilot:
        items = numbered(40, filler=LONGER)
        assert len(items[0].title) == 110
        articles = await started(pilot, items)
        articles.highlighted = 25
        await pilot.pause()

        def check(lines_each: int) -> None:
            width = articles.scrollable_content_region.width
            wrapped = sum(len(articles.prompt_at(i).wrap(app.console, width)) for i in range(40))
            assert articles.virtual_size == (width, wrapped) == (width, 40 * lines_each)
            for y in range(articles.scrollable_content_region.height):
                assert cell_len(articles.render_line(y).text) == width
            assert [number_on(row) for row in list_rows(app, articles)] == [
                number_on(line) for line in (articles.render_line(y).text for y in range(12))
            ]

        check(1)
        await pilot.resize_terminal(80, 14)
        await pilot.pause()
        check(2)
        await pilot.resize_terminal(120, 14)
        await pilot.pause()
        check(1)
        assert articles.highlighted == 25
        await pilot.press("end")  # moving on scrolls as usual
        assert articles.highlighted == 39
        assert number_on(list_rows(app, articles)[-1]) == 39


async def test_resize_to_narrow_keeps_the_highlight_in_view() -> None:
    app = PaneApp()
    async with app.run_test(size=(120, 14)) as pilot:
        articles = await started(pilot, numbered(40, filler=LONGER))
        articles.highlighted = 25  # scrolled: one line per item at 120 columns
        await pilot.pause()
        assert any(number_on(row) == 25 for row in list_rows(app, articles))
        await pilot.resize_terminal(80, 14)  # two lines per item: item 25 moves to line 50
        await pilot.pause()
        await pilot.pause()
        assert any(number_on(row) == 25 for row in list_rows(app, articles))


async def test_items_drawn_under_no_color_stay_distinguishable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        items = one_line(4)
        articles = await started(pilot, items)
        articles.mark([items[1].url], read=True)
        await pilot.pause()
        strips = app.screen._compositor.render_strips()
        x = articles.content_region.x
        top = articles.content_region.y

        def text_style(y: int) -> Any:
            """The style of the title's first word on content row ``y``."""
            return next(s.style for s in strips[top + y] if s.text.startswith("#0"))

        def grey(color: Color | None) -> bool:
            if color is None or color.triplet is None:
                return color is None or color.is_default
            red, green, blue = color.triplet
            return red == green == blue

        assert strips[top].text[x - 1 :].startswith(" #00 Tin ngắn")
        highlighted, read, plain = text_style(0), text_style(1), text_style(2)
        assert highlighted.bold
        assert not plain.bold
        assert highlighted.bgcolor != plain.bgcolor
        assert read.color != plain.color  # dimmed, even without colours
        for strip in strips:
            for segment in strip:
                if segment.style:
                    assert grey(segment.style.color)
                    assert grey(segment.style.bgcolor)


async def test_a_theme_change_redraws_with_the_new_theme() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        articles = await started(pilot, one_line(4))

        def backgrounds() -> tuple[Color | None, Color | None]:
            first, second = list(articles.render_line(0)), list(articles.render_line(1))
            return first[0].style.bgcolor, second[0].style.bgcolor  # type: ignore[union-attr]

        def variable(name: str) -> Color:
            return Color.parse(app.get_css_variables()[name])

        dark = backgrounds()
        assert dark[0] == variable("block-cursor-background")
        app.theme = "textual-light"
        await pilot.pause()
        light = backgrounds()
        assert light[0] == variable("block-cursor-background")
        assert light != dark
        assert light[1] != dark[1]  # the unhighlighted rows too
        articles.blur()
        await pilot.pause()
        blurred = backgrounds()
        assert blurred[0] not in (light[0], light[1])  # the blurred highlight, still shown
        assert blurred[1] == light[1]
        app.theme = "textual-dark"
        articles.focus()
        await pilot.pause()
        assert backgrounds() == dark


# -- the real app --------------------------------------------------------------


async def test_app_click_after_scrolling_opens_the_article_on_that_row(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        articles = app.main.article_list
        titles = [item.title for item in articles.items]
        await wheel(pilot, articles, down=True, times=3)
        assert articles.scroll_offset.y > 0
        rows = [row.strip() for row in list_rows(app, articles)]
        # the last row on screen that starts a title (not a wrapped line or a date)
        row = max(i for i, text in enumerate(rows) if any(t.startswith(text) for t in titles))
        title = next(t for t in titles if t.startswith(rows[row]))
        top = articles.content_region.y - articles.region.y
        await pilot.click(articles, offset=(3, top + row))
        await settle(pilot)
        assert app.main.reader.article is not None
        assert app.main.reader.article.title == title


async def _app_at_item_8(pilot: Pilot[Any]) -> tuple[ArticleList, ListingItem]:
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, PhulyApp)
    articles = app.main.article_list
    await pilot.press("j")
    articles.highlighted = 8  # the 9th item: scrolled into view at 120×24
    await pilot.pause()
    item = articles.highlighted_item
    assert item is not None
    assert articles.scroll_offset.y > 0
    return articles, item


def _title_in_view(app: App[Any], articles: ArticleList, item: ListingItem) -> bool:
    start = " ".join(item.title.split()[:3])
    return any(row.strip().startswith(start) for row in list_rows(app, articles))


def _measured_at_current_width(app: App[Any], articles: ArticleList) -> None:
    width = articles.scrollable_content_region.width
    wrapped = sum(
        len(articles.prompt_at(i).wrap(app.console, width)) for i in range(len(articles.items))
    )
    assert articles.virtual_size == (width, wrapped)
    for y in range(articles.scrollable_content_region.height):
        assert cell_len(articles.render_line(y).text) == width


async def test_app_resize_to_narrow_and_back_remeasures_the_list(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 24)) as pilot:
        articles, item = await _app_at_item_8(pilot)
        wide_height = articles.virtual_size.height
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        _measured_at_current_width(app, articles)
        assert articles.virtual_size.height < wide_height  # a wider pane, fewer lines
        assert _title_in_view(app, articles, item)
        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        _measured_at_current_width(app, articles)
        assert articles.virtual_size.height == wide_height
        assert articles.highlighted_item == item


async def test_app_resize_back_to_wide_scrolls_the_highlight_into_view(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 24)) as pilot:
        articles, item = await _app_at_item_8(pilot)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        assert _title_in_view(app, articles, item)


async def test_next_page_bringing_a_scrollbar_keeps_the_highlight_in_view() -> None:
    app = PaneApp()
    async with app.run_test(size=(60, 14)) as pilot:
        # 56 cells: one line without a scrollbar (56 columns), two lines with one (54)
        title = "Phường Lam Hạ tổ chức hội nghị đối thoại với Nhân dâ"
        page = [ListingItem(f"#{n:02d} {title}", f"https://phuly.example/{n}") for n in range(12)]
        articles = await started(pilot, page)
        assert articles.virtual_size.height == articles.scrollable_content_region.height == 12
        await pilot.press("end")  # the last item: the screen loads the next page
        assert app.ends == 1
        articles.append_items(
            ListingItem(f"#{n:02d} {title}", f"https://phuly.example/{n}") for n in range(12, 16)
        )
        await pilot.pause()
        assert articles.scrollable_content_region.width == 54
        assert articles.highlighted == 11
        assert any(number_on(row) == 11 for row in list_rows(app, articles))
