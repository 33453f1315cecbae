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
:mod:`.search` (query folding, snippets), :mod:`.records` (returned records;
:class:`StoredPage` is :mod:`.payload`'s),
:mod:`.store` (the :class:`Store`, the one entry point: the page cache, documents and
maintenance, with :mod:`.user_state` — read marks, bookmarks — and :mod:`.searching`),
:mod:`.opening` (:func:`open_store`), :mod:`.payload` (cached rows as the model),
:mod:`.documents` and :mod:`.document_search` (attachments read as text).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ..errors import CorruptStoreError, StoreError
from .database import set_aside
from .opening import DATABASE_NAME, open_store
from .payload import StoredPage
from .schema import SCHEMA_VERSION
from .sections import section_url_of
from .store import Store

if TYPE_CHECKING:
    from .records import (
        ArticleSummary,
        KnownDocument,
        SearchFilter,
        SearchResult,
        Span,
        StoredCaptures,
        StoredDocument,
    )
    from .search import SearchQuery, Term, make_snippet, parse_query

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
    "import_page_writing",
    "make_snippet",
    "open_store",
    "parse_query",
    "section_url_of",
    "set_aside",
]


def import_page_writing() -> None:
    """Import what writing the first pages imports on first use: the search
    index's text (:mod:`.search`), the document numbers an article cites
    (:mod:`phuly_tui.documents.metadata`) and the hash of a page's content.

    They stay out of the store's opening (the app's start does not write); a
    sync calls this while its first request is out, instead of paying ~12 ms
    for them in the middle of its second round.
    """
    import hashlib  # noqa: F401

    from ..documents import metadata  # noqa: F401
    from . import search  # noqa: F401


#: names loaded from their module on first use (module ``__getattr__``)
_LATER: dict[str, str] = {
    "ArticleSummary": "records",
    "KnownDocument": "records",
    "SearchFilter": "records",
    "SearchResult": "records",
    "Span": "records",
    "StoredCaptures": "records",
    "StoredDocument": "records",
    "SearchQuery": "search",
    "Term": "search",
    "make_snippet": "search",
    "parse_query": "search",
}


def __getattr__(name: str) -> Any:
    """The records of bookmarks, search, documents and captures, and the search
    query's names, come from :mod:`.records` and :mod:`.search` on first use.

    The app opens the store before its first frame and needs none of them then;
    importing the two modules cost ~2.5 ms of that start.
    """
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
