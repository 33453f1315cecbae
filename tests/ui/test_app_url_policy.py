"""The app follows links through the one URL policy (issue 9, items 2 and 3).

The parser drops a page's links with credentials or a backslash in the
authority, and a deep link with them is refused before the app starts; should
one reach the app all the same, following it opens nothing, asks nothing,
fetches nothing and names it without the password.
"""

from __future__ import annotations

from pathlib import Path

from phuly_tui.ui.screens.confirm import ConfirmScreen
from tests.support.app_harness import make_app, notifications, settle
from tests.support.portal_server import PortalServer

SECRET = "s3cret"
PATH = "/Pages/thanh-pho-phu-ly-day-nhanh-tien-do-xoa-nha-tam-nha-dot-nat.aspx"


async def test_following_a_link_with_credentials_or_a_backslash_does_nothing(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    host = fresh_portal.url.removeprefix("http://")
    hostile = [
        f"http://user:{SECRET}@{host}{PATH}",
        f"http://{host}@evil.example{PATH}",
        f"http://127.0.0.1:9\\@{host}{PATH}",
        f"http:\\\\{host}{PATH}",
    ]
    app = make_app(fresh_portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        before = len(fresh_portal.requests)
        for url in hostile:
            app.clear_notifications()
            app.main.follow_link(url)
            await settle(pilot)
            assert not isinstance(app.screen, ConfirmScreen), url
            assert app.main.reader.article is None
            [(title, message)] = notifications(app)
            assert "***" in message or "\\" in message
            assert SECRET not in title + message
        assert len(fresh_portal.requests) == before  # nothing was fetched
        assert app.is_running
