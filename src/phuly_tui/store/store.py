"""The :class:`Store`: page cache, known articles, read state, bookmarks, search.

What a caller may rely on:

* Every method is safe to call from any thread and while another process (a
  ``phuly-tui sync``) writes the same file; see :mod:`phuly_tui.store.database`.
* Every write is one transaction: after a crash the store holds each call's
  effect entirely or not at all.
* Errors are :class:`~phuly_tui.errors.StoreError` (never a raw ``sqlite3``
  error).
* A row of the page cache is returned only rebuilt as the model: a row whose
  JSON is damaged or has the wrong shape, or whose ``payload_version`` is not
  :data:`PAYLOAD_VERSION`, reads as a cache miss (the library fetches the page
  again) — on every read path, none of them hands out raw JSON unchecked.
* URLs are stored as given (absolute); the library canonicalises them.

Listing pages are grouped by *section URL*: the listing URL without its pager
parameter (``/Pages/kinh-te.aspx?Page=2`` → ``/Pages/kinh-te.aspx``), unless
:meth:`Store.put_page` is told otherwise.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Final

from ..errors import CorruptStoreError, StoreError
from ..model import Article, Home, Listing, ListingItem
from ..urls import origin_of
from . import documents as docs
from .catalogue import record_article, record_listing, section_url_of
from .database import (
    APPLICATION_ID,
    Database,
    cannot_write,
    connect,
    connect_read_only,
    to_store_error,
)
from .records import (
    ArticleSummary,
    KnownDocument,
    SearchFilter,
    SearchResult,
    StoredCaptures,
    StoredDocument,
    StoredPage,
)
from .schema import SCHEMA_VERSION, migrate
from .search import BM25_WEIGHTS, make_snippet, parse_query

__all__ = ["DATABASE_NAME", "PAGE_KINDS", "PAYLOAD_VERSION", "Store", "open_store"]

log = logging.getLogger(__name__)

DATABASE_NAME: Final = "phuly-tui.sqlite3"
PAGE_KINDS: Final = frozenset({"home", "listing", "article"})
#: The version of the model's ``to_dict()`` form stored in ``pages.data``.  Bump it
#: when that form changes in a way ``from_dict`` of the new code cannot read: rows
#: of another version then count as not stored and are fetched again.
PAYLOAD_VERSION: Final = 1
_MODELS: Final[dict[str, type[Home] | type[Listing] | type[Article]]] = {
    "home": Home,
    "listing": Listing,
    "article": Article,
}
#: what ``from_dict`` raises on JSON of the wrong shape (a missing key, a number
#: where a list of objects belongs, an unknown block type)
_SHAPE_ERRORS: Final = (KeyError, TypeError, ValueError, AttributeError, IndexError)
#: ``IN (…)`` lists are sent in chunks of this many parameters
_CHUNK: Final = 500
_SECONDS_PER_DAY: Final = 86_400.0
_MAX_LIMIT: Final = 500


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _placeholders(count: int) -> str:
    return ",".join("?" * count)


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _loads(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _rebuild(
    kind: str, text: str, payload_version: int
) -> tuple[dict[str, Any], Home | Listing | Article] | None:
    """A stored row's JSON and its model, or None when the row does not count
    as stored (another payload version, damaged JSON, the wrong shape)."""
    model = _MODELS.get(kind)
    if model is None or payload_version != PAYLOAD_VERSION:
        return None
    data = _loads(text)
    if data is None:
        return None
    try:
        return data, model.from_dict(data)
    except _SHAPE_ERRORS:
        return None


def open_store(data_dir: Path, *, read_only: bool = False) -> Store:
    """Open (creating and upgrading as needed) the store in ``data_dir``.

    The folder is created; the file is ``data_dir / "phuly-tui.sqlite3"``.
    When the store exists but cannot be written (a read-only folder, file or
    file system), or with ``read_only``, it is opened for reading only: every
    read works, every write raises :class:`~phuly_tui.errors.ReadOnlyStoreError`
    (see :attr:`Store.read_only`).

    Raises:
        CorruptStoreError: the file was damaged or another application's; it has
            been renamed to ``<name>.corrupt-<timestamp>`` (the message names both
            paths) and calling ``open_store`` again gives a fresh store.
        StoreError: the store cannot be opened at all (permissions, disk full,
            made by a newer phuly-tui, read-only and in need of an upgrade).
    """
    path = Path(data_dir) / DATABASE_NAME
    if not read_only:
        try:
            return _open_writable(path)
        except CorruptStoreError:
            raise
        except StoreError as error:
            if not (cannot_write(error) and path.is_file()):
                raise
            log.info("the store %s cannot be written (%s): opened read-only", path, error)
    return _open_read_only(path)


@contextmanager
def _closed_on_failure(connection: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Close ``connection`` when the block fails; a raw SQLite error becomes a StoreError."""
    try:
        yield
    except sqlite3.Error as error:
        connection.close()
        raise to_store_error(error, path) from error
    except BaseException:
        connection.close()
        raise


def _open_writable(path: Path) -> Store:
    connection = connect(path)
    with _closed_on_failure(connection, path):
        version = migrate(connection, path)
    return Store(Database(connection, path), version)


def _open_read_only(path: Path) -> Store:
    """The store at ``path`` for reading: it must be a whole, current phuly-tui
    store, as nothing can be set aside, created or upgraded."""
    connection = connect_read_only(path)
    with _closed_on_failure(connection, path):
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID or version <= 0:
            detail = f"application_id={app_id}, user_version={version}"
            raise StoreError("store.read_only_unusable", path=path, detail=detail)
        if version > SCHEMA_VERSION:
            raise StoreError("store.newer", path=path, found=version, supported=SCHEMA_VERSION)
        if version < SCHEMA_VERSION:
            raise StoreError(
                "store.read_only_outdated", path=path, found=version, supported=SCHEMA_VERSION
            )
    return Store(Database(connection, path, read_only=True), version)


class Store:
    """The offline library's SQLite store. Create with :func:`open_store`.

    Attributes:
        path: the database file.
        schema_version: the schema version of the file (after migration).
        read_only: the store could only be opened for reading; every write
            raises :class:`~phuly_tui.errors.ReadOnlyStoreError`.
    """

    def __init__(self, database: Database, schema_version: int) -> None:
        self._db = database
        self.path: Path = database.path
        self.schema_version: int = schema_version
        self.read_only: bool = database.read_only

    # -- lifecycle ---------------------------------------------------------------

    def close(self) -> None:
        """Close the store; further calls raise :class:`StoreError`. Idempotent."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- page cache ----------------------------------------------------------------

    def get_page(self, url: str) -> StoredPage | None:
        """The cached page at ``url`` with its fetch metadata, or None (also for a
        row that does not count as stored, see the module doc)."""
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT url, kind, data, etag, last_modified, fetched_at, checked_at,"
                " content_hash, updated_at, payload_version, captured_at, capture_url"
                " FROM pages WHERE url = ?",
                (url,),
            ).fetchone()
        if row is None:
            return None
        rebuilt = _rebuild(row[1], row[2], row[9])
        if rebuilt is None:
            return None
        data, value = rebuilt
        return StoredPage(
            url=row[0],
            kind=row[1],
            data=data,
            etag=row[3],
            last_modified=row[4],
            fetched_at=row[5],
            checked_at=row[6],
            content_hash=row[7],
            updated_at=row[8],
            value=value,
            captured_at=row[10],
            capture_url=row[11],
        )

    def put_page(
        self,
        url: str,
        kind: str,
        data: dict[str, Any],
        *,
        etag: str | None,
        last_modified: str | None,
        fetched_at: float,
        content_hash: str,
        section_url: str | None = None,
        captured_at: float | None = None,
        capture_url: str | None = None,
    ) -> bool:
        """Store a freshly fetched page (a 200); return True when its content changed.

        ``captured_at`` / ``capture_url`` mark a copy read from the Internet
        Archive.  One row is kept per URL, and an archived copy never replaces
        a newer one: it is stored only when the stored copy showed the page
        earlier (a live copy fetched before the capture, an older capture) —
        otherwise nothing is written and False is returned.  A live copy
        always replaces what is stored.

        "Changed" means the ``content_hash`` differs from the stored one (a first
        store counts as changed).  The "đã cập nhật" mark (:meth:`updated_since_read`)
        is stricter: it needs the parsed ``data`` itself to differ, so a page whose
        raw bytes change with every fetch (dates, view state) is not flagged.

        An article also updates the search index; a listing also records its
        items as known articles (stubs with title, published, summary and
        section), so unread counts and title search work
        before the articles are fetched.  ``section_url`` overrides the section a
        listing page is filed under (default: :func:`section_url_of`).
        """
        if kind not in PAGE_KINDS:
            raise ValueError(f"unknown page kind: {kind!r}")
        listing_section = page_no = None
        if kind == "listing":
            listing_section = section_url or section_url_of(url)
            raw_page = data.get("page")
            page_no = raw_page if isinstance(raw_page, int) else 1
        with self._db.write() as conn:
            old = conn.execute(
                "SELECT content_hash, updated_at, changed_at, data, payload_version,"
                " coalesce(captured_at, fetched_at) FROM pages WHERE url = ?",
                (url,),
            ).fetchone()
            if captured_at is not None and old is not None and old[5] > captured_at:
                return False  # the stored copy is newer than this capture
            text = _dumps(data)
            changed = old is None or old[0] != content_hash
            updated_at = fetched_at if changed else old[1]
            # "đã cập nhật" needs the *parsed* content to differ: a page's raw bytes also
            # change with its chrome (today's date, ticker, __VIEWSTATE) — and only a
            # row of this payload version can be compared with what we write now
            reparsed = old is None or old[3] != text
            comparable = old is not None and old[4] == PAYLOAD_VERSION
            changed_at = fetched_at if (reparsed and comparable) else (old[2] if old else None)
            conn.execute(
                "INSERT INTO pages (url, kind, data, etag, last_modified, fetched_at,"
                " checked_at, content_hash, updated_at, changed_at, section_url, page_no,"
                " payload_version, captured_at, capture_url)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (url) DO UPDATE SET kind = excluded.kind, data = excluded.data,"
                " payload_version = excluded.payload_version,"
                " etag = excluded.etag, last_modified = excluded.last_modified,"
                " fetched_at = excluded.fetched_at, checked_at = excluded.checked_at,"
                " content_hash = excluded.content_hash, updated_at = excluded.updated_at,"
                " changed_at = excluded.changed_at, section_url = excluded.section_url,"
                " page_no = excluded.page_no, captured_at = excluded.captured_at,"
                " capture_url = excluded.capture_url",
                (
                    url,
                    kind,
                    text,
                    etag,
                    last_modified,
                    fetched_at,
                    fetched_at,
                    content_hash,
                    updated_at,
                    changed_at,
                    listing_section,
                    page_no,
                    PAYLOAD_VERSION,
                    captured_at,
                    capture_url,
                ),
            )
            conn.execute("DELETE FROM listing_items WHERE listing_url = ?", (url,))
            if kind == "article":
                record_article(conn, url, data, fetched_at, reindex=reparsed)
            elif kind == "listing":
                record_listing(conn, url, data, fetched_at, reindex=reparsed)
        return changed

    def get_captures(self, url: str) -> StoredCaptures | None:
        """The capture list stored for ``url`` (``(timestamp, original)``, newest first)
        with the time it was looked up, or None when it never was (or is damaged)."""
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT data, looked_up_at FROM captures WHERE url = ?", (url,)
            ).fetchone()
        if row is None:
            return None
        try:
            rows = json.loads(row[0])
        except ValueError:
            return None
        if not isinstance(rows, list):
            return None
        captures = tuple(
            (str(r[0]), str(r[1])) for r in rows if isinstance(r, list) and len(r) == 2
        )
        return StoredCaptures(captures, float(row[1] or 0))

    def put_captures(
        self, url: str, captures: Sequence[tuple[str, str]], *, at: float | None = None
    ) -> None:
        """Remember the capture list of ``url`` (an empty one too: "never captured")."""
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO captures (url, data, looked_up_at) VALUES (?, ?, ?)"
                " ON CONFLICT (url) DO UPDATE SET data = excluded.data,"
                " looked_up_at = excluded.looked_up_at",
                (url, json.dumps([list(c) for c in captures]), time.time() if at is None else at),
            )

    def listings_of(self, article_url: str) -> list[str]:
        """The stored listing pages that list ``article_url``, most recent first."""
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT li.listing_url FROM listing_items AS li"
                " JOIN pages AS p ON p.url = li.listing_url"
                " WHERE li.article_url = ? ORDER BY p.fetched_at DESC",
                (article_url,),
            ).fetchall()
        return [row[0] for row in rows]

    def touch_page(self, url: str, checked_at: float) -> None:
        """Record a 304 Not Modified: the stored copy is current as of ``checked_at``."""
        with self._db.write() as conn:
            conn.execute("UPDATE pages SET checked_at = ? WHERE url = ?", (checked_at, url))

    def _model(self, url: str, kind: str) -> Home | Listing | Article | None:
        page = self.get_page(url)
        return page.value if page is not None and page.kind == kind else None

    def article(self, url: str) -> Article | None:
        """The stored article at ``url`` rebuilt as the model, or None."""
        value = self._model(url, "article")
        return value if isinstance(value, Article) else None

    def listing(self, url: str) -> Listing | None:
        """The stored listing page at ``url`` rebuilt as the model, or None."""
        value = self._model(url, "listing")
        return value if isinstance(value, Listing) else None

    def home(self, base_url: str) -> Home | None:
        """The home page stored for the portal at ``base_url``, or None.

        ``base_url`` itself is looked up first, then the most recently fetched
        home page on the same origin (``/`` and ``/Pages/Default.aspx`` are the
        same page on this portal).
        """
        value = self._model(base_url, "home")
        if isinstance(value, Home):
            return value
        origin = origin_of(base_url)
        if not origin:
            return None
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT url, data, payload_version FROM pages WHERE kind = 'home'"
                " ORDER BY fetched_at DESC"
            ).fetchall()
        for page_url, text, payload_version in rows:
            if origin_of(page_url) == origin:
                rebuilt = _rebuild("home", text, payload_version)
                if rebuilt is not None and isinstance(rebuilt[1], Home):
                    return rebuilt[1]
        return None

    def listing_pages(self, section_url: str) -> list[Listing]:
        """The stored listing pages of a section in page order (one per page number)."""
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT page_no, data, payload_version FROM pages"
                " WHERE kind = 'listing' AND section_url = ? ORDER BY page_no, fetched_at DESC",
                (section_url_of(section_url),),
            ).fetchall()
        listings: list[Listing] = []
        seen: set[int] = set()
        for page_no, text, payload_version in rows:
            if page_no in seen:
                continue
            rebuilt = _rebuild("listing", text, payload_version)
            if rebuilt is not None and isinstance(rebuilt[1], Listing):
                listings.append(rebuilt[1])
                seen.add(page_no)
        return listings

    # -- read state ----------------------------------------------------------------

    def mark_read(self, url: str, read: bool = True, *, at: float | None = None) -> None:
        """Mark ``url`` read (now, or at ``at``) or unread; reading again refreshes the time."""
        with self._db.write() as conn:
            if read:
                conn.execute(
                    "INSERT INTO reads (url, read_at) VALUES (?, ?)"
                    " ON CONFLICT (url) DO UPDATE SET read_at = excluded.read_at",
                    (url, time.time() if at is None else at),
                )
            else:
                conn.execute("DELETE FROM reads WHERE url = ?", (url,))

    def is_read(self, url: str) -> bool:
        with self._db.read() as conn:
            return conn.execute("SELECT 1 FROM reads WHERE url = ?", (url,)).fetchone() is not None

    def read_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` are read (one query per 500 URLs)."""
        return self._subset("SELECT url FROM reads WHERE url IN ({})", urls)

    def _subset(self, sql: str, urls: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        with self._db.read() as conn:
            for chunk in _chunks(wanted):
                query = sql.format(_placeholders(len(chunk)))
                found.update(row[0] for row in conn.execute(query, tuple(chunk)))
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

    def unread_articles(self, *, limit: int = 200) -> list[tuple[ListingItem, str | None]]:
        """ "Tin mới": the unread articles listed on any stored listing page, newest
        first (undated last), at most ``limit``; each with its section's name.

        Day order compares ``published`` as text (ISO dates, with or without a
        time); articles of one day keep the order they were first seen in.
        """
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT a.title, a.url, a.published, a.summary, a.section FROM articles AS a"
                " WHERE a.url IN (SELECT li.article_url FROM listing_items AS li"
                " JOIN pages AS p ON p.url = li.listing_url WHERE p.kind = 'listing')"
                " AND a.url NOT IN (SELECT url FROM reads)"
                " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ?",
                (max(0, int(limit)),),
            ).fetchall()
        return [
            (ListingItem(title or url, url, published, summary), section)
            for title, url, published, summary, section in rows
        ]

    def updated_since_read(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` are read articles whose content changed after the reading
        (the app marks them "đã cập nhật")."""
        return self._subset(
            "SELECT p.url FROM pages AS p JOIN reads AS r ON r.url = p.url"
            " WHERE p.kind = 'article' AND p.changed_at > r.read_at AND p.url IN ({})",
            urls,
        )

    # -- bookmarks -------------------------------------------------------------------

    def toggle_bookmark(self, url: str) -> bool:
        """Add or remove a bookmark; return True when ``url`` is now bookmarked."""
        with self._db.write() as conn:
            removed = conn.execute("DELETE FROM bookmarks WHERE url = ?", (url,)).rowcount
            if removed:
                return False
            conn.execute(
                "INSERT INTO bookmarks (url, created_at) VALUES (?, ?)", (url, time.time())
            )
            return True

    def is_bookmarked(self, url: str) -> bool:
        with self._db.read() as conn:
            row = conn.execute("SELECT 1 FROM bookmarks WHERE url = ?", (url,)).fetchone()
        return row is not None

    def bookmarks(self) -> list[ArticleSummary]:
        """Bookmarked articles, the most recently bookmarked first."""
        return self._summaries(
            "SELECT b.url, a.title, a.published, a.section FROM bookmarks AS b"
            " LEFT JOIN articles AS a ON a.url = b.url ORDER BY b.created_at DESC",
            (),
        )

    def known_article(self, url: str) -> ArticleSummary | None:
        """What the catalogue knows of ``url``: its own title, date and section once
        fetched, a listing's while the page gives none (None when never seen)."""
        found = self._summaries(
            "SELECT url, title, published, section FROM articles WHERE url = ?", (url,)
        )
        return found[0] if found else None

    def _summaries(self, sql: str, params: tuple[Any, ...]) -> list[ArticleSummary]:
        with self._db.read() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [
            ArticleSummary(url, title or url, published, section)
            for url, title, published, section in rows
        ]

    # -- search ----------------------------------------------------------------------

    def search(
        self, query: str, *, limit: int = 50, where: SearchFilter | None = None
    ) -> list[SearchResult]:
        """Articles and documents matching every word of ``query``, best first (see
        :mod:`phuly_tui.store.search` for the diacritics rule). Never raises on
        what a user types; an empty or punctuation-only query finds nothing.

        A query that is a document number in any usual spelling (``18 KH UBND``,
        ``kh-ubnd 18``) finds the documents with that number and the articles
        that attach or cite them; when the store knows no such number the words
        are searched as usual.

        ``where`` narrows the article hits by section and published day in SQL,
        before the limit: the best ``limit`` hits *inside* the filter come back,
        not what is left of the best ``limit`` overall.  Documents belong to no
        section: a section filter leaves them out, a day filter keeps those
        issued inside it; the number shortcut is not taken under a filter.
        """
        from ..documents.numbers import number_query

        parsed = parse_query(query)
        if parsed.is_empty or limit <= 0:
            return []
        limit = min(int(limit), _MAX_LIMIT)
        wanted = number_query(query)
        if wanted is not None and (where is None or where.is_empty):
            with self._db.read() as conn:
                numbered = docs.number_hits(conn, wanted, limit)
            if numbered:
                return numbered
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        conditions, params = _filter_sql(where)
        if conditions:
            # the filter joins before the limit (the best hits inside the filter)
            sql = (
                "WITH hits AS ("
                f" SELECT rowid AS id, bm25(article_search, {weights}) AS rank"
                " FROM article_search WHERE article_search MATCH ?)"
                " SELECT a.url, a.title, a.published, a.section, s.lead, s.body, hits.rank"
                " FROM hits JOIN articles AS a ON a.id = hits.id"
                " JOIN article_search AS s ON s.rowid = hits.id"
                f" WHERE {conditions} ORDER BY hits.rank LIMIT ?"
            )
            args: tuple[Any, ...] = (parsed.match_expression(), *params, limit)
        else:
            sql = (
                "WITH hits AS ("
                f" SELECT rowid AS id, bm25(article_search, {weights}) AS rank"
                " FROM article_search WHERE article_search MATCH ? ORDER BY rank LIMIT ?)"
                " SELECT a.url, a.title, a.published, a.section, s.lead, s.body, hits.rank"
                " FROM hits JOIN articles AS a ON a.id = hits.id"
                " JOIN article_search AS s ON s.rowid = hits.id ORDER BY hits.rank"
            )
            args = (parsed.match_expression(), limit)
        with self._db.read() as conn:
            rows = conn.execute(sql, args).fetchall()
            documents = _filtered_documents(docs.document_hits(conn, parsed, limit), where)
        results: list[SearchResult] = []
        for url, title, published, section, lead, body, rank in rows:
            text = f"{lead} {body}" if lead and body else (lead or body or "")
            snippet, highlights = make_snippet(text, parsed)
            results.append(
                SearchResult(
                    url=url,
                    title=title,
                    published=published,
                    section=section,
                    snippet=snippet,
                    highlights=highlights,
                    score=-float(rank),
                    title_highlights=parsed.spans(title),
                )
            )
        if documents:
            results = sorted([*results, *documents], key=lambda r: -r.score)[:limit]
        return results

    # -- documents -------------------------------------------------------------------

    def put_document(
        self,
        url: str,
        data: dict[str, Any],
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        fetched_at: float | None = None,
    ) -> None:
        """Store a document's ``Document.to_dict()``: its text becomes searchable and
        the numbers it cites known."""
        with self._db.write() as conn:
            docs.index_document(
                conn,
                url,
                data,
                etag=etag,
                last_modified=last_modified,
                fetched_at=time.time() if fetched_at is None else fetched_at,
            )

    def get_document(self, url: str) -> StoredDocument | None:
        """The stored document at ``url``, or None."""
        with self._db.read() as conn:
            return docs.stored_document(conn, url)

    def attachment_title(self, url: str) -> tuple[str | None, str | None]:
        """``(link text, article URL)`` of the first stored article attaching ``url``."""
        with self._db.read() as conn:
            return docs.attachment_title(conn, url)

    def known_documents(self) -> list[KnownDocument]:
        """Every document known: read, attached to a stored article, or only cited;
        newest first."""
        with self._db.read() as conn:
            return docs.known_documents(conn)

    # -- maintenance -------------------------------------------------------------------

    def prune(self, older_than_days: int, *, now: float | None = None) -> int:
        """Forget pages and articles not fetched (nor confirmed by a 304) for
        ``older_than_days``; bookmarked articles and the home page are kept.

        Read state of the forgotten articles goes too.  Returns the
        number of URLs forgotten.  ``older_than_days`` below 1 raises
        ValueError: "older than 0 days" (or -1) would forget nearly everything.
        """
        if older_than_days < 1:
            raise ValueError(f"older_than_days must be 1 or more, not {older_than_days}")
        cutoff = (time.time() if now is None else now) - older_than_days * _SECONDS_PER_DAY
        with self._db.write() as conn:
            pages = [
                row[0]
                for row in conn.execute(
                    "SELECT url FROM pages WHERE kind != 'home' AND checked_at < ?"
                    " AND url NOT IN (SELECT url FROM bookmarks)",
                    (cutoff,),
                )
            ]
            for chunk in _chunks(pages):
                conn.execute(f"DELETE FROM pages WHERE url IN ({_placeholders(len(chunk))})", chunk)
            # an article survives while a kept page mentions it, it is fresh or bookmarked
            doomed = conn.execute(
                "SELECT id, url FROM articles WHERE seen_at < ?"
                " AND url NOT IN (SELECT url FROM bookmarks)"
                " AND url NOT IN (SELECT url FROM pages)"
                " AND url NOT IN (SELECT article_url FROM listing_items)",
                (cutoff,),
            ).fetchall()
            for article_id, url in doomed:
                conn.execute("DELETE FROM article_search WHERE rowid = ?", (article_id,))
                conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                conn.execute("DELETE FROM reads WHERE url = ?", (url,))
                conn.execute(
                    "DELETE FROM doc_refs WHERE source_url = ? AND source_kind = 'article'",
                    (url,),
                )
        return len(set(pages) | {url for _, url in doomed})

    def integrity_check(self) -> str:
        """``"ok"``, or what SQLite's ``integrity_check`` and the FTS5 check report.

        A file too damaged to be checked reports the error instead of raising:
        this is the method to call when something already went wrong.
        """
        problems: list[str] = []
        with self._db.read() as conn:
            try:
                rows = conn.execute("PRAGMA integrity_check").fetchall()
                problems.extend(str(row[0]) for row in rows if row[0] != "ok")
            except sqlite3.DatabaseError as error:
                problems.append(str(error))
            try:
                conn.execute(
                    "INSERT INTO article_search (article_search) VALUES ('integrity-check')"
                )
            except sqlite3.DatabaseError as error:
                problems.append(f"search index: {error}")
        return "\n".join(problems) or "ok"


def _filtered_documents(
    found: list[SearchResult], where: SearchFilter | None
) -> list[SearchResult]:
    """Document hits that pass ``where``: none under a section filter (documents
    belong to no section), those issued inside the day bounds under a day filter
    (an undated document never passes one)."""
    if where is None or where.is_empty:
        return found
    if where.section_url or where.section_name:
        return []
    kept = []
    for hit in found:
        day = (hit.published or "")[:10]
        if not day or (where.since and day < where.since) or (where.until and day > where.until):
            continue
        kept.append(hit)
    return kept


def _filter_sql(where: SearchFilter | None) -> tuple[str, list[Any]]:
    """The SQL condition (on ``articles AS a``) and parameters of a search filter.

    A section holds the articles listed on its stored pages and those whose own
    section carries its name; a day bound compares the first ten characters of
    ``published`` (``YYYY-MM-DD``, with or without a time), so both bounds are
    inclusive whole days and an undated article never passes one.
    """
    if where is None or where.is_empty:
        return "", []
    conditions: list[str] = []
    params: list[Any] = []
    section: list[str] = []
    if where.section_name:
        section.append("a.section = ?")
        params.append(where.section_name)
    if where.section_url:
        section.append(
            "a.url IN (SELECT li.article_url FROM listing_items AS li"
            " JOIN pages AS p ON p.url = li.listing_url WHERE p.section_url = ?)"
        )
        params.append(section_url_of(where.section_url))
    if section:
        conditions.append("(" + " OR ".join(section) + ")")
    if where.since:
        conditions.append("substr(a.published, 1, 10) >= ?")
        params.append(where.since)
    if where.until:
        conditions.append("substr(a.published, 1, 10) <= ?")
        params.append(where.until)
    return " AND ".join(conditions), params
