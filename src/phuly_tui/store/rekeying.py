"""Store version 8: every address the store keeps, in the one spelling.

Up to version 7 a page was stored under the address as the caller spelled it,
and the parser passed a link through as the page wrote it: ``/Pages/tin
tuc.aspx`` and ``/Pages/tin%20tuc.aspx`` (``%c3%a1`` and ``%C3%A1``, ``%2D``
and ``-``, ``tức`` and ``t%E1%BB%A9c``) were two pages, two read marks, two
bookmarks.  Since version 8 the store keys every address with
:func:`~phuly_tui.urls.url_key`, and :func:`rekey_addresses` brings a store
written before into that form once, inside the migration's transaction:

* each table keyed by an address keeps one row per key — of rows that now
  meet, the one that says the most recent thing: the newest live copy of a
  page (an archived copy only when there is no live one), the fetched article
  (its listing stubs fill what it lacks), the latest read mark, bookmark,
  capture list and document;
* the addresses that point at those rows (a listing's items, a section's
  key, what attaches or cites a document) are respelled;
* the stored pages' JSON is respelled too (every ``url``/``src``/``thumbnail``/
  ``next``/``prev``), as the parser now writes it: the next fetch of an
  unchanged page finds the same JSON, and a read article is not flagged
  "đã cập nhật" because its links changed spelling.

Nothing else is touched: the search rows of a surviving article or document
stay; those of a merged-away one go with it.  Data the old spellings held
stays reachable under the new key.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Final

from ..urls import map_urls, url_key
from .payload import dumps
from .sections import section_url_of

__all__ = ["rekey_addresses"]

#: tables with one row per address: which of the rows that meet stays (first in
#: order); the articles go before the pages, whose copy they follow
_KEEP_FIRST: Final = {
    "articles": "fetched DESC,"
    " coalesce((SELECT captured_at IS NOT NULL FROM pages AS p WHERE p.url = articles.url), 1),"
    " coalesce((SELECT coalesce(captured_at, fetched_at) FROM pages AS p"
    " WHERE p.url = articles.url), 0) DESC, seen_at DESC, id",
    "pages": "captured_at IS NOT NULL, coalesce(captured_at, fetched_at) DESC",
    "reads": "read_at DESC",
    "bookmarks": "created_at DESC",
    "captures": "looked_up_at DESC",
    "documents": "fetched_at DESC, id",
}


def rekey_addresses(connection: sqlite3.Connection) -> None:
    """Rewrite a store of version 7 into version 8's keys (see the module doc).

    Idempotent: a store already keyed so is left as it is.
    """
    # a page's address is the key its listing items refer to: checked at COMMIT
    connection.execute("PRAGMA defer_foreign_keys = ON")
    for table in _KEEP_FIRST:
        _one_row_per_key(connection, table)
    for table, column in (
        ("listing_items", "article_url"),
        ("doc_refs", "source_url"),
        ("doc_refs", "target_url"),
    ):
        _respell_column(connection, table, column)
    # a listing page's section from its own address (as put_page files it), not
    # from the stored one: version 7 spelled that through urlencode (%20 → +)
    listings = connection.execute(
        "SELECT url, section_url FROM pages WHERE kind = 'listing'"
    ).fetchall()
    for url, section in listings:
        if section_url_of(url) != section:
            connection.execute(
                "UPDATE pages SET section_url = ? WHERE url = ?", (section_url_of(url), url)
            )
    _respell_payloads(connection)


def _one_row_per_key(connection: sqlite3.Connection, table: str) -> None:
    """Keep the first row of each key (:data:`_KEEP_FIRST`), then give it the key."""
    rows = connection.execute(f"SELECT url FROM {table} ORDER BY {_KEEP_FIRST[table]}")
    kept: dict[str, str] = {}
    merged: list[tuple[str, str]] = []
    for (url,) in rows.fetchall():
        key = url_key(url)
        if key in kept:
            merged.append((url, kept[key]))
        else:
            kept[key] = url
    for url, survivor in merged:
        _merge(connection, table, url, survivor)
    for key, url in kept.items():
        if url != key:
            connection.execute(f"UPDATE {table} SET url = ? WHERE url = ?", (key, url))
            if table == "pages":
                connection.execute(
                    "UPDATE listing_items SET listing_url = ? WHERE listing_url = ?", (key, url)
                )


def _merge(connection: sqlite3.Connection, table: str, url: str, survivor: str) -> None:
    """Remove the row of ``url`` (and what hangs on it); ``survivor`` is the same address."""
    if table == "articles":
        # what a listing said of the page and the fetched copy does not say stays
        connection.execute(
            "UPDATE articles SET"
            " published = coalesce(published, (SELECT published FROM articles WHERE url = ?)),"
            " section = coalesce(section, (SELECT section FROM articles WHERE url = ?)),"
            " summary = coalesce(summary, (SELECT summary FROM articles WHERE url = ?))"
            " WHERE url = ?",
            (url, url, url, survivor),
        )
        connection.execute(
            "DELETE FROM article_search WHERE rowid = (SELECT id FROM articles WHERE url = ?)",
            (url,),
        )
        connection.execute(
            "DELETE FROM doc_refs WHERE source_url = ? AND source_kind = 'article'", (url,)
        )
    elif table == "documents":
        connection.execute(
            "DELETE FROM document_search WHERE doc_id = (SELECT id FROM documents WHERE url = ?)",
            (url,),
        )
        connection.execute(
            "DELETE FROM doc_refs WHERE source_url = ? AND source_kind = 'document'", (url,)
        )
    elif table == "pages":
        connection.execute("DELETE FROM listing_items WHERE listing_url = ?", (url,))
    connection.execute(f"DELETE FROM {table} WHERE url = ?", (url,))


def _respell_column(connection: sqlite3.Connection, table: str, column: str) -> None:
    """Every address in ``table.column`` keyed (rows keyed by something else)."""
    values = connection.execute(
        f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL"
    ).fetchall()
    for (value,) in values:
        if url_key(value) != value:
            connection.execute(
                f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (url_key(value), value)
            )


def _respell_payloads(connection: sqlite3.Connection) -> None:
    """The stored pages' JSON with its addresses as the parser now spells them."""
    for url, text in connection.execute("SELECT url, data FROM pages").fetchall():
        try:
            data = json.loads(text)
        except ValueError:
            continue  # damaged: it reads as a cache miss anyway
        if not isinstance(data, dict):
            continue
        fixed = map_urls(data, url_key)
        if fixed != data:
            connection.execute("UPDATE pages SET data = ? WHERE url = ?", (dumps(fixed), url))
