"""The one service the app and the CLI call: cache-first reads, refresh, sync.

:class:`Library` glues the fetcher, the parser and the store together:

* ``cached_*`` methods answer from the store only (no network, no waiting) —
  the app paints these at once;
* ``home()``, ``listing()`` and ``article()`` fetch with conditional requests
  when a copy is stored (a 304 costs no reparse), store what they parse, and
  when the portal cannot be reached fall back to the stored copy, saying so
  (:attr:`Loaded.notice`);
* ``offline`` never touches the network;
* the Internet Archive (setting ``archive``): with ``auto`` a page the portal
  cannot give (unreachable, 404/410/5xx, a redirect off the portal) and the
  store does not have is read from its newest capture; ``always`` reads
  captures only; ``never`` never asks.  :attr:`Loaded.archived` says which
  capture a value came from; the store keeps it like a live copy (one row per
  URL) but never over a newer one.  See :mod:`phuly_tui.archive`.

Store calls are plain SQLite; the async methods run them, and the parser and
the rebuilding of stored pages, in a thread (``asyncio.to_thread``) so an event
loop — the app's — never blocks on disk or on a big page.
Nothing here imports Textual.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import re
import sys
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Generic, Literal, TypeVar
from urllib.parse import urlsplit

from ..config import Config
from ..errors import (
    ArchiveBusyError,
    ArchiveDisabledError,
    BadDateError,
    CorruptStoreError,
    FetchError,
    HTTPStatusError,
    NetworkError,
    NoSuchPageError,
    NotAnArticleError,
    NotArchivedError,
    NotAURLError,
    NotFoundError,
    OfflineMissError,
    ParseError,
    PhulyError,
    ReadOnlyStoreError,
    RedirectError,
    TimeoutError_,
    UnknownSectionError,
    UnsafeURLError,
)
from ..i18n import add_messages, t
from ..model import Article, Home, Listing, ListingItem, Section
from ..sync import SyncProgress, SyncReport, run_sync
from ..text import fold
from ..urls import (
    is_http_url,
    is_unsafe_url,
    is_url_input,
    redacted,
    resolve,
)
from ..urls import (
    is_portal_url as on_portal,
)
from ..values import Value
from .routes import Route, RouteBook, RouteKind

if TYPE_CHECKING:
    from ..archive import ArchiveClient, ArchiveWait, Capture
    from ..documents import Document
    from ..fetch import Fetcher, FetchResult, FetchSettings
    from ..store import (
        ArticleSummary,
        KnownDocument,
        SearchFilter,
        SearchResult,
        Store,
        StoredPage,
    )

__all__ = [
    "ArchivedCopy",
    "ArticleLoad",
    "Library",
    "Loaded",
    "ReadState",
    "Route",
    "RouteKind",
    "SyncProgress",
    "SyncReport",
]

T = TypeVar("T")
Kind = Literal["home", "listing", "article"]
#: how a reader loads an article (see :meth:`Library.read_article`)
ArticleLoad = Literal["open", "refresh", "reload"]
Outcome = Literal["new", "updated", "unchanged"]

add_messages(
    {
        "error.unknown_doc_type": (
            "Không có loại văn bản {value!r} (ví dụ: KH, Kế hoạch, TB, Công văn)",
            "No document type {value!r} (e.g. KH, Kế hoạch, TB, Công văn)",
        ),
        "library.store_read_only": (
            "Kho dữ liệu {path} chỉ mở được để đọc (thư mục hoặc tệp không ghi được):"
            " bài tải về, dấu đã đọc và dấu trang sẽ không được lưu.",
            "The store {path} could only be opened for reading (its folder or file cannot"
            " be written): pages fetched now, read marks and bookmarks will not be saved.",
        ),
        # what the CLI prints (one line on stderr) and the app notifies when the
        # store was set aside on opening: where the old file went
        "library.store_set_aside": (
            "Kho dữ liệu bị hỏng hoặc không phải của phuly-tui; đã chuyển sang {path} "
            "và tạo kho mới.",
            "The data store was corrupt or not phuly-tui's; it was moved to {path} "
            "and a new one was created.",
        ),
    }
)


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class ArchivedCopy(Value):
    """Which capture of the Internet Archive a value was read from."""

    #: the capture time (epoch seconds)
    captured_at: float
    #: the archive's ``id_`` URL of the capture's original bytes
    url: str

    @property
    def captured_iso(self) -> str:
        """``2025-06-28T10:11:12Z`` (UTC), as JSON carries it."""
        from ..archive.wayback import utc_iso

        return utc_iso(self.captured_at)

    @property
    def local_date(self) -> str:
        """``28/06/2025``: the capture's date in Vietnam's time zone."""
        from ..archive.wayback import vietnam_date

        return vietnam_date(self.captured_at)

    @property
    def notice(self) -> str:
        """ "Bản lưu trữ ngày 28/06/2025 (Internet Archive)"."""
        return t("notice.archived_copy", date=self.local_date)

    @property
    def citation(self) -> tuple[str, str]:
        """``(notice, capture URL)``: how an export cites the capture."""
        return self.notice, self.url

    @classmethod
    def of(cls, stored: StoredPage | None) -> ArchivedCopy | None:
        """The capture a stored copy came from, or None for a live copy."""
        if stored is None or stored.captured_at is None or not stored.capture_url:
            return None
        return cls(stored.captured_at, stored.capture_url)


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Loaded(Value, Generic[T]):
    """A value and where it came from.

    ``source`` is ``"network"`` (fetched now, or confirmed unchanged by a 304),
    ``"archive"`` (read now from the Internet Archive), ``"cache"`` (read from
    the store without asking the portal: offline mode or an instant first
    paint) or ``"stale"`` (the portal failed; ``error`` says how, and the
    stored copy is shown instead).  ``archived`` names the capture when the
    value is an archived copy (read now, or stored earlier).
    """

    value: T
    source: Literal["network", "archive", "cache", "stale"]
    stored_at: float | None = None
    #: the article changed since the user read it ("đã cập nhật")
    updated: bool = False
    error: PhulyError | None = None
    archived: ArchivedCopy | None = None
    #: the page could not be read as an article (``error`` says why): the value
    #: is its visible text, one paragraph a line, made from the bytes fetched
    #: for the article — a one-off, never stored
    plain_text: bool = False

    @property
    def source_dict(self) -> dict[str, str]:
        """JSON's ``"source"``: ``{"kind": "archive", "captured", "url"}``, or
        ``{"kind": "live"}``."""
        if self.archived is None:
            return {"kind": "live"}
        return {
            "kind": "archive",
            "captured": self.archived.captured_iso,
            "url": self.archived.url,
        }

    @property
    def notice(self) -> str | None:
        """ "Bản lưu trữ ngày 28/06/2025 (Internet Archive)" for an archived copy,
        "Đang xem bản lưu lúc 07:30 ngày 26/11" for stale or offline copies."""
        if self.archived is not None:
            return self.archived.notice
        if self.source == "network" or self.stored_at is None:
            return None
        when = datetime.fromtimestamp(self.stored_at)
        return t("notice.stale_copy", time=when.strftime("%H:%M"), date=when.strftime("%d/%m"))


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Refreshed(Value):
    """What one conditional fetch did: ``new``, ``updated`` or ``unchanged``."""

    outcome: Outcome
    value: Any
    stored_at: float


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class ReadState(Value):
    """The read marks of a list's articles: ``read``, and ``updated`` — read ones
    that changed on the portal since ("đã cập nhật")."""

    read: set[str]
    updated: set[str]


def _content_hash(data: dict[str, Any]) -> str:
    """Hash of the parsed content, not of the bytes.

    The portal's raw HTML changes on every fetch (today's date in the header,
    the ticker, ``__VIEWSTATE``); the extraction changes only when the article does.
    """
    import hashlib  # only when a page is stored: not on the app's start path

    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha1(canonical.encode("utf-8"), usedforsecurity=False).hexdigest()


def fetch_settings(config: Config) -> FetchSettings:
    """The fetch policy for ``config`` (the fetcher knows nothing of the config file)."""
    from ..fetch import FetchSettings

    return FetchSettings(
        base_url=config.base_url,
        timeout=config.timeout,
        verify=not config.insecure,
        ca_bundle=config.ca_bundle,
        proxy=config.proxy,
    )


def _refusal(text: str) -> PhulyError:
    """Why the URL policy refuses the user's ``text`` (never repeating a password)."""
    if is_unsafe_url(text):
        return UnsafeURLError(url=redacted(text))
    return NotAURLError(value=redacted(text))


class Library:
    """Cache-first access to the portal (see the module docstring)."""

    def __init__(
        self,
        config: Config,
        *,
        store: Store | None = None,
        fetcher: Fetcher | None = None,
        on_warning: Callable[[str], None] | None = None,
    ) -> None:
        self.config = config
        self.base_url = config.base_url
        self._store = store
        self._fetcher = fetcher
        #: messages for the user produced while working (e.g. the store was set
        #: aside when it was opened, and where it went); the app shows them.
        #: With ``on_warning`` (the CLI: one line on stderr) each goes there at
        #: once instead, from whichever thread opened the store.
        self.warnings: list[str] = []
        self._archive: ArchiveClient | None = None
        #: told of every wait for the Internet Archive before it starts
        self.archive_listeners: list[Callable[[ArchiveWait], None]] = []
        self._on_warning = on_warning
        self._said_read_only = False
        #: what the pages read so far say of the portal's addresses (see :meth:`route`)
        self._routes = RouteBook(self.base_url)

    def warn(self, message: str) -> None:
        """Tell the user ``message`` (see :attr:`warnings`)."""
        if self._on_warning is not None:
            self._on_warning(message)
        else:
            self.warnings.append(message)

    # -- resources ------------------------------------------------------------
    @property
    def store(self) -> Store:
        """The SQLite store, opened on first use (a corrupt one is set aside)."""
        if self._store is None:
            from ..store import open_store

            try:
                self._store = open_store(self.config.data_dir)
            except CorruptStoreError as exc:
                moved = exc.params.get("moved")
                if moved is None:  # damage found later than the first look: not moved
                    raise
                self.warn(t("library.store_set_aside", path=moved))
                self._store = open_store(self.config.data_dir)
            if self._store.read_only:
                self._say_read_only()
        return self._store

    def _say_read_only(self) -> None:
        """Say once that nothing will be saved (a read-only store)."""
        if not self._said_read_only and self._store is not None:
            self._said_read_only = True
            self.warn(t("library.store_read_only", path=self._store.path))

    def _save(self, write: Callable[[], T], default: T) -> T:
        """Run a write the user did not ask for (storing a fetched page, the read
        mark of an article shown): on a read-only store it is skipped — reading
        goes on — and the user was told once.  Writes the user asks for (``m``,
        ``b``, sync, prune) raise :class:`ReadOnlyStoreError` instead."""
        if self.store.read_only:
            return default
        try:
            return write()
        except ReadOnlyStoreError:  # opened for writing, yet the file refuses writes
            self._say_read_only()
            return default

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            from ..fetch import Fetcher

            self._fetcher = Fetcher(fetch_settings(self.config))
        return self._fetcher

    @property
    def archive(self) -> ArchiveClient:
        """The Internet Archive client (made on first use; one shared bucket per process)."""
        if self._archive is None:
            from ..archive import ArchiveClient, shared_bucket

            self._archive = ArchiveClient(
                self.config.archive_url,
                fetch_settings(self.config),
                shared_bucket(self.config.archive_rate),
                on_wait=self._archive_wait,
            )
        return self._archive

    def _archive_wait(self, wait: ArchiveWait) -> None:
        for listener in list(self.archive_listeners):
            listener(wait)

    async def aclose(self) -> None:
        if self._fetcher is not None:
            await self._fetcher.aclose()
            self._fetcher = None
        if self._archive is not None:
            await self._archive.aclose()
            self._archive = None

    def close(self) -> None:
        """Close the store (the fetcher is closed by :meth:`aclose`)."""
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- URLs -----------------------------------------------------------------
    def absolute(self, url_or_path: str) -> str:
        """Absolute URL on the portal for user input: a URL or a server-relative path.

        The URL policy (:func:`phuly_tui.urls.check_web_url`) decides; what it
        refuses raises a usage error that never repeats a password.

        Raises:
            UnsafeURLError: User info or a backslash in the address.
            NotAURLError: Anything else that is not an http(s) address or a path.
        """
        text = url_or_path.strip()
        if not is_url_input(text):
            raise NotAURLError(value=redacted(url_or_path))
        absolute = resolve(text, self.base_url + "/")
        if absolute is None or not is_http_url(absolute):
            raise _refusal(text)
        return absolute

    def home_url(self) -> str:
        return self.base_url + "/"

    def is_portal_url(self, url: str) -> bool:
        """True for an address the URL policy accepts on the portal (the fetcher's rule)."""
        return on_portal(url, self.base_url)

    def route(self, url: str, sections: Iterable[Section] = ()) -> Route:
        """Where ``url`` leads: the home page, a section, a listing page, an
        article, an attachment, off the portal, or nowhere (refused).

        Decided by what the pages read so far say — the home page's menu (and
        ``sections``, those on screen), the listings' pagers, the articles'
        attachment lists — then by the address itself (a file's name, the
        site's root); an address of the Internet Archive's copy of a portal
        page leads to that page.  Any other page of the portal is read as an
        article (the reader shows its text when it is none).  No I/O.
        """
        return self._routes.route(url, tuple(sections), self.config.archive_url)

    # -- cache-only reads (sync; call from a thread in the app) ---------------
    def cached_home(self) -> Loaded[Home] | None:
        return self._cached(self.home_url(), "home")

    def cached_article(self, url: str) -> Loaded[Article] | None:
        loaded: Loaded[Article] | None = self._cached(url, "article")
        return self._with_listing_facts(loaded) if loaded is not None else None

    def cached_section_pages(self, section_url: str) -> list[Listing]:
        """Every stored page of a section's listing, in page order."""
        pages = self.store.listing_pages(section_url)
        for page in pages:
            self._routes.learn(page)
        return pages

    def _cached(self, url: str, kind: Kind) -> Loaded[Any] | None:
        stored = self.store.get_page(url)
        if stored is None or stored.kind != kind:
            return None
        value = stored.value
        self._routes.learn(value)
        updated = kind == "article" and url in self.store.updated_since_read([url])
        return Loaded(value, "cache", stored.fetched_at, updated, archived=ArchivedCopy.of(stored))

    def stored_page(self, url: str) -> StoredPage | None:
        """The raw stored copy of ``url`` (conditional-request metadata included)."""
        return self.store.get_page(url)

    @staticmethod
    def value_of(kind: Kind, stored: StoredPage) -> Any:
        """The model a stored copy holds (Home, Listing or Article)."""
        return stored.value

    # -- network reads with store fallback -------------------------------------
    async def home(self, *, on_parsed: Callable[[Home], None] | None = None) -> Loaded[Home]:
        """The home page (``on_parsed``: see :meth:`absorb`)."""
        loaded: Loaded[Home] = await self._load(self.home_url(), "home", on_parsed)
        return loaded

    async def listing(self, url: str, *, page: int = 1) -> Loaded[Listing]:
        """Page ``page`` of the listing at ``url`` (page 1 is ``url`` itself).

        Further pages are reached the way the portal's own pager leads — its
        "next" link, page after page, as the app's scroll-to-load and sync do —
        never by guessing a query parameter: listings page with ``?Page=N``,
        ``?p=N``, ``?trang=N`` or with no number at all.  Past the last page
        (no next link, or one leading back to a page already seen) raises
        :class:`~phuly_tui.errors.NoSuchPageError` with the last page reached.
        """
        loaded: Loaded[Listing] = await self._load(url, "listing")
        seen = {url, loaded.value.url}
        reached = 1
        while reached < page:
            following = loaded.value.next
            if not following or following in seen:
                raise NoSuchPageError(section=loaded.value.section or url, page=page, last=reached)
            seen.add(following)
            loaded = await self._load(following, "listing")
            reached += 1
        return loaded

    async def article(self, url: str) -> Loaded[Article]:
        """The article at ``url``, as the CLI reads it (see :meth:`read_article`
        for the app's reading: stored copy first, plain-text fallback)."""
        loaded: Loaded[Article] = await self._load(url, "article")
        return await asyncio.to_thread(self._with_listing_facts, loaded)

    async def read_article(
        self, url: str, *, mode: ArticleLoad = "open"
    ) -> AsyncIterator[Loaded[Article]]:
        """One load of an article for a reader: the whole reading policy, in one place.

        ``mode``:

        * ``"open"`` — the stored copy at once (``source="cache"``), then the
          portal's answer (a conditional request); without a stored copy, the
          portal's answer only.  Offline, or an archived copy under
          ``archive = "always"``, the stored copy is the last word.
        * ``"refresh"`` — the caller shows a copy already: the portal's answer
          only (nothing offline).
        * ``"reload"`` — the user asked again (``r``): the portal's answer.

        The store is read once per load (the stored copy, its "updated since
        read" mark and its listing facts), and the copy read is the one the
        conditional request is made against.  When nothing was yielded yet
        (``open`` without a stored copy, ``reload``) and the portal's page
        cannot be read as an article, its visible text is yielded instead
        (``plain_text=True``, ``error`` the parse error), made from the bytes
        already fetched: one GET.

        Raises:
            PhulyError: the load failed.  After the stored copy was yielded, a
                portal failure is yielded as that copy marked ``"stale"``
                (``error`` says why); a page that no longer parses raises.
        """
        stored, first = await asyncio.to_thread(self._stored_article, url)
        if mode == "open" and first is not None:
            yield first
            if self.config.offline or (
                self.config.archive == "always" and first.archived is not None
            ):
                return
        elif mode == "refresh" and self.config.offline:
            return
        await self.network_ready()
        unparsed: list[FetchResult] = []
        try:
            loaded: Loaded[Article] = await self._load_from(
                url,
                "article",
                stored,
                unparsed=unparsed,
                known_updated=first.updated if first is not None else None,
            )
        except ParseError as exc:
            shown = mode == "refresh" or (mode == "open" and first is not None)
            if shown or not unparsed:
                raise
            yield await self._plain_text(url, unparsed[0], exc)
            return
        yield await asyncio.to_thread(self._with_listing_facts, loaded)

    def _stored_article(self, url: str) -> tuple[StoredPage | None, Loaded[Article] | None]:
        """The stored copy of an article and its reading: one look at the store."""
        stored = self._stored_of(url, "article")
        if stored is None:
            return None, None
        self._routes.learn(stored.value)
        updated = url in self.store.updated_since_read([url])
        article = stored.value
        assert isinstance(article, Article)  # a stored page of kind "article"
        loaded = Loaded(
            article, "cache", stored.fetched_at, updated, archived=ArchivedCopy.of(stored)
        )
        return stored, self._with_listing_facts(loaded)

    async def _plain_text(
        self, url: str, result: FetchResult, error: ParseError
    ) -> Loaded[Article]:
        """The page's visible text as a one-off article (first line the title).

        Raises ``error`` again when the page has no visible text.
        """
        from ..model import Paragraph
        from ..parse import page_plain_text

        try:
            text = await asyncio.to_thread(
                page_plain_text, result.content, result.url, encoding=result.encoding
            )
        except ParseError:
            raise error from None
        lines = [line for line in text.splitlines() if line.strip()]
        if not lines:
            raise error
        article = Article(
            url=url, title=lines[0], blocks=tuple(Paragraph(line) for line in lines[1:])
        )
        return Loaded(article, "network", error=error, plain_text=True)

    async def network_ready(self) -> None:
        """Import the HTTP client (httpx: a heavy import) in a thread, once, so an
        event loop never waits on it (the app calls this before its first request)."""
        if self.config.offline:
            return
        if self._fetcher is None and "phuly_tui.fetch" not in sys.modules:
            await asyncio.to_thread(importlib.import_module, "phuly_tui.fetch")

    def _with_listing_facts(self, loaded: Loaded[Article]) -> Loaded[Article]:
        """The article with the date (and section) a stored listing gave it when the
        page shows none; the date is marked ``published_from="listing"``."""
        article = loaded.value
        if article.published is not None and article.section is not None:
            return loaded
        known = self.store.known_article(article.url)
        if known is None:
            return loaded
        filled = article
        if article.published is None and known.published:
            filled = replace(filled, published=known.published, published_from="listing")
        if article.section is None and known.section:
            filled = replace(filled, section=known.section)
        return loaded if filled is article else replace(loaded, value=filled)

    async def _load(
        self, url: str, kind: Kind, on_parsed: Callable[[Any], None] | None = None
    ) -> Loaded[Any]:
        stored = await asyncio.to_thread(self._stored_of, url, kind)
        return await self._load_from(url, kind, stored, on_parsed)

    async def _load_from(
        self,
        url: str,
        kind: Kind,
        stored: StoredPage | None,
        on_parsed: Callable[[Any], None] | None = None,
        *,
        unparsed: list[FetchResult] | None = None,
        known_updated: bool | None = None,
    ) -> Loaded[Any]:
        """One load of ``url`` whose stored copy was read already (``stored``).

        ``unparsed`` receives the portal's answer when it cannot be parsed (the
        parse error is raised still): the plain-text fallback reads those bytes.
        ``known_updated``: the stored copy's "updated since read", kept when the
        portal says nothing changed (no second look at the store).
        """
        loaded = await self._load_value(
            url, kind, stored, on_parsed, unparsed=unparsed, known_updated=known_updated
        )
        self._routes.learn(loaded.value, url)
        return loaded

    def _stored_of(self, url: str, kind: Kind) -> StoredPage | None:
        """The stored copy of ``url`` when it is a page of ``kind``."""
        stored = self.store.get_page(url)
        return stored if stored is not None and stored.kind == kind else None

    async def _load_value(
        self,
        url: str,
        kind: Kind,
        stored: StoredPage | None,
        on_parsed: Callable[[Any], None] | None,
        *,
        unparsed: list[FetchResult] | None,
        known_updated: bool | None,
    ) -> Loaded[Any]:
        if self.config.offline:
            if stored is None:
                raise OfflineMissError(url=url)
            return _stored(kind, stored, "cache")
        if self.config.archive == "always":
            if stored is not None and stored.captured_at is not None:
                return _stored(kind, stored, "cache")
            try:
                return await self.read_archived(url, kind)
            except FetchError as exc:
                if stored is None or isinstance(exc, NotArchivedError):
                    raise
                return _stored(kind, stored, "stale", exc)
        try:
            refreshed = await self.refresh(
                url, kind, stored, on_parsed=on_parsed, unparsed=unparsed
            )
        except FetchError as exc:
            if stored is not None:
                return _stored(kind, stored, "stale", exc)
            if self.config.archive != "auto" or not portal_is_gone(exc):
                raise
            return await self._archive_instead(url, kind, exc)
        if known_updated is not None and refreshed.outcome == "unchanged":
            updated = known_updated  # nothing changed since the stored copy was read
        else:
            updated = kind == "article" and url in await asyncio.to_thread(
                self.store.updated_since_read, [url]
            )
        return Loaded(refreshed.value, "network", refreshed.stored_at, updated)

    async def _archive_instead(self, url: str, kind: Kind, portal_error: FetchError) -> Loaded[Any]:
        """The page from the archive after the portal failed with ``portal_error``.

        Not archived, or the archive's wait too long: that error (exit 4 / 3).
        The archive unreachable too: the portal's error, which says more.
        """
        try:
            loaded = await self.read_archived(url, kind)
        except (NotArchivedError, ArchiveBusyError):
            raise
        except FetchError as archive_error:
            raise portal_error from archive_error
        return Loaded(
            loaded.value, "archive", loaded.stored_at, error=portal_error, archived=loaded.archived
        )

    # -- the Internet Archive -------------------------------------------------------
    async def captures(self, url: str) -> list[Capture]:
        """The Internet Archive's good captures of ``url``, newest first.

        Looked up once: the list (an empty one too) is kept in the store.
        ``--offline`` answers from the store only (an unknown list is empty).
        """
        from ..archive import Capture, canonical_page_url

        key = canonical_page_url(url, self.base_url)
        known = await asyncio.to_thread(self.store.get_captures, key)
        if known is not None:
            return [Capture(stamp, original) for stamp, original in known]
        if self.config.offline:
            return []
        self._require_archive()
        captures = await self.archive.captures(key)
        await asyncio.to_thread(
            self.store.put_captures, key, [(c.timestamp, c.original) for c in captures]
        )
        return captures

    async def read_archived(
        self,
        url: str,
        kind: Kind,
        capture: Capture | None = None,
        *,
        unlimited: bool = False,
    ) -> Loaded[Any]:
        """``url`` read from the archive: ``capture``, or the newest one.

        The page is parsed as the portal's own (its links stay portal links, so
        following one goes through the library — and the archive — again) and
        stored with its capture time unless the store has a newer copy.
        ``unlimited``: no per-page wait budget (a sync paces itself).

        Raises:
            NotArchivedError: never captured (the nearest capture of its
                listing is named when the store knows the listing).
            ArchiveBusyError: the archive's 429 waits passed the page's budget.
            FetchError: the archive failed otherwise.
        """
        if self.config.offline:
            raise OfflineMissError(url=url)
        self._require_archive()
        async with self.archive.page(unlimited=unlimited):
            if capture is None:
                captures = await self.captures(url)
                if not captures:
                    raise await self._not_archived(url, kind)
                capture = captures[0]
            page = await self.archive.fetch(capture, url)
        from dataclasses import replace as _replace

        result = _replace(page.result, url=url)
        value = _parse(kind, result)
        copy = ArchivedCopy(
            page.capture.captured.timestamp(), page.capture.replay_url(self.archive.archive_url)
        )
        await asyncio.to_thread(self._put, url, kind, value, result, copy)
        return Loaded(value, "archive", result.fetched_at, archived=copy)

    def _require_archive(self) -> None:
        if self.config.archive == "never":
            raise ArchiveDisabledError()

    async def _not_archived(self, url: str, kind: Kind) -> NotArchivedError:
        """The error for a page never captured, naming its listing's newest capture."""
        if kind != "article":
            return NotArchivedError(url=url)
        for listing in await asyncio.to_thread(self.store.listings_of, url):
            try:
                captures = await self.captures(listing)
            except FetchError:
                break
            if captures:
                return NotArchivedError(
                    url=url, listing_url=listing, listing_date=captures[0].local_date
                )
        return NotArchivedError(url=url)

    async def refresh(
        self,
        url: str,
        kind: Kind,
        stored: StoredPage | None,
        *,
        on_parsed: Callable[[Any], None] | None = None,
        unparsed: list[FetchResult] | None = None,
    ) -> Refreshed:
        """Fetch ``url`` (conditionally when ``stored``), parse and store it.

        A 304 only touches the stored copy's check time: no reparse, no write
        of content.  Raises the fetcher's errors and the parser's (the answer
        that did not parse is appended to ``unparsed`` first, when given).
        """
        result = await self.fetcher.get(
            url,
            etag=stored.etag if stored else None,
            last_modified=stored.last_modified if stored else None,
        )
        try:
            return await self.absorb(url, kind, stored, result, on_parsed=on_parsed)
        except ParseError:
            if unparsed is not None:
                unparsed.append(result)
            raise

    async def absorb(
        self,
        url: str,
        kind: Kind,
        stored: StoredPage | None,
        result: FetchResult,
        *,
        on_parsed: Callable[[Any], None] | None = None,
    ) -> Refreshed:
        """Parse and store one answer to :meth:`refresh`'s request.

        ``on_parsed`` is called with the value as soon as it is known — before
        it is written — so a sync can queue the pages a listing reveals while
        the store works.  Raises the parser's errors and the store's.
        """
        if result.not_modified and stored is not None:
            value = stored.value
            if on_parsed is not None:
                on_parsed(value)
            await asyncio.to_thread(
                self._save, lambda: self.store.touch_page(url, result.fetched_at), None
            )
            return Refreshed("unchanged", value, stored.fetched_at)
        # parsing a big page takes a while (a 20,000-row table: about a second):
        # never on the event loop, where the app answers keys
        value = await asyncio.to_thread(_parse, kind, result)
        if on_parsed is not None:
            on_parsed(value)
        changed = await asyncio.to_thread(self._put, url, kind, value, result)
        if stored is None:
            outcome: Outcome = "new"
        else:
            outcome = "updated" if changed else "unchanged"
        return Refreshed(outcome, value, result.fetched_at)

    def _put(
        self,
        url: str,
        kind: Kind,
        value: Any,
        result: FetchResult,
        archived: ArchivedCopy | None = None,
    ) -> bool:
        data = value.to_dict()

        def put() -> bool:
            changed: bool = self.store.put_page(
                url,
                kind,
                data,
                etag=None if archived else result.etag,
                last_modified=None if archived else result.last_modified,
                fetched_at=result.fetched_at,
                content_hash=_content_hash(data),
                captured_at=archived.captured_at if archived else None,
                capture_url=archived.url if archived else None,
            )
            return changed

        return self._save(put, False)

    # -- documents (attachments read as text) ---------------------------------------
    def cached_document(self, url: str) -> Loaded[Document] | None:
        """The stored text of the document at ``url`` (no network), or None."""
        from ..documents import Document

        stored = self.store.get_document(url)
        if stored is None:
            return None
        return Loaded(Document.from_dict(stored.data), "cache", stored.fetched_at)

    async def document(
        self,
        url: str,
        *,
        title: str | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Loaded[Document]:
        """The attachment at ``url`` read as text, stored and indexed for search.

        Fetched (conditionally when stored) with the attachment cap
        (``attachment_max_mb``); a copy kept by ``sync --attachments`` is read
        when the portal cannot be reached or offline.  ``title`` is the link's
        text; by default the text of the first stored article's link to it.

        Raises:
            DocumentError: the file cannot be shown as text (too large,
                encrypted, damaged, another format, pypdfium2 missing).
            FetchError: it could not be fetched and nothing is stored.
        """
        from ..documents import Document
        from ..errors import DocumentTooLarge, ResponseTooLarge

        stored = await asyncio.to_thread(self.store.get_document, url)
        if title is None:
            title, _ = await asyncio.to_thread(self.store.attachment_title, url)
        if self.config.offline:
            if stored is not None:
                return Loaded(Document.from_dict(stored.data), "cache", stored.fetched_at)
            synced = await self._read_synced(url, title, cancelled)
            if synced is None:
                raise OfflineMissError(url=url)
            return Loaded(synced, "cache", None)
        try:
            result = await self.fetcher.get(
                url,
                etag=stored.etag if stored else None,
                last_modified=stored.last_modified if stored else None,
                expect_html=False,
                max_bytes=self.config.attachment_max_bytes,
            )
        except ResponseTooLarge as exc:
            from ..documents import file_name

            raise DocumentTooLarge(
                name=file_name(url), limit=f"{self.config.attachment_max_mb:g}"
            ) from exc
        except FetchError as exc:
            if stored is not None:
                data = stored.data
                return Loaded(Document.from_dict(data), "stale", stored.fetched_at, error=exc)
            synced = await self._read_synced(url, title, cancelled)
            if synced is None:
                raise
            return Loaded(synced, "stale", None, error=exc)
        if result.not_modified and stored is not None:
            return Loaded(Document.from_dict(stored.data), "network", stored.fetched_at)
        document = await self._read_bytes(result.content, url, title, cancelled)
        await asyncio.to_thread(
            self._save,
            lambda: self.store.put_document(
                url,
                document.to_dict(),
                etag=result.etag,
                last_modified=result.last_modified,
                fetched_at=result.fetched_at,
            ),
            None,
        )
        return Loaded(document, "network", result.fetched_at)

    async def _read_bytes(
        self,
        data: bytes,
        url: str,
        title: str | None,
        cancelled: Callable[[], bool] | None,
    ) -> Document:
        from ..documents import read_document

        return await asyncio.to_thread(
            read_document,
            data,
            url,
            title=title,
            max_mb=self.config.attachment_max_mb,
            cancelled=cancelled,
        )

    async def _read_synced(
        self, url: str, title: str | None, cancelled: Callable[[], bool] | None
    ) -> Document | None:
        from ..attachments import attachment_path

        path = attachment_path(self.config.data_dir, url)
        if not path.is_file():
            return None
        data = await asyncio.to_thread(path.read_bytes)
        return await self._read_bytes(data, url, title, cancelled)

    async def download_attachment(self, url: str, folder: Path, name: str) -> Path:
        """Download the file at ``url`` into ``folder`` as ``name`` — or ``name-2`` …
        when a different file has that name: a file of the user's is never replaced.

        The same file saved again reuses the identical one already there.  The
        bytes land in a private temporary folder first, then the one writer
        (:func:`phuly_tui.user_files.save_file`) claims the name.

        Raises:
            FetchError: the download failed (the attachment cap included).
            SaveError: the folder or the file cannot be written.
        """
        import shutil
        import tempfile

        from ..fetch.client import save_error
        from ..user_files import save_file

        await self.network_ready()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            partial = Path(tempfile.mkdtemp(dir=folder, prefix=".phuly-tui-"))
        except OSError as exc:
            raise save_error(folder / name, exc) from exc
        try:
            downloaded = await self.fetcher.download(url, partial / name)
            return await asyncio.to_thread(
                save_file, downloaded, folder, name, reuse_identical=True
            )
        except OSError as exc:
            raise save_error(folder / name, exc) from exc
        finally:
            shutil.rmtree(partial, ignore_errors=True)

    async def store_document_file(self, url: str, path: Path) -> bool:
        """Read a downloaded attachment and store its text (``sync --attachments``).

        Returns False, storing nothing, for a file that is not a readable PDF or
        DOCX (other formats, damaged files: the file itself is kept).
        """
        from ..errors import DocumentError

        if await asyncio.to_thread(self.store.get_document, url) is not None:
            return True
        title, _ = await asyncio.to_thread(self.store.attachment_title, url)
        try:
            data = await asyncio.to_thread(path.read_bytes)
            document = await self._read_bytes(data, url, title, None)
        except (DocumentError, OSError):
            return False
        await asyncio.to_thread(self.store.put_document, url, document.to_dict())
        return True

    def known_documents(self, doc_type: str | None = None) -> list[KnownDocument]:
        """Every known document, newest first; ``doc_type`` filters by the decree's
        code (``KH``) or the type's name (``Kế hoạch``, diacritics optional).

        Raises:
            UsageError: ``doc_type`` names no known type.
        """
        documents = self.store.known_documents()
        if doc_type is None or not doc_type.strip():
            return documents
        code, name = resolve_doc_type(doc_type)
        return [d for d in documents if (code and d.doc_type_code == code) or d.doc_type == name]

    # -- sections ---------------------------------------------------------------
    async def sections(self) -> Loaded[tuple[Section, ...]]:
        home = await self.home()
        return Loaded(
            home.value.sections,
            home.source,
            home.stored_at,
            error=home.error,
            archived=home.archived,
        )

    async def resolve_section(self, query: str | None) -> Section:
        """A section by name (accents optional), slug or listing URL; None → the first."""
        sections = (await self.sections()).value
        return find_section(sections, query, self)

    # -- user state (sync; thread in the app) -----------------------------------
    def mark_read(self, url: str, read: bool = True) -> None:
        """Mark ``url`` read or unread, as the user asked.

        Raises:
            ReadOnlyStoreError: the store cannot be written.
        """
        self.store.mark_read(url, read)

    def record_reading(self, url: str) -> None:
        """The article at ``url`` was shown: mark it read — unless the store is
        read-only (said once; the reading itself goes on)."""
        self._save(lambda: self.mark_read(url), None)

    def read_urls(self, urls: Iterable[str]) -> set[str]:
        return self.store.read_urls(urls)

    def read_state(self, urls: Iterable[str]) -> ReadState:
        """Which of ``urls`` are read, and which of those changed since (for a list)."""
        wanted = list(urls)
        return ReadState(self.store.read_urls(wanted), self.store.updated_since_read(wanted))

    def unread_counts(self, section_urls: Iterable[str]) -> dict[str, int]:
        """Unread articles of each section's stored listing pages, by section URL."""
        return {url: self.store.unread_count(url) for url in section_urls}

    def mark_section_read(self, section_url: str, shown: Iterable[str] = ()) -> None:
        """``M``: every stored item of the section read, and the ``shown`` URLs too
        (items on screen that may not be stored under this section).

        Raises:
            ReadOnlyStoreError: the store cannot be written.
        """
        self.store.mark_section_read(section_url)
        for url in shown:
            self.store.mark_read(url, True)

    def toggle_bookmark(self, url: str) -> bool:
        return self.store.toggle_bookmark(url)

    def unread_articles(self, *, limit: int = 200) -> list[tuple[ListingItem, str | None]]:
        """ "Tin mới": unread articles of every stored section, newest first."""
        return self.store.unread_articles(limit=limit)

    def bookmarks(self) -> list[ArticleSummary]:
        return self.store.bookmarks()

    def search(
        self, query: str, *, limit: int = 50, where: SearchFilter | None = None
    ) -> list[SearchResult]:
        """Stored articles matching ``query``, best first, inside ``where`` if given."""
        return self.store.search(query, limit=limit, where=where)

    async def search_filter(
        self, section: str | None = None, since: str | None = None, until: str | None = None
    ) -> SearchFilter:
        """A search filter from what a person typed: a section as ``list SECTION``
        takes it (name, slug or URL) and days as ``YYYY-MM-DD`` or ``dd/mm/yyyy``.

        Raises BadDateError (bad usage) for a day that is no calendar day or a
        range ending before it starts, UnknownSectionError for a section the
        portal does not have.
        """
        self.filter_for((), None, since, until)  # a bad day fails before any fetch
        sections: tuple[Section, ...] = ()
        if section and section.strip():
            try:
                sections = (await self.sections()).value
            except PhulyError:
                if not is_url_input(section.strip()):
                    raise  # a name needs the list; a URL stands on its own
        return self.filter_for(sections, section, since, until)

    def filter_for(
        self,
        sections: Sequence[Section],
        section: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> SearchFilter:
        """:meth:`search_filter` against sections already known (no fetch)."""
        from ..store.records import SearchFilter

        first = parse_day(since) if since else None
        last = parse_day(until) if until else None
        if first and last and first > last:
            raise BadDateError("error.date_range", since=since, until=until)
        name = url = None
        wanted = (section or "").strip()
        if wanted and is_url_input(wanted):
            # a listing URL stands on its own, as in ``list URL``; its name is a bonus
            url = self.absolute(wanted)
            found = find_section(sections, wanted, self) if sections else None
            if found is not None and found.name != wanted:
                name = found.name
        elif wanted:
            found = find_section(sections, wanted, self)
            name, url = found.name, found.url
        return SearchFilter(section_url=url, section_name=name, since=first, until=last)

    def search_typed(
        self, text: str, sections: Sequence[Section], *, limit: int = 50
    ) -> list[SearchResult]:
        """Search with filters typed among the words (the app's search box):
        ``muc:kinh-te tu:01/01/2024 den:30/06/2024 ngân sách`` — see
        :func:`split_search_filters`.  Raises what :meth:`filter_for` raises."""
        words, filters = split_search_filters(text)
        where = self.filter_for(
            sections, filters.get("section"), filters.get("since"), filters.get("until")
        )
        return self.search(words, limit=limit, where=where)

    # -- sync -----------------------------------------------------------------------
    async def sync(
        self,
        sections: Iterable[Section] | None = None,
        *,
        pages: int = 2,
        concurrency: int = 4,
        attachments: bool = False,
        on_progress: Callable[[SyncProgress], None] | None = None,
        from_archive: bool = False,
    ) -> SyncReport:
        """Fetch ``pages`` listing pages of each section and every article on them.

        Conditional requests make a rerun cheap: what did not change answers
        304 and is not parsed again, so an interrupted sync simply resumes.
        ``from_archive`` reads the newest captures from the Internet Archive
        instead (see :mod:`phuly_tui.sync`).
        """
        return await run_sync(
            self,
            list(sections) if sections is not None else None,
            pages=pages,
            concurrency=concurrency,
            attachments=attachments,
            on_progress=on_progress,
            from_archive=from_archive,
        )


#: filter words of the search box, folded (diacritics optional): Vietnamese and English
_FILTER_NAMES: Final = {
    "muc": "section",
    "chuyenmuc": "section",
    "section": "section",
    "tu": "since",
    "since": "since",
    "den": "until",
    "until": "until",
}
_TYPED_FILTER: Final = re.compile(r'(?<!\S)([^\W\d_]+):("[^"]*"?|\S*)')


def split_search_filters(text: str) -> tuple[str, dict[str, str]]:
    """The words of a search box and the filters typed among them.

    ``muc:kinh-te`` (or ``mục:``, ``section:``) names a section as ``list SECTION``
    does (``muc:"kinh tế"`` for a name with spaces); ``tu:`` / ``từ:`` / ``since:``
    and ``den:`` / ``đến:`` / ``until:`` bound the days.  Any other ``word:`` is
    left among the words (a colon only separates words there).  Returns the
    remaining text and ``{"section"|"since"|"until": value}`` (the last one typed
    wins; an empty value is no filter).
    """
    filters: dict[str, str] = {}

    def take(match: re.Match[str]) -> str:
        name = _FILTER_NAMES.get(fold(match.group(1)))
        if name is None:
            return match.group(0)
        value = match.group(2).strip('"').strip()
        if value:
            filters[name] = value
        else:
            filters.pop(name, None)
        return " "

    rest = _TYPED_FILTER.sub(take, text)
    return " ".join(rest.split()), filters


def parse_day(text: str) -> str:
    """A calendar day typed as ``YYYY-MM-DD`` or as Vietnamese write it
    (``dd/mm/yyyy``, ``d/m/yyyy``, ``dd-mm-yyyy``), as ``YYYY-MM-DD``.

    Raises BadDateError for anything else (``2024-02-30``, ``hôm qua``).
    """
    value = text.strip()
    try:
        if len(value) == 10 and value[4] == "-" and value.isascii():
            return date.fromisoformat(value).isoformat()
        parts = value.replace("-", "/").replace(".", "/").split("/")
        if len(parts) == 3 and all(p.isascii() and p.isdigit() for p in parts):
            day, month, year = (int(p) for p in parts)
            if len(parts[2]) == 4:
                return date(year, month, day).isoformat()
    except ValueError:
        pass
    raise BadDateError(value=text)


def find_section(sections: Iterable[Section], query: str | None, library: Library) -> Section:
    """Match ``query`` against section names (diacritics optional), slugs and URLs."""
    options = list(sections)
    if not options:
        raise UnknownSectionError(value=query or "")
    if query is None or not query.strip():
        return options[0]
    wanted = query.strip()
    if is_url_input(wanted):
        url = library.absolute(wanted)
        path = urlsplit(url).path.lower()
        for section in options:
            if urlsplit(section.url).path.lower() == path:
                return section
        return Section(name=wanted, url=url)
    key = fold(wanted).replace("-", " ").split()
    for section in options:
        if fold(section.name).replace("-", " ").split() == key:
            return section
    slug = wanted.lower().removesuffix(".aspx")
    for section in options:
        if urlsplit(section.url).path.lower().rsplit("/", 1)[-1].removesuffix(".aspx") == slug:
            return section
    raise UnknownSectionError(value=query)


def resolve_doc_type(query: str) -> tuple[str | None, str]:
    """``(code, full name)`` of a type typed as a code (``KH``, ``CD``) or a name
    (``Kế hoạch``, ``ke hoach``; ``Công văn`` has no code).

    Raises:
        UsageError: nothing matches.
    """
    from ..documents import DOCUMENT_TYPES, type_code_for
    from ..documents.numbers import CONG_VAN
    from ..errors import UsageError

    text = query.strip()
    code = type_code_for(text) if len(text) <= 5 else None
    if code is not None and code != "CV":
        return code, DOCUMENT_TYPES[code]
    wanted = fold(text)
    if wanted in (fold(CONG_VAN), "cv"):
        return None, CONG_VAN
    for code, name in DOCUMENT_TYPES.items():
        if fold(name) == wanted:
            return code, name
    raise UsageError("error.unknown_doc_type", value=query)


def portal_is_gone(error: FetchError) -> bool:
    """Whether the portal's failure is one the archive may stand in for: unreachable,
    404/410/5xx, or a redirect off the portal (a domain taken over, a parked page)."""
    if isinstance(error, NetworkError | TimeoutError_ | NotFoundError):
        return True
    if isinstance(error, HTTPStatusError):
        return error.status == 410 or error.status >= 500
    return isinstance(error, RedirectError) and error.message_key == "error.redirect_offsite"


def _stored(
    kind: Kind,
    stored: StoredPage,
    source: Literal["cache", "stale"],
    error: PhulyError | None = None,
) -> Loaded[Any]:
    """A stored copy as a :class:`Loaded`, with its capture when it is an archived one."""
    return Loaded(
        stored.value, source, stored.fetched_at, error=error, archived=ArchivedCopy.of(stored)
    )


def _parse(kind: Kind, result: FetchResult) -> Any:
    from .. import parse

    if kind == "home":
        return parse.parse_home(result.content, result.url, encoding=result.encoding)
    if kind == "listing":
        return parse.parse_listing(result.content, result.url, encoding=result.encoding)
    article = parse.parse_article(result.content, result.url, encoding=result.encoding)
    if not article.title and not article.blocks:
        raise NotAnArticleError(url=result.url)
    return article
