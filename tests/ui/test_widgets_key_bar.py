"""The one-line key bar (KeyBar): clicks at every kind of offset, width changes,
the theme, and the English interface in the real app."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widget import Widget

from phuly_tui.i18n import set_language
from phuly_tui.ui.screens.help import HelpScreen
from phuly_tui.ui.widgets.key_bar import KeyBar
from tests.support.app_harness import make_app, settle
from tests.support.portal_server import PortalServer

pytestmark = pytest.mark.timeout(60)


class Keyed(Widget, can_focus=True):
    """A focusable pane with keys of its own (one hidden, one shown twice)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "app.record('alpha')", "Alpha"),
        Binding("b", "app.record('beta')", "Beta dài hơn"),
        Binding("x", "app.record('hidden')", "Ẩn", show=False),
        Binding("c", "app.record('gamma')", "Gamma"),
        Binding("g", "app.record('gamma')", "Gamma lần hai"),  # same action: shown once
    ]


class BarApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "record('help')", "Trợ giúp", key_display="?")
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ran: list[str] = []

    def compose(self) -> ComposeResult:
        yield Keyed()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Keyed).focus()

    def action_record(self, name: str) -> None:
        self.ran.append(name)


async def click_at(pilot: Pilot[Any], bar: KeyBar, column: int) -> None:
    """Click the bar at ``column`` of its line (the widget has one cell of padding)."""
    await pilot.click(bar, offset=(1 + column, 0))


async def test_every_part_of_a_key_runs_it_and_the_gaps_run_nothing() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        assert bar.text == "a Alpha  b Beta dài hơn  c Gamma  ? Trợ giúp  ^p palette"
        shown = bar.render().plain
        assert len(shown) == bar.content_region.width == 78
        keys = {"alpha": "a Alpha", "beta": "b Beta dài hơn", "gamma": "c Gamma"}
        keys["help"] = "? Trợ giúp"
        for action, label in keys.items():
            start = shown.index(label)
            for column in (start, start + 1, start + len(label) - 1):  # key, space, last letter
                app.ran.clear()
                await click_at(pilot, bar, column)
                assert app.ran == [action], (label, column)
            app.ran.clear()
            await click_at(pilot, bar, start + len(label) + 1)  # the gap after it
            assert app.ran == []
        await pilot.click(bar, offset=(0, 0))  # the left padding
        await click_at(pilot, bar, shown.index("^p") - 2)  # the space before the palette key
        assert app.ran == []
        assert isinstance(app.screen, type(app.default_screen))
        await click_at(pilot, bar, len(shown) - 1)  # the last letter of "palette"
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_width_changes_cut_and_restore_the_keys() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        full = bar.render().plain
        gamma = full.index("c Gamma")
        await pilot.resize_terminal(36, 10)
        await pilot.pause()
        cut = bar.render().plain
        assert len(cut) == bar.content_region.width == 34
        assert cut.endswith("  ^p palette")
        assert cut.startswith("a Alpha  b Beta")
        assert "…" in cut
        assert "Gamma" not in cut
        await click_at(pilot, bar, cut.index("…"))  # the cut, over what was "hơn"
        await click_at(pilot, bar, cut.index("…") - 1)  # "h", the last shown letter of Beta
        await click_at(pilot, bar, cut.index("…") + 1)  # the spacer before the palette key
        assert app.ran == ["beta"]
        assert isinstance(app.screen, type(app.default_screen))
        await click_at(pilot, bar, cut.index("a Alpha"))  # a key before the cut still works
        assert app.ran == ["beta", "alpha"]
        await pilot.resize_terminal(80, 10)
        await pilot.pause()
        assert bar.render().plain == full
        await click_at(pilot, bar, gamma)
        assert app.ran == ["beta", "alpha", "gamma"]
        # so narrow that only the palette key fits: no crash, and it still opens
        await pilot.resize_terminal(14, 10)
        await pilot.pause()
        assert bar.render().plain == "… ^p palette"
        await click_at(pilot, bar, 0)  # the cut: nothing
        assert isinstance(app.screen, type(app.default_screen))
        await click_at(pilot, bar, 2)
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_the_bar_follows_the_keys_of_the_focused_pane_and_the_screen() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        assert "a Alpha" in bar.text
        app.query_one(Keyed).blur()
        await pilot.pause()
        assert bar.text == "? Trợ giúp  ^p palette"
        await click_at(pilot, bar, 0)
        assert app.ran == ["help"]
        await click_at(pilot, bar, len("? Trợ giúp") + 4)  # where "Alpha" used to be
        assert app.ran == ["help"]


async def test_a_theme_change_recolours_the_keys() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        app.theme = "textual-light"
        await pilot.pause()
        key_style = bar.get_component_rich_style("key-bar--key")
        line = bar.render()
        styles = {str(span.style) for span in line.spans if line.plain[span.start] == "a"}
        assert styles == {str(key_style)}


async def test_a_theme_chosen_from_the_palette_recolours_the_keys() -> None:
    """The usual way: the palette closes, the bindings are refreshed with the new style."""
    app = BarApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        before = str(bar.render().spans[0].style)
        await pilot.press("ctrl+p")
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.press("escape")
        await pilot.pause()
        after = bar.render().spans[0].style
        assert str(after) != before
        assert str(after) == str(bar.get_component_rich_style("key-bar--key"))


# -- the real app in English ---------------------------------------------------------


@pytest.fixture
def vietnamese_afterwards() -> Any:
    yield
    set_language("vi")


async def test_english_key_bar_in_the_app_and_its_clicks(
    portal: PortalServer, tmp_path: Path, vietnamese_afterwards: None
) -> None:
    app = make_app(portal.url, tmp_path / "data", lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        bar = app.main.query_one(KeyBar)
        assert bar.text == "⏎ Open  q Quit  ? Help  / Search  r Reload  ^p Commands"
        shown = bar.render().plain
        assert shown.endswith("   ^p Commands")
        await click_at(pilot, bar, shown.index("Help"))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await click_at(pilot, bar, shown.index("⏎"))  # Open: the highlighted article
        await settle(pilot)
        assert app.main.reader.article is not None
        reader_keys = bar.text
        assert reader_keys.startswith("1-9 Related  Bksp Back  n Next")
        assert reader_keys.endswith("  ^p Commands")
        for vietnamese in ("Mở", "Thoát", "Trợ giúp", "Lệnh", "Quay lại"):
            assert vietnamese not in reader_keys
        await pilot.resize_terminal(80, 30)
        await settle(pilot)
        cut = bar.render().plain
        assert len(cut) == bar.content_region.width
        assert cut.endswith("  ^p Commands")
        assert "…" in cut
        await click_at(pilot, bar, cut.index("Back"))
        await settle(pilot)
        assert app.focused is app.main.article_list
