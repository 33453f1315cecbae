"""The reading policy of the app, in one place: how a reader loads an article.

:meth:`ArticleReads.read_article` yields the stored copy at once, then the
portal's answer (a conditional request against that very copy: the store is
read once per load), and — when the page cannot be read as an article — its
visible text, made from the bytes already fetched (one GET).  The app shows
what it is given; it decides nothing of this (issue 10).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from ..errors import ParseError
from ..model import Home, Listing, is_article
from .loaded import ArchivedCopy, ArticleLoad, Loaded
from .pages import PageReads
from .routes import PageElsewhereError

if TYPE_CHECKING:
    from ..fetch import FetchResult
    from ..model import Article
    from ..store import StoredPage


__all__ = ["ArticleReads"]


class ArticleReads(PageReads):
    """The reader's loads of an article (see the module docstring)."""

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

        A page never read before is read for what it says it is: when it is
        the home page or a listing, :class:`PageElsewhereError` says where it
        goes (so does a stored copy that is one).

        Raises:
            PageElsewhereError: the page is no article but a listing or the home page.
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
        if stored is not None and isinstance(stored.value, Home | Listing):
            raise PageElsewhereError(self._routes.elsewhere(stored.value, url))
        await self.network_ready()
        unparsed: list[FetchResult] = []
        try:
            # a page never read is read for what it says it is: a deep link to a
            # section, before the menu is known, is a listing — not an article
            loaded: Loaded[Any] = await self._load_from(
                url,
                "article" if stored is not None else "page",
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
        if not is_article(loaded.value):
            raise PageElsewhereError(self._routes.elsewhere(loaded.value, url))
        yield await asyncio.to_thread(self._with_listing_facts, loaded)

    def _stored_article(self, url: str) -> tuple[StoredPage | None, Loaded[Article] | None]:
        """The stored copy of a page and, when it is an article, its reading: one
        look at the store."""
        stored = self._stored_of(url, "page")
        if stored is None or stored.kind != "article":
            return stored, None
        self._routes.learn(stored.value)
        updated = url in self._store.updated_since_read([url])
        article = stored.value
        assert is_article(article)  # a stored page of kind "article"
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
        from ..model import Article, Paragraph
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
