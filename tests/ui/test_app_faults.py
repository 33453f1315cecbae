"""A misbehaving portal seen from the app: a clear Vietnamese message, never a crash.

The list stays on screen, the app stays responsive, the reader says what went
wrong (and "thử lại: r" when trying again may help), and nothing the server
sends reaches the screen as a control byte.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import faults
from tests.support.app_harness import make_app, notifications, settle
from tests.support.portal_server import PortalServer
from tests.support.screen_dump import screen_text

NEWEST = "/Pages/thanh-pho-phu-ly-day-nhanh-tien-do-xoa-nha-tam-nha-dot-nat.aspx"
CONTROL_BYTES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (faults.sharepoint_error(500), "HTTP 500"),
        (faults.sharepoint_error(404), "HTTP 404"),
        (faults.reset_connection(), "bị ngắt đột ngột"),
        (faults.truncated_body(), "bị cắt ngang"),
        (faults.redirect_loop(), "chuyển hướng quá nhiều lần"),
        (faults.redirect_to("https://example.com/lua-dao"), "https://example.com/lua-dao"),
        (faults.empty_200(), "trang trống"),
        (faults.gzip_bomb(60), "giới hạn"),
        (faults.slow_headers(3.0), "không trả lời sau"),
        # a PDF where a page was expected is read as a document: this one is broken
        (faults.pdf_response(), "không đúng định dạng PDF"),
    ],
    ids=[
        "500",
        "404",
        "reset",
        "truncated",
        "redirect-loop",
        "redirect-offsite",
        "empty",
        "gzip-bomb",
        "slow-headers",
        "pdf",
    ],
)
async def test_a_failing_article_says_why_and_the_app_carries_on(
    fresh_portal: PortalServer, tmp_path: Path, fault: faults.Route, expected: str
) -> None:
    fresh_portal.routes[NEWEST] = fault
    app = make_app(fresh_portal.url, tmp_path / "data", timeout=1.0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        reader = app.main.reader
        assert reader.article is None
        assert expected in reader.text
        assert any(expected in message for _, message in notifications(app))
        assert len(app.main.article_list.items) == 10
        assert not CONTROL_BYTES.search(screen_text(app))
        await pilot.press("h", "j")  # still answering keys
        assert app.main.article_list.highlighted == 1
        assert app.is_running


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (faults.slow_body(100_000, interval=0.2), "không trả lời sau"),
        (faults.oversized(20 * 1024 * 1024, chunked=True), "giới hạn"),
        (faults.status_with_retry_after(503, "1", failures=10**6), "HTTP 503"),
    ],
    ids=["slow-body", "oversized", "503-always"],
)
async def test_more_failing_articles(
    fresh_portal: PortalServer, tmp_path: Path, fault: faults.Route, expected: str
) -> None:
    fresh_portal.routes[NEWEST] = fault
    app = make_app(fresh_portal.url, tmp_path / "data", timeout=1.0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert expected in app.main.reader.text
        assert not CONTROL_BYTES.search(screen_text(app))
        assert app.is_running


@pytest.mark.parametrize(
    "fault",
    [
        faults.status_with_retry_after(503, "1", failures=1),
        faults.invalid_utf8_page(),
        faults.no_charset_page(),
    ],
    ids=["503-then-ok", "invalid-utf8", "no-charset"],
)
async def test_odd_but_readable_answers_are_shown(
    fresh_portal: PortalServer, tmp_path: Path, fault: faults.Route
) -> None:
    fresh_portal.routes[NEWEST] = fault
    app = make_app(fresh_portal.url, tmp_path / "data", timeout=3.0, retries=1)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = app.main.reader.text
        assert text.strip()
        assert "Traceback" not in text
        assert not CONTROL_BYTES.search(screen_text(app))
        assert app.is_running
