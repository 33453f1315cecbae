"""SearchScreen: debounced thread search, highlighted snippets, Enter → URL, Escape → None."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Label, OptionList

from phuly_tui.errors import StoreError
from phuly_tui.ui.screens.search import SearchScreen, result_prompt
from tests.support.screen_dump import screen_text

HOSTILE = "[@click=app.quit]Thoát[/] [bold]đậm[/bold]"


@dataclass(frozen=True)
class Hit:
    url: str
    title: str
    published: str | None
    section: str | None
    snippet: str
    highlights: tuple[tuple[int, int], ...] = ()
    title_highlights: tuple[tuple[int, int], ...] = ()
    kind: str = "article"
    page: int | None = None
    attached_to: str | None = None


PHU_LY = Hit(
    "http://127.0.0.1/Pages/phu-ly.aspx",
    "Ban chỉ đạo 35 TP Phủ Lý sơ kết",
    "2024-07-05T08:30",
    "Tin tức - Sự kiện",
    "… Thành phố Phủ Lý tổ chức hội nghị …",
    ((12, 18),),
    ((18, 24),),
)
DANG = Hit("http://127.0.0.1/Pages/dang.aspx", "Đảng bộ thành phố", "2024-01-02", None, "", ())


class FakeSearch:
    """Records queries; answers from a table; can block to simulate a slow store."""

    def __init__(self, answers: dict[str, list[Hit]] | None = None) -> None:
        self.answers = answers or {}
        self.queries: list[str] = []
        self.gate = threading.Event()
        self.gate.set()

    def __call__(self, query: str) -> list[Hit]:
        self.queries.append(query)
        self.gate.wait(5)
        if query == "boom":
            raise StoreError()
        if query == "crash":
            raise RuntimeError("bug")
        return self.answers.get(query.strip().lower(), [])


class HostApp(App[None]):
    def __init__(self, search: FakeSearch, query: str = "") -> None:
        super().__init__()
        self.search = search
        self.query_text = query
        self.results: list[str | None] = []
        self.screen_ref: SearchScreen | None = None

    def compose(self) -> ComposeResult:
        yield Label("main")

    def open_search(self) -> SearchScreen:
        self.screen_ref = SearchScreen(self.search, query=self.query_text)
        self.push_screen(self.screen_ref, self.results.append)
        return self.screen_ref


async def settle(pilot, screen: SearchScreen) -> None:  # type: ignore[no-untyped-def]
    """Wait past the debounce and for the worker to finish."""
    await pilot.pause(SearchScreen.DEBOUNCE + 0.05)
    await screen.workers.wait_for_complete()
    await pilot.pause()


async def test_typing_searches_once_after_a_pause_and_enter_opens_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a longer pause than the default keeps the test independent of the machine's speed
    monkeypatch.setattr(SearchScreen, "DEBOUNCE", 0.5)
    search = FakeSearch({"phu ly": [PHU_LY, DANG]})
    app = HostApp(search)
    async with app.run_test() as pilot:
        screen = app.open_search()
        await pilot.pause()
        assert screen.query_one(Input).placeholder == "Tìm bài viết (không cần gõ dấu)…"
        await pilot.press(*"phu ly")
        await settle(pilot, screen)
        assert search.queries == ["phu ly"]  # debounced: one search, not six
        assert screen.last_query == "phu ly"
        assert len(screen.results) == 2
        text = screen_text(app)
        assert "Ban chỉ đạo 35 TP Phủ Lý sơ kết" in text
        assert "05/07/2024 · Tin bài · Tin tức - Sự kiện" in text
        assert "2 kết quả" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [PHU_LY.url]
        assert screen.last_query == "phu ly"


async def test_down_moves_to_results_and_enter_picks_the_highlighted() -> None:
    search = FakeSearch({"dang": [PHU_LY, DANG]})
    app = HostApp(search)
    async with app.run_test() as pilot:
        screen = app.open_search()
        await pilot.press(*"dang")
        await settle(pilot, screen)
        await pilot.press("down")
        assert isinstance(app.focused, OptionList)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.results == [DANG.url]


async def test_enter_before_the_debounce_searches_at_once_and_opens() -> None:
    search = FakeSearch({"dang": [DANG]})
    app = HostApp(search)
    async with app.run_test() as pilot:
        screen = app.open_search()
        await pilot.press(*"dang", "enter")
        await settle(pilot, screen)
        assert app.results == [DANG.url]
        assert search.queries == ["dang"]


async def test_escape_dismisses_with_none() -> None:
    app = HostApp(FakeSearch())
    async with app.run_test() as pilot:
        app.open_search()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
        assert app.is_running


async def test_no_results_and_errors_are_shown_in_the_status_line() -> None:
    app = HostApp(FakeSearch())
    async with app.run_test() as pilot:
        screen = app.open_search()
        await pilot.press(*"xyz")
        await settle(pilot, screen)
        assert "Không tìm thấy bài nào cho “xyz” trong dữ liệu đã tải." in screen_text(app)
        screen.query_one(Input).value = "boom"
        await settle(pilot, screen)
        assert "Tìm kiếm lỗi: Lỗi kho dữ liệu" in screen_text(app)
        screen.query_one(Input).value = "crash"
        await settle(pilot, screen)
        assert "Tìm kiếm lỗi: RuntimeError" in screen_text(app)
        assert app.is_running


async def test_a_slow_answer_for_an_old_query_is_never_shown() -> None:
    search = FakeSearch({"phu": [PHU_LY], "dang": [DANG]})
    app = HostApp(search)
    async with app.run_test() as pilot:
        screen = app.open_search()
        await pilot.pause()
        search.gate.clear()  # the store hangs on the first query
        # set at once: typed key by key, a loaded machine may let the debounce
        # lapse between "p" and "h" and search "p" first
        screen.query_one(Input).value = "phu"

        async def until(done: Callable[[], bool]) -> None:
            # the debounce timer fires when the (possibly loaded) machine gets to it
            for _ in range(200):
                if done():
                    return
                await pilot.pause(0.05)

        await until(lambda: search.queries == ["phu"] and "Đang tìm…" in screen_text(app))
        assert "Đang tìm…" in screen_text(app)
        screen.query_one(Input).value = "dang"
        await until(lambda: search.queries == ["phu", "dang"])
        search.gate.set()
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert [hit.url for hit in screen.results] == [DANG.url]
        assert screen.last_query == "dang"
        assert search.queries == ["phu", "dang"]


async def test_initial_query_is_searched_once_on_open() -> None:
    search = FakeSearch({"dang": [DANG]})
    app = HostApp(search, query="dang")
    async with app.run_test() as pilot:
        screen = app.open_search()
        await settle(pilot, screen)
        assert [hit.url for hit in screen.results] == [DANG.url]
        assert search.queries == ["dang"]


async def test_clearing_the_box_clears_the_results() -> None:
    search = FakeSearch({"dang": [DANG]})
    app = HostApp(search, query="dang")
    async with app.run_test() as pilot:
        screen = app.open_search()
        await settle(pilot, screen)
        screen.query_one(Input).value = ""
        await settle(pilot, screen)
        assert screen.results == ()
        assert screen.query_one(OptionList).option_count == 0
        assert "Gõ từ khoá" in screen_text(app)


async def test_slash_in_the_box_is_typed_and_in_the_list_returns_to_the_box() -> None:
    search = FakeSearch({"a/b": [DANG]})
    app = HostApp(search)
    async with app.run_test() as pilot:
        screen = app.open_search()
        await pilot.press("a", "slash", "b")
        await settle(pilot, screen)
        assert screen.query_one(Input).value == "a/b"
        await pilot.press("down")
        assert isinstance(app.focused, OptionList)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)


async def test_hostile_title_and_snippet_are_shown_literally() -> None:
    hostile = Hit("http://127.0.0.1/x", HOSTILE, None, HOSTILE, f"a {HOSTILE} b", ((2, 19),))
    search = FakeSearch({"x": [hostile]})
    app = HostApp(search, query="x")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.open_search()
        await settle(pilot, screen)
        text = screen_text(app)
        assert text.count(HOSTILE) == 3  # title, section, snippet
        await pilot.click("#search-results", offset=(5, 1))
        await pilot.pause()
        assert app.is_running
        assert app.results == ["http://127.0.0.1/x"]


def test_result_prompt_styles_only_the_reported_spans() -> None:
    prompt = result_prompt(PHU_LY)
    lines = prompt.plain.split("\n")
    assert lines == [PHU_LY.title, "05/07/2024 · Tin bài · Tin tức - Sự kiện", PHU_LY.snippet]
    snippet_start = prompt.plain.index(PHU_LY.snippet)
    stressed = sorted(
        prompt.plain[span.start : span.end] for span in prompt.spans if "reverse" in str(span.style)
    )
    assert stressed == ["Phủ Lý", "Phủ Lý"]  # one in the title, one in the snippet
    assert snippet_start > 0


@pytest.mark.parametrize("spans", [((-5, 3),), ((100, 200),), ((4, 2),), ((0, 10_000),)])
def test_result_prompt_tolerates_bad_spans(spans: tuple[tuple[int, int], ...]) -> None:
    hit = Hit("u", "t", None, None, "snippet", spans)
    assert result_prompt(hit).plain == "t\nTin bài\nsnippet"


@pytest.mark.parametrize(
    ("attached_to", "page", "origin"),
    [
        ("http://127.0.0.1/Pages/a.aspx", 2, "12/12/2024 · Văn bản đính kèm · trang 2"),
        (None, 1, "12/12/2024 · Văn bản · trang 1"),
        (None, None, "12/12/2024 · Văn bản"),
    ],
)
def test_a_document_result_says_it_is_a_document_and_where(
    attached_to: str | None, page: int | None, origin: str
) -> None:
    hit = Hit(
        "u",
        "CV 2145",
        "2024-12-12",
        None,
        "lở mồm",
        kind="document",
        page=page,
        attached_to=attached_to,
    )
    assert result_prompt(hit).plain.split("\n")[1] == origin


def test_a_hostile_section_in_the_origin_line_is_literal_and_one_line() -> None:
    hit = Hit("u", "t", None, "[@click=app.quit]x[/]\x1b[31m\nmục", "s")
    prompt = result_prompt(hit)
    assert prompt.plain.split("\n")[1].startswith("Tin bài · [@click=app.quit]x[/]")
    assert "\x1b" not in prompt.plain
    assert not any("click" in str(span.style) for span in prompt.spans)


def test_control_characters_in_a_snippet_keep_the_spans_aligned() -> None:
    hit = Hit("u", "t", None, None, "a\x1b[31mb\nPhủ Lý", ((8, 14),))
    prompt = result_prompt(hit)
    assert "\x1b" not in prompt.plain
    assert prompt.plain.split("\n")[2] == "a [31mb Phủ Lý"
    stressed = [prompt.plain[s.start : s.end] for s in prompt.spans if "reverse" in str(s.style)]
    assert stressed == ["Phủ Lý"]


def test_emoji_sequences_are_drawn_as_parts_and_the_spans_follow() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    title = f"Gia đình {family} và \u2764\ufe0f Phủ Lý"
    start = title.index("Phủ Lý")
    snippet = f"{family} \u2764\ufe0f Phủ Lý"
    hit = Hit("u", title, None, None, snippet, ((9, 15),), ((start, start + 6),))
    prompt = result_prompt(hit)
    assert prompt.plain.split("\n")[0] == "Gia đình \U0001f468\U0001f469\U0001f467 và \u2764 Phủ Lý"
    assert prompt.plain.split("\n")[2] == "\U0001f468\U0001f469\U0001f467 \u2764 Phủ Lý"
    stressed = [prompt.plain[s.start : s.end] for s in prompt.spans if "reverse" in str(s.style)]
    assert stressed == ["Phủ Lý", "Phủ Lý"]
