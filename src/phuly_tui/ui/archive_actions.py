"""The app's side of the Internet Archive: ``A`` (captures) and the archive's waits.

Kept out of the main screen, which only routes: :meth:`ArchiveActions.captures`
lists the open page's captures (:class:`~phuly_tui.ui.screens.captures.CapturesScreen`)
and reads the chosen one; :func:`say_archive_wait` turns a wait for the archive
(its rate limit, a 429) into a notification.  The notice "Bản lưu trữ ngày …
(Internet Archive)" itself comes with every archived :class:`Loaded` value
(the reader's header and the status line show it).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ..errors import PhulyError
from ..i18n import add_messages, t

if TYPE_CHECKING:
    from textual.app import App

    from ..archive import ArchiveWait, Capture
    from .screens.main import MainScreen

__all__ = ["ArchiveActions", "say_archive_wait"]

log = logging.getLogger("phuly_tui.ui")

#: waits shorter than this pass without a word (a few seconds of pacing)
QUIET_WAIT = 3.0

add_messages(
    {
        "ui.captures.none": (
            "Trang này không có trong kho lưu trữ.",
            "This page is not in the archive.",
        ),
        "ui.archive.title": ("Internet Archive", "Internet Archive"),
        "ui.archive.wait": (
            "Internet Archive yêu cầu chờ {seconds} giây; đang chờ…",
            "The Internet Archive asks to wait {seconds} seconds; waiting…",
        ),
        "ui.archive.pace": (
            "Đang chờ Internet Archive {seconds} giây (giới hạn tốc độ)…",
            "Waiting {seconds} s for the Internet Archive (rate limit)…",
        ),
    }
)


def say_archive_wait(app: App[Any], wait: ArchiveWait) -> None:
    """A notification for a wait for the archive (from the app's event loop)."""
    if wait.reason == "rate" and wait.seconds < QUIET_WAIT:
        return
    key = "ui.archive.wait" if wait.reason == "retry_after" else "ui.archive.pace"
    from .formatting import screen_block

    app.notify(
        screen_block(t(key, seconds=max(1, round(wait.seconds)))),
        title=t("ui.archive.title"),
        severity="warning",
        timeout=min(30.0, max(5.0, wait.seconds)),
    )


class ArchiveActions:
    """``A`` on ``screen``: pick a capture of the open page and read it."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def captures(self) -> None:
        """List the open page's captures (looked up once, then from the store)."""
        screen = self.screen
        article = screen.reader.article
        if article is None:
            screen.say(t("ui.no_article"))
            return
        screen.spawn(self._list(article.url), group="captures", exclusive=True)

    async def _list(self, url: str) -> None:
        from .screens.captures import CapturesScreen

        screen = self.screen
        try:
            captures = await screen.library.captures(url)
        except PhulyError as exc:
            screen.notify_error(exc)
            return
        if not captures:
            screen.say(t("ui.captures.none"), title=t("ui.archive.title"))
            return

        def chosen(index: int | None) -> None:
            if index is not None and 0 <= index < len(captures):
                screen.spawn(self._read(url, captures[index]), group="load", exclusive=True)

        archive_url = screen.library.config.archive_url
        screen.app.push_screen(CapturesScreen(captures, archive_url), chosen)

    async def _read(self, url: str, capture: Capture) -> None:
        screen = self.screen
        try:
            loaded = await screen.library.read_archived(url, "article", capture)
        except PhulyError as exc:
            screen.notify_error(exc)
            return
        screen.show_loaded(url, loaded)
