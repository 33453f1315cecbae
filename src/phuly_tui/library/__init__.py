"""The one service the app and the CLI call: cache-first reads, refresh, sync.

:class:`Library` owns the reading policy — the stored copy first, then the
portal's answer; the plain-text fallback; where an address leads; the read
marks — so that the app only shows what it is given: the UI never imports
``fetch``, ``parse`` or ``store`` (import-linter's contracts in
``pyproject.toml``) and never reaches into the library's store or fetcher
(``tests/unit/test_ui_boundary.py``).  :mod:`phuly_tui.library.service` says
which module of the package does what.
Nothing here imports Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .archived import CAPTURES_MAX_AGE, portal_is_gone
from .core import fetch_settings
from .loaded import ArchivedCopy, ArticleLoad, Loaded, ReadState, Refreshed
from .routes import PageElsewhereError, Route, RouteKind
from .search_filters import find_section, parse_day, resolve_doc_type, split_search_filters
from .service import Library

if TYPE_CHECKING:
    from ..sync import SyncProgress, SyncReport, archive_sync_notice

__all__ = [
    "CAPTURES_MAX_AGE",
    "ArchivedCopy",
    "ArticleLoad",
    "Library",
    "Loaded",
    "PageElsewhereError",
    "ReadState",
    "Refreshed",
    "Route",
    "RouteKind",
    "SyncProgress",
    "SyncReport",
    "archive_sync_notice",
    "fetch_settings",
    "find_section",
    "parse_day",
    "portal_is_gone",
    "resolve_doc_type",
    "split_search_filters",
]


def __getattr__(name: str) -> Any:
    """``SyncProgress``, ``SyncReport`` and ``archive_sync_notice`` come from
    :mod:`phuly_tui.sync`, loaded on first use.

    The start of the app does not sync, and importing the sync engine cost
    about 2 ms before the first frame.
    """
    if name in ("SyncProgress", "SyncReport", "archive_sync_notice"):
        from .. import sync

        return getattr(sync, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
