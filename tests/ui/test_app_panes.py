"""Moving around: j/k, Tab/Shift+Tab, h/l and arrows, narrow terminals, sections."""

from __future__ import annotations

from pathlib import Path

from phuly_tui.ui.widgets.article_list import ArticleList
from phuly_tui.ui.widgets.choice_list import ChoiceList
from phuly_tui.ui.widgets.reader import Reader
from phuly_tui.ui.widgets.section_list import SectionList
from tests.support.app_harness import NEWEST_TITLE, make_app, settle
from tests.support.portal_server import PortalServer
from tests.support.screen_dump import highlighted_text


async def test_j_k_and_arrows_move_the_highlight(portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        articles = app.main.article_list
        await pilot.press("j", "j", "down")
        assert articles.highlighted == 3
        await pilot.press("k", "up")
        assert articles.highlighted == 1
        await pilot.press("k", "k", "k")
        assert articles.highlighted == 0  # no wrapping to the end


async def test_g_and_shift_g_go_to_the_first_and_last_row_of_the_pane_lists(
    portal: PortalServer, tmp_path: Path
) -> None:
    """``g``/``G`` (like Home/End, and like the reader's top/bottom) in the article
    list and the sections pane: the row painted highlighted is the first / last."""
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        articles = app.main.article_list
        last = len(articles.items) - 1  # the last row reached may load the next page
        await pilot.press("j", "G")
        await pilot.pause()
        assert articles.highlighted == last > 1
        assert articles.items[last].title in highlighted_text(app, articles)
        await pilot.press("g")
        await pilot.pause()
        assert articles.highlighted == 0
        assert articles.items[0].title in highlighted_text(app, articles)
        await pilot.press("h")
        sections = app.main.query_one(SectionList)
        assert app.focused is sections
        await pilot.press("G")
        await pilot.pause()
        assert sections.highlighted == len(sections.sections)  # "Tin mới" comes first
        assert highlighted_text(app, sections).startswith(sections.sections[-1].name)
        await pilot.press("g")
        await pilot.pause()
        assert sections.highlighted == 0
        assert highlighted_text(app, sections).startswith("Tin mới")


async def test_g_and_shift_g_work_in_the_lists_of_the_other_screens(
    portal: PortalServer, tmp_path: Path
) -> None:
    """The bookmarks list stands for every list of a screen (pickers, search
    results, documents: one list class, :class:`ChoiceList`), and takes ``j``/``k``."""
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("b", "j", "b", "j", "b", "B")
        await settle(pilot)
        shown = app.screen.query_one(ChoiceList)
        assert app.focused is shown
        first = highlighted_text(app, shown)
        await pilot.press("G")
        await pilot.pause()
        assert shown.highlighted == shown.option_count - 1 == 2
        assert highlighted_text(app, shown) not in ("", first)
        assert highlighted_text(app, shown).startswith(
            str(shown.get_option_at_index(2).prompt)[:20]
        )
        await pilot.press("g")
        await pilot.pause()
        assert (shown.highlighted, highlighted_text(app, shown)) == (0, first)
        await pilot.press("j")
        assert shown.highlighted == 1
        await pilot.press("k")
        assert shown.highlighted == 0


async def test_tab_shift_tab_h_l_move_between_panes(portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, ArticleList)
        await pilot.press("tab")
        assert isinstance(app.focused, Reader)
        await pilot.press("tab")
        assert isinstance(app.focused, SectionList)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, Reader)
        await pilot.press("h")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("h")
        assert isinstance(app.focused, SectionList)
        await pilot.press("h")  # no wrapping with h/l
        assert isinstance(app.focused, SectionList)
        await pilot.press("l", "right")
        assert isinstance(app.focused, Reader)
        await pilot.press("left")
        assert isinstance(app.focused, ArticleList)


async def test_narrow_terminal_shows_one_pane_at_a_time(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.main
        assert main.panes.narrow

        def shown() -> list[str]:
            return [p for p in ("sections", "articles", "reader") if main.panes.panes[p].display]

        assert shown() == ["articles"]
        assert main.article_list.size.width >= 76  # the whole width
        await pilot.press("enter")
        await settle(pilot)
        assert shown() == ["reader"]
        assert main.reader.article is not None
        assert main.reader.article.title == NEWEST_TITLE
        await pilot.press("h")
        assert shown() == ["articles"]
        await pilot.press("h")
        assert shown() == ["sections"]
        await pilot.press("tab")
        assert shown() == ["articles"]


async def test_backspace_from_the_first_article_returns_to_the_list(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.main
        await pilot.press("j", "enter")
        await settle(pilot)
        assert main.reader.display
        assert not main.article_list.display
        opened = main.reader.article
        assert opened is not None
        await pilot.press("backspace")
        await settle(pilot)
        assert main.article_list.display
        assert not main.reader.display
        assert isinstance(app.focused, ArticleList)
        assert main.article_list.highlighted_item is not None
        assert main.article_list.highlighted_item.url == opened.url  # where the reader left it
        await pilot.press("enter")  # again, then a related article; back twice: article, list
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert main.reader.article is not None
        assert main.reader.article.url != opened.url
        await pilot.press("backspace")
        await settle(pilot)
        assert main.reader.display
        assert main.reader.article.url == opened.url
        await pilot.press("backspace")
        await settle(pilot)
        assert isinstance(app.focused, ArticleList)


async def test_choosing_a_section_loads_its_listing(portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("h", "j", "j", "enter")  # Kinh tế
        await settle(pilot)
        main = app.main
        assert main.article_list.section is not None
        assert main.article_list.section.name == "Kinh tế"
        assert isinstance(app.focused, ArticleList)
        assert main.article_list.items
        assert all("kinh-te" not in item.url for item in main.article_list.items)
        assert main.article_list.highlighted == 0
        assert "Kinh tế" in main.status.text


async def test_end_of_the_list_loads_the_next_pages(portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        articles = app.main.article_list
        await pilot.press("end")
        await settle(pilot)
        assert len(articles.items) == 20
        await pilot.press("end")
        await settle(pilot)
        assert len(articles.items) == 22  # page 3 has two items
        assert len(app.main.article_list.pages) == 3
        await pilot.press("end", "j")
        await settle(pilot)
        assert len(articles.items) == 22  # no page 4, no wrapping
        assert articles.highlighted == 21


async def test_mouse_click_opens_an_article_and_a_section(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = app.main
        await pilot.click(main.article_list, offset=(5, 1))  # the first row, inside the border
        await settle(pilot)
        assert main.reader.article is not None
        assert main.reader.article.title == NEWEST_TITLE
        await pilot.click(main.section_list, offset=(5, 4))  # "Kinh tế" (after "Tin mới")
        await settle(pilot)
        assert main.article_list.section is not None
        assert main.article_list.section.name == "Kinh tế"
        assert isinstance(app.focused, ArticleList)


async def test_moving_the_focus_redraws_the_borders_of_both_panes(
    portal: PortalServer, tmp_path: Path
) -> None:
    # the main screen does not repaint itself on a focus change (Textual's default):
    # the panes whose :focus look changes must redraw themselves
    from tests.support.screen_dump import screen_lines

    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)

        def top() -> str:
            return screen_lines(app)[0]

        assert "┏━ Tin bài" in top()
        assert "╭─ Bài viết" in top()
        await pilot.press("enter")
        await settle(pilot)
        assert "╭─ Tin bài" in top()
        assert "┏━ Bài viết" in top()
        await pilot.press("tab")  # wraps round to the sections
        await pilot.pause()
        assert "┏━ Chuyên mục" in top()
        assert "╭─ Bài viết" in top()
        await pilot.press("l")
        await pilot.pause()
        assert "╭─ Chuyên mục" in top()
        assert "┏━ Tin bài" in top()


async def test_enter_on_a_stored_article_moves_the_focus_after_its_frame(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        main = app.main
        first = main.article_list.items[0].url
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, Reader)
        # stored now: opening it again defers the focus; a move made meanwhile wins
        main.focus_pane("articles")
        main.open_article(first)
        main.focus_pane("sections")
        await pilot.pause(0.2)
        assert isinstance(app.focused, SectionList)
        # with nothing to lay out again, the focus still reaches the reader (at 0.1 s)
        main.open_article(first)
        await pilot.pause(0.2)
        assert isinstance(app.focused, Reader)
        assert main.reader.article is not None
        assert main.reader.article.url == first


async def test_choosing_a_section_leaves_the_focus_on_its_list(
    portal: PortalServer, tmp_path: Path
) -> None:
    """Enter on a section: the list (not the reader) has the focus while and
    after it loads, so j/Enter act on the new section's titles (issue 11)."""
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("h", "j", "enter")
        assert isinstance(app.focused, ArticleList)
        await settle(pilot)
        assert isinstance(app.focused, ArticleList)
        assert app.main.active_pane == "articles"
        articles = app.main.article_list
        assert articles.items
        assert articles.items[0].title.startswith("Thành ủy Phủ Lý")
        await pilot.press("j")
        assert articles.highlighted == 1
        assert app.main.reader.article is None


async def test_a_deep_link_leaves_the_reader_active(portal: PortalServer, tmp_path: Path) -> None:
    """Start focuses the list, the deep link then the reader: the pane the keys
    act on is the reader's even though the list's focus event comes last."""
    from tests.support.app_harness import SEED_PATH

    app = make_app(portal.url, tmp_path / "data", url=portal.url + SEED_PATH)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, Reader)
        assert app.main.active_pane == "reader"


async def test_reading_wide_then_narrow_then_wide_keeps_each_layout(
    portal: PortalServer, tmp_path: Path
) -> None:
    """The reading layout's inline widths are cleared when it ends, so a narrow
    terminal still shows one pane at a time and a wide one three (issue 11)."""
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = app.main
        await pilot.press("enter")
        await settle(pilot)
        assert not main.section_list.display
        assert main.reader.outer_size.width >= 84  # 70 % of 120
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert [p for p in ("sections", "articles", "reader") if main.panes.panes[p].display] == [
            "reader"
        ]
        await pilot.press("h", "h")
        await settle(pilot)
        assert [p for p in ("sections", "articles", "reader") if main.panes.panes[p].display] == [
            "sections"
        ]
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        assert all(main.panes.panes[p].display for p in ("sections", "articles", "reader"))
        assert main.reader.outer_size.width < 84
