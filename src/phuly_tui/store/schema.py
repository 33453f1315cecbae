"""The store's schema as an ordered list of migrations (``PRAGMA user_version``).

A store written by any earlier version opens and is upgraded in place: each
migration runs once, in order, inside one ``BEGIN IMMEDIATE`` transaction that
also bumps ``user_version`` — so a crash mid-upgrade leaves the old version
intact, and two processes opening the store at once upgrade it once.

Rules for adding a migration: append, never edit a released one (the tests keep
a literal copy of version 1 to prove the upgrade path); keep each one
idempotent inside its transaction; data transformations go in Python when they
need :func:`phuly_tui.text.fold` or the model.

Versions:

1. pages (the page cache), articles (every known article: fetched ones and
   stubs from listings), listing_items, reads, bookmarks, history.
2. article_search: the FTS5 index (exact and folded columns, see
   :mod:`phuly_tui.store.search`), filled from the stored articles.
3. history dropped: written on every article opened and never read (no
   "recently read" view was built; ``reads.read_at`` keeps when each article
   was last marked read).
4. documents, document_search, doc_refs: attachments read as text, their
   per-page index, and which article or document attaches or cites which
   number (see :mod:`phuly_tui.store.documents`); doc_refs is filled from
   the stored articles.
5. pages.payload_version: the version of the model's ``to_dict()`` form in
   ``pages.data`` (:data:`phuly_tui.store.store.PAYLOAD_VERSION`); the rows
   stored until then are version 1.
6. archived copies: ``pages.captured_at`` / ``pages.capture_url`` (a page read
   from the Internet Archive, NULL for a live copy) and ``captures`` (each
   page's list of captures and when it was looked up: the library asks again
   after a day).
7. documents.payload_version: the version of ``Document.to_dict()`` in
   ``documents.data`` (:data:`phuly_tui.store.documents.DOCUMENT_PAYLOAD_VERSION`);
   the rows stored until then are version 1.
8. every address in the one spelling (:func:`phuly_tui.urls.url_key`): rows
   that meet under it merged, the stored pages' JSON respelled
   (:mod:`phuly_tui.store.rekeying`).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from ..errors import StoreError
from ..text import fold
from ..values import Value
from .database import APPLICATION_ID

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "index_article", "migrate"]


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Migration(Value):
    """Step ``version - 1`` → ``version``; ``apply`` runs inside the transaction."""

    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _run(statements: tuple[str, ...]) -> Callable[[sqlite3.Connection], None]:
    # executescript() would COMMIT first: statements run one by one instead
    def apply(connection: sqlite3.Connection) -> None:
        for statement in statements:
            connection.execute(statement)

    return apply


_V1: Final = (
    """CREATE TABLE pages (
        url TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('home', 'listing', 'article')),
        data TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        fetched_at REAL NOT NULL,
        checked_at REAL NOT NULL,
        content_hash TEXT NOT NULL,
        updated_at REAL NOT NULL,
        changed_at REAL,
        section_url TEXT,
        page_no INTEGER
    )""",
    "CREATE INDEX pages_by_section ON pages (section_url, page_no)",
    "CREATE INDEX pages_by_check ON pages (checked_at)",
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        published TEXT,
        section TEXT,
        summary TEXT,
        fetched INTEGER NOT NULL DEFAULT 0,
        seen_at REAL NOT NULL
    )""",
    """CREATE TABLE listing_items (
        listing_url TEXT NOT NULL REFERENCES pages (url) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        article_url TEXT NOT NULL,
        PRIMARY KEY (listing_url, position)
    ) WITHOUT ROWID""",
    "CREATE INDEX listing_items_by_article ON listing_items (article_url)",
    "CREATE TABLE reads (url TEXT PRIMARY KEY, read_at REAL NOT NULL) WITHOUT ROWID",
    "CREATE TABLE bookmarks (url TEXT PRIMARY KEY, created_at REAL NOT NULL) WITHOUT ROWID",
    """CREATE TABLE history (
        url TEXT PRIMARY KEY,
        visited_at REAL NOT NULL,
        visits INTEGER NOT NULL DEFAULT 1
    ) WITHOUT ROWID""",
    "CREATE INDEX history_by_time ON history (visited_at)",
    f"PRAGMA application_id = {APPLICATION_ID}",
)

_SEARCH_DDL: Final = """CREATE VIRTUAL TABLE article_search USING fts5(
    title, lead, body, title_f, lead_f, body_f,
    tokenize = 'unicode61 remove_diacritics 0'
)"""


def index_article(connection: sqlite3.Connection, article_id: int, data: dict[str, Any]) -> None:
    """(Re)write the search row of article ``article_id`` from its dict form.

    ``data`` is an article's ``to_dict()`` or a listing stub
    (``title``/``summary``); the row id of the index is ``articles.id``.
    """
    from .search import searchable_text  # with the first page stored: not at start

    title, lead, body = searchable_text(data)
    connection.execute("DELETE FROM article_search WHERE rowid = ?", (article_id,))
    connection.execute(
        "INSERT INTO article_search (rowid, title, lead, body, title_f, lead_f, body_f)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (article_id, title, lead, body, fold(title), fold(lead), fold(body)),
    )


def _add_search_index(connection: sqlite3.Connection) -> None:
    try:
        connection.execute(_SEARCH_DDL)
    except sqlite3.OperationalError as error:
        if "fts5" in str(error).lower():
            raise StoreError("store.no_fts5", detail=str(error)) from error
        raise
    rows = connection.execute(
        "SELECT a.id, a.title, a.summary, p.data FROM articles AS a"
        " LEFT JOIN pages AS p ON p.url = a.url AND p.kind = 'article'"
    ).fetchall()
    for article_id, title, summary, page_data in rows:
        data: dict[str, Any] = {"title": title, "summary": summary}
        if page_data is not None:
            with contextlib.suppress(ValueError):
                loaded = json.loads(page_data)
                data = loaded if isinstance(loaded, dict) else data
        index_article(connection, article_id, data)


_V3: Final = (
    "DROP INDEX IF EXISTS history_by_time",
    "DROP TABLE IF EXISTS history",
)


def _add_documents(connection: sqlite3.Connection) -> None:
    # only an old store upgrading needs the documents' code here
    from .documents import DOCUMENTS_DDL, record_article_refs

    _run(DOCUMENTS_DDL)(connection)
    rows = connection.execute("SELECT url, data FROM pages WHERE kind = 'article'").fetchall()
    for url, page_data in rows:
        with contextlib.suppress(ValueError):
            loaded = json.loads(page_data)
            if isinstance(loaded, dict):
                record_article_refs(connection, url, loaded)


def _add_payload_version(connection: sqlite3.Connection) -> None:
    columns = {row[1] for row in connection.execute("PRAGMA table_info(pages)")}
    if "payload_version" not in columns:  # idempotent, as every migration
        connection.execute(
            "ALTER TABLE pages ADD COLUMN payload_version INTEGER NOT NULL DEFAULT 0"
        )
        # every row written before this column existed holds payload version 1
        connection.execute("UPDATE pages SET payload_version = 1")


def _add_archived_copies(connection: sqlite3.Connection) -> None:
    """Version 6: a page's capture (Internet Archive) and each page's capture list.

    Idempotent: a column or table already there is left as it is.
    """
    columns = {row[1] for row in connection.execute("PRAGMA table_info(pages)")}
    for column, kind in (("captured_at", "REAL"), ("capture_url", "TEXT")):
        if column not in columns:
            connection.execute(f"ALTER TABLE pages ADD COLUMN {column} {kind}")
    connection.execute(
        """CREATE TABLE IF NOT EXISTS captures (
        url TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        looked_up_at REAL NOT NULL
    ) WITHOUT ROWID"""
    )


def _add_document_payload_version(connection: sqlite3.Connection) -> None:
    """Version 7: the version of the ``Document.to_dict()`` form in ``documents.data``
    (the page cache's rule for the documents table).  Idempotent."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(documents)")}
    if "payload_version" not in columns:
        connection.execute(
            "ALTER TABLE documents ADD COLUMN payload_version INTEGER NOT NULL DEFAULT 0"
        )
        # every row written before this column existed holds payload version 1
        connection.execute("UPDATE documents SET payload_version = 1")


def _rekey_addresses(connection: sqlite3.Connection) -> None:
    """Version 8: one spelling per address (only an old store upgrading needs the code)."""
    from .rekeying import rekey_addresses

    rekey_addresses(connection)


MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(1, "page cache, articles, read state, bookmarks, history", _run(_V1)),
    Migration(2, "FTS5 search index with exact and folded columns", _add_search_index),
    Migration(3, "drop the reading history (written, never read)", _run(_V3)),
    Migration(4, "documents, their per-page index, attached and cited numbers", _add_documents),
    Migration(5, "the stored JSON payload's version", _add_payload_version),
    Migration(6, "archived copies and capture lists (Internet Archive)", _add_archived_copies),
    Migration(7, "the stored documents' JSON payload version", _add_document_payload_version),
    Migration(8, "every address in the one spelling: one row per page", _rekey_addresses),
)
SCHEMA_VERSION: Final = MIGRATIONS[-1].version


def migrate(connection: sqlite3.Connection, path: Path) -> int:
    """Bring the store at ``connection`` to :data:`SCHEMA_VERSION`; return the version.

    Raises:
        StoreError: the store is newer than this program understands.
    """
    current = connection.execute("PRAGMA user_version").fetchone()[0]
    if current == SCHEMA_VERSION:
        return SCHEMA_VERSION
    connection.execute("BEGIN IMMEDIATE")
    try:
        # re-read under the write lock: another process may have migrated meanwhile
        current = connection.execute("PRAGMA user_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise StoreError("store.newer", path=path, found=current, supported=SCHEMA_VERSION)
        for migration in MIGRATIONS:
            if migration.version > current:
                migration.apply(connection)
                connection.execute(f"PRAGMA user_version = {migration.version}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION
