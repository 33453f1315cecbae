"""The app's side of the archive's waits: :func:`say_archive_wait`.

A wait for the Internet Archive (its rate limit, a 429) becomes a
notification.  ``A`` and its list of captures live in
:mod:`phuly_tui.ui.screens.captures`; the notice "Bản lưu trữ ngày …
(Internet Archive)" comes with every archived :class:`Loaded` value (the
reader's header and the status line show it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import add_messages, t

if TYPE_CHECKING:
    from textual.app import App

    from ..archive import ArchiveWait

__all__ = ["say_archive_wait"]

#: waits shorter than this pass without a word (a few seconds of pacing)
QUIET_WAIT = 3.0

add_messages(
    {
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
    from .formatting import notify_plain

    notify_plain(
        app,
        t(key, seconds=max(1, round(wait.seconds))),
        title=t("ui.archive.title"),
        severity="warning",
        timeout=min(30.0, max(5.0, wait.seconds)),
    )
