"""The search and bookmarks screens over the real SQLite store (its records, its threads)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Label

from phuly_tui.model import Article, Paragraph
from phuly_tui.store import Store, open_store
from phuly_tui.ui.screens.bookmarks import BookmarksScreen
from phuly_tui.ui.screens.search import SearchScreen
from tests.support.screen_dump import screen_text

BASE = "http://127.0.0.1:9"
SEED = Article(
    url=f"{BASE}/Pages/ban-chi-dao-35.aspx",
    title="Ban chỉ đạo 35 TP Phủ Lý sơ kết công tác 6 tháng đầu năm",
    section="Tin tức - Sự kiện",
    published="2024-07-05",
    lead="Sáng 5/7, Ban chỉ đạo 35 thành phố Phủ Lý tổ chức hội nghị sơ kết.",
    blocks=(Paragraph("Đảng bộ thành phố đang triển khai nhiều dạng hoạt động."),),
)
OTHER = Article(
    url=f"{BASE}/Pages/khai-giang.aspx",
    title="Khai giảng năm học mới 2024-2025",
    section="Văn hoá - Xã hội",
    published="2024-09-05",
    lead="Các trường trên địa bàn thành phố khai giảng.",
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "data")
    for number, article in enumerate((SEED, OTHER)):
        opened.put_page(
            article.url,
            "article",
            article.to_dict(),
            etag=None,
            last_modified=None,
            fetched_at=time.time(),
            content_hash=str(number),
        )
    yield opened
    opened.close()


class HostApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Label("main")


async def test_search_without_diacritics_opens_the_article(store: Store) -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        screen = SearchScreen(store.search)
        app.push_screen(screen, app.results.append)
        await pilot.pause()
        screen.query_one(Input).value = "phu ly"
        await pilot.pause(SearchScreen.DEBOUNCE + 0.05)
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert [hit.url for hit in screen.results] == [SEED.url]
        text = screen_text(app)
        assert "Ban chỉ đạo 35 TP Phủ Lý" in text
        assert "05/07/2024 · Tin bài · Tin tức - Sự kiện" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [SEED.url]
        assert screen.last_query == "phu ly"


@pytest.mark.parametrize("query", ['"', "NEAR(", "*", "-", "a:b", "🙂", "'; DROP TABLE pages; --"])
async def test_hostile_queries_never_break_the_screen(store: Store, query: str) -> None:
    app = HostApp()
    async with app.run_test() as pilot:
        screen = SearchScreen(store.search, query=query)
        app.push_screen(screen, app.results.append)
        await pilot.pause(SearchScreen.DEBOUNCE + 0.05)
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert "Tìm kiếm lỗi" not in screen_text(app)
        assert app.is_running


async def test_bookmarks_from_the_store_and_removal(store: Store) -> None:
    store.toggle_bookmark(SEED.url)
    store.toggle_bookmark(OTHER.url)
    app = HostApp()
    async with app.run_test() as pilot:
        screen = BookmarksScreen(store.bookmarks, on_remove=store.toggle_bookmark)
        app.push_screen(screen, app.results.append)
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert {item.url for item in screen.items} == {SEED.url, OTHER.url}
        first = screen.items[0].url
        await pilot.press("b")
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert not store.is_bookmarked(first)
        remaining = screen.items[0].url
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [remaining]
