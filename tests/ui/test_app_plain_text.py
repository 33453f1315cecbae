"""When extraction fails, the reader shows the page's plain text with a notice (issue 5)."""

from __future__ import annotations

from pathlib import Path

from tests.support import faults
from tests.support.app_harness import make_app, settle
from tests.support.portal_server import PortalServer

ODD_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>x</title></head><body>"
    "<ul><li><a href='/a'>Liên kết một</a></li><li><a href='/b'>Liên kết hai</a></li></ul>"
    "<form><input name='q'></form></body></html>"
).encode()


async def test_unextractable_page_shows_plain_text_with_notice(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    fresh_portal.routes["/Pages/odd.aspx"] = faults.html_page(ODD_PAGE)
    app = make_app(fresh_portal.url, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        from phuly_tui.library import Library

        assert isinstance(app.library, Library)
        # the library itself refuses the page: it is not an article
        app.main.open_article(fresh_portal.url + "/Pages/odd.aspx")
        await settle(pilot)
        text = app.main.reader.text
        assert "Không trích xuất được bài viết" in text
        assert "Liên kết một" in text
        assert "Liên kết hai" in text
        assert app.is_running
    # the text comes from the bytes fetched for the article: one GET, not a second
    odd = [path for method, path, _ in fresh_portal.requests if path == "/Pages/odd.aspx"]
    assert len(odd) == 1
