"""Notices the app raises on its own: in the user's language, and never piled up (issue 9, item 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.app_harness import make_app, notifications, settle
from tests.support.portal_server import PortalServer


@pytest.mark.parametrize(
    ("lang", "title", "message"),
    [
        ("vi", "Bạn muốn thoát?", "Nhấn q để thoát phuly-tui."),
        ("en", "Do you want to quit?", "Press q to quit phuly-tui."),
    ],
)
async def test_ctrl_c_says_how_to_quit_in_the_users_language(
    portal: PortalServer, tmp_path: Path, lang: str, title: str, message: str
) -> None:
    app = make_app(portal.url, tmp_path / "data", lang=lang)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for _ in range(3):
            await pilot.press("ctrl+c")
        await settle(pilot)
        assert app.is_running  # Ctrl+C never quits (it copies in a text box)
        assert notifications(app) == [(title, message)]  # said once, not three times


async def test_ctrl_c_names_the_quit_key_the_user_chose(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data", keymap={"quit": "x"})
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert notifications(app) == [("Bạn muốn thoát?", "Nhấn x để thoát phuly-tui.")]
        await pilot.press("x")
        await pilot.pause()
    assert app.return_code == 0


async def test_r_pressed_again_and_again_shows_one_reloading_notice(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        for _ in range(5):
            await pilot.press("r")
        await pilot.pause()
        shown = [message for _title, message in notifications(app)]
        assert shown.count("Đang tải lại…") == 1
        await settle(pilot)
        from textual.widgets._toast import Toast

        toasts = [toast.render().plain for toast in app.screen.query(Toast)]
        assert sum("Đang tải lại…" in text for text in toasts) <= 1
