"""The :class:`ArchiveClient`: capture lists and original bytes from the Wayback Machine.

It sends its requests through a :class:`~phuly_tui.fetch.Fetcher` of its own
(same size cap, decoding, TLS, proxy and deadlines as the portal's; no
retries of its own; redirects only on the archive's origin) with itself as
the fetcher's :class:`~phuly_tui.fetch.RequestGate`, so *every* request,
redirect hops included, takes a token of the process's shared
:class:`~phuly_tui.archive.pacing.ArchiveBucket`.  A 429 closes the bucket for
its ``Retry-After`` and the request is sent again only after that, within the
page's wait budget (:class:`~phuly_tui.archive.pacing.WaitBudget`).
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import (
    ArchiveAnswerError,
    ArchiveBusyError,
    HTTPStatusError,
    NotArchivedError,
)
from .pacing import (
    MAX_STRIKES,
    PAGE_MAX_WAIT,
    ArchiveBucket,
    ArchiveWait,
    Token,
    WaitBudget,
    current_budget,
)
from .wayback import (
    Capture,
    available_url,
    canonical_page_url,
    cdx_url,
    parse_available,
    parse_cdx,
    timestamp_in,
)

if TYPE_CHECKING:
    import httpx

    from ..fetch import FetchResult, FetchSettings

__all__ = ["ArchiveClient", "ArchivedPage"]

log = logging.getLogger("phuly_tui.archive")

#: the token of the request this task is sending (enter → leave)
_token: ContextVar[Token | None] = ContextVar("_token", default=None)


class ArchivedPage:
    """The original bytes of one capture and which capture they are."""

    __slots__ = ("capture", "result")

    def __init__(self, capture: Capture, result: FetchResult) -> None:
        self.capture = capture
        self.result = result


class ArchiveClient:
    """Asks the Wayback Machine at ``archive_url``; share one per process.

    Args:
        archive_url: The archive (``https://web.archive.org``, or a fake).
        fetch_settings: The portal's fetch settings (timeouts, TLS, proxy,
            User-Agent); the archive's own fetcher is derived from them.
        bucket: The shared bucket (:func:`~phuly_tui.archive.pacing.shared_bucket`).
        on_wait: Told of every wait before it starts (the CLI prints a line,
            sync shows it in its progress, the app in its status line).
        page_max_wait: Seconds one page may wait in all (None: no limit).
        transport: An httpx transport instead of the network (tests).
    """

    def __init__(
        self,
        archive_url: str,
        fetch_settings: FetchSettings,
        bucket: ArchiveBucket,
        *,
        on_wait: Callable[[ArchiveWait], None] | None = None,
        page_max_wait: float | None = PAGE_MAX_WAIT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        from ..fetch import Fetcher

        self.archive_url = archive_url.rstrip("/")
        self.bucket = bucket
        self.on_wait = on_wait
        self.page_max_wait = page_max_wait
        settings = replace(fetch_settings, base_url=self.archive_url, retries=0, extra_origins=())
        self._fetcher = Fetcher(settings, transport=transport, gate=self)

    async def aclose(self) -> None:
        await self._fetcher.aclose()

    # -- the gate ----------------------------------------------------------------
    async def enter(self, url: str, extend_deadline: Callable[[float], None]) -> None:
        """Wait for a token of the shared bucket (see :class:`RequestGate`)."""
        budget = current_budget.get()
        if budget is None:
            budget = WaitBudget(self.page_max_wait)
            current_budget.set(budget)
        while True:
            token = self.bucket.try_take()
            if token is not None:
                _token.set(token)
                return
            seconds, reason = self.bucket.wait_needed()
            if seconds <= 0:
                continue
            budget.spend(seconds, url)
            log.info("archive: waiting %.1f s (%s) before %s", seconds, reason, url)
            if self.on_wait is not None:
                self.on_wait(ArchiveWait(seconds, reason, url))
            extend_deadline(seconds)
            await asyncio.sleep(seconds)

    def leave(self, url: str, status: int | None, retry_after: str | None) -> None:
        """Return the token; a 429 closes the bucket for its Retry-After."""
        token = _token.get()
        _token.set(None)
        if token is not None:
            self.bucket.give_back(token)
        if status == 429:
            hold = self.bucket.strike(retry_after)
            log.info("archive: 429 for %s; holding every request for %.1f s", url, hold)
        elif status is not None:
            self.bucket.answered()

    # -- requests ------------------------------------------------------------------
    @asynccontextmanager
    async def page(self, *, unlimited: bool = False) -> AsyncIterator[WaitBudget]:
        """One page's wait budget for every request made inside; ``unlimited`` for a
        sync, which paces itself and goes on."""
        budget = WaitBudget(None if unlimited else self.page_max_wait)
        reset = current_budget.set(budget)
        try:
            yield budget
        finally:
            current_budget.reset(reset)

    async def _get(self, url: str, page_url: str, *, expect_html: bool) -> FetchResult:
        """GET through the bucket; a 429 is sent again only after its hold, and at
        most :data:`MAX_STRIKES` times in a row.

        Raises:
            ArchiveBusyError: the holds passed the page's budget, or the archive
                answered 429 too many times in a row; it names ``page_url``
                (the page asked for, not the archive's API address).
        """
        while True:
            try:
                return await self._fetcher.get(url, expect_html=expect_html)
            except ArchiveBusyError as error:  # the page's budget, from enter()
                raise ArchiveBusyError(**{**error.params, "url": page_url}) from None
            except HTTPStatusError as error:
                if error.status != 429:
                    raise
                # leave() has closed the bucket: the next enter() waits it out
                # (or gives up at once, past the page's budget)
                if self.bucket.strikes >= MAX_STRIKES:
                    raise ArchiveBusyError(
                        "error.archive_refusing",
                        url=page_url,
                        count=self.bucket.strikes,
                        wait=math.ceil(self.bucket.held_for),
                    ) from None
                log.info("archive: 429 for %s; asking again after the hold", url)

    async def captures(self, page_url: str) -> list[Capture]:
        """The good captures of ``page_url`` (its canonical address), newest first."""
        query = cdx_url(self.archive_url, page_url)
        result = await self._get(query, page_url, expect_html=False)
        captures = parse_cdx(result.content)
        if captures is None:
            raise ArchiveAnswerError(url=canonical_page_url(page_url))
        return captures

    async def nearest(self, page_url: str, when: datetime) -> Capture | None:
        """The capture of ``page_url`` nearest to ``when`` (availability API), or None."""
        query = available_url(self.archive_url, page_url, when)
        result = await self._get(query, page_url, expect_html=False)
        return parse_available(result.content, page_url)

    async def fetch(self, capture: Capture, page_url: str) -> ArchivedPage:
        """The original bytes of ``capture`` (``id_``); after a redirect to a nearer
        capture, the capture actually read.

        Raises:
            NotArchivedError: the archive has no such capture (404).
            FetchError: as :meth:`Fetcher.get` (the page must be HTML).
        """
        url = capture.replay_url(self.archive_url)
        try:
            result = await self._get(url, page_url, expect_html=True)
        except HTTPStatusError as error:
            if error.status == 404:
                raise NotArchivedError(url=page_url) from error
            raise
        stamp = timestamp_in(result.url)
        read = (
            capture
            if stamp is None or stamp == capture.timestamp
            else Capture(stamp, capture.original)
        )
        return ArchivedPage(read, result)
