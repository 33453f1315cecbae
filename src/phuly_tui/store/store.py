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
* Every address a method is given is keyed by :func:`~phuly_tui.urls.url_key`
  (the URL policy's one spelling) before it reaches SQL: ``/Pages/tin tuc.aspx``
  and ``/Pages/tin%20tuc.aspx`` are one page, one read mark, one bookmark —
  whoever calls, and whatever spelling a page linked with
  (``tests/unit/test_url_keys.py`` holds every method to it).  Addresses handed
  back are keys.

Listing pages are grouped by *section URL*: the listing URL without its pager
parameter (``/Pages/kinh-te.aspx?Page=2`` → ``/Pages/kinh-te.aspx``), unless
:meth:`Store.put_page` is told otherwise.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final

from ..model import Home, Listing, is_article
from ..urls import origin_of, url_key
from .catalogue import record_article, record_listing
from .database import Database, chunks, placeholders
from .payload import PAGE_KINDS, PAYLOAD_VERSION, StoredPage, dumps, rebuild, text_hash
from .searching import Searching
from .sections import section_url_of
from .user_state import UserState

if TYPE_CHECKING:
    from ..model import Article
    from .records import KnownDocument, StoredCaptures, StoredDocument

__all__ = ["PAGE_KINDS", "PAYLOAD_VERSION", "Store"]


_SECONDS_PER_DAY: Final = 86_400.0


class Store(UserState, Searching):
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
        url = url_key(url)
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT url, kind, data, etag, last_modified, fetched_at, checked_at,"
                " content_hash, updated_at, payload_version, captured_at, capture_url"
                " FROM pages WHERE url = ?",
                (url,),
            ).fetchone()
        if row is None:
            return None
        rebuilt = rebuild(row[1], row[2], row[9])
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

    def page_urls(self) -> frozenset[str]:
        """The address of every stored page, in one query.

        A sync reads it once and asks :meth:`get_page` only about these: on a
        new or small store most of its pages have no copy, and each look-up
        is a hop to a thread and back between two requests.
        """
        with self._db.read() as conn:
            return frozenset(row[0] for row in conn.execute("SELECT url FROM pages"))

    def put_page(
        self,
        url: str,
        kind: str,
        data: dict[str, Any],
        *,
        etag: str | None,
        last_modified: str | None,
        fetched_at: float,
        content_hash: str | None = None,
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
        store counts as changed).  By default it is the hash of the stored JSON
        text; a stored row with another hash but the same text (hashed another
        way by an older phuly-tui) is unchanged.  The "đã cập nhật" mark
        (:meth:`updated_since_read`) is stricter: it needs the parsed ``data``
        itself to differ, so a page whose raw bytes change with every fetch
        (dates, view state) is not flagged.

        An article also updates the search index; a listing also records its
        items as known articles (stubs with title, published, summary and
        section), so unread counts and title search work
        before the articles are fetched.  ``section_url`` overrides the section a
        listing page is filed under (default: :func:`section_url_of`).
        """
        if kind not in PAGE_KINDS:
            raise ValueError(f"unknown page kind: {kind!r}")
        url = url_key(url)
        listing_section = page_no = None
        if kind == "listing":
            listing_section = section_url_of(section_url or url)
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
            text = dumps(data)
            if content_hash is None:
                content_hash = text_hash(text)
                changed = old is None or (old[0] != content_hash and old[3] != text)
            else:
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
                "SELECT data, looked_up_at FROM captures WHERE url = ?", (url_key(url),)
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
        from .records import StoredCaptures  # the archive's records: not on the start path

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
                (
                    url_key(url),
                    json.dumps([list(c) for c in captures]),
                    time.time() if at is None else at,
                ),
            )

    def listings_of(self, article_url: str) -> list[str]:
        """The stored listing pages that list ``article_url``, most recent first."""
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT li.listing_url FROM listing_items AS li"
                " JOIN pages AS p ON p.url = li.listing_url"
                " WHERE li.article_url = ? ORDER BY p.fetched_at DESC",
                (url_key(article_url),),
            ).fetchall()
        return [row[0] for row in rows]

    def touch_page(self, url: str, checked_at: float) -> None:
        """Record a 304 Not Modified: the stored copy is current as of ``checked_at``."""
        with self._db.write() as conn:
            conn.execute(
                "UPDATE pages SET checked_at = ? WHERE url = ?", (checked_at, url_key(url))
            )

    def _model(self, url: str, kind: str) -> Home | Listing | Article | None:
        page = self.get_page(url)
        return page.value if page is not None and page.kind == kind else None

    def article(self, url: str) -> Article | None:
        """The stored article at ``url`` rebuilt as the model, or None."""
        value = self._model(url, "article")
        return value if is_article(value) else None

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
                rebuilt = rebuild("home", text, payload_version)
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
            rebuilt = rebuild("listing", text, payload_version)
            if rebuilt is not None and isinstance(rebuilt[1], Listing):
                listings.append(rebuilt[1])
                seen.add(page_no)
        return listings

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
        from . import documents as docs  # the documents' code waits for the first one

        with self._db.write() as conn:
            docs.index_document(
                conn,
                url_key(url),
                data,
                etag=etag,
                last_modified=last_modified,
                fetched_at=time.time() if fetched_at is None else fetched_at,
            )

    def get_document(self, url: str) -> StoredDocument | None:
        """The stored document at ``url``, or None."""
        from . import documents as docs

        with self._db.read() as conn:
            return docs.stored_document(conn, url_key(url))

    def attachment_title(self, url: str) -> tuple[str | None, str | None]:
        """``(link text, article URL)`` of the first stored article attaching ``url``."""
        from . import documents as docs

        with self._db.read() as conn:
            return docs.attachment_title(conn, url_key(url))

    def known_documents(self) -> list[KnownDocument]:
        """Every document known: read, attached to a stored article, or only cited;
        newest first."""
        from . import documents as docs

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
            for chunk in chunks(pages):
                conn.execute(f"DELETE FROM pages WHERE url IN ({placeholders(len(chunk))})", chunk)
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
