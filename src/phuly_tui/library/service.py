"""The one service the app and the CLI call: :class:`Library`.

It glues the fetcher, the parser and the store together, in layers of one
purpose each, put together here:

* :mod:`~phuly_tui.library.core` — the store, the fetcher, the archive client,
  addresses (and where they lead: :mod:`~phuly_tui.library.routes`);
* :mod:`~phuly_tui.library.archived` — pages from the Internet Archive;
* :mod:`~phuly_tui.library.pages` — home, listing and article pages,
  cache-first, with conditional requests and the stored copy as fallback;
* :mod:`~phuly_tui.library.reading` — the reader's loads of an article (the
  reading policy: stored copy, refresh, plain-text fallback);
* :mod:`~phuly_tui.library.documents` — attachments as text, and downloads;
* :mod:`~phuly_tui.library.user_state` — read marks and bookmarks;
* here — sections, search and sync.

Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from ..errors import BadDateError, FetchError, PhulyError
from ..model import Section
from ..urls import (
    is_url_input,
)
from .archived import portal_is_gone
from .core import SyncAccess
from .documents import DocumentReads
from .loaded import Loaded
from .reading import ArticleReads
from .search_filters import find_section, parse_day, split_search_filters
from .user_state import UserState

if TYPE_CHECKING:
    from ..model import Article
    from ..parse.provenance import Provenance
    from ..store import SearchFilter, SearchResult
    from ..sync import SyncProgress, SyncReport


__all__ = ["Library"]


class Library(ArticleReads, DocumentReads, UserState):
    """Cache-first access to the portal (see the module docstring)."""

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

    # -- search -----------------------------------------------------------------
    def search(
        self, query: str, *, limit: int = 50, where: SearchFilter | None = None
    ) -> list[SearchResult]:
        """Stored articles matching ``query``, best first, inside ``where`` if given."""
        return self._store.search(query, limit=limit, where=where)

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

    # -- maintenance and diagnosis (the CLI's) ---------------------------------
    def prune(self, older_than_days: int) -> int:
        """Forget stored pages not fetched for ``older_than_days`` days (bookmarks
        and the home page kept); the number forgotten.  ValueError below 1 day."""
        return self._store.prune(older_than_days)

    async def explain(self, url: str) -> tuple[Article, list[Provenance]]:
        """``read --explain``: the article at ``url`` fetched fresh (not the
        stored copy: the point is what the parser makes of the page today) and
        which site-profile rule or fallback gave each field."""
        from ..parse import explain_article

        result = await self._fetcher.get(url)
        article, provenance = explain_article(result.content, result.url, encoding=result.encoding)
        return article, list(provenance)

    # -- sync -----------------------------------------------------------------------
    def sync_reads_archive(self, home_error: PhulyError | None) -> bool:
        """Whether a sync that was not told where to read (the app's, and
        ``phuly-tui sync`` without ``--from-archive``) reads the archive, given
        how its home request failed (``home_error``, None when the portal
        answered): ``archive = always``, or ``auto`` and the
        portal is gone — its home page unreachable, 404/410/5xx or redirected off
        the portal (:func:`~phuly_tui.library.archived.portal_is_gone`), whether
        the home page then came from the store or from a capture.  Never offline
        or with ``never``.  The one decision for the app and the CLI: both sync
        through :func:`~phuly_tui.sync.run_sync`, which asks it once."""
        mode = self.config.archive
        if self.config.offline or mode == "never":
            return False
        if mode == "always":
            return True
        return isinstance(home_error, FetchError) and portal_is_gone(home_error)

    async def sync(
        self,
        sections: Iterable[Section] | None = None,
        *,
        pages: int = 2,
        concurrency: int = 4,
        attachments: bool = False,
        on_progress: Callable[[SyncProgress], None] | None = None,
        from_archive: bool | None = None,
        on_archive: Callable[[PhulyError | None], None] | None = None,
    ) -> SyncReport:
        """Fetch ``pages`` listing pages of each section and every article on them.

        Conditional requests make a rerun cheap: what did not change answers
        304 and is not parsed again, so an interrupted sync simply resumes.
        ``from_archive=True`` reads the newest captures from the Internet
        Archive instead; ``None`` (the default) leaves it to the settings and
        the home page's answer (:meth:`sync_reads_archive`), calling
        ``on_archive`` with the portal's error (None for ``archive = always``)
        before the first capture is asked for (see :mod:`phuly_tui.sync`,
        imported here: a daily start, which never syncs, does not load it).
        """
        from ..sync import run_sync

        return await run_sync(
            self,
            SyncAccess(self),
            list(sections) if sections is not None else None,
            pages=pages,
            concurrency=concurrency,
            attachments=attachments,
            on_progress=on_progress,
            from_archive=from_archive,
            on_archive=on_archive,
        )
