"""FindBar: the messages it posts for keys, and the count it shows; with find_spans as a reader."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Input, Static

from phuly_tui.render.find import find_spans
from phuly_tui.ui.widgets.find_bar import FindBar
from tests.support.screen_dump import screen_lines, screen_text

ARTICLE = "Thành phố Phủ Lý tổ chức hội nghị. Đảng bộ Phủ Lý đang triển khai nhiều dạng hoạt động."


class ReaderStandIn(App[None]):
    """A reader in miniature: finds with find_spans and reports the count to the bar."""

    BINDINGS = [("f", "find", "Find")]  # noqa: RUF012

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Message] = []
        self.current = 0
        self.spans: list[tuple[int, int]] = []

    def compose(self) -> ComposeResult:
        article = Static(ARTICLE, id="article", markup=False)
        article.can_focus = True
        yield article
        yield FindBar(id="find")

    def action_find(self) -> None:
        self.screen.query_one(FindBar).open()

    @on(FindBar.Changed)
    def _changed(self, event: FindBar.Changed) -> None:
        self.messages.append(event)
        self.spans = find_spans(ARTICLE, event.query)
        self.current = 1 if self.spans else 0
        event.find_bar.set_count(self.current, len(self.spans))

    @on(FindBar.Next)
    def _next(self, event: FindBar.Next) -> None:
        self.messages.append(event)
        if self.spans:
            self.current = self.current % len(self.spans) + 1
            event.find_bar.set_count(self.current, len(self.spans))

    @on(FindBar.Previous)
    def _previous(self, event: FindBar.Previous) -> None:
        self.messages.append(event)
        if self.spans:
            self.current = (self.current - 2) % len(self.spans) + 1
            event.find_bar.set_count(self.current, len(self.spans))

    @on(FindBar.Closed)
    def _find_bar_closed(self, event: FindBar.Closed) -> None:
        # not ``_closed``: that name is MessagePump's own "this pump is closed" flag
        self.messages.append(event)
        self.screen.query_one("#article").focus()

    def kinds(self) -> list[str]:
        return [type(m).__name__ for m in self.messages]


async def test_hidden_until_opened_then_focused() -> None:
    app = ReaderStandIn()
    async with app.run_test() as pilot:
        bar = app.screen.query_one(FindBar)
        assert not bar.is_open
        assert not bar.display
        await pilot.press("f")
        await pilot.pause()
        assert bar.is_open
        assert isinstance(app.focused, Input)
        assert bar.region.height == 1
        assert bar.region.y == 23  # docked on the last row at 80×24


async def test_typing_posts_changed_and_shows_the_count() -> None:
    app = ReaderStandIn()
    async with app.run_test() as pilot:
        await pilot.press("f", *"phu ly")
        await pilot.pause()
        changed = [m for m in app.messages if isinstance(m, FindBar.Changed)]
        assert [m.query for m in changed] == ["p", "ph", "phu", "phu ", "phu l", "phu ly"]
        assert app.screen.query_one(FindBar).value == "phu ly"
        assert screen_lines(app)[-1].rstrip().endswith("1/2")


async def test_enter_f3_next_shift_enter_shift_f3_previous() -> None:
    app = ReaderStandIn()
    async with app.run_test() as pilot:
        await pilot.press("f", *"dang")  # Đảng, đang, dạng
        await pilot.pause()
        app.messages.clear()
        await pilot.press("enter")
        await pilot.pause()
        assert screen_lines(app)[-1].rstrip().endswith("2/3")
        await pilot.press("f3", "shift+enter", "shift+f3")
        await pilot.pause()
        assert app.kinds() == ["Next", "Next", "Previous", "Previous"]
        assert screen_lines(app)[-1].rstrip().endswith("1/3")


async def test_no_match_says_so() -> None:
    app = ReaderStandIn()
    async with app.run_test() as pilot:
        await pilot.press("f", *"xyz")
        await pilot.pause()
        assert screen_lines(app)[-1].rstrip().endswith("không thấy")


async def test_escape_closes_hides_and_posts_closed_once() -> None:
    app = ReaderStandIn()
    async with app.run_test() as pilot:
        bar = app.screen.query_one(FindBar)
        await pilot.press("f", "a", "escape")
        await pilot.pause()
        assert not bar.is_open
        assert app.kinds().count("Closed") == 1
        assert app.focused is app.screen.query_one("#article")
        bar.close()  # already closed: no second message
        await pilot.pause()
        assert app.kinds().count("Closed") == 1
        assert app.is_running


async def test_reopening_keeps_or_replaces_the_query() -> None:
    app = ReaderStandIn()
    async with app.run_test() as pilot:
        bar = app.screen.query_one(FindBar)
        await pilot.press("f", *"ly", "escape", "f")
        await pilot.pause()
        assert bar.value == "ly"
        bar.open("Đảng")
        await pilot.pause()
        assert bar.value == "Đảng"
        assert screen_lines(app)[-1].rstrip().endswith("1/1")  # accented: exact form only


async def test_hostile_query_is_plain_text() -> None:
    hostile = "[@click=app.quit]Thoát[/]"
    app = ReaderStandIn()
    async with app.run_test() as pilot:
        bar = app.screen.query_one(FindBar)
        bar.open(hostile)
        await pilot.pause()
        assert hostile in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
