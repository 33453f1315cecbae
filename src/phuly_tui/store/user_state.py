"""What the reader did: read marks ("Tin mới", unread counts, "đã cập nhật") and bookmarks.

A part of :class:`~.store.Store` (it derives from :class:`UserState`); every
method is one transaction on the store's :class:`~.database.Database`, and keys
the addresses it is given with :func:`~phuly_tui.urls.url_key` (a mark made
under one spelling of an address shows under every other).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from ..model import ListingItem
from ..urls import url_key
from .database import Database, chunks, placeholders
from .sections import section_url_of

if TYPE_CHECKING:
    from .records import ArticleSummary

__all__ = ["UserState"]


class UserState:
    """Read state and bookmarks of :class:`~.store.Store`."""

    _db: Database

    def mark_read(self, url: str, read: bool = True, *, at: float | None = None) -> None:
        """Mark ``url`` read (now, or at ``at``) or unread; reading again refreshes the time."""
        with self._db.write() as conn:
            if read:
                conn.execute(
                    "INSERT INTO reads (url, read_at) VALUES (?, ?)"
                    " ON CONFLICT (url) DO UPDATE SET read_at = excluded.read_at",
                    (url_key(url), time.time() if at is None else at),
                )
            else:
                conn.execute("DELETE FROM reads WHERE url = ?", (url_key(url),))

    def is_read(self, url: str) -> bool:
        with self._db.read() as conn:
            found = conn.execute("SELECT 1 FROM reads WHERE url = ?", (url_key(url),)).fetchone()
        return found is not None

    def read_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` are read (one query per 500 URLs), as the caller spelled them."""
        return self._subset("SELECT url FROM reads WHERE url IN ({})", urls)

    def _subset(self, sql: str, urls: Iterable[str]) -> set[str]:
        """The members of ``urls`` whose key ``sql`` finds, in the caller's spelling
        (a list compares them with its own items' addresses)."""
        spellings: dict[str, list[str]] = {}
        for url in urls:
            spellings.setdefault(url_key(url), []).append(url)
        wanted = list(spellings)
        found: set[str] = set()
        with self._db.read() as conn:
            for chunk in chunks(wanted):
                query = sql.format(placeholders(len(chunk)))
                for row in conn.execute(query, tuple(chunk)):
                    found.update(spellings[row[0]])
        return found

    _SECTION_ITEMS: Final = (
        "SELECT DISTINCT li.article_url FROM listing_items AS li"
        " JOIN pages AS p ON p.url = li.listing_url"
        " WHERE p.kind = 'listing' AND p.section_url = ?"
    )

    def mark_section_read(self, section_url: str, *, at: float | None = None) -> int:
        """Mark every item of the section's stored listing pages read; return how
        many were unread before."""
        key = section_url_of(section_url)
        with self._db.write() as conn:
            unread = conn.execute(
                f"SELECT count(*) FROM ({self._SECTION_ITEMS})"
                " WHERE article_url NOT IN (SELECT url FROM reads)",
                (key,),
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO reads (url, read_at)"
                f" SELECT article_url, ? FROM ({self._SECTION_ITEMS})"
                " WHERE true ON CONFLICT (url) DO UPDATE SET read_at = excluded.read_at",
                (time.time() if at is None else at, key),
            )
        return int(unread)

    def unread_count(self, section_url: str) -> int:
        """Unread articles among the items of the section's stored listing pages."""
        with self._db.read() as conn:
            row = conn.execute(
                f"SELECT count(*) FROM ({self._SECTION_ITEMS})"
                " WHERE article_url NOT IN (SELECT url FROM reads)",
                (section_url_of(section_url),),
            ).fetchone()
        return int(row[0])

    #: "Tin mới": the unread articles listed on any stored listing page
    _UNREAD_LISTED: Final = (
        " FROM articles AS a"
        " WHERE a.url IN (SELECT li.article_url FROM listing_items AS li"
        " JOIN pages AS p ON p.url = li.listing_url WHERE p.kind = 'listing')"
        " AND a.url NOT IN (SELECT url FROM reads)"
    )

    def unread_articles(self, *, limit: int = 200) -> list[tuple[ListingItem, str | None]]:
        """ "Tin mới": the unread articles listed on any stored listing page, newest
        first (undated last), at most ``limit``; each with its section's name.

        Day order compares ``published`` as text (ISO dates, with or without a
        time); articles of one day keep the order they were first seen in.
        """
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT a.title, a.url, a.published, a.summary, a.section"
                f"{self._UNREAD_LISTED}"
                " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ?",
                (max(0, int(limit)),),
            ).fetchall()
        return [
            (ListingItem(title or url, url, published, summary), section)
            for title, url, published, summary, section in rows
        ]

    def unread_article_count(self) -> int:
        """How many articles "Tin mới" has — all of them, not only the ``limit``
        :meth:`unread_articles` hands out — counted in SQLite: the count beside
        the entry needs no row read into Python."""
        with self._db.read() as conn:
            row = conn.execute(f"SELECT count(*){self._UNREAD_LISTED}").fetchone()
        return int(row[0])

    def updated_since_read(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` are read articles whose content changed after the reading
        (the app marks them "đã cập nhật")."""
        return self._subset(
            "SELECT p.url FROM pages AS p JOIN reads AS r ON r.url = p.url"
            " WHERE p.kind = 'article' AND p.changed_at > r.read_at AND p.url IN ({})",
            urls,
        )

    # -- bookmarks -----------------------------------------------------------------

    def toggle_bookmark(self, url: str) -> bool:
        """Add or remove a bookmark; return True when ``url`` is now bookmarked."""
        with self._db.write() as conn:
            key = url_key(url)
            removed = conn.execute("DELETE FROM bookmarks WHERE url = ?", (key,)).rowcount
            if removed:
                return False
            conn.execute(
                "INSERT INTO bookmarks (url, created_at) VALUES (?, ?)", (key, time.time())
            )
            return True

    def is_bookmarked(self, url: str) -> bool:
        with self._db.read() as conn:
            row = conn.execute("SELECT 1 FROM bookmarks WHERE url = ?", (url_key(url),)).fetchone()
        return row is not None

    def bookmarks(self) -> list[ArticleSummary]:
        """Bookmarked articles and documents, the most recently bookmarked first.

        A document (an attachment read as text) is named as the reader's card
        names it — the link's text in the article, else its subject — and dated
        by its issue date; a file never read as text by the link's text of the
        first article attaching it.  Only what the store knows nothing of is
        listed under its URL.
        """
        return self._summaries(
            "SELECT b.url, COALESCE(a.title, d.title, (SELECT r.title FROM doc_refs AS r"
            " WHERE r.relation = 'attaches' AND r.target_url = b.url AND r.title IS NOT NULL"
            " ORDER BY r.rowid LIMIT 1)), COALESCE(a.published, d.issued), a.section"
            " FROM bookmarks AS b LEFT JOIN articles AS a ON a.url = b.url"
            " LEFT JOIN documents AS d ON d.url = b.url ORDER BY b.created_at DESC",
            (),
        )

    def known_article(self, url: str) -> ArticleSummary | None:
        """What the catalogue knows of ``url``: its own title, date and section once
        fetched, a listing's while the page gives none (None when never seen)."""
        found = self._summaries(
            "SELECT url, title, published, section FROM articles WHERE url = ?", (url_key(url),)
        )
        return found[0] if found else None

    def _summaries(self, sql: str, params: tuple[Any, ...]) -> list[ArticleSummary]:
        from .records import ArticleSummary  # with the first bookmark list: not at start

        with self._db.read() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [
            ArticleSummary(url, title or url, published, section)
            for url, title, published, section in rows
        ]
