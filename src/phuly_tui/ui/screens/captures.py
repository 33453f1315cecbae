"""``A``: the Internet Archive's captures of the open page, newest first.

A :class:`~phuly_tui.ui.screens.picker.PickerScreen` whose rows are the
capture dates (as read in Vietnam) and whose detail line is the capture's
``id_`` address; Enter (or 1–9) reads that capture.  Dismisses with the
index, or None.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...archive import VIETNAM, Capture
from ...i18n import add_messages, t
from .picker import PickerScreen

__all__ = ["CapturesScreen", "capture_rows"]

add_messages(
    {
        "ui.captures.title": (
            "Các bản lưu trữ của trang (Internet Archive), mới nhất trước",
            "The page's captures (Internet Archive), newest first",
        ),
        "ui.captures.hint": (
            "Enter hoặc 1–9: đọc bản này · Esc: đóng",
            "Enter or 1–9 reads that capture · Esc closes",
        ),
    }
)


def capture_rows(captures: Sequence[Capture], archive_url: str) -> list[tuple[str, str]]:
    """``("28/06/2025 17:11", <id_ URL>)`` for each capture, in the given order."""
    return [
        (
            c.captured.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M"),
            c.replay_url(archive_url),
        )
        for c in captures
    ]


class CapturesScreen(PickerScreen):
    """The picker of captures (see the module docstring)."""

    def __init__(self, captures: Sequence[Capture], archive_url: str) -> None:
        super().__init__(
            t("ui.captures.title"),
            capture_rows(captures, archive_url),
            hint=t("ui.captures.hint"),
        )
