"""The library's core: its resources, its addresses and the one writer of pages.

:class:`LibraryCore` opens the store on first use (setting a corrupt one
aside, saying once when it is read-only), makes the fetcher and the Internet
Archive client, turns what a user typed into a portal address, says where an
address leads (:mod:`phuly_tui.library.routes`) and stores a parsed page.  The
readers of pages, documents and read marks build on it
(:mod:`phuly_tui.library.service` puts them together).
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..errors import (
    CorruptStoreError,
    NotAURLError,
    PhulyError,
    ReadOnlyStoreError,
    UnsafeURLError,
)
from ..i18n import add_messages, t
from ..model import Section
from ..urls import (
    is_http_url,
    is_unsafe_url,
    is_url_input,
    redacted,
    resolve,
)
from ..urls import is_portal_url as on_portal
from .loaded import ArchivedCopy, PageKind, T, kind_of
from .routes import Route, RouteBook

if TYPE_CHECKING:
    from pathlib import Path

    from ..archive import ArchiveClient, ArchiveWait
    from ..fetch import Fetcher, FetchResult, FetchSettings
    from ..store import Store, StoredDocument, StoredPage


__all__ = ["LibraryCore", "SyncAccess", "fetch_settings"]

add_messages(
    {
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


class LibraryCore:
    """The library's resources — the store, the fetcher, the archive client, the
    warnings for the user — its addresses, and the one writer of pages.

    The store and the fetcher are the library's own (:attr:`_store`,
    :attr:`_fetcher`): the app and the CLI read through the library's methods,
    and a sync gets the few things it does with them as a :class:`SyncAccess`
    (``tests/unit/test_ui_boundary.py``).
    """

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
        #: the store and the fetcher once made (or as given): see :attr:`_store`
        self._store_made = store
        self._fetcher_made = fetcher
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

    # -- resources (the library's own: nothing outside the package reaches them) -
    @property
    def _store(self) -> Store:
        """The SQLite store, opened on first use (a corrupt one is set aside).

        Private to the library package: the app and the CLI read through the
        library's methods, a sync through the :class:`SyncAccess` that
        :meth:`~phuly_tui.library.Library.sync` hands it (enforced by
        ``tests/unit/test_ui_boundary.py``).  Tests that look into the store
        give the library one (``store=``)."""
        if self._store_made is None:
            from ..store import open_store

            try:
                self._store_made = open_store(self.config.data_dir)
            except CorruptStoreError as exc:
                moved = exc.params.get("moved")
                if moved is None:  # damage found later than the first look: not moved
                    raise
                self.warn(t("library.store_set_aside", path=moved))
                self._store_made = open_store(self.config.data_dir)
            if self._store_made.read_only:
                self._say_read_only()
        return self._store_made

    def _say_read_only(self) -> None:
        """Say once that nothing will be saved (a read-only store)."""
        if not self._said_read_only and self._store_made is not None:
            self._said_read_only = True
            self.warn(t("library.store_read_only", path=self._store_made.path))

    def _save(self, write: Callable[[], T], default: T) -> T:
        """Run a write the user did not ask for (storing a fetched page, the read
        mark of an article shown): on a read-only store it is skipped — reading
        goes on — and the user was told once.  Writes the user asks for (``m``,
        ``b``, sync, prune) raise :class:`ReadOnlyStoreError` instead."""
        if self._store.read_only:
            return default
        try:
            return write()
        except ReadOnlyStoreError:  # opened for writing, yet the file refuses writes
            self._say_read_only()
            return default

    @property
    def _fetcher(self) -> Fetcher:
        """The portal's HTTP client, made on first use.  Private, like :attr:`_store`."""
        if self._fetcher_made is None:
            from ..fetch import Fetcher

            self._fetcher_made = Fetcher(fetch_settings(self.config))
        return self._fetcher_made

    async def _conditional_get(
        self,
        url: str,
        stored: StoredPage | StoredDocument | None,
        *,
        expect_html: bool = True,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """GET ``url``, conditionally when a copy is stored (a 304 when unchanged).

        The one place a stored copy's validators become request headers — for
        pages and for documents (``expect_html=False``, capped at ``max_bytes``).
        """
        return await self._fetcher.get(
            url,
            etag=stored.etag if stored else None,
            last_modified=stored.last_modified if stored else None,
            expect_html=expect_html,
            max_bytes=max_bytes,
        )

    async def network_ready(self) -> None:
        """Import the HTTP client (httpx: a heavy import) in a thread, once, so an
        event loop never waits on it (the app calls this before its first request)."""
        if self.config.offline:
            return
        if self._fetcher_made is None and "phuly_tui.fetch" not in sys.modules:
            await asyncio.to_thread(importlib.import_module, "phuly_tui.fetch")

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
        if self._fetcher_made is not None:
            await self._fetcher_made.aclose()
            self._fetcher_made = None
        if self._archive is not None:
            await self._archive.aclose()
            self._archive = None

    def close(self) -> None:
        """Close the store (the fetcher is closed by :meth:`aclose`)."""
        if self._store_made is not None:
            self._store_made.close()
            self._store_made = None

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
        page leads to that page.  Any other page of the portal goes to the
        reader, which reads it for what it says it is
        (:meth:`~phuly_tui.library.Library.read_article`).  No I/O.
        """
        return self._routes.route(url, tuple(sections), self.config.archive_url)

    # -- the stored pages -------------------------------------------------------
    def _stored_of(self, url: str, kind: PageKind) -> StoredPage | None:
        """The stored copy of ``url`` when it is a page of ``kind``."""
        stored = self._store.get_page(url)
        if stored is None or kind == "page":
            return stored
        return stored if stored.kind == kind else None

    def stored_page(self, url: str) -> StoredPage | None:
        """The raw stored copy of ``url`` (conditional-request metadata included)."""
        return self._store.get_page(url)

    def _put(
        self,
        url: str,
        kind: PageKind,
        value: Any,
        result: FetchResult,
        archived: ArchivedCopy | None = None,
    ) -> bool:
        data = value.to_dict()
        stored_kind = kind if kind != "page" else kind_of(value)

        def put() -> bool:
            changed: bool = self._store.put_page(
                url,
                stored_kind,
                data,
                etag=None if archived else result.etag,
                last_modified=None if archived else result.last_modified,
                fetched_at=result.fetched_at,
                # no content_hash: the store hashes the JSON it writes (one encoding)
                captured_at=archived.captured_at if archived else None,
                capture_url=archived.url if archived else None,
            )
            return changed

        return self._save(put, False)


class SyncAccess:
    """What a sync does with the library's store and fetcher, and nothing more
    (:class:`phuly_tui.sync.SyncResources`).

    :meth:`~phuly_tui.library.Library.sync` hands one to
    :func:`~phuly_tui.sync.run_sync`: the store and the fetcher stay private to
    the library package, and the sync's needs are written down here rather
    than being the whole of two objects.
    """

    __slots__ = ("_core",)

    def __init__(self, core: LibraryCore) -> None:
        self._core = core

    def require_writable(self) -> None:
        """Open the store; a sync exists to store pages, so a read-only one ends it.

        Raises:
            ReadOnlyStoreError: the store cannot be written.
            CorruptStoreError: damage the opening could not set aside.
        """
        store = self._core._store
        if store.read_only:
            raise ReadOnlyStoreError("store.read_only", path=store.path)

    def stored_urls(self) -> frozenset[str]:
        """The addresses of the stored pages (see ``Store.page_urls``)."""
        return self._core._store.page_urls()

    def warm(self) -> None:
        """Import the HTTP stack and build the client now (see ``Fetcher.warm``)."""
        self._core._fetcher.warm()

    def after_next_send(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` once the next request is on the wire; returns what
        forgets it (see ``Fetcher.after_next_send``)."""
        return self._core._fetcher.after_next_send(callback)

    async def get(self, url: str, stored: StoredPage | None) -> FetchResult:
        """GET ``url``, conditionally when ``stored`` (a 304 when unchanged)."""
        return await self._core._conditional_get(url, stored)

    async def download(self, url: str, dest: Path) -> None:
        """Download the file at ``url`` to ``dest`` (within ``attachment_max_mb``)."""
        await self._core._fetcher.download(
            url, dest, max_bytes=self._core.config.attachment_max_bytes
        )
