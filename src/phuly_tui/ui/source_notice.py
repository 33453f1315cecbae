"""Where the copy on screen comes from: the status line's notice and the stale toast.

A copy read from the store while online is being refreshed that very moment,
so saying "Đang xem bản lưu…" for that instant would only flicker: the notice
is shown when it tells something — the portal failed (a stale copy), the app
is offline, the copy is the Internet Archive's, or the page's plain text
stands in for an article that could not be extracted.  The toast for a stale
copy is said once per spell of failures (the status line keeps saying it);
the listing and the reader share one :class:`SourceNotice`, so they share
that spell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from ..i18n import t
from . import messages as _messages  # noqa: F401  (registers the labels)
from .formatting import notify_plain

if TYPE_CHECKING:
    from textual.app import App

    from ..library import Loaded

__all__ = ["NoticeLine", "SourceNotice"]


class NoticeLine(Protocol):
    """Where the notice is shown: the status bar (a widget, which imports this module's
    users; a protocol keeps the import graph free of cycles)."""

    def set_notice(self, text: str | None) -> None: ...


class SourceNotice:
    """The notice of the copy shown, for ``status`` (see the module docstring)."""

    def __init__(self, app: App[Any], status: NoticeLine, *, offline: bool) -> None:
        self.app = app
        self.status = status
        self.offline = offline
        self._stale_warned = False

    def text_for(self, loaded: Loaded[Any]) -> str | None:
        """The notice worth showing for ``loaded`` (the reader's header shows it too)."""
        if loaded.archived is not None:  # always said: "Bản lưu trữ ngày …"
            return loaded.notice
        if loaded.plain_text:
            return t("ui.plain_text_notice")
        if loaded.source == "stale" or self.offline:
            return loaded.notice
        return None

    def show(self, loaded: Loaded[Any]) -> None:
        """Say in the status line where ``loaded`` comes from; a first stale copy toasts."""
        self.status.set_notice(self.text_for(loaded))
        if loaded.source == "stale" and loaded.error is not None and not self._stale_warned:
            self._stale_warned = True  # once: the status bar keeps saying it
            # short: on 80×24 a toast covers the list; the status line says when
            # the copy is from, and the error title why
            notify_plain(
                self.app, t("ui.stale.toast"), title=loaded.error.title, severity="warning"
            )
        elif loaded.source == "network":
            self._stale_warned = False
