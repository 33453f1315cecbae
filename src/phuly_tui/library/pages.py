"""Pages read cache-first: the store's copy, the portal's answer, the fallbacks.

* ``cached_*`` methods answer from the store only (no network, no waiting) —
  the app paints these at once;
* ``home()``, ``listing()`` and ``article()`` fetch with conditional requests
  when a copy is stored (a 304 costs no reparse), store what they parse, and
  when the portal cannot be reached fall back to the stored copy, saying so
  (:attr:`~phuly_tui.library.Loaded.notice`) — or to the Internet Archive;
* ``offline`` never touches the network.

Store calls are plain SQLite; the async methods run them, and the parser and
the rebuilding of stored pages, in a thread (``asyncio.to_thread``) so an
event loop — the app's — never blocks on disk or on a big page.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..errors import (
    FetchError,
    NoSuchPageError,
    NotArchivedError,
    OfflineMissError,
    ParseError,
)
from ..model import Home, Listing, is_article
from .archived import ArchiveReads, parse_off_loop, portal_is_gone
from .loaded import ArchivedCopy, Kind, Loaded, Outcome, PageKind, Refreshed, stored_loaded

if TYPE_CHECKING:
    from ..fetch import FetchResult
    from ..model import Article
    from ..store import StoredPage


__all__ = ["PageReads"]


class PageReads(ArchiveReads):
    """Home, listing and article pages: the store's copy, the portal's answer."""

    # -- cache-only reads (sync; call from a thread in the app) ---------------
    def cached_home(self) -> Loaded[Home] | None:
        return self._cached(self.home_url(), "home")

    def cached_article(self, url: str) -> Loaded[Article] | None:
        loaded: Loaded[Article] | None = self._cached(url, "article")
        return self._with_listing_facts(loaded) if loaded is not None else None

    def cached_section_pages(self, section_url: str) -> list[Listing]:
        """Every stored page of a section's listing, in page order."""
        pages = self._store.listing_pages(section_url)
        for page in pages:
            self._routes.learn(page)
        return pages

    def _cached(self, url: str, kind: Kind) -> Loaded[Any] | None:
        stored = self._store.get_page(url)
        if stored is None or stored.kind != kind:
            return None
        value = stored.value
        self._routes.learn(value)
        updated = kind == "article" and url in self._store.updated_since_read([url])
        return Loaded(value, "cache", stored.fetched_at, updated, archived=ArchivedCopy.of(stored))

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

    def _with_listing_facts(self, loaded: Loaded[Article]) -> Loaded[Article]:
        """The article with the date (and section) a stored listing gave it when the
        page shows none; the date is marked ``published_from="listing"``."""
        article = loaded.value
        if article.published is not None and article.section is not None:
            return loaded
        known = self._store.known_article(article.url)
        if known is None:
            return loaded
        filled = article
        if article.published is None and known.published:
            filled = replace(filled, published=known.published, published_from="listing")
        if article.section is None and known.section:
            filled = replace(filled, section=known.section)
        return loaded if filled is article else replace(loaded, value=filled)

    async def _load(
        self, url: str, kind: PageKind, on_parsed: Callable[[Any], None] | None = None
    ) -> Loaded[Any]:
        stored = await asyncio.to_thread(self._stored_of, url, kind)
        return await self._load_from(url, kind, stored, on_parsed)

    async def _load_from(
        self,
        url: str,
        kind: PageKind,
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

    async def _load_value(
        self,
        url: str,
        kind: PageKind,
        stored: StoredPage | None,
        on_parsed: Callable[[Any], None] | None,
        *,
        unparsed: list[FetchResult] | None,
        known_updated: bool | None,
    ) -> Loaded[Any]:
        if self.config.offline:
            if stored is None:
                raise OfflineMissError(url=url)
            return stored_loaded(stored, "cache")
        if self.config.archive == "always":
            if stored is not None and stored.captured_at is not None:
                return stored_loaded(stored, "cache")
            try:
                return await self.read_archived(url, kind)
            except FetchError as exc:
                if stored is None or isinstance(exc, NotArchivedError):
                    raise
                return stored_loaded(stored, "stale", exc)
        try:
            refreshed = await self.refresh(
                url, kind, stored, on_parsed=on_parsed, unparsed=unparsed
            )
        except FetchError as exc:
            if stored is not None:
                return stored_loaded(stored, "stale", exc)
            if self.config.archive != "auto" or not portal_is_gone(exc):
                raise
            return await self._archive_instead(url, kind, exc)
        if known_updated is not None and refreshed.outcome == "unchanged":
            updated = known_updated  # nothing changed since the stored copy was read
        else:
            updated = is_article(refreshed.value) and url in await asyncio.to_thread(
                self._store.updated_since_read, [url]
            )
        return Loaded(refreshed.value, "network", refreshed.stored_at, updated)

    async def refresh(
        self,
        url: str,
        kind: PageKind,
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
        result = await self._conditional_get(url, stored)
        try:
            return await self.absorb(url, kind, stored, result, on_parsed=on_parsed)
        except ParseError:
            if unparsed is not None:
                unparsed.append(result)
            raise

    async def absorb(
        self,
        url: str,
        kind: PageKind,
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
                self._save, lambda: self._store.touch_page(url, result.fetched_at), None
            )
            return Refreshed("unchanged", value, stored.fetched_at)
        value = await parse_off_loop(kind, result)
        if on_parsed is not None:
            on_parsed(value)
        changed = await asyncio.to_thread(self._put, url, kind, value, result)
        if stored is None:
            outcome: Outcome = "new"
        else:
            outcome = "updated" if changed else "unchanged"
        return Refreshed(outcome, value, result.fetched_at)
