"""The article list of one section, and where its pages come from.

"Tin mới" (:mod:`phuly_tui.ui.new_articles`) is listed like a section whose
one page comes from the store.

:class:`ListingPane` is the :class:`~.article_list.ArticleList` the main
screen shows, plus the section it lists: its stored pages painted at once when
the section is entered, page 1 refreshed from the portal and merged with the
later pages already shown (the highlight kept), the next page loaded when the
highlight reaches the end (``load_more``), and the read marks ("đã đọc",
"đã cập nhật") kept in the list and in the store.

It never calls back into the screen: it posts
:class:`~phuly_tui.ui.pane_messages.ReadStateChanged` when the unread counts
may have moved, :class:`~.article_list.ArticleList.Chosen` when a page
loaded for ``n`` should open its article, and
:class:`~phuly_tui.ui.pane_messages.WorkFailed` when one of its workers broke.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState

from ...errors import PhulyError
from ...i18n import t
from ...model import Section
from ..background import in_thread, spawn
from ..error_reports import error_text, notify_error, report_unexpected
from ..formatting import notify_plain, plain
from ..new_articles import is_new_articles, read_new_articles
from ..pane_messages import CaptureListed, ReadStateChanged, WorkFailed
from .article_list import ArticleList

if TYPE_CHECKING:
    from ...config import Config
    from ...library import Library, Loaded
    from ...model import Listing, ListingItem
    from ..source_notice import SourceNotice
    from .status_bar import StatusBar

__all__ = ["ListingPane"]


class ListingPane(ArticleList):
    """The list of :attr:`section`'s articles (see the module docstring)."""

    def __init__(
        self,
        library: Library,
        config: Config,
        *,
        status: StatusBar,
        notices: SourceNotice,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.border_title = t("ui.pane.articles")
        self.add_class("pane")
        self.library = library
        self.config = config
        self.status = status
        self.notices = notices
        #: the section listed (None until the home page is known)
        self.section: Section | None = None
        #: its listing pages shown, page 1 first
        self.pages: list[Listing] = []
        self._loading_more = False
        #: the item to open once the page being loaded arrives (``n`` at the end)
        self._open_after_more: int | None = None

    # -- a section's pages ----------------------------------------------------------
    def show_pages(self, pages: list[Listing], read: set[str], updated: set[str]) -> None:
        """Show stored ``pages`` of :attr:`section` with their read marks."""
        self.pages = pages
        self.show_items([item for page in pages for item in page.items])
        self.set_read_state(read, updated)
        self.hide_loading()
        self.update_location()

    def enter(self, section: Section) -> None:
        """Show ``section``: its stored pages at once, then the portal's page 1.

        Entering the section already shown keeps its items (and the highlight)
        and only refreshes page 1.
        """
        changed = self.section is None or section.url != self.section.url
        self.section = section
        if changed:
            self.pages = []
            self.show_items([])
            self.show_loading()
            self.update_location()
        spawn(self, self._enter(section, changed), group="listing", exclusive=True)

    async def _enter(self, section: Section, changed: bool) -> None:
        if changed:
            pages, read, updated = await asyncio.to_thread(self._stored_section, section)
            if pages and self.section == section:
                self.show_pages(pages, read, updated)
        await self.load_first_page(section)

    def _stored_section(self, section: Section) -> tuple[list[Listing], set[str], set[str]]:
        pages = self.library.cached_section_pages(section.url)
        urls = [item.url for page in pages for item in page.items]
        read, updated = self._read_state(urls)
        return pages, read, updated

    def reload(self) -> None:
        """``r`` in the list: page 1 of the section again (its items stay meanwhile)."""
        assert self.section is not None
        self.show_loading()
        spawn(self, self.load_first_page(self.section), group="listing", exclusive=True)

    async def load_first_page(self, section: Section) -> None:
        """Fetch page 1 of ``section`` and merge it with the pages already shown."""
        if is_new_articles(section):  # "Tin mới": from the store, never the portal
            await self._show_new_articles(section)
            return
        await self.library.network_ready()
        try:
            loaded = await self.library.listing(section.url)
        except PhulyError as exc:
            self.hide_loading()
            if self.pages:
                notify_error(self.app, exc)
            else:
                self.show_error(exc)
            return
        if self.section != section:
            return
        first = loaded.value
        later = [page for page in self.pages if page.page > first.page]
        self.pages = [first, *later]
        keep = self.highlighted_item
        items = [i for p in self.pages for i in p.items]
        read, updated = await asyncio.to_thread(self._read_state, [i.url for i in items])
        self.show_items(items, keep_url=keep.url if keep else None)
        self.set_read_state(read, updated)
        self.hide_loading()
        if not items:
            self.show_message(t("ui.list.empty"))
        self.notices.show(loaded)
        self.update_location()
        self.post_message(ReadStateChanged())

    async def _show_new_articles(self, section: Section) -> None:
        """ "Tin mới": the unread articles of every section, read from the store
        (each item names its section)."""
        found = await asyncio.to_thread(read_new_articles, self.library)
        if self.section != section:
            return
        keep = self.highlighted_item
        self.pages = [found.listing]
        self.show_items(
            found.listing.items, keep_url=keep.url if keep else None, sections=found.sections
        )
        self.set_read_state(set(), set())
        self.hide_loading()
        if not found.listing.items:
            self.show_message(t("ui.new.empty"))
        self.status.set_notice(None)
        self.update_location()

    def open_capture(self, url: str, sections: Sequence[Section]) -> None:
        """Read the newest capture of the listing at ``url`` (the one a page never
        captured offered: its list is stored) and show it; one of ``sections``
        names it when it is a section."""
        spawn(self, self._open_capture(url, sections), group="listing", exclusive=True)

    async def _open_capture(self, url: str, sections: Sequence[Section]) -> None:
        try:
            loaded = await self.library.read_archived(url, "listing")
        except PhulyError as exc:
            notify_error(self.app, exc)
            return
        named = loaded.value.section or url
        section = next((s for s in sections if s.url == url), None) or Section(named, url)
        self.show_capture(section, loaded)
        self.post_message(CaptureListed(url))

    def show_capture(self, section: Section, loaded: Loaded[Listing]) -> None:
        """Show a listing read from the Internet Archive (the capture a page never
        archived offered) as ``section``'s page, with its notice."""
        self.section = section
        self.pages = [loaded.value]
        self.show_items(loaded.value.items)
        self.hide_loading()
        self.notices.show(loaded)
        self.update_location()
        urls = [item.url for item in loaded.value.items]

        def marks(state: tuple[set[str], set[str]]) -> None:
            self.set_read_state(*state)
            self.update_location()

        in_thread(self, lambda: self._read_state(urls), marks)

    def _read_state(self, urls: list[str]) -> tuple[set[str], set[str]]:
        state = self.library.read_state(urls)
        return state.read, state.updated

    # -- the next page -----------------------------------------------------------------
    def on_article_list_end_reached(self, event: ArticleList.EndReached) -> None:
        """The highlight reached the last item: the next page follows."""
        self.load_more()

    def load_more(self, *, then_open: int | None = None) -> bool:
        """Load the listing's next page; False when there is none (or one is loading).

        ``then_open``: the index to open once that page is in (``n`` on the last item).
        """
        if then_open is not None:
            self._open_after_more = then_open
        if self._loading_more:
            return True
        if not self.pages or not self.pages[-1].next:
            self._open_after_more = None
            return False
        self._loading_more = True
        next_url = self.pages[-1].next
        self.status.set_activity(t("ui.list.loading_more", page=self.pages[-1].page + 1))
        spawn(self, self._load_more(next_url), group="more", exclusive=True)
        return True

    async def _load_more(self, url: str) -> None:
        await self.library.network_ready()
        section = self.section
        try:
            loaded = await self.library.listing(url)
        except PhulyError as exc:
            notify_error(self.app, exc)
            return
        finally:
            self._loading_more = False
            self.status.set_activity(None)
        if section != self.section:
            return
        page = loaded.value
        if all(p.page != page.page for p in self.pages):
            self.pages.append(page)
        added = self.append_items(page.items)
        if added:
            read, updated = await asyncio.to_thread(self._read_state, [i.url for i in page.items])
            self.set_read_state(self.read | read, self.updated | updated)
        self.update_location()
        self.post_message(ReadStateChanged())
        target = self._open_after_more
        self._open_after_more = None
        if target is not None and target < len(self.items):
            self.highlighted = target
            self.post_message(self.Chosen(self.items[target], target))

    def step_from(self, url: str | None, step: int) -> str | None:
        """``n`` / ``p``: the article ``step`` places from ``url`` (else from the
        highlight), highlighted — or None after saying there is none, or while
        the next page loads (it opens when it arrives)."""
        index = self.index_of(url) if url else None
        if index is None:
            index = self.highlighted if self.highlighted is not None else -1
        target = index + step
        if target < 0:
            notify_plain(self.app, t("ui.list.first"))
            return None
        if target >= len(self.items):
            if not self.load_more(then_open=target):
                notify_plain(self.app, t("ui.list.last"))
            return None
        self.highlighted = target
        return self.items[target].url

    def load_cancelled(self) -> None:
        """``Escape`` cancelled the loads: no loading message, no page pending."""
        self.hide_loading()
        self._loading_more = False
        self._open_after_more = None
        self.status.set_activity(None)

    # -- what the pane and the status line say ---------------------------------------------
    def update_location(self) -> None:
        """The pane names its section (on a narrow terminal it is all one sees);
        the status line counts its articles, pages and unread."""
        title = t("ui.pane.articles")
        if self.section is not None:
            title = f"{title} · {self.section.name}"
        self.border_title = plain(title)
        if self.section is None:
            self.status.set_location("")
            return
        unread = sum(1 for i in self.items if i.url not in self.read)
        parts = [
            self.section.name,
            t("ui.page_count", items=len(self.items), pages=len(self.pages)),
            t("ui.unread", count=unread),
        ]
        self.status.set_location(" · ".join(parts))

    def show_error(self, exc: PhulyError) -> None:
        """The error as a notification and, in the list, as a message with what to do."""
        notify_error(self.app, exc)
        self.hide_loading()
        self.show_message(error_text(exc))

    def show_unexpected(self, exc: BaseException) -> None:
        """A bug: logged, said, and its one-line message in the list."""
        message = report_unexpected(self.app, exc)
        self.hide_loading()
        self.show_message(message)

    def neighbours(self, url: str) -> tuple[ListingItem | None, ListingItem | None]:
        """The items before and after ``url`` in the list."""
        index = self.index_of(url)
        if index is None:
            return None, None
        previous = self.items[index - 1] if index > 0 else None
        following = self.items[index + 1] if index + 1 < len(self.items) else None
        return previous, following

    # -- read marks ------------------------------------------------------------------------
    def article_shown(self, url: str, *, refresh: bool, updated: bool) -> None:
        """The reader shows ``url``: highlight it here and dim it as read.

        The article's frame comes first: dimming it (which re-measures the list)
        and the store write follow in the next frame.  A ``refresh`` of the
        article on screen only marks it "đã cập nhật" when it ``updated``
        (changed on the portal since it was read).
        """
        if refresh:
            if updated:
                self.mark_updated(url)
            return
        index = self.index_of(url)
        if index is not None:
            self.highlighted = index
        self.call_after_refresh(self.mark_shown_read, url)

    def mark_shown_read(self, url: str) -> None:
        """An article was shown: dim it, record the reading, recount the unread."""
        self.mark([url], read=True)
        self.update_location()
        in_thread(self, lambda: self.library.record_reading(url), self._read_state_changed)

    def mark_updated(self, url: str) -> None:
        """``url`` changed on the portal since it was read: "đã cập nhật"."""
        self.set_read_state(self.read, self.updated | {url})

    def toggle_read(self, url: str | None) -> None:
        """``m``: read ↔ unread, in the list and the store (None: no article chosen)."""
        if url is None:
            notify_plain(self.app, t("ui.no_article"))
            return
        now_read = url not in self.read
        self.mark([url], read=now_read)
        self.update_location()
        notify_plain(self.app, t("ui.marked_read" if now_read else "ui.marked_unread"))
        in_thread(self, lambda: self.library.mark_read(url, now_read), self._read_state_changed)

    def mark_section_read(self) -> None:
        """``M``: every article of the section read, those shown included."""
        section = self.section
        if section is None:
            return
        urls = [item.url for item in self.items]
        unread = [url for url in urls if url not in self.read]

        def work() -> None:
            # the shown ones too: perhaps not stored under this section
            self.library.mark_section_read(section.url, unread)

        self.mark(urls, read=True)
        self.update_location()
        notify_plain(self.app, t("ui.section_read", count=len(unread), section=section.name))
        in_thread(self, work, self._read_state_changed)

    def _read_state_changed(self, _result: object = None) -> None:
        self.post_message(ReadStateChanged())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of this pane raised something unexpected: the screen reports it."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.post_message(WorkFailed(event.worker.error))
