"""The main screen: sections · article list · reader — it lays them out and routes.

Layout: the three panes side by side when the terminal is wide enough
(:data:`NARROW_WIDTH` columns), otherwise one pane at a time with the same
keys (``←/→``, ``h/l``, ``Tab``).

The work lives elsewhere, and the screen only connects it:
:class:`~phuly_tui.ui.startup.StartUp` paints the stored titles in the first
frame and then asks the portal; the
:class:`~phuly_tui.ui.widgets.listing_pane.ListingPane` loads a section's
pages and keeps its read marks; the
:class:`~phuly_tui.ui.widgets.reader_pane.ReaderPane` owns the history, the
cache and the article loads; :mod:`phuly_tui.ui.article_actions` copies,
exports and opens dialogs.  The panes post messages
(:mod:`phuly_tui.ui.pane_messages`) and the screen tells the other panes:
an article shown is highlighted in the list and dimmed once read, a file that
is not a page is offered to the browser, a worker's failure is reported.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Literal

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

from ...errors import NotArchivedError, NotHTMLError, PhulyError, UnsafeURLError
from ...i18n import t
from ...library import PageElsewhereError
from ...model import Section
from ..archive_actions import offered_listing
from ..background import spawn
from ..error_reports import notify_error, report_unexpected
from ..formatting import notify_plain
from ..keys import bindings_for, localize_bindings
from ..pane_messages import ArticleShown, LoadFailed, ReadStateChanged, WorkFailed
from ..source_notice import SourceNotice
from ..startup import StartUp, count_unread_soon
from ..sync_command import sync_store
from ..widgets.article_list import ArticleList
from ..widgets.key_bar import KeyBar
from ..widgets.listing_pane import ListingPane
from ..widgets.reader_pane import ReaderPane
from ..widgets.section_list import SectionList
from ..widgets.status_bar import StatusBar
from . import article_actions as actions
from . import document_actions as documents

if TYPE_CHECKING:
    from ...config import Config
    from ...library import Library, Route
    from ...model import Listing
    from ..prefetch import StartPrefetch
    from .captures import CaptureActions

__all__ = ["NARROW_WIDTH", "MainScreen", "PaneName"]

#: below this many columns the panes are shown one at a time
NARROW_WIDTH = 120
PaneName = Literal["sections", "articles", "reader"]
PANES: tuple[PaneName, ...] = ("sections", "articles", "reader")
#: worker groups that Escape cancels
LOAD_GROUPS = frozenset({"start", "listing", "more", "article"})


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
        self.active_pane: PaneName = "articles"
        self._reload_notice: Notification | None = None
        #: Enter on a stored article moves the focus to the reader after its frame
        self._reader_focus_pending = False
        #: the wide reading layout is on (see _set_reading)
        self._reading = False
        self._reader_focus_timer: Timer | None = None
        self.start: StartUp | None = None
        #: the page never captured whose listing's capture Enter opens (see _load_failed)
        self._listing_offer: NotArchivedError | None = None
        #: a sync from the archive is under way (its waits show in the status line)
        self.syncing_from_archive = False

    # -- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        library, config = self.library, self.config
        status = StatusBar(id="status")
        notices = SourceNotice(self.app, status, offline=config.offline)
        with Horizontal(id="panes"):
            sections = SectionList(id="sections")
            sections.border_title = t("ui.pane.sections")
            sections.add_class("pane")
            yield sections
            articles = ListingPane(library, config, status=status, notices=notices, id="articles")
            articles.border_title = t("ui.pane.articles")
            articles.add_class("pane", "-active")  # shown first on a narrow terminal
            yield articles
            reader = ReaderPane(
                library, config, notices=notices, neighbours=articles.neighbours, id="reader"
            )
            reader.border_title = t("ui.pane.reader")
            reader.add_class("pane")
            yield reader
        yield status
        yield KeyBar(id="keys")

    @property
    def section_list(self) -> SectionList:
        return self.query_one(SectionList)

    @property
    def article_list(self) -> ListingPane:
        return self.query_one(ListingPane)

    @property
    def reader(self) -> ReaderPane:
        return self.query_one(ReaderPane)

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
        flags = [t("ui.demo")] if self.demo else []
        if self.config.offline:
            flags.append(t("ui.offline"))
        if self.config.insecure:
            flags.append(t("ui.insecure"))
        self.status.set_flags(flags)
        self.focus_pane("articles")
        self.start = StartUp(
            self,
            self.library,
            self.config,
            prefetch=self._prefetch,
            sections=self.section_list,
            listing=self.article_list,
            notices=self.reader.notices,
        )
        self.start.begin()
        if self.start_url:  # a deep link: an article, or a section / the home page
            self.follow_link(self.start_url)

    @property
    def network_started(self) -> bool:
        """The portal refresh after the first frame has begun (tests wait for it)."""
        return self.start is not None and self.start.network_started

    # -- routing between the panes -------------------------------------------------------
    @on(SectionList.Chosen)
    def _section_chosen(self, event: SectionList.Chosen) -> None:
        self.open_section(event.section)

    def open_section(self, section: Section) -> None:
        """Show a section: stored pages at once, then the portal's page 1."""
        self.section_list.highlight_url(section.url)
        self.focus_pane("articles")
        self.article_list.enter(section)

    @property
    def section(self) -> Section | None:
        """The section listed."""
        return self.article_list.section

    @property
    def pages(self) -> list[Listing]:
        """The section's listing pages shown."""
        return self.article_list.pages

    @on(ArticleList.EndReached)
    def _end_reached(self, event: ArticleList.EndReached) -> None:
        self.article_list.load_more()

    @on(ArticleList.Chosen)
    def _article_chosen(self, event: ArticleList.Chosen) -> None:
        self.open_article(event.item.url)

    @on(ArticleList.Highlighted)
    def _article_highlighted(self, event: ArticleList.Highlighted) -> None:
        self.reader.read_ahead(event.item.url)

    def open_article(
        self, url: str, *, history_step: int | None = None, focus: bool = True, highlight: str = ""
    ) -> None:
        """Open ``url`` in the reader (``history_step``: -1 back, 1 forward, None new)."""
        from_reader = self.active_pane == "reader"
        if focus:
            if self.reader.is_cached(url) and not self.narrow:
                self._mark_active(reading=True)  # the article is laid out once, at its width
                self._focus_reader_after_frame()
            else:  # a narrow screen must switch panes first, or the reader is hidden
                self.focus_pane("reader")
        self.reader.visit(
            url, history_step=history_step, keep_shown=from_reader, highlight=highlight
        )

    @on(ArticleShown)
    def _article_shown(self, event: ArticleShown) -> None:
        articles = self.article_list
        if event.refresh:
            if event.loaded.updated:  # changed on the portal since it was read
                articles.mark_updated(event.url)
            return
        index = articles.index_of(event.url)
        if index is not None:
            articles.highlighted = index
        # the article first; dimming it in the list (which re-measures the
        # list) and the store write follow in the next frame
        self.call_after_refresh(articles.mark_shown_read, event.url)

    @on(LoadFailed)
    def _load_failed(self, event: LoadFailed) -> None:
        # a page never captured: the reader offers its listing's capture (Enter)
        self._listing_offer = None if event.kept else offered_listing(event.error)
        if isinstance(event.error, NotHTMLError):  # a file (PDF…) may open outside
            actions.confirm_external(self.app, event.url, t("ui.open_file_outside"))
        elif isinstance(event.error, PageElsewhereError):  # the page says it is a listing
            notify_plain(self.app, event.error.message)
            self.go(event.error.route)

    def action_open_listing_capture(self) -> None:
        """Enter under "Trang này không có trong kho lưu trữ": its listing's capture."""
        offer = self._listing_offer
        if offer is None or offer.listing_url is None or self.reader.article is not None:
            return
        listing = self.article_list
        spawn(
            listing, self._open_listing_capture(offer.listing_url), group="listing", exclusive=True
        )

    async def _open_listing_capture(self, url: str) -> None:
        try:  # the newest capture: the one the offer named (its list is stored)
            loaded = await self.library.read_archived(url, "listing")
        except PhulyError as exc:
            notify_error(self.app, exc)
            return
        named = loaded.value.section or url
        known = (s for s in self.section_list.sections if s.url == url)
        section = next(known, None) or Section(named, url)
        self.section_list.highlight_url(url)
        self.article_list.show_capture(section, loaded)
        self.focus_pane("articles")

    @on(ReadStateChanged)
    def _read_state_changed(self, event: ReadStateChanged) -> None:
        count_unread_soon(self.section_list, self.library)

    def follow_link(self, url: str) -> None:
        """Where a link goes: the library decides (:meth:`~phuly_tui.library.Library.route`).

        The home page → the sections pane, a section or a listing → its list, a
        document (PDF, DOCX…) → the reader pane, another file → downloaded like
        an attachment, anything else on the
        portal → the reader (an archived copy's address: the portal page).  Off
        the portal: the browser, after asking with the full URL.  An address the
        URL policy refuses is not followed at all: this is the last guard.
        """
        self.go(self.library.route(url, self.section_list.sections))

    def go(self, route: Route) -> None:
        """Open what ``route`` leads to (see :meth:`follow_link`)."""
        if route.kind == "refused":  # the URL policy: never opened, never shown in full
            notify_error(self.app, UnsafeURLError(url=route.url))
        elif route.kind == "external":
            actions.confirm_external(self.app, route.url)
        elif route.kind == "home":
            self.focus_pane("sections")
        elif route.section is not None:  # a section, or a listing page off the menu
            self.open_section(route.section)
        elif route.kind == "attachment":
            self.open_attachment(route.url)
        else:
            self.open_article(route.url)

    def open_attachment(self, url: str) -> None:
        """A document (PDF, DOCX, and the formats named in one line) → the reader
        pane; another file → downloaded and handed to a viewer."""
        from ...documents import is_document_url

        if is_document_url(url):
            self.open_article(url)
        else:
            self.open_file_url(url)

    def open_file_url(self, url: str) -> None:
        actions.open_file_url(self, self.library, self.config, self.status, url)

    # -- reader keys ---------------------------------------------------------------------
    def current_url(self) -> str | None:
        """The article the keys act on: the open one in the reader, else the highlighted."""
        shown = self.reader.open_url()
        if self.active_pane == "reader" and shown is not None:
            return shown
        if self.active_pane == "articles":
            item = self.article_list.highlighted_item
            if item is not None:
                return item.url
        return shown

    def action_open_related(self, number: int) -> None:
        if self.reader.document is not None:  # a document's numbers open what it cites
            self.open_cited(number)
            return
        article = self.reader.article
        if article is None or not 1 <= number <= len(article.related):
            notify_plain(self.app, t("ui.no_related", n=number))
            return
        self.open_article(article.related[number - 1].url)

    def action_back(self) -> None:
        """The article read before this one; from the first, back to the list
        it was opened from (browser-style: Back leaves the page)."""
        target = self.reader.history.peek(-1)
        if target is None:
            self.focus_pane("articles")
            return
        self.open_article(target.url, history_step=-1)

    def action_forward(self) -> None:
        target = self.reader.history.peek(1)
        if target is None:
            notify_plain(self.app, t("ui.history.end"))
            return
        self.open_article(target.url, history_step=1)

    def action_next_article(self) -> None:
        self.step_article(1)

    def action_previous_article(self) -> None:
        self.step_article(-1)

    def step_article(self, step: int) -> None:
        """Open the next (1) or previous (-1) article of the list pane."""
        articles, shown = self.article_list, self.reader.open_url()
        index = articles.index_of(shown) if shown else None
        if index is None:
            index = articles.highlighted if articles.highlighted is not None else -1
        target = index + step
        if target < 0:
            notify_plain(self.app, t("ui.list.first"))
        elif target >= len(articles.items):
            if not articles.load_more(then_open=target):
                notify_plain(self.app, t("ui.list.last"))
        else:
            articles.highlighted = target
            self.open_article(articles.items[target].url)

    # -- reload, cancel, failures --------------------------------------------------------
    def reload(self) -> None:
        """``r``: reload what the focused pane shows (the article, or the listing)."""
        # one notice however often r is pressed: the new one replaces the last
        self._reload_notice = notify_plain(
            self.app, t("ui.reloading"), timeout=1.5, replaces=self._reload_notice
        )
        if self.active_pane == "reader" and self.reader.reload():
            return
        if not self.section_list.sections or self.section is None:
            self.article_list.show_loading()
            assert self.start is not None
            self.start.refresh()
            return
        self.article_list.reload()

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
            self.reader.load_cancelled()
            self.article_list.load_cancelled()
            if self.active_pane == "reader" and self.reader.open_url() is None:
                self.focus_pane("articles")  # back where the user was
        return cancelled

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self._work_failed(WorkFailed(event.worker.error))

    @on(WorkFailed)
    def _work_failed(self, event: WorkFailed) -> None:
        """A worker raised something unexpected: log it, say so, keep running."""
        self.reader.show_loading(False)
        self.article_list.hide_loading()
        if isinstance(event.error, PhulyError):
            notify_error(self.app, event.error)
        else:
            report_unexpected(self.app, event.error)

    # -- actions bound to keys (see ui/keys.py) -------------------------------------------------
    def action_toggle_read(self) -> None:
        url = self.current_url()
        if url is None:
            notify_plain(self.app, t("ui.no_article"))
            return
        self.article_list.toggle_read(url)

    def action_mark_section_read(self) -> None:
        self.article_list.mark_section_read()

    def action_toggle_bookmark(self) -> None:
        url = self.current_url()
        if url is None:
            notify_plain(self.app, t("ui.no_article"))
        else:
            actions.toggle_bookmark(self, self.library, url)

    def action_copy_url(self) -> None:
        actions.copy_url(self.app, self.current_url())

    def action_copy_article_text(self) -> None:
        document = self.reader.document
        if document is not None:
            documents.copy_document_text(self.app, document, base_url=self.library.base_url)
            return
        actions.copy_text(self.app, self.reader.article, base_url=self.library.base_url)

    def action_open_browser(self) -> None:
        shown_file = self.reader.file_url
        if self.active_pane == "reader" and shown_file is not None:
            self.open_file_url(shown_file)  # a document: the system's viewer
            return
        actions.open_in_browser(self.app, self.current_url())

    def action_export(self, kind: str = "md") -> None:
        document = self.reader.document
        if document is not None:
            fmt: Literal["md", "txt"] = "txt" if kind == "txt" else "md"
            documents.export_document(self, document, fmt, base_url=self.library.base_url)
            return
        article = self.reader.article
        archived = self.reader.archived(article.url) if article else None
        actions.export(
            self,
            article,
            "txt" if kind == "txt" else "md",
            base_url=self.library.base_url,
            archived=archived,
        )

    async def action_find(self) -> None:
        """``f``: find in the open article (or document)."""
        if self.reader.article is None and self.reader.document is None:
            notify_plain(self.app, t("ui.no_article"))
            return
        await self.reader.open_find()

    def action_attachments(self) -> None:
        actions.pick_attachment(self.app, self.reader.article, self.open_attachment)

    def action_links(self) -> None:
        if self.reader.document is not None:  # the numbers it cites
            cited = [link.text for link in self.reader.links]
            documents.pick_cited(self.app, cited, self.open_cited)
            return
        actions.pick_link(self.app, self.reader.links, self.follow_link)

    def action_save_file(self) -> None:
        """``s``: the file open in the reader into the downloads folder."""
        url = self.reader.file_url
        documents.save_file(self, self.library, self.config, self.status, url)

    def open_cited(self, number: int) -> None:
        """The open document's ``number``-th cited document, when it is known."""
        cited = [link.text for link in self.reader.links]
        documents.open_cited(self, self.library, cited, number, self.open_article)

    def open_documents(self) -> None:
        """``D``: the "Văn bản" view; the chosen document opens in the reader."""
        documents.show_documents(self.app, self.library, self.open_article)

    def action_captures(self) -> None:
        self.archived.captures()

    @cached_property
    def archived(self) -> CaptureActions:
        """``A`` (see :mod:`phuly_tui.ui.screens.captures`), made on first use."""
        from .captures import CaptureActions

        return CaptureActions(self.reader)

    def open_search(self) -> None:
        def chosen(url: str, query: str) -> None:
            self.open_article(url, highlight=query)

        sections = self.section_list
        actions.show_search(
            self.app, self.library, lambda: sections.sections, sync=self.sync, chosen=chosen
        )

    def open_bookmarks(self) -> None:
        actions.show_bookmarks(self.app, self.library, self.open_article)

    def sync(self) -> None:
        """Command palette: fetch two listing pages of every section and their articles
        (like ``phuly-tui sync``), with progress in the status bar."""
        if self.config.offline:
            message = t("error.offline_missing", url=self.library.base_url)
            notify_plain(self.app, message, severity="warning")
            return
        synced = sync_store(
            self.library, self.status, self.section_list, on_archive=self._archive_sync
        )
        spawn(self, synced, group="sync", exclusive=True)

    def _archive_sync(self, on: bool) -> None:
        """The sync reads the archive (or no longer): its waits are not toasted."""
        self.syncing_from_archive = on
