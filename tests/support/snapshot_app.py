"""A deterministic app for pictures: snapshot tests and ``screenshots/``.

A picture of the app must not depend on when or where it was taken:

- no random port on screen: nothing the app paints names the portal's host
  except connection errors, and those use the fixed closed port
  ``127.0.0.1:9`` (see ``tests/conftest.py``);
- no clock: a fresh data folder per app, so no "stored copy from …" notice;
- notifications stay up for a minute, so a toast in the picture never
  depends on how fast the machine was;
- no blinking cursor: :func:`settled` stops every ``Input`` of the active
  screen from blinking (the trick harlequin's functional tests use), and
  shows its cursor;
- no animation, and :func:`settled` waits for every worker.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from textual.pilot import Pilot
from textual.widgets import Input

from phuly_tui.ui.app import PhulyApp
from tests.support.app_harness import make_app, settle
from tests.support.screen_dump import screen_text

__all__ = [
    "NOTIFICATION_SECONDS",
    "assert_no_port_on_screen",
    "freeze_cursors",
    "picture_app",
    "scroll_reader_to_end",
    "settled",
    "then",
]

#: long enough that no toast times out before the picture is taken
NOTIFICATION_SECONDS = 60.0

Step = Callable[[Pilot[Any]], Awaitable[None]]


def picture_app(
    base_url: str, data_dir: Path, *, url: str | None = None, **options: Any
) -> PhulyApp:
    """The app as :func:`tests.support.app_harness.make_app` builds it, made still."""
    app = make_app(base_url, data_dir, url=url, **options)
    app.NOTIFICATION_TIMEOUT = NOTIFICATION_SECONDS  # type: ignore[misc]
    return app


def freeze_cursors(app: PhulyApp) -> None:
    """Stop every mounted ``Input`` of the active screen from blinking."""
    for field in app.screen.query(Input):
        field.cursor_blink = False


def assert_no_port_on_screen(app: PhulyApp) -> None:
    """Fail clearly if the screen shows the test server's port (random per run).

    Were the app to paint the portal's address, a snapshot would differ from
    run to run; this says where the trouble is instead.
    """
    port = urlsplit(app.config.base_url).port
    if port is None or port == 9:  # 9: the fixed closed port of the error pictures
        return
    shown = screen_text(app)
    assert f":{port}" not in shown, f"the portal's port {port} is on screen:\n{shown}"


async def settled(pilot: Pilot[Any]) -> None:
    """Every worker done, the screen caught up, no blinking cursor, no port shown."""
    await settle(pilot)
    assert isinstance(pilot.app, PhulyApp)
    freeze_cursors(pilot.app)
    await pilot.pause()
    assert_no_port_on_screen(pilot.app)


def then(*keys: str) -> Step:
    """A ``run_before`` step: settle, press ``keys`` one at a time (settling after each)."""

    async def run(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        for key in keys:
            await pilot.press(key)
            await settled(pilot)

    return run


async def scroll_reader_to_end(pilot: Pilot[Any]) -> None:
    """Settle, then scroll the reader to its end (the images and "Tin liên quan")."""
    await settled(pilot)
    app = pilot.app
    assert isinstance(app, PhulyApp)
    app.main.reader.scroll_end(animate=False, immediate=True)
    await settled(pilot)
