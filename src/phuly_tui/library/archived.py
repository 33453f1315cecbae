"""Pages read from the Internet Archive when the portal cannot give them.

With the setting ``archive = "auto"`` a page the portal cannot give
(unreachable, 404/410/5xx, a redirect off the portal) and the store does not
have is read from its newest capture; ``always`` reads captures only; ``never``
never asks.  A capture is parsed as the portal's own page (its links stay
portal links) and stored with its capture time, never over a newer copy.
See :mod:`phuly_tui.archive`.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from ..errors import (
    ArchiveBusyError,
    ArchiveDisabledError,
    FetchError,
    HTTPStatusError,
    NetworkError,
    NotArchivedError,
    NotFoundError,
    OfflineCapturesMissError,
    OfflineMissError,
    RedirectError,
    TimeoutError_,
)
from ..model import Listing
from .core import LibraryCore
from .loaded import ArchivedCopy, Loaded, PageKind

if TYPE_CHECKING:
    from ..archive import Capture
    from ..fetch import FetchResult


__all__ = ["CAPTURES_MAX_AGE", "ArchiveReads", "parse_off_loop", "portal_is_gone"]

#: seconds a stored capture list is used before the archive is asked again (a day)
CAPTURES_MAX_AGE = 24 * 3600


def portal_is_gone(error: FetchError) -> bool:
    """Whether the portal's failure is one the archive may stand in for: unreachable,
    404/410/5xx, or a redirect off the portal (a domain taken over, a parked page)."""
    if isinstance(error, NetworkError | TimeoutError_ | NotFoundError):
        return True
    if isinstance(error, HTTPStatusError):
        return error.status == 410 or error.status >= 500
    return isinstance(error, RedirectError) and error.message_key == "error.redirect_offsite"


async def parse_off_loop(kind: PageKind, result: FetchResult) -> Any:
    """``result`` parsed as ``kind`` (:func:`phuly_tui.parse.parse_as`), never on the
    event loop, where the app answers keys: parsing a big page takes a while (a
    20,000-row table: about a second), so a big one goes to a child process,
    whose GIL is not the app's (see :mod:`phuly_tui.parse.offload`), any other
    to a thread."""
    from ..parse import parse_as
    from ..parse.offload import run_parse

    content = result.content
    return await run_parse(parse_as, kind, content, result.url, result.encoding, size=len(content))


class ArchiveReads(LibraryCore):
    """Pages read from the Internet Archive (see the module docstring)."""

    async def captures(self, url: str) -> list[Capture]:
        """The Internet Archive's good captures of ``url``, newest first.

        The list (an empty one too) is kept in the store and used for
        :data:`CAPTURES_MAX_AGE`; an older one is asked again (the archive
        keeps capturing: a page never captured last week may be now), and kept
        when the archive cannot answer.  ``--offline`` and ``archive = never``
        answer from the store only.

        Raises:
            OfflineCapturesMissError: offline, and no list is stored (the
                archive was not asked: not "never captured").
            ArchiveDisabledError: ``archive = never`` and no list is stored.
            FetchError: the archive failed and no list is stored.
        """
        from ..archive import Capture, canonical_page_url

        key = canonical_page_url(url, self.base_url)
        known = await asyncio.to_thread(self._store.get_captures, key)
        if known is not None:
            # checked again on the way back: a list stored before the URL policy
            # percent-encoded controls holds the archive's raw addresses
            stored = [
                capture
                for stamp, original in known.captures
                if (capture := Capture.checked(stamp, original)) is not None
            ]
            fresh = time.time() - known.looked_up_at < CAPTURES_MAX_AGE
            if fresh or self.config.offline or self.config.archive == "never":
                return stored
        if self.config.offline:
            raise OfflineCapturesMissError(url=key)
        self._require_archive()
        try:
            captures = await self.archive.captures(key)
        except FetchError:
            if known is None:
                raise
            return stored  # the archive unreachable or busy: the list it gave before
        await asyncio.to_thread(
            self._store.put_captures, key, [(c.timestamp, c.original) for c in captures]
        )
        return captures

    async def read_archived(
        self,
        url: str,
        kind: PageKind,
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
        value = await parse_off_loop(kind, result)
        copy = ArchivedCopy(
            page.capture.captured.timestamp(), page.capture.replay_url(self.archive.archive_url)
        )
        await asyncio.to_thread(self._put, url, kind, value, result, copy)
        return Loaded(value, "archive", result.fetched_at, archived=copy)

    def _require_archive(self) -> None:
        if self.config.archive == "never":
            raise ArchiveDisabledError()

    async def _not_archived(self, url: str, kind: PageKind) -> NotArchivedError:
        """The error for a page never captured, naming its listing's newest capture
        (the listing the store saw it on, with its section's name)."""
        if kind not in ("article", "page"):
            return NotArchivedError(url=url)
        for listing in await asyncio.to_thread(self._store.listings_of, url):
            try:
                captures = await self.captures(listing)
            except FetchError:
                break
            if captures:
                stored = await asyncio.to_thread(self._store.get_page, listing)
                page = stored.value if stored is not None else None
                name = page.section if isinstance(page, Listing) else None
                return NotArchivedError(
                    url=url,
                    listing_url=listing,
                    listing_name=name,
                    listing_date=captures[0].local_date,
                    listing_capture=captures[0].replay_url(self.archive.archive_url),
                )
        return NotArchivedError(url=url)

    async def _archive_instead(
        self, url: str, kind: PageKind, portal_error: FetchError
    ) -> Loaded[Any]:
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
