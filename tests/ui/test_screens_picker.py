"""PickerScreen: numbered items, Enter or 1–9 picks, the full detail of the highlighted item."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Label, OptionList

from phuly_tui.ui.screens.picker import PickerScreen, picker_prompt
from tests.support.screen_dump import screen_text

HOSTILE = "[@click=app.quit]Thoát[/] [bold]đậm[/bold]"
LONG_URL = "https://example.org/" + "/".join(f"thu-muc-{i}" for i in range(12)) + "/trang.aspx?a=1"
ITEMS = [
    ("Kế hoạch số 12", "PDF"),
    ("Trang của tỉnh", "https://hanam.gov.vn/Pages/tin.aspx"),
    ("Một liên kết rất dài", LONG_URL),
]


class HostApp(App[None]):
    def __init__(self, items: list[tuple[str, str]]) -> None:
        super().__init__()
        self.items = items
        self.results: list[int | None] = []

    def compose(self) -> ComposeResult:
        yield Label("main")

    def open_picker(self) -> None:
        self.push_screen(PickerScreen("Liên kết trong bài", self.items), self.results.append)


async def open_app(pilot, app: HostApp) -> None:  # type: ignore[no-untyped-def]
    app.open_picker()
    await pilot.pause()


async def test_items_are_numbered_and_enter_picks_the_highlighted() -> None:
    app = HostApp(ITEMS)
    async with app.run_test() as pilot:
        await open_app(pilot, app)
        text = screen_text(app)
        assert "Liên kết trong bài" in text
        assert "1. Kế hoạch số 12  PDF" in text
        assert "2. Trang của tỉnh" in text
        assert "3. Một liên kết rất dài" in text
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.results == [1]


@pytest.mark.parametrize(("key", "expected"), [("1", 0), ("3", 2)])
async def test_digits_pick_directly(key: str, expected: int) -> None:
    app = HostApp(ITEMS)
    async with app.run_test() as pilot:
        await open_app(pilot, app)
        await pilot.press(key)
        await pilot.pause()
        assert app.results == [expected]


async def test_a_digit_past_the_end_does_nothing_and_escape_gives_none() -> None:
    app = HostApp(ITEMS)
    async with app.run_test() as pilot:
        await open_app(pilot, app)
        await pilot.press("9")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_the_full_url_of_the_highlighted_item_is_shown() -> None:
    app = HostApp(ITEMS)
    async with app.run_test() as pilot:
        await open_app(pilot, app)
        assert "PDF" in screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        assert "https://hanam.gov.vn/Pages/tin.aspx" in screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        # folded over lines at 80 columns, but whole: nothing cut or shortened
        detail = "".join(line.strip(" │") for line in screen_text(app).splitlines())
        assert LONG_URL in detail
        assert "…" not in detail


async def test_empty_list_says_so() -> None:
    app = HostApp([])
    async with app.run_test() as pilot:
        await open_app(pilot, app)
        assert "Không có mục nào." in screen_text(app)
        await pilot.press("enter", "1")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_more_than_nine_items_scroll_and_only_nine_are_numbered() -> None:
    items = [(f"Tệp {i}", "DOCX") for i in range(1, 15)]
    app = HostApp(items)
    async with app.run_test() as pilot:
        await open_app(pilot, app)
        options = app.screen.query_one(OptionList)
        await pilot.press(*["down"] * 13)
        await pilot.pause()
        assert options.highlighted == 13
        assert "14. Tệp 14  DOCX" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [13]


async def test_hostile_labels_and_urls_are_literal() -> None:
    app = HostApp([(HOSTILE, f"https://x.test/{HOSTILE}")])
    async with app.run_test(size=(120, 30)) as pilot:
        await open_app(pilot, app)
        text = screen_text(app)
        assert f"1. {HOSTILE}" in text
        assert f"https://x.test/{HOSTILE}" in text
        await pilot.click(OptionList, offset=(4, 1))
        await pilot.pause()
        assert app.is_running
        assert app.results == [0]


def test_prompt_of_an_unlabelled_item_uses_its_detail() -> None:
    assert picker_prompt(2, "", "https://x.test/a").plain == "2. https://x.test/a"
    assert picker_prompt(12, "Tệp", "PDF", width=2).plain == "12. Tệp  PDF"
    assert picker_prompt(3, "Tệp", "PDF", width=2).plain == " 3. Tệp  PDF"
