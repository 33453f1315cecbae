"""The offline library's SQLite store (no Textual, no network).

One file, ``<data dir>/phuly-tui.sqlite3``, holds the page cache (parsed pages
with their ETag / Last-Modified / fetch times), every known article, read
state, bookmarks and a Vietnamese-aware full-text index.

    from phuly_tui.store import open_store
    store = open_store(data_dir)           # creates, upgrades, or sets a bad file aside
    store.put_page(url, "article", article.to_dict(), etag=..., last_modified=...,
                   fetched_at=time.time(), content_hash=digest)
    store.search("phu ly")                 # finds "Phủ Lý"

Modules: :mod:`.database` (connection, WAL, locking, errors), :mod:`.schema`
(versioned migrations), :mod:`.catalogue` (known articles, listing items),
:mod:`.search` (query folding, snippets), :mod:`.records` (returned records),
:mod:`.store` (the :class:`Store`, the one entry point: the page cache, documents and
maintenance, with :mod:`.user_state` — read marks, bookmarks — and :mod:`.searching`),
:mod:`.opening` (:func:`open_store`), :mod:`.payload` (cached rows as the model),
:mod:`.documents` and :mod:`.document_search` (attachments read as text).
"""

from __future__ import annotations

from ..errors import CorruptStoreError, StoreError
from .catalogue import section_url_of
from .database import set_aside
from .opening import DATABASE_NAME, open_store
from .records import (
    ArticleSummary,
    KnownDocument,
    SearchFilter,
    SearchResult,
    Span,
    StoredCaptures,
    StoredDocument,
    StoredPage,
)
from .schema import SCHEMA_VERSION
from .search import SearchQuery, Term, make_snippet, parse_query
from .store import Store

__all__ = [
    "DATABASE_NAME",
    "SCHEMA_VERSION",
    "ArticleSummary",
    "CorruptStoreError",
    "KnownDocument",
    "SearchFilter",
    "SearchQuery",
    "SearchResult",
    "Span",
    "Store",
    "StoreError",
    "StoredCaptures",
    "StoredDocument",
    "StoredPage",
    "Term",
    "make_snippet",
    "open_store",
    "parse_query",
    "section_url_of",
    "set_aside",
]
