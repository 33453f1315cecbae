"""The main screen's first seconds: the stored titles in the first frame, then the portal.

So that the screen is never frozen and paints before the network:

1. the app reads the store in a thread while Textual starts
   (:class:`~phuly_tui.ui.prefetch.StartPrefetch`); on mount the screen waits
   for it a little (:data:`START_WAIT`) and paints the stored home page, the
   first section's stored pages and their read marks in its first frame — or
   reads the store in a thread worker when the prefetch is late;
2. after that frame (and :data:`NETWORK_DELAY`, so the frame reaches the
   terminal before the HTTP client's import competes for the interpreter
   lock) the home page and the section's page 1 are refreshed from the portal
   (conditional requests) and repainted, keeping the highlight;
3. the unread counts of the sections are counted in a thread.

:class:`StartUp` is told explicitly which panes it paints; the main screen
only starts it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ..errors import PhulyError
from ..i18n import t
from .background import spawn
from .error_reports import notify_error
from .formatting import notify_plain
from .new_articles import NEW_ARTICLES_URL, is_new_articles
from .prefetch import read_stored_start

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..config import Config
    from ..library import Library
    from .prefetch import StartPrefetch, StoredStart
    from .source_notice import SourceNotice
    from .widgets.listing_pane import ListingPane
    from .widgets.section_list import SectionList

__all__ = ["NETWORK_DELAY", "START_WAIT", "StartUp", "count_unread_soon", "status_flags"]

log = logging.getLogger(__name__)

#: how long the first frame waits for the stored titles (seconds)
START_WAIT = 0.25
#: seconds between the first frame and the first network request
NETWORK_DELAY = 0.05


def status_flags(config: Config, *, demo: bool) -> list[str]:
    """What the status line always says about this run: demo, offline, TLS unchecked."""
    flags = [t("ui.demo")] if demo else []
    if config.offline:
        flags.append(t("ui.offline"))
    if config.insecure:
        flags.append(t("ui.insecure"))
    return flags


def count_unread_soon(sections: SectionList, library: Library) -> None:
    """Count every section's unread articles in a thread; show them in ``sections``."""

    def count() -> None:
        try:
            counts = library.unread_counts(s.url for s in sections.sections)
            counts[NEW_ARTICLES_URL] = library.unread_article_count()  # "Tin mới"
        except Exception:
            log.exception("unread counts failed")
            return
        sections.app.call_from_thread(sections.set_unread, counts)

    spawn(sections, count, group="counts", thread=True, exclusive=True)


class StartUp:
    """The start of ``screen``, painting ``sections`` and ``listing`` (see the module docstring)."""

    def __init__(
        self,
        screen: Screen[Any],
        library: Library,
        config: Config,
        prefetch: StartPrefetch | None,
        sections: SectionList,
        listing: ListingPane,
        notices: SourceNotice,
    ) -> None:
        self.screen = screen
        self.library = library
        self.config = config
        self.prefetch = prefetch
        self.sections = sections
        self.listing = listing
        self.notices = notices
        #: the portal refresh after the first frame has begun (tests wait for it)
        self.network_started = False

    def begin(self) -> None:
        """On mount: paint the stored start now if the prefetch has it, else soon."""
        # The stored titles belong in the first frame: the prefetch started with
        # the app has usually finished by now; wait for it a little rather
        # than paint an empty list first.
        stored = self.prefetch.result(timeout=START_WAIT) if self.prefetch else None
        if stored is not None:
            self.paint(stored)
        else:
            self.listing.show_loading()
            spawn(self.screen, self._paint_from_store, group="start", thread=True, exclusive=True)

    def _paint_from_store(self) -> None:
        """Thread: the prefetch was late (or absent); read the store here."""
        stored = self.prefetch.result() if self.prefetch else None
        if stored is None:
            stored = read_stored_start(self.library)
        self.screen.app.call_from_thread(self.paint, stored)

    def paint(self, stored: StoredStart) -> None:
        """Paint what the store holds, then refresh from the portal after that frame."""
        app, listing = self.screen.app, self.listing
        for warning in self.library.warnings:
            notify_plain(app, warning, title=t("ui.store_warning.title"), severity="warning")
        for warning in self.config.warnings:  # unknown config keys: also said on stderr
            notify_plain(app, warning, title=t("error.title.config"), severity="warning")
        if isinstance(stored.error, PhulyError):
            listing.show_error(stored.error)
        elif stored.error is not None:
            listing.show_unexpected(stored.error)
        if stored.sections:
            listing.section = stored.section
            self.sections.show_sections(
                stored.sections, stored.section.url if stored.section else None
            )
        if stored.pages:
            listing.show_pages(stored.pages, stored.read, stored.updated)
        else:
            listing.show_loading()
        # the network (and importing the HTTP client) waits for the titles' frame
        self.screen.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        # A short pause lets Textual's writer thread put the first frame on the
        # terminal before the HTTP client's import competes for the GIL.
        self.screen.set_timer(NETWORK_DELAY, self._start_network)

    def _start_network(self) -> None:
        self.network_started = True
        if self.sections.sections:
            count_unread_soon(self.sections, self.library)
        self.refresh()

    def reload_listing(self) -> None:
        """``r`` in the list: the section's page 1 again — or, while no section is
        listed (no home page yet, or none chosen), the whole start again."""
        if not self.sections.sections or self.listing.section is None:
            self.listing.show_loading()
            self.refresh()
        else:
            self.listing.reload()

    def refresh(self) -> None:
        """Refresh the home page, then the current section, from the portal.

        The home page has a worker group of its own: a section opened meanwhile
        (a deep link to a section, a choice) must not cancel it, or the sections
        pane stays empty on a new store.  Page 1 then loads in the listing's
        group — unless a section was opened meanwhile: its own load is running.
        """
        spawn(self.listing, self._refresh(), group="home", exclusive=True)

    async def _refresh(self) -> None:
        listing = self.listing
        before = listing.section
        await self.library.network_ready()
        try:
            loaded = await self.library.home()
        except PhulyError as exc:
            if not self.sections.sections:
                self.sections.show_message(t("ui.sections.unavailable"))
            if listing.section != before:
                return  # the section opened meanwhile says its own errors
            listing.hide_loading()
            if not listing.pages:
                listing.show_error(exc)
            else:
                notify_error(self.screen.app, exc)
            return
        opened_meanwhile = listing.section != before
        sections = loaded.value.sections
        if sections:
            current = listing.section.url if listing.section else None
            if not is_new_articles(listing.section):  # "Tin mới" stays open
                listing.section = next((s for s in sections if s.url == current), sections[0])
            self.sections.show_sections(sections, current or sections[0].url)
        if loaded.source == "stale" and listing.pages:
            # the portal is unreachable: the stored listing is already shown
            self.notices.show(loaded)
        elif opened_meanwhile:
            pass  # that section's own load is running (ListingPane.enter)
        elif listing.section is not None:
            spawn(
                listing, listing.load_first_page(listing.section), group="listing", exclusive=True
            )
        else:
            listing.hide_loading()
            listing.show_message(t("ui.list.empty"))
