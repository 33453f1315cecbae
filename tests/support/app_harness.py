"""Helpers for Pilot tests of the app against the local portal server."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from phuly_tui.config import Config
from phuly_tui.library import Library, fetch_settings
from phuly_tui.ui.app import PhulyApp
from phuly_tui.ui.screens.main import MainScreen

SEED_PATH = (
    "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-"
    "trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"
)
SEED_TITLE = "Ban chỉ đạo 35 TP Phủ Lý sơ kết"
FIRST_RELATED_TITLE = "Hội nghị học tập, quán triệt Nghị quyết Hội nghị Trung ương 9 khóa XIII"
NEWEST_TITLE = "Thành phố Phủ Lý đẩy nhanh tiến độ xóa nhà tạm, nhà dột nát"
HOSTILE = "[@click=app.quit]Thoát[/] [bold]đậm[/bold]"


def make_app(
    base_url: str,
    data_dir: Path,
    *,
    url: str | None = None,
    retries: int = 0,
    demo: bool = False,
    **options: Any,
) -> PhulyApp:
    """The app over a store in ``data_dir``, reading ``base_url``.

    The fetcher does not retry by default, so failure cases stay fast.
    """
    from phuly_tui.fetch import Fetcher

    options.setdefault("timeout", 5.0)
    options.setdefault("archive", "never")  # tests about the archive say so
    config = Config(base_url=base_url, data_dir=data_dir, **options)
    settings = replace(fetch_settings(config), retries=retries)
    app = PhulyApp(Library(config, fetcher=Fetcher(settings)), config, url=url, demo=demo)
    app.animation_level = "none"  # scrolling jumps: tests do not wait for animations
    return app


async def settle(pilot: Pilot[Any], rounds: int = 3) -> None:
    """Wait until every worker is done and the screen has caught up.

    A worker replaced by an exclusive one ends "cancelled"; that is normal here.
    The first network refresh starts just after the first frame: wait for it.
    """
    app = pilot.app
    if isinstance(app, PhulyApp) and app._main is not None:
        for _ in range(200):
            if app.main.start.network_started:
                break
            await pilot.pause(0.01)
    for _ in range(rounds):
        for _attempt in range(20):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except WorkerCancelled:
                continue
        await pilot.pause()


def main_screen(app: PhulyApp) -> MainScreen:
    return app.main


def notifications(app: PhulyApp) -> list[tuple[str, str]]:
    """``(title, message)`` of every notification raised so far."""
    return [(n.title, n.message) for n in app._notifications]
