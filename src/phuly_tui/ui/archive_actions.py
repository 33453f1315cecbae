"""The app's side of the Internet Archive: its waits, and what a page never
captured offers.

* :func:`say_archive_wait`: a wait for the archive (its rate limit, a 429)
  becomes a notification.
* :func:`sync_progress_text`: the app's sync (command palette, Ctrl+R in
  search) reads the archive — as ``phuly-tui sync`` does — when
  :meth:`~phuly_tui.library.Library.sync_reads_archive` says so (the notice is
  :func:`~phuly_tui.sync.archive_sync_notice`, the CLI's too); the status line
  shows its progress and the archive's waits.
* :func:`offered_listing` and :func:`offer_text`: "Trang này không có trong kho
  lưu trữ" in the reader, when the store knows the page's listing and the
  archive has a capture of it, adds "Nhấn Enter để mở bản lưu trữ của mục …";
  Enter (binding id ``listing_capture``) has the main screen show that capture
  in the article list (:meth:`~phuly_tui.ui.widgets.listing_pane.ListingPane.show_capture`).

``A`` and its list of captures live in :mod:`phuly_tui.ui.screens.captures`;
the notice "Bản lưu trữ ngày … (Internet Archive)" comes with every archived
:class:`Loaded` value (the reader's header and the status line show it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import NotArchivedError, PhulyError
from ..i18n import add_messages, t
from . import messages as _messages  # noqa: F401  (registers "ui.sync.progress")

if TYPE_CHECKING:
    from textual.app import App

    from ..archive import ArchiveWait
    from ..library import SyncProgress

__all__ = [
    "offer_text",
    "offered_listing",
    "say_archive_wait",
    "sync_progress_text",
]

#: waits shorter than this pass without a word (a few seconds of pacing)
QUIET_WAIT = 3.0

add_messages(
    {
        "ui.archive.title": ("Internet Archive", "Internet Archive"),
        "ui.archive.pace": (
            "Đang chờ Internet Archive {seconds} giây (giới hạn tốc độ)…",
            "Waiting {seconds} s for the Internet Archive (rate limit)…",
        ),
        "ui.sync.archive_progress": (
            "Đang đồng bộ từ Internet Archive {done}/{total}…",
            "Syncing from the Internet Archive {done}/{total}…",
        ),
        "ui.sync.archive_wait": (
            "chờ {seconds} giây (giới hạn tốc độ)",
            "waiting {seconds} s (rate limit)",
        ),
        "ui.archive.offer_listing": (
            "Nhấn Enter để mở bản lưu trữ của mục {name} (ngày {date}).",
            "Press Enter to open the archived copy of {name} ({date}).",
        ),
    }
)


def say_archive_wait(app: App[Any], wait: ArchiveWait, *, syncing: bool = False) -> None:
    """A notification for a wait for the archive (from the app's event loop).

    ``syncing``: a sync from the archive is under way, whose progress in the
    status line shows its pacing; only a 429's wait is notified then (a toast
    for every paced request would cover the screen).
    """
    if wait.reason == "rate" and (syncing or wait.seconds < QUIET_WAIT):
        return
    key = "archive.wait" if wait.reason == "retry_after" else "ui.archive.pace"
    from .formatting import notify_plain

    notify_plain(
        app,
        t(key, seconds=max(1, round(wait.seconds))),
        title=t("ui.archive.title"),
        severity="warning",
        timeout=min(30.0, max(5.0, wait.seconds)),
    )


def sync_progress_text(step: SyncProgress, *, from_archive: bool) -> str:
    """The status line during a sync: "Đang đồng bộ 12/40…", from the archive with
    its wait ("… · chờ 4 giây (giới hạn tốc độ)")."""
    if not from_archive:
        return t("ui.sync.progress", done=step.done, total=step.total)
    text = t("ui.sync.archive_progress", done=step.done, total=step.total)
    if step.outcome == "waiting" and step.wait > 0:
        text += " · " + t("ui.sync.archive_wait", seconds=max(1, round(step.wait)))
    return text


def offered_listing(exc: PhulyError) -> NotArchivedError | None:
    """``exc`` when it is a page never captured whose listing has a capture."""
    return exc if isinstance(exc, NotArchivedError) and exc.listing_line else None


def offer_text(error: NotArchivedError) -> str:
    """ "Nhấn Enter để mở bản lưu trữ của mục … (ngày …)." under the reader's error."""
    return t("ui.archive.offer_listing", name=error.listing_name, date=error.listing_date)
