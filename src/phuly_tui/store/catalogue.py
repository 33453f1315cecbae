"""The catalogue of known articles: fetched ones and stubs from listing pages.

:class:`~phuly_tui.store.Store` writes pages; this module keeps the derived
tables in step inside the same transaction — ``articles`` (one row per known
article URL), ``listing_items`` (which articles each stored listing page
shows, for unread counts) and the search index rows.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..urls import url_key
from .schema import index_article

__all__ = ["record_article", "record_listing"]


def _keyed_items(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """``(key, item)`` of each listed item with an address (see :func:`record_listing`)."""
    return [
        (url_key(item["url"]), item)
        for item in data.get("items") or ()
        if isinstance(item, dict) and isinstance(item.get("url"), str) and item["url"]
    ]


def record_article(
    conn: sqlite3.Connection,
    url: str,
    data: dict[str, Any],
    seen_at: float,
    *,
    reindex: bool,
) -> None:
    """Upsert a fetched article into the catalogue; (re)index it when asked or missing.

    A fetched article's own title, date and section win over a listing's.
    """
    title = str(data.get("title") or url)
    conn.execute(
        "INSERT INTO articles (url, title, published, section, summary, fetched, seen_at)"
        " VALUES (?, ?, ?, ?, ?, 1, ?)"
        " ON CONFLICT (url) DO UPDATE SET title = excluded.title,"
        " published = coalesce(excluded.published, articles.published),"
        " section = coalesce(excluded.section, articles.section),"
        " summary = coalesce(articles.summary, excluded.summary),"
        " fetched = 1, seen_at = max(articles.seen_at, excluded.seen_at)",
        (url, title, data.get("published"), data.get("section"), data.get("lead"), seen_at),
    )
    article_id, _, indexed = _article_row(conn, url)
    if reindex or not indexed:
        # the documents' code comes with the first article stored, not with the store
        from .documents import record_article_refs

        index_article(conn, article_id, data)
        record_article_refs(conn, url, data)


def _article_row(conn: sqlite3.Connection, url: str) -> tuple[int, bool, bool]:
    """``(id, fetched, indexed)`` of a known article (RETURNING needs SQLite 3.35)."""
    row = conn.execute(
        "SELECT id, fetched, EXISTS (SELECT 1 FROM article_search WHERE rowid = articles.id)"
        " FROM articles WHERE url = ?",
        (url,),
    ).fetchone()
    return int(row[0]), bool(row[1]), bool(row[2])


def record_listing(
    conn: sqlite3.Connection,
    url: str,
    data: dict[str, Any],
    seen_at: float,
    *,
    reindex: bool,
) -> None:
    """Record a listing page's items (in order) and upsert them as article stubs.

    A stub (title, date, summary, section from the listing) is searchable and
    counted as unread before its article is fetched; it never overwrites what a
    fetched article says about itself.  The caller has cleared the listing's
    old items.
    """
    section = data.get("section") or None
    for position, (item_url, item) in enumerate(_keyed_items(data)):
        conn.execute(
            "INSERT OR IGNORE INTO listing_items (listing_url, position, article_url)"
            " VALUES (?, ?, ?)",
            (url, position, item_url),
        )
        title = str(item.get("title") or item_url)
        conn.execute(
            "INSERT INTO articles (url, title, published, section, summary, fetched, seen_at)"
            " VALUES (?, ?, ?, ?, ?, 0, ?)"
            " ON CONFLICT (url) DO UPDATE SET"
            " title = CASE WHEN articles.fetched THEN articles.title ELSE excluded.title END,"
            " published = coalesce(articles.published, excluded.published),"
            " section = coalesce(articles.section, excluded.section),"
            " summary = coalesce(excluded.summary, articles.summary),"
            " seen_at = max(articles.seen_at, excluded.seen_at)",
            (item_url, title, item.get("published"), section, item.get("summary"), seen_at),
        )
        article_id, fetched, indexed = _article_row(conn, item_url)
        if not fetched and (reindex or not indexed):
            index_article(conn, article_id, {"title": title, "summary": item.get("summary")})
