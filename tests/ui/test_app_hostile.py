"""Hostile page text: shown literally, never markup; control bytes never reach the screen."""

from __future__ import annotations

import re
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from rich.text import Text

from tests.support.app_harness import HOSTILE, NEWEST_TITLE, make_app, notifications, settle
from tests.support.portal_server import FIXTURE_DIR, PortalServer
from tests.support.screen_dump import screen_text

LISTING = "/Pages/tin-tuc-su-kien.aspx"
NEWEST = "/Pages/thanh-pho-phu-ly-day-nhanh-tien-do-xoa-nha-tam-nha-dot-nat.aspx"
#: what a page may try to slip in: colours, an OSC 52 clipboard write, a bidi override
ESCAPES = "\x1b[31m\x1b]52;c;SGVsbG8=\x07\u202e&#27;[2J"
CONTROL_BYTES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def serve(path: str, replace: tuple[str, str]) -> Callable[[BaseHTTPRequestHandler], None]:
    """A route answering ``path``'s fixture page with one text replaced everywhere."""
    page = (FIXTURE_DIR / "site" / path.lstrip("/")).read_text(encoding="utf-8")
    body = page.replace(*replace).encode("utf-8")

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


async def test_hostile_title_shows_literally_and_cannot_act(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    hostile_with_escapes = HOSTILE[:10] + ESCAPES + HOSTILE[10:]
    for path in (LISTING, NEWEST):
        fresh_portal.routes[path] = serve(path, (NEWEST_TITLE, hostile_with_escapes))
    app = make_app(fresh_portal.url, tmp_path / "data")
    async with app.run_test(size=(200, 40)) as pilot:  # no wrapping of the title
        await settle(pilot)
        articles = app.main.article_list
        assert articles.items[0].title == HOSTILE
        prompt = articles.prompt_at(0)
        assert isinstance(prompt, Text)
        assert prompt.plain.startswith(HOSTILE)
        assert HOSTILE in screen_text(app)
        # clicking the row runs no action hidden in the title
        await pilot.click(articles, offset=(16, 1))
        await settle(pilot)
        assert app.is_running
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        reader = app.main.reader
        assert reader.text.splitlines()[0] == HOSTILE
        text = screen_text(app)
        assert HOSTILE in text
        assert "[bold]đậm[/bold]" in text
        assert not CONTROL_BYTES.search(text)
        await pilot.press("y")
        assert app.clipboard == fresh_portal.url + NEWEST
        for title, message in notifications(app):
            assert not CONTROL_BYTES.search(title + message)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
