"""What the user did with the articles: read marks and bookmarks.

A list's read marks come as one :class:`~phuly_tui.library.ReadState` (read,
and updated since read); a section's unread counts and "mark the section read"
are one call each.  Marks the user asks for raise
:class:`~phuly_tui.errors.ReadOnlyStoreError` on a read-only store; the mark of
an article merely shown is skipped there (said once).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model import ListingItem
from .core import LibraryCore
from .loaded import ReadState

if TYPE_CHECKING:
    from ..store import ArticleSummary


__all__ = ["UserState"]


class UserState(LibraryCore):
    """Read marks and bookmarks (sync calls: from a thread in the app)."""

    def mark_read(self, url: str, read: bool = True) -> None:
        """Mark ``url`` read or unread, as the user asked.

        Raises:
            ReadOnlyStoreError: the store cannot be written.
        """
        self._store.mark_read(url, read)

    def record_reading(self, url: str) -> None:
        """The article at ``url`` was shown: mark it read — unless the store is
        read-only (said once; the reading itself goes on)."""
        self._save(lambda: self.mark_read(url), None)

    def read_urls(self, urls: Iterable[str]) -> set[str]:
        return self._store.read_urls(urls)

    def read_state(self, urls: Iterable[str]) -> ReadState:
        """Which of ``urls`` are read, and which of those changed since (for a list)."""
        wanted = list(urls)
        return ReadState(self._store.read_urls(wanted), self._store.updated_since_read(wanted))

    def unread_counts(self, section_urls: Iterable[str]) -> dict[str, int]:
        """Unread articles of each section's stored listing pages, by section URL."""
        return {url: self._store.unread_count(url) for url in section_urls}

    def mark_section_read(self, section_url: str, shown: Iterable[str] = ()) -> None:
        """``M``: every stored item of the section read, and the ``shown`` URLs too
        (items on screen that may not be stored under this section).

        Raises:
            ReadOnlyStoreError: the store cannot be written.
        """
        self._store.mark_section_read(section_url)
        for url in shown:
            self._store.mark_read(url, True)

    def toggle_bookmark(self, url: str) -> bool:
        return self._store.toggle_bookmark(url)

    def unread_articles(self, *, limit: int = 200) -> list[tuple[ListingItem, str | None]]:
        """ "Tin mới": unread articles of every stored section, newest first."""
        return self._store.unread_articles(limit=limit)

    def unread_article_count(self) -> int:
        """How many unread articles "Tin mới" has (all of them: one COUNT in the store)."""
        return self._store.unread_article_count()

    def bookmarks(self) -> list[ArticleSummary]:
        return self._store.bookmarks()
