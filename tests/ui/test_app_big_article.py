"""Issue 9 item 14: a 20,000-row table neither freezes the app nor is laid out whole.

Structure, not wall-clock: the page is parsed in a child process (its GIL is
not the app's; ``tests/unit/test_parse_offload.py``) and the article prepared
in a thread (never on the event loop, which answers the keys), and the reader
turns into lines only what is on screen, however long the article.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest

import phuly_tui.parse.api
from phuly_tui.model import Table
from phuly_tui.ui.widgets import reader as reader_module
from phuly_tui.ui.widgets.article_body import TablePiece
from tests.support import faults
from tests.support.app_harness import make_app, settle
from tests.support.big_table import HEADER
from tests.support.big_table import big_table_page as make_page
from tests.support.portal_server import PortalServer
from tests.support.screen_dump import screen_text

NEWEST = "/Pages/thanh-pho-phu-ly-day-nhanh-tien-do-xoa-nha-tam-nha-dot-nat.aspx"
ROWS = 20_000
WIDTH, HEIGHT = 120, 40


@pytest.fixture(scope="module")
def big_table_page() -> bytes:
    return make_page(ROWS)


def recording(module: Any, name: str, threads: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    """Wrap ``module.name`` to record, per call, whether it ran on the main thread."""
    real = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)


async def test_big_table_runs_in_workers_and_draws_a_screen_at_a_time(
    fresh_portal: PortalServer,
    tmp_path: Path,
    big_table_page: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fresh_portal.routes[NEWEST] = faults.html_page(big_table_page)
    parsed: list[bool] = []
    prepared: list[bool] = []
    # what the library's parse_as calls (a page read for the first time is read
    # for what it is: parse_page)
    recording(phuly_tui.parse.api, "parse_article", parsed, monkeypatch)
    recording(phuly_tui.parse.api, "parse_page", parsed, monkeypatch)
    recording(reader_module, "render_article", prepared, monkeypatch)
    children: list[tuple[Any, ...]] = []
    real_spawn = asyncio.create_subprocess_exec

    async def spawn(*args: Any, **kwargs: Any) -> Any:
        children.append(args)
        return await real_spawn(*args, **kwargs)

    monkeypatch.setattr(asyncio, "create_subprocess_exec", spawn)
    app = make_app(fresh_portal.url, tmp_path / "data")
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        reader = app.main.reader
        for _ in range(100):
            if not reader.preparing:
                break
            await pilot.pause(0.05)
        assert reader.article is not None
        table = next(b for b in reader.article.blocks if isinstance(b, Table))
        assert len(table.rows) == ROWS + 1
        body = reader.body
        assert body.size.height > ROWS  # the whole table is there to scroll through…
        # …but only what was on screen was drawn (a few times: the focus moving to
        # the reader restyles it), never the 20,000 rows
        assert 0 < body.lines_drawn <= 3 * HEIGHT
        assert "Thành phố Phủ Lý" in screen_text(app)  # the title, at the top
        await pilot.press("G")  # to the end of the article, past the table
        await settle(pilot)
        assert "Tin liên quan" in screen_text(app)
        assert body.lines_drawn <= 5 * HEIGHT
        # the end of the table: its last row and its frame
        index = next(i for i, b in enumerate(body.pieces) if isinstance(b, TablePiece))
        table_end = body.line_of(index) + body.measured(body.content_region.width).heights[index]
        reader.scroll_to(y=table_end - HEIGHT // 2, animate=False)
        await settle(pilot)
        text = screen_text(app)
        assert f"│ {ROWS}" in text
        assert "└" in text
        assert body.lines_drawn <= 7 * HEIGHT
        # the page was parsed in a child process (not in this one at all), and
        # the article prepared off the event loop
        assert len(children) == 1
        assert parsed == []
        assert prepared
        assert not any(prepared)


def test_small_articles_are_prepared_at_once() -> None:
    """The threshold: the portal's articles (and a modest table) stay synchronous."""
    assert reader_module.BIG_ARTICLE > 500
    assert len(HEADER) * 100 < reader_module.BIG_ARTICLE
