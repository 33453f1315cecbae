"""BookmarksScreen: Enter → URL, b/Delete removes through the callback, Escape closes."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from textual.app import App, ComposeResult
from textual.widgets import Label, OptionList

from phuly_tui.errors import StoreError
from phuly_tui.ui.screens.bookmarks import BookmarksScreen, bookmark_prompt
from tests.support.screen_dump import screen_text

HOSTILE = "[@click=app.quit]Thoát[/] [bold]đậm[/bold]"


@dataclass(frozen=True)
class Summary:
    url: str
    title: str
    published: str | None = None
    section: str | None = None


A = Summary("http://127.0.0.1/a.aspx", "Khai giảng năm học mới", "2024-09-05", "Văn hoá - Xã hội")
B = Summary("http://127.0.0.1/b.aspx", "Đảng bộ thành phố", "2024-01-02T08:00", None)
C = Summary("http://127.0.0.1/c.aspx", "Kỳ họp HĐND", None, "Chính trị")


class HostApp(App[None]):
    def __init__(self, items, on_remove=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.items = items
        self.on_remove = on_remove
        self.results: list[str | None] = []
        self.bookmarks: BookmarksScreen | None = None

    def compose(self) -> ComposeResult:
        yield Label("main")

    def open_bookmarks(self) -> BookmarksScreen:
        self.bookmarks = BookmarksScreen(self.items, on_remove=self.on_remove)
        self.push_screen(self.bookmarks, self.results.append)
        return self.bookmarks


async def test_enter_opens_the_highlighted_bookmark() -> None:
    app = HostApp([A, B, C])
    async with app.run_test() as pilot:
        app.open_bookmarks()
        await pilot.pause()
        text = screen_text(app)
        assert "Bài đã đánh dấu" in text
        assert "Khai giảng năm học mới" in text
        assert "05/09/2024 · Văn hoá - Xã hội" in text
        assert "02/01/2024" in text
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.results == [B.url]


async def test_b_and_delete_remove_through_the_callback() -> None:
    removed: list[str] = []
    done = threading.Event()

    def remove(url: str) -> None:
        removed.append(url)
        if len(removed) == 2:
            done.set()

    app = HostApp([A, B, C], on_remove=remove)
    async with app.run_test() as pilot:
        screen = app.open_bookmarks()
        await pilot.pause()
        await pilot.press("down", "b")
        await pilot.pause()
        assert [item.url for item in screen.items] == [A.url, C.url]
        assert "Đã bỏ đánh dấu: Đảng bộ thành phố" in screen_text(app)
        await pilot.press("delete")
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert done.wait(5)
        assert removed == [B.url, C.url]
        assert [item.url for item in screen.items] == [A.url]
        assert screen.query_one(OptionList).highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [A.url]


async def test_removing_the_last_says_the_list_is_empty() -> None:
    app = HostApp([A], on_remove=lambda url: None)
    async with app.run_test() as pilot:
        screen = app.open_bookmarks()
        await pilot.pause()
        await pilot.press("b")
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert screen.items == ()
        assert "Chưa có bài nào được đánh dấu" in screen_text(app)
        await pilot.press("b", "enter")  # nothing left: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)


async def test_without_a_callback_b_does_nothing() -> None:
    app = HostApp([A, B])
    async with app.run_test() as pilot:
        screen = app.open_bookmarks()
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert len(screen.items) == 2


async def test_a_failing_removal_is_reported() -> None:
    def remove(url: str) -> None:
        raise StoreError()

    app = HostApp([A, B], on_remove=remove)
    async with app.run_test() as pilot:
        screen = app.open_bookmarks()
        await pilot.pause()
        await pilot.press("b")
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert "Không bỏ được đánh dấu: Lỗi kho dữ liệu" in screen_text(app)


async def test_a_callable_source_is_read_in_a_thread() -> None:
    threads: list[str] = []

    def load() -> list[Summary]:
        threads.append(threading.current_thread().name)
        return [C, A]

    app = HostApp(load)
    async with app.run_test() as pilot:
        screen = app.open_bookmarks()
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert threads
        assert threads[0] != threading.main_thread().name
        assert [item.url for item in screen.items] == [C.url, A.url]
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [C.url]


async def test_a_failing_source_is_reported_and_escape_closes() -> None:
    def load() -> list[Summary]:
        raise RuntimeError("disk on fire")

    app = HostApp(load)
    async with app.run_test() as pilot:
        screen = app.open_bookmarks()
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert "Không đọc được danh sách đánh dấu: RuntimeError" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_empty_list() -> None:
    app = HostApp([])
    async with app.run_test() as pilot:
        app.open_bookmarks()
        await pilot.pause()
        assert "Chưa có bài nào được đánh dấu" in screen_text(app)


async def test_hostile_titles_are_literal() -> None:
    hostile = Summary("http://127.0.0.1/h.aspx", HOSTILE, None, HOSTILE)
    app = HostApp([hostile])
    async with app.run_test(size=(120, 30)) as pilot:
        app.open_bookmarks()
        await pilot.pause()
        assert screen_text(app).count(HOSTILE) == 2
        await pilot.click(OptionList, offset=(4, 1))
        await pilot.pause()
        assert app.is_running
        assert app.results == [hostile.url]


def test_prompt_falls_back_to_the_url() -> None:
    assert bookmark_prompt(Summary("http://x.test/a", "")).plain == "http://x.test/a"
