"""The main screen: sections · article list · reader, and how data reaches them.

Layout: the three panes side by side when the terminal is wide enough
(:data:`NARROW_WIDTH` columns), otherwise one pane at a time with the same
keys (``←/→``, ``h/l``, ``Tab``).

Data flow, so the screen is never frozen and paints before the network:

1. on mount a thread worker reads the store (home, the first section's stored
   listing pages, read state) and paints it;
2. an async worker then refreshes the home page and the listing from the
   portal (conditional requests) and repaints, keeping the highlight;
3. articles open from an in-memory cache or the store at once, then refresh in
   the background; a miss waits in a worker with the reader's loading
   indicator; ``Escape`` cancels whatever is loading.

Errors from the library are :class:`~phuly_tui.errors.PhulyError`: shown as a
titled notification and, in the pane that waited, as the message with what to
do ("… — thử lại: r").  Anything else is logged with its traceback and shown as
a generic message; no traceback reaches the screen.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import DescendantFocus, Resize
from textual.notifications import Notification
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from ...errors import NotHTMLError, PhulyError
from ...i18n import t
from ...model import Article, Listing, ListingItem, Section
from ..formatting import notify_plain, plain
from ..history import History
from ..keys import bindings_for, localize_bindings
from ..prefetch import StartPrefetch, StoredStart, read_stored_start
from ..widgets.article_list import ArticleList
from ..widgets.key_bar import KeyBar
from ..widgets.reader import Reader
from ..widgets.section_list import SectionList
from ..widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from ...config import Config
    from ...library import Library, Loaded
    from ..article_actions import ArticleActions
    from .captures import CaptureActions

__all__ = ["NARROW_WIDTH", "MainScreen", "PaneName"]

log = logging.getLogger(__name__)

#: below this many columns the panes are shown one at a time
NARROW_WIDTH = 120
PaneName = Literal["sections", "articles", "reader"]
PANES: tuple[PaneName, ...] = ("sections", "articles", "reader")
#: worker groups that Escape cancels
LOAD_GROUPS = frozenset({"start", "listing", "more", "article"})
ARTICLE_CACHE_SIZE = 64
#: how long the first frame waits for the stored titles (seconds)
START_WAIT = 0.25
#: seconds between the first frame and the first network request
NETWORK_DELAY = 0.05
#: a load shorter than this shows no loading indicator (seconds)
LOADING_DELAY = 0.12


class MainScreen(Screen[None]):
    """The reading screen (see the module docstring)."""

    BINDINGS = bindings_for("screen")
    #: not Textual's "first focusable": on_mount places the focus (list or reader)
    AUTO_FOCUS = ""
    #: Textual repaints the whole screen when the focus moves; here the two panes
    #: whose look changes (their :focus styles) repaint themselves, and Enter — which
    #: moves the focus to the reader — does not redraw every pane for nothing
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(
        self,
        library: Library,
        config: Config,
        *,
        start_url: str | None = None,
        demo: bool = False,
        prefetch: StartPrefetch | None = None,
    ) -> None:
        super().__init__(id="main")
        localize_bindings(self)
        self.library = library
        self.config = config
        self.start_url = start_url
        self.demo = demo
        self._prefetch = prefetch
        #: the portal refresh after the first frame has begun (tests wait for it)
        self.network_started = False
        self.sections: tuple[Section, ...] = ()
        self.section: Section | None = None
        self.pages: list[Listing] = []
        self.history = History()
        self.active_pane: PaneName = "articles"
        self._articles: OrderedDict[str, Loaded[Article]] = OrderedDict()
        self._loading_more = False
        self._open_after_more: int | None = None
        self._pending_article: str | None = None
        #: the search query to highlight in the next article shown
        self._highlight_after_open = ""
        self._stale_warned = False
        self._reload_notice: Notification | None = None
        self._loading_timer: Timer | None = None
        #: Enter on a stored article moves the focus to the reader after its frame
        self._reader_focus_pending = False
        #: the wide reading layout is on (see _set_reading)
        self._reading = False
        #: the article shown when the load now under way started (see _article_failed)
        self._failure_keeps: str | None = None
        self._reader_focus_timer: Timer | None = None

    @cached_property
    def outside(self) -> ArticleActions:
        """Copy, browser, export, attachments, links, search, bookmarks (made on first use:
        none of it is needed for the first frame)."""
        from ..article_actions import ArticleActions

        return ArticleActions(self)

    # -- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            sections = SectionList(id="sections")
            sections.border_title = t("ui.pane.sections")
            sections.add_class("pane")
            yield sections
            articles = ArticleList(id="articles")
            articles.border_title = t("ui.pane.articles")
            articles.add_class("pane", "-active")  # shown first on a narrow terminal
            yield articles
            reader = Reader(id="reader")
            reader.border_title = t("ui.pane.reader")
            reader.add_class("pane")
            yield reader
        yield StatusBar(id="status")
        yield KeyBar(id="keys")

    @property
    def section_list(self) -> SectionList:
        return self.query_one(SectionList)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def pane(self, name: PaneName) -> Widget:
        return self.query_one(f"#{name}")

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        self._mark_active()

    def focus_pane(self, name: PaneName) -> None:
        """Show (narrow) and focus one pane."""
        self._reader_focus_pending = False  # a later move wins over a deferred one
        self.active_pane = name
        self._mark_active()
        # At once, not with Widget.focus (which waits for the message queue):
        # keys typed together — fast fingers, or an SSH link that bunches them —
        # are already queued, and "h k k" must move the sections, not the list.
        self.set_focus(self.pane(name))

    def _focus_reader_after_frame(self) -> None:
        """Move the focus to the reader once the frame showing the article is out.

        A focus change restyles both panes (their :focus borders, the list's
        highlight) — about half the work of that frame.  The article comes first;
        the focus follows on the next frame (or after 0.1 s at the latest).
        """
        self._reader_focus_pending = True
        signal = self.screen_layout_refresh_signal
        reader = self.reader

        def move(_data: object = None) -> None:
            signal.unsubscribe(reader)
            if self._reader_focus_timer is not None:
                self._reader_focus_timer.stop()
                self._reader_focus_timer = None
            if self._reader_focus_pending:
                self.focus_pane("reader")

        signal.unsubscribe(reader)
        signal.subscribe(reader, move)
        if self._reader_focus_timer is not None:
            self._reader_focus_timer.stop()
        self._reader_focus_timer = self.set_timer(0.1, move)

    def _mark_active(self, *, reading: bool | None = None) -> None:
        """Narrow terminals show only the ``-active`` pane.

        Wide ones show all three and the class is left alone: every class
        change restyles a pane, which a key press should not pay for.  While
        the reader is the active pane (or about to be: ``reading``) a wide
        screen gives it most of the width (``-reading``: the sections pane
        folds away, the list narrows).
        """
        if reading is None:
            reading = self.active_pane == "reader" or self._reader_focus_pending
        self._set_reading(reading and not self.narrow)
        if self.narrow:
            for pane in PANES:
                self.pane(pane).set_class(pane == self.active_pane, "-active")

    def _set_reading(self, reading: bool) -> None:
        """The wide reading layout, as inline styles of the three panes.

        Not a class on the screen: a screen class change restyles every widget
        below it (about 18 ms of an Enter); three inline styles re-lay out the
        panes only; leaving it clears them, so the stylesheet (the narrow
        layout included) applies again.
        """
        if reading == self._reading:
            return
        self._reading = reading
        sections, articles, reader = self.section_list, self.article_list, self.reader
        if reading:
            sections.styles.display = "none"
            articles.styles.width = "28%"
            reader.styles.width = "1fr"
        else:  # back to the stylesheet's rules (the narrow layout's included)
            sections.styles.clear_rule("display")
            articles.styles.clear_rule("width")
            reader.styles.clear_rule("width")
            for pane in (sections, articles, reader):
                pane.refresh(layout=True)

    @on(DescendantFocus)
    def _track_focus(self, event: DescendantFocus) -> None:
        # The pane that has the focus *now*: focus events arrive after the
        # fact, and two focus moves in one turn (start on the list, a deep
        # link then focuses the reader) deliver the list's event last.
        focused = self.focused
        for pane in PANES:
            if focused is self.pane(pane) and self.active_pane != pane:
                self.active_pane = pane
                self._mark_active()

    def _step_pane(self, step: int, *, wrap: bool) -> None:
        index = PANES.index(self.active_pane) + step
        if wrap:
            index %= len(PANES)
        elif not 0 <= index < len(PANES):
            return
        self.focus_pane(PANES[index])

    def action_next_pane(self) -> None:
        self._step_pane(1, wrap=True)

    def action_prev_pane(self) -> None:
        self._step_pane(-1, wrap=True)

    def action_pane_left(self) -> None:
        self._step_pane(-1, wrap=False)

    def action_pane_right(self) -> None:
        self._step_pane(1, wrap=False)

    # -- start ----------------------------------------------------------------------
    def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW_WIDTH, "-narrow")
        self._mark_active()
        flags = []
        if self.demo:
            flags.append(t("ui.demo"))
        if self.config.offline:
            flags.append(t("ui.offline"))
        if self.config.insecure:
            flags.append(t("ui.insecure"))
        self.status.set_flags(flags)
        self.focus_pane("articles")
        # The stored titles belong in the first frame: the prefetch started with
        # the app has usually finished by now; wait for it a little rather
        # than paint an empty list first.
        stored = self._prefetch.result(timeout=START_WAIT) if self._prefetch else None
        if stored is not None:
            self._paint_start(stored)
        else:
            self.article_list.show_loading()
            self.spawn(self._paint_from_store, group="start", thread=True, exclusive=True)
        if self.start_url:  # a deep link: an article, or a section / the home page
            self.outside.follow_link(self.start_url)

    def _paint_from_store(self) -> None:
        """Thread: the prefetch was late (or absent); read the store here."""
        stored = self._prefetch.result() if self._prefetch else None
        if stored is None:
            stored = read_stored_start(self.library)
        self.app.call_from_thread(self._paint_start, stored)

    def _paint_start(self, stored: StoredStart) -> None:
        """Paint what the store holds, then refresh from the portal after that frame."""
        for warning in self.library.warnings:
            self.say(warning, title=t("ui.store_warning.title"), severity="warning")
        for warning in self.config.warnings:  # unknown config keys: also said on stderr
            self.say(warning, title=t("error.title.config"), severity="warning")
        if isinstance(stored.error, PhulyError):
            self._show_error(stored.error, "articles")
        elif stored.error is not None:
            self._show_unexpected(stored.error, "articles")
        if stored.sections:
            self.sections = stored.sections
            self.section = stored.section
            self.section_list.show_sections(
                stored.sections, stored.section.url if stored.section else None
            )
        if stored.pages:
            self.pages = stored.pages
            self.article_list.show_items([i for p in stored.pages for i in p.items])
            self.article_list.set_read_state(stored.read, stored.updated)
            self._list_loaded()
            self._update_location()
        else:
            self.article_list.show_loading()
        # the network (and importing the HTTP client) waits for the titles' frame
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        # A short pause lets Textual's writer thread put the first frame on the
        # terminal before the HTTP client's import competes for the GIL.
        self.set_timer(NETWORK_DELAY, self._start_network)

    def _start_network(self) -> None:
        self.network_started = True
        if self.sections:
            self._count_unread_soon()
        self.refresh_start()

    def refresh_start(self) -> None:
        """Refresh the home page and the current section from the portal."""
        self.spawn(self._refresh_start(), group="listing", exclusive=True)

    async def _refresh_start(self) -> None:
        await self._network_ready()
        try:
            loaded = await self.library.home()
        except PhulyError as exc:
            self._list_loaded()
            if not self.sections:
                self.section_list.show_message(t("ui.sections.unavailable"))
            if not self.pages:
                self._show_error(exc, "articles")
            else:
                self.notify_error(exc)
            return
        sections = loaded.value.sections
        if sections:
            current = self.section.url if self.section else None
            self.sections = sections
            self.section = next((s for s in sections if s.url == current), sections[0])
            self.section_list.show_sections(sections, self.section.url)
        if loaded.source == "stale" and self.pages:
            # the portal is unreachable: the stored listing is already shown
            self._show_notice(loaded)
        elif self.section is not None:
            await self._load_section(self.section)
        else:
            self._list_loaded()
            self.article_list.show_message(t("ui.list.empty"))

    async def _network_ready(self) -> None:
        """Import the HTTP client (httpx: a heavy import) off the event loop, once."""
        await self.library.network_ready()

    def _count_unread(self) -> None:
        try:
            counts = self.library.unread_counts(s.url for s in self.sections)
        except Exception:
            log.exception("unread counts failed")
            return
        self.app.call_from_thread(self.section_list.set_unread, counts)

    # -- sections and listings ------------------------------------------------------------
    @on(SectionList.Chosen)
    def _section_chosen(self, event: SectionList.Chosen) -> None:
        self.open_section(event.section)

    def open_section(self, section: Section) -> None:
        """Show a section: stored pages at once, then the portal's page 1."""
        changed = self.section is None or section.url != self.section.url
        self.section = section
        self.section_list.highlight_url(section.url)
        self.focus_pane("articles")
        if changed:
            self.pages = []
            self.article_list.show_items([])
            self.article_list.show_loading()
            self._update_location()
        self.spawn(self._open_section(section, changed), group="listing", exclusive=True)

    async def _open_section(self, section: Section, changed: bool) -> None:
        if changed:
            pages, read, updated = await asyncio.to_thread(self._stored_section, section)
            if pages and self.section == section:
                self.pages = pages
                self.article_list.show_items([i for p in pages for i in p.items])
                self.article_list.set_read_state(read, updated)
                self._list_loaded()
                self._update_location()
        await self._load_section(section)

    def _stored_section(self, section: Section) -> tuple[list[Listing], set[str], set[str]]:
        pages = self.library.cached_section_pages(section.url)
        state = self.library.read_state(item.url for page in pages for item in page.items)
        return pages, state.read, state.updated

    async def _load_section(self, section: Section) -> None:
        """Fetch page 1 of ``section`` and merge it with the pages already shown."""
        await self._network_ready()
        try:
            loaded = await self.library.listing(section.url)
        except PhulyError as exc:
            self._list_loaded()
            if self.pages:
                self.notify_error(exc)
            else:
                self._show_error(exc, "articles")
            return
        if self.section != section:
            return
        first = loaded.value
        later = [page for page in self.pages if page.page > first.page]
        self.pages = [first, *later]
        keep = self.article_list.highlighted_item
        items = [i for p in self.pages for i in p.items]
        urls = [i.url for i in items]
        read, updated = await asyncio.to_thread(self._read_state, urls)
        self.article_list.show_items(items, keep_url=keep.url if keep else None)
        self.article_list.set_read_state(read, updated)
        self._list_loaded()
        if not items:
            self.article_list.show_message(t("ui.list.empty"))
        self._show_notice(loaded)
        self._update_location()
        self._count_unread_soon()

    def spawn(self, work: Any, **options: Any) -> Worker[Any]:
        """``run_worker`` that never takes the app down: failures reach
        :meth:`on_worker_state_changed`, which logs and reports them."""
        return self.run_worker(work, exit_on_error=False, **options)

    def _list_loaded(self) -> None:
        """Remove the list's loading message (the list kept the focus and its keys)."""
        self.article_list.hide_loading()

    def _read_state(self, urls: list[str]) -> tuple[set[str], set[str]]:
        state = self.library.read_state(urls)
        return state.read, state.updated

    @on(ArticleList.EndReached)
    def _end_reached(self, event: ArticleList.EndReached) -> None:
        self.load_more()

    def load_more(self, *, then_open: int | None = None) -> bool:
        """Load the listing's next page; False when there is none (or one is loading)."""
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
        self.spawn(self._load_more(next_url), group="more", exclusive=True)
        return True

    async def _load_more(self, url: str) -> None:
        await self._network_ready()
        section = self.section
        try:
            loaded = await self.library.listing(url)
        except PhulyError as exc:
            self.notify_error(exc)
            return
        finally:
            self._loading_more = False
            self.status.set_activity(None)
        if section != self.section:
            return
        page = loaded.value
        if all(p.page != page.page for p in self.pages):
            self.pages.append(page)
        added = self.article_list.append_items(page.items)
        if added:
            read, updated = await asyncio.to_thread(self._read_state, [i.url for i in page.items])
            self.article_list.set_read_state(
                self.article_list.read | read, self.article_list.updated | updated
            )
        self._update_location()
        self._count_unread_soon()
        target = self._open_after_more
        self._open_after_more = None
        if target is not None and target < len(self.article_list.items):
            self.article_list.highlighted = target
            self.open_article(self.article_list.items[target].url)

    def _update_location(self) -> None:
        # the list's pane names its section: on a narrow terminal it is all one sees
        title = t("ui.pane.articles")
        if self.section is not None:
            title = f"{title} · {self.section.name}"
        self.article_list.border_title = plain(title)
        if self.section is None:
            self.status.set_location("")
            return
        items = len(self.article_list.items)
        unread = sum(1 for i in self.article_list.items if i.url not in self.article_list.read)
        parts = [
            self.section.name,
            t("ui.page_count", items=items, pages=len(self.pages)),
            t("ui.unread", count=unread),
        ]
        self.status.set_location(" · ".join(parts))

    # -- articles -------------------------------------------------------------------------
    @on(ArticleList.Chosen)
    def _article_chosen(self, event: ArticleList.Chosen) -> None:
        self.open_article(event.item.url)

    def open_article(
        self, url: str, *, history_step: int | None = None, focus: bool = True
    ) -> None:
        """Open ``url`` in the reader (``history_step``: -1 back, 1 forward, None new)."""
        from_reader = self.active_pane == "reader"
        cached = self._articles.get(url)
        if focus:
            if cached is not None and not self.narrow:
                self._mark_active(reading=True)  # the article is laid out once, at its width
                self._focus_reader_after_frame()
            else:  # a narrow screen must switch panes first, or the reader is hidden
                self.focus_pane("reader")
        if cached is not None:
            self._articles.move_to_end(url)
            self._display(cached, history_step, url=url)
            # the refresh (conditional request) waits until the article is on screen
            self.call_after_refresh(
                lambda: self.spawn(
                    self._refresh_article(url), group="article-refresh", exclusive=True
                )
            )
            return
        self._pending_article = url
        self._reader_loading(True)
        # a link followed from the open article: if it fails, that article stays
        shown = self.reader.article
        self._failure_keeps = shown.url if from_reader and shown is not None else None
        self.spawn(self._fetch_article(url, history_step), group="article", exclusive=True)

    async def _fetch_article(self, url: str, history_step: int | None) -> None:
        """Open ``url``: the library yields the stored copy at once (when there is
        one), then the portal's answer — or the page's plain text when it is no
        article; the first one shown ends the loading."""
        shown = False
        try:
            async for loaded in self.library.read_article(url, mode="open"):
                if shown:
                    self._refreshed(url, loaded)
                    continue
                shown = True
                self._reader_loading(False)
                self._pending_article = None
                if not loaded.plain_text:  # a one-off: never kept
                    self._remember(url, loaded)
                self._display(loaded, history_step, url=url)
        except PhulyError as exc:
            if shown:  # the refresh of a copy on screen: it stays
                log.info("refresh of %s failed: %s", url, exc)
                return
            self._reader_loading(False)
            self._pending_article = None
            self._article_failed(exc, url)

    async def _refresh_article(self, url: str) -> None:
        """Background refresh of the open article; repaint in place when it changed."""
        try:
            async for loaded in self.library.read_article(url, mode="refresh"):
                self._refreshed(url, loaded)
        except PhulyError as exc:
            log.info("refresh of %s failed: %s", url, exc)

    def _refreshed(self, url: str, loaded: Loaded[Article]) -> None:
        """The portal's answer for an article already shown: repaint only what changed."""
        before = self._articles.get(url)
        self._remember(url, loaded)
        current = self.reader.article
        if current is None or current.url != url:
            return
        if (
            before is not None
            and before.value == loaded.value
            and before.updated == loaded.updated
            and self._notice_for(before) == self._notice_for(loaded)
        ):
            self._show_notice(loaded)
            return
        self._display(loaded, None, refresh=True, url=url)

    def _reader_loading(self, loading: bool) -> None:
        """The reader's loading indicator, shown only if a load takes a moment.

        A store read takes a few milliseconds: an indicator flashed for that
        long would cost two re-layouts and look like flicker.
        """
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None
        if loading:
            timer: Timer = self.set_timer(LOADING_DELAY, lambda: self._show_reader_loading(timer))
            self._loading_timer = timer
        else:
            self.reader.body.loading = False

    def _show_reader_loading(self, timer: Timer) -> None:
        # Textual queues a fired timer's callback: a load that ended after the
        # timer fired but before the callback ran has cleared or replaced it
        if timer is self._loading_timer:
            self.reader.body.loading = True

    @on(ArticleList.Highlighted)
    def _article_highlighted(self, event: ArticleList.Highlighted) -> None:
        """Read the highlighted article from the store ahead of Enter (in a thread)."""
        url = event.item.url
        if url in self._articles:
            return

        def read() -> None:
            try:
                stored = self.library.cached_article(url)
            except PhulyError:
                return
            if stored is not None:
                self.app.call_from_thread(self._remember_ahead, url, stored)

        self.spawn(read, thread=True, group="read-ahead", exclusive=True)

    def _remember_ahead(self, url: str, stored: Loaded[Article]) -> None:
        if url not in self._articles:  # a fresher copy may have arrived meanwhile
            self._remember(url, stored)

    def _remember(self, url: str, loaded: Loaded[Article]) -> None:
        self._articles[url] = loaded
        self._articles.move_to_end(url)
        while len(self._articles) > ARTICLE_CACHE_SIZE:
            self._articles.popitem(last=False)

    def neighbours(self, url: str) -> tuple[ListingItem | None, ListingItem | None]:
        """The items before and after ``url`` in the article list."""
        items = self.article_list.items
        index = self.article_list.index_of(url)
        if index is None:
            return None, None
        previous = items[index - 1] if index > 0 else None
        following = items[index + 1] if index + 1 < len(items) else None
        return previous, following

    def _display(
        self,
        loaded: Loaded[Article],
        history_step: int | None,
        *,
        refresh: bool = False,
        url: str | None = None,
    ) -> None:
        """Show an article; ``url`` is the address it was opened by (the list's).

        A page may call itself by another spelling of its address (case, a
        redirect); the app keeps the one it asked for, so the list, the
        history and the read marks all agree.
        """
        article = loaded.value
        if url and article.url != url:
            article = replace(article, url=url)
        reader = self.reader
        scroll_y: float | None = 0.0
        if refresh:
            scroll_y = None
        else:
            self.history.remember_scroll(reader.scroll_y)
            if history_step is None:
                self.history.visit(article.url)
            else:
                entry = self.history.back() if history_step < 0 else self.history.forward()
                scroll_y = entry.scroll_y if entry else 0.0
        previous, following = self.neighbours(article.url)
        reader.show_article(
            article,
            previous=previous,
            following=following,
            notice=self._notice_for(loaded),
            updated=loaded.updated,
            scroll_y=scroll_y,
        )
        self._show_notice(loaded)
        if self._highlight_after_open and not refresh:
            self.reader.find(self._highlight_after_open)
            self._highlight_after_open = ""
        index = self.article_list.index_of(article.url)
        if index is not None and not refresh:
            self.article_list.highlighted = index
        if not refresh:
            # the article first; dimming it in the list (which re-measures the
            # list) and the store write follow in the next frame
            self.call_after_refresh(self._mark_shown_read, article.url)
        elif loaded.updated:
            # changed on the portal since it was read: "đã cập nhật" in the list too
            self.article_list.set_read_state(
                self.article_list.read, self.article_list.updated | {article.url}
            )

    def _mark_shown_read(self, url: str) -> None:
        """After the frame: dim it in the list, record the reading, recount the unread."""
        self.article_list.mark([url], read=True)
        self._update_location()
        self.in_thread(
            lambda: self.library.record_reading(url), lambda _: self._count_unread_soon()
        )

    def _count_unread_soon(self) -> None:
        self.spawn(self._count_unread, group="counts", thread=True, exclusive=True)

    def _notice_for(self, loaded: Loaded[Any]) -> str | None:
        """The stale-copy notice worth showing: when the portal failed, or offline.

        A copy read from the store while online is being refreshed right now,
        so saying "Đang xem bản lưu…" for that instant would only flicker.
        """
        if loaded.archived is not None:  # always said: "Bản lưu trữ ngày …"
            return loaded.notice
        if loaded.plain_text:
            return t("ui.plain_text_notice")
        if loaded.source == "stale" or self.config.offline:
            return loaded.notice
        return None

    def _show_notice(self, loaded: Loaded[Any]) -> None:
        self.status.set_notice(self._notice_for(loaded))
        if loaded.source == "stale" and loaded.error is not None and not self._stale_warned:
            self._stale_warned = True  # once: the status bar keeps saying it
            # short: on 80×24 a toast covers the list; the status line says when
            # the copy is from, and the error title why
            self.say(t("ui.stale.toast"), title=loaded.error.title, severity="warning")
        elif loaded.source == "network":
            self._stale_warned = False

    # -- reader keys ---------------------------------------------------------------------
    def current_url(self) -> str | None:
        """The article the keys act on: the open one in the reader, else the highlighted."""
        if self.active_pane == "reader" and self.reader.article is not None:
            return self.reader.article.url
        if self.active_pane == "articles":
            item = self.article_list.highlighted_item
            if item is not None:
                return item.url
        return self.reader.article.url if self.reader.article else None

    def open_related(self, number: int) -> None:
        article = self.reader.article
        if article is None or not 1 <= number <= len(article.related):
            self.say(t("ui.no_related", n=number))
            return
        self.open_article(article.related[number - 1].url)

    def go_back(self) -> None:
        """The article read before this one; from the first, back to the list
        it was opened from (browser-style: Back leaves the page)."""
        target = self.history.peek(-1)
        if target is None:
            self.focus_pane("articles")
            return
        self.open_article(target.url, history_step=-1)

    def go_forward(self) -> None:
        target = self.history.peek(1)
        if target is None:
            self.say(t("ui.history.end"))
            return
        self.open_article(target.url, history_step=1)

    def step_article(self, step: int) -> None:
        """Open the next (1) or previous (-1) article of the list pane."""
        items = self.article_list.items
        article = self.reader.article
        index = self.article_list.index_of(article.url) if article else None
        if index is None:
            index = (
                self.article_list.highlighted if self.article_list.highlighted is not None else -1
            )
        target = index + step
        if target < 0:
            self.say(t("ui.list.first"))
            return
        if target >= len(items):
            if not self.load_more(then_open=target):
                self.say(t("ui.list.last"))
            return
        self.article_list.highlighted = target
        self.open_article(items[target].url)

    # -- reload and cancel ---------------------------------------------------------------
    def reload(self) -> None:
        """``r``: reload what the focused pane shows (the article, or the listing)."""
        # one notice however often r is pressed: the new one replaces the last
        self._reload_notice = self.say(t("ui.reloading"), timeout=1.5, replaces=self._reload_notice)
        if self.active_pane == "reader" and (self.reader.article or self._pending_article):
            url = self.reader.article.url if self.reader.article else self._pending_article
            assert url is not None
            self._articles.pop(url, None)
            self._reader_loading(True)
            self._pending_article = url
            self.spawn(self._reload_article(url), group="article", exclusive=True)
            return
        if not self.sections or self.section is None:
            self.article_list.show_loading()
            self.refresh_start()
            return
        self.article_list.show_loading()
        self.spawn(self._load_section(self.section), group="listing", exclusive=True)

    async def _reload_article(self, url: str) -> None:
        try:
            # one answer: the portal's (or the page's plain text)
            answers = [a async for a in self.library.read_article(url, mode="reload")]
        except PhulyError as exc:
            self._reader_loading(False)
            self._pending_article = None
            self._article_failed(exc, url)
            return
        if not answers:
            return
        loaded = answers[-1]
        self._reader_loading(False)
        self._pending_article = None
        if not loaded.plain_text:
            self._remember(url, loaded)
        same = self.reader.article is not None and self.reader.article.url == url
        self._display(loaded, None, refresh=same, url=url)

    def cancel_loading(self) -> bool:
        """``Escape``: cancel every load in progress; True when something was cancelled."""
        cancelled = False
        for worker in list(self.workers):
            if worker.group in LOAD_GROUPS and worker.state in (
                WorkerState.PENDING,
                WorkerState.RUNNING,
            ):
                worker.cancel()
                cancelled = True
        if cancelled:
            self._reader_loading(False)
            self._list_loaded()
            self._pending_article = None
            self._loading_more = False
            self._open_after_more = None
            self.status.set_activity(None)
            if self.active_pane == "reader" and self.reader.article is None:
                self.focus_pane("articles")  # back where the user was
        return cancelled

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that raised something unexpected: log it, say so, keep running."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self._reader_loading(False)
            self._list_loaded()
            if isinstance(error, PhulyError):
                self.notify_error(error)
            else:
                self._show_unexpected(error, None)

    def say(
        self,
        message: str,
        *,
        title: str = "",
        severity: Literal["information", "warning", "error"] = "information",
        timeout: float | None = None,
        replaces: Notification | None = None,
    ) -> Notification:
        """A notification as plain text: never markup, never a control byte."""
        return notify_plain(
            self.app, message, title=title, severity=severity, timeout=timeout, replaces=replaces
        )

    # -- errors ----------------------------------------------------------------------------
    def error_text(self, exc: PhulyError) -> str:
        """The message for the pane, with "thử lại: r" when retrying may help."""
        if getattr(exc, "transient", False):
            return t("ui.error.in_pane", message=exc.message, hint=t("error.retry_hint"))
        return exc.message

    def notify_error(self, exc: PhulyError) -> None:
        self.say(exc.message, title=exc.title, severity="error")

    def _show_error(self, exc: PhulyError, pane: PaneName) -> None:
        """The error as a notification and, in ``pane``, as a message with what to do."""
        self.notify_error(exc)
        text = self.error_text(exc)
        if pane == "reader":
            self.reader.show_message(text, title=exc.title)
        elif pane == "articles":
            self._list_loaded()
            self.article_list.show_message(text)
        else:
            self.section_list.show_message(text)

    def _show_unexpected(self, exc: BaseException, pane: PaneName | None) -> None:
        """Log ``exc`` (the one crash logger) and say where its details are — or
        that none were written, when the log folder cannot be written."""
        from ...logs import crash_message, log_crash

        message = crash_message(exc, log_crash(exc))
        self.say(message, title=t("error.title.generic"), severity="error")
        if pane == "articles":
            self._list_loaded()
            self.article_list.show_message(message)

    # -- read state and bookmarks --------------------------------------------------------------
    def toggle_read(self) -> None:
        url = self.current_url()
        if url is None:
            self.say(t("ui.no_article"))
            return
        now_read = url not in self.article_list.read
        self.article_list.mark([url], read=now_read)
        self._update_location()
        self.say(t("ui.marked_read" if now_read else "ui.marked_unread"))
        self.in_thread(
            lambda: self.library.mark_read(url, now_read), lambda _: self._count_unread_soon()
        )

    def mark_section_read(self) -> None:
        section = self.section
        if section is None:
            return
        urls = [item.url for item in self.article_list.items]
        unread = [url for url in urls if url not in self.article_list.read]

        def work() -> None:
            # the shown ones too: perhaps not stored under this section
            self.library.mark_section_read(section.url, unread)

        def done(_: None) -> None:
            self._count_unread_soon()

        self.article_list.mark(urls, read=True)
        self._update_location()
        self.say(t("ui.section_read", count=len(unread), section=section.name))
        self.in_thread(work, done)

    def toggle_bookmark(self) -> None:
        url = self.current_url()
        if url is None:
            self.say(t("ui.no_article"))
            return

        def done(now: bool) -> None:
            self.say(t("ui.bookmarked" if now else "ui.unbookmarked"))

        self.in_thread(lambda: self.library.toggle_bookmark(url), done)

    def in_thread(self, work: Callable[[], Any], done: Callable[[Any], None] | None) -> None:
        """Run store work in a thread, then ``done(result)`` on the UI thread."""

        def run() -> None:
            try:
                result = work()
            except PhulyError as exc:
                self.app.call_from_thread(self.notify_error, exc)
                return
            except OSError as exc:
                message = f"{exc.strerror or exc}: {exc.filename or ''}".strip(": ")
                self.app.call_from_thread(self.say, message, severity="error")
                return
            if done is not None:
                self.app.call_from_thread(done, result)

        self.spawn(run, thread=True, group="store")

    # -- actions bound to keys (see ui/keys.py) -------------------------------------------------
    def action_open_related(self, number: int) -> None:
        self.open_related(number)

    def action_back(self) -> None:
        self.go_back()

    def action_forward(self) -> None:
        self.go_forward()

    def action_next_article(self) -> None:
        self.step_article(1)

    def action_previous_article(self) -> None:
        self.step_article(-1)

    def action_toggle_read(self) -> None:
        self.toggle_read()

    def action_mark_section_read(self) -> None:
        self.mark_section_read()

    def action_toggle_bookmark(self) -> None:
        self.toggle_bookmark()

    def action_copy_url(self) -> None:
        self.outside.copy_url()

    def action_copy_article_text(self) -> None:
        self.outside.copy_text()

    def action_open_browser(self) -> None:
        self.outside.open_in_browser()

    def action_export(self, kind: str = "md") -> None:
        self.outside.export("txt" if kind == "txt" else "md")

    async def action_find(self) -> None:
        """``f``: find in the open article."""
        if self.reader.article is None:
            self.say(t("ui.no_article"))
            return
        await self.reader.open_find()

    def action_attachments(self) -> None:
        self.outside.attachments()

    def action_links(self) -> None:
        self.outside.links()

    def action_captures(self) -> None:
        self.archived.captures()

    @cached_property
    def archived(self) -> CaptureActions:
        """``A`` (see :mod:`phuly_tui.ui.screens.captures`), made on first use."""
        from .captures import CaptureActions

        return CaptureActions(self)

    def open_url(self) -> str | None:
        """The address of the article open in the reader, if any."""
        return self.reader.article.url if self.reader.article is not None else None

    def citation(self, url: str) -> tuple[str, str] | None:
        """How an export of ``url`` cites its capture, when it is an archived copy."""
        loaded = self._articles.get(url)
        return loaded.archived.citation if loaded and loaded.archived else None

    def show_loaded(self, url: str, loaded: Loaded[Article]) -> None:
        """Show an article loaded elsewhere (a capture picked with ``A``)."""
        self._remember(url, loaded)
        self._display(loaded, None, url=url)

    def open_search(self) -> None:
        self.outside.search()

    def open_bookmarks(self) -> None:
        self.outside.bookmarks()

    def sync(self) -> None:
        """Command palette: fetch two listing pages of every section and their articles
        (like ``phuly-tui sync``), with progress in the status bar."""
        if self.config.offline:
            self.say(t("error.offline_missing", url=self.library.base_url), severity="warning")
            return
        self.spawn(self._sync(), group="sync", exclusive=True)

    async def _sync(self) -> None:
        from ...library import SyncProgress

        def progress(step: SyncProgress) -> None:
            self.status.set_activity(t("ui.sync.progress", done=step.done, total=step.total))

        try:
            report = await self.library.sync(on_progress=progress)
        except PhulyError as exc:
            self.notify_error(exc)
            return
        finally:
            self.status.set_activity(None)
        self.say(
            t(
                "ui.sync.done",
                new=report.new,
                updated=report.updated,
                unchanged=report.unchanged,
                failed=report.failed,
            ),
            title=t("ui.sync.title"),
            severity="warning" if report.failed else "information",
        )
        self._count_unread_soon()

    def highlight_next_article(self, query: str) -> None:
        """Light ``query``'s matches in the next article shown (after a search)."""
        self._highlight_after_open = query

    def _article_failed(self, exc: PhulyError, url: str) -> None:
        """An article could not be shown: say why; a file (PDF…) may open outside.

        When the reader shows an article (a related or in-text link failed),
        that article stays where the user was reading — Backspace still goes
        back through the history — and the error is a notification only.
        """
        shown = self.reader.article
        if shown is not None and shown.url == self._failure_keeps and shown.url != url:
            self.notify_error(exc)
        else:
            self._show_error(exc, "reader")
        if isinstance(exc, NotHTMLError):
            self.outside.confirm_external(url, t("ui.open_file_outside"))
