"""The app's search screen with typed filters (issue 11, item 13) over a synced store.

``/`` then ``2024 muc:kinh-te tu:01/01/2024 den:30/06/2024``: the filters are read
out of the box (the section resolved against the sections on screen, days
inclusive), the hint line says how to type them, and when nothing stored
matches the status says so and Ctrl+R closes the dialog and syncs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, Static

from phuly_tui.cli import EXIT_OK, main
from phuly_tui.ui.screens.search import SearchScreen
from tests.support.app_harness import make_app, settle
from tests.support.portal_server import PortalServer
from tests.support.screen_dump import screen_text

TET = "Bảo đảm cung ứng hàng hóa phục vụ Nhân dân dịp Tết Nguyên đán Giáp Thìn 2024"
JUNE_3 = "Nông dân xã Phù Vân thu hoạch lúa xuân, năng suất đạt khoảng 65 tạ/ha"


@pytest.fixture
def synced_data(portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder where ``phuly-tui sync`` stored Kinh tế and Chính trị."""
    data = tmp_path / "data"
    monkeypatch.setenv("PHULY_TUI_DATA_DIR", str(data))
    argv = ["--base-url", portal.url, "sync", "--sections", "kinh-te", "chinh-tri", "--pages", "1"]
    assert main(argv) == EXIT_OK
    return data


async def open_search(pilot: Pilot[Any]) -> SearchScreen:
    """``/`` once the app has settled: the search screen."""
    await settle(pilot)
    await pilot.press("slash")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    return screen


async def test_typed_filters_narrow_the_search(portal: PortalServer, synced_data: Path) -> None:
    app = make_app(portal.url, synced_data)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_search(pilot)
        hint = str(screen.query_one("#search-hint", Label).content)
        assert "muc:kinh-te" in hint
        assert "tu:" in hint
        assert "den:" in hint
        await pilot.press(*"2024")
        await pilot.pause(SearchScreen.DEBOUNCE + 0.05)
        await settle(pilot)
        unfiltered = {hit.title for hit in screen.results}
        assert {TET, JUNE_3} < unfiltered
        screen.query_one(
            "#search-input", Input
        ).value = "2024 muc:kinh-te tu:01/01/2024 den:03/06/2024"
        await pilot.pause(SearchScreen.DEBOUNCE + 0.05)
        await settle(pilot)
        assert {hit.title for hit in screen.results} == {TET, JUNE_3}
        # a bad day is said in the status line, not raised
        screen.query_one("#search-input", Input).value = "2024 tu:31/02/2024"
        await pilot.pause(SearchScreen.DEBOUNCE + 0.05)
        await settle(pilot)
        assert screen.results == ()
        status = str(screen.query_one("#search-status", Static).content)
        assert "31/02/2024" in status


async def test_nothing_found_offers_to_sync_with_ctrl_r(
    portal: PortalServer, synced_data: Path
) -> None:
    app = make_app(portal.url, synced_data)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_search(pilot)
        await pilot.press(*"2024 tu:01/01/2030")
        await pilot.pause(SearchScreen.DEBOUNCE + 0.05)
        await settle(pilot)
        status = str(screen.query_one("#search-status", Static).content)
        assert "Không tìm thấy" in status
        assert "Ctrl+R" in status
        before = len(portal.requests)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.screen is app.main
        # the sync asked the portal for the sections' listings again
        assert len(portal.requests) > before


async def test_the_hint_fits_80_columns(portal: PortalServer, synced_data: Path) -> None:
    app = make_app(portal.url, synced_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_search(pilot)
        text = screen_text(app)
        assert "Ctrl+R" in text
        assert "muc:kinh-te  tu:01/01/2024  den:30/06/2024" in text
