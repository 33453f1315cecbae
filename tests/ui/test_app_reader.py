"""The reader: the seed article, related articles, history, scrolling, neighbours."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from phuly_tui.ui.app import PhulyApp
from tests.support.app_harness import (
    FIRST_RELATED_TITLE,
    NEWEST_TITLE,
    SEED_PATH,
    SEED_TITLE,
    make_app,
    settle,
)
from tests.support.portal_server import PortalServer


async def open_seed_from_the_list(pilot: Pilot[Any], app: PhulyApp) -> None:
    """Go down to the end of page 1 (which loads page 2), to the seed, and press Enter."""
    await settle(pilot)
    await pilot.press("end")
    await settle(pilot)
    articles = app.main.article_list
    assert len(articles.items) == 20
    seed_index = articles.index_of(app.library.absolute(SEED_PATH))
    assert seed_index is not None
    await pilot.press(*["j"] * (seed_index - articles.highlighted))  # type: ignore[operator]
    assert articles.highlighted == seed_index
    await pilot.press("enter")
    await settle(pilot)


async def test_enter_opens_the_seed_article_with_placeholders_and_related(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seed_from_the_list(pilot, app)
        reader = app.main.reader
        assert app.focused is reader
        assert reader.article is not None
        assert reader.article.title.startswith(SEED_TITLE)
        text = reader.text
        assert text.count("[Ảnh ") == 6
        assert "[Ảnh 1/6: 484_8613.00_00_35_03.Still058.jpg]" in text
        assert "Thứ Sáu, 14/06/2024" in text
        assert "Tin liên quan" in text
        assert f"1. {FIRST_RELATED_TITLE} (20/06/2024)" in text
        # a file-name alt is dimmed, never shown as a caption
        image_blocks = [b for b in reader.rendered.searchable if b and b.plain.startswith("[Ảnh")]
        assert all(str(b.style) == "dim" for b in image_blocks)
        # opened → marked read (dimmed) in the list
        assert reader.article.url in app.main.article_list.read


async def test_related_back_forward_restore_scroll(portal: PortalServer, tmp_path: Path) -> None:
    seed = portal.url + SEED_PATH
    app = make_app(portal.url, tmp_path / "data", url=seed)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        reader = app.main.reader
        await pilot.press("space", "space")
        await pilot.pause()
        scrolled = reader.scroll_y
        assert scrolled > 0
        await pilot.press("1")
        await settle(pilot)
        assert reader.article is not None
        assert reader.article.title == FIRST_RELATED_TITLE
        assert reader.scroll_y == 0
        await pilot.press("backspace")
        await settle(pilot)
        assert reader.article.url == seed
        assert reader.scroll_y == scrolled
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert reader.article.title == FIRST_RELATED_TITLE
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert reader.article.url == seed


async def test_scroll_keys_space_g_and_shift_g(portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + SEED_PATH)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        reader = app.main.reader
        assert reader.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        after_space = reader.scroll_y
        assert after_space > 5
        await pilot.press("G")
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y > after_space
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert reader.scroll_y == after_space
        await pilot.press("pageup")
        await pilot.pause()
        assert reader.scroll_y == 0


async def test_n_and_p_walk_the_list_and_continue_onto_the_next_page(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        articles = app.main.article_list
        reader = app.main.reader
        await pilot.press("enter")
        await settle(pilot)
        assert reader.article is not None
        assert reader.article.title == NEWEST_TITLE
        await pilot.press("n")
        await settle(pilot)
        assert reader.article.url == articles.items[1].url
        assert articles.highlighted == 1
        await pilot.press("p")
        await settle(pilot)
        assert reader.article.url == articles.items[0].url
        # jump to the last item of page 1, then n loads page 2 and opens its first item
        last = articles.items[9]
        app.main.open_article(last.url)
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert len(articles.items) == 20
        assert reader.article.url == articles.items[10].url
        assert articles.highlighted == 10


async def test_a_failing_related_link_leaves_the_article_and_backspace_goes_back(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    """Issue 11: a related link that fails (404) used to replace the article
    with the error, and Backspace then went to the list."""
    from tests.support import faults
    from tests.support.app_harness import SEED_PATH

    related = "/Pages/hoi-nghi-hoc-tap-quan-triet-nghi-quyet-hoi-nghi-trung-uong-9-khoa-xiii.aspx"
    fresh_portal.routes[related] = faults.sharepoint_error(404, "Không tìm thấy trang.")
    app = make_app(fresh_portal.url, tmp_path / "data", url=fresh_portal.url + SEED_PATH)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        reader = app.main.reader
        assert reader.article is not None
        seed_title = reader.article.title
        await pilot.press("1")
        await settle(pilot)
        assert reader.article is not None
        assert reader.article.title == seed_title  # still the article being read
        assert any(n.severity == "error" for n in app._notifications)
        await pilot.press("2")  # a working related link, then back
        await settle(pilot)
        assert reader.article.title != seed_title
        await pilot.press("backspace")
        await settle(pilot)
        assert reader.article.title == seed_title
        assert app.main.active_pane == "reader"


async def test_the_find_bar_keys_are_written_like_the_key_bar_and_the_readme(
    portal: PortalServer, tmp_path: Path
) -> None:
    """Issue 11: the find bar's keys read "f3 … shift+⏎ … esc"."""
    from phuly_tui.ui.widgets.key_bar import KeyBar
    from tests.support.app_harness import SEED_PATH

    app = make_app(portal.url, tmp_path / "data", url=portal.url + SEED_PATH)
    async with app.run_test(size=(160, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        keys = app.main.query_one(KeyBar).text
        assert "F3 " in keys
        assert "Shift+F3 " in keys
        assert "Esc " in keys
        assert "f3" not in keys
        assert "shift+" not in keys


async def test_shift_y_copies_the_text_and_cuts_it_at_100_kb(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    from phuly_tui.export import export_article
    from phuly_tui.ui.screens.article_actions import COPY_LIMIT
    from tests.support import faults
    from tests.support.app_harness import SEED_PATH, notifications

    paragraph = (
        "<p>" + "Ủy ban nhân dân thành phố Phủ Lý thông báo lịch tiếp công dân. " * 40 + "</p>"
    )
    big = (
        "<html><head><title>Bài rất dài</title></head><body><article><h1>Bài rất dài</h1>"
        + paragraph * 60
        + "</article></body></html>"
    )
    fresh_portal.routes["/Pages/bai-rat-dai.aspx"] = faults.html_page(big.encode("utf-8"))
    app = make_app(fresh_portal.url, tmp_path / "data", url=fresh_portal.url + SEED_PATH)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        article = app.main.reader.article
        assert article is not None
        await pilot.press("Y")
        assert app.clipboard == export_article(article, "txt", base_url=app.main.library.base_url)
        assert "Đã sao chép nội dung bài" in notifications(app)[-1][1]
        app.main.open_article(fresh_portal.url + "/Pages/bai-rat-dai.aspx")
        await settle(pilot)
        long_article = app.main.reader.article
        assert long_article is not None
        assert long_article.title == "Bài rất dài", notifications(app)
        whole = export_article(long_article, "txt", base_url=app.main.library.base_url)
        assert len(whole.encode("utf-8")) > COPY_LIMIT
        await pilot.press("Y")
        assert len(app.clipboard.encode("utf-8")) <= COPY_LIMIT
        assert whole.startswith(app.clipboard)
        assert len(app.clipboard.encode("utf-8")) > COPY_LIMIT - 4
        assert "100 KB đầu tiên" in notifications(app)[-1][1]
