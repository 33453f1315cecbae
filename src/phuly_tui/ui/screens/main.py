"""The main screen: sections · article list · reader — it lays them out and routes.

Which panes show: :mod:`~phuly_tui.ui.screens.pane_layout`.  The work lives
elsewhere (:mod:`~phuly_tui.ui.startup`, the
:class:`~phuly_tui.ui.widgets.listing_pane.ListingPane`, the
:class:`~phuly_tui.ui.widgets.reader_pane.ReaderPane`,
:mod:`~phuly_tui.ui.screens.article_actions`); the panes post messages
(:mod:`phuly_tui.ui.pane_messages`) and the screen tells the other panes: an
article shown is highlighted in the list and dimmed once read, a file that is
not a page is offered to the browser, a worker's failure is reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import DescendantFocus, Resize
from textual.notifications import Notification
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from ...errors import NotHTMLError, UnsafeURLError
from ...i18n import t
from ...library import PageElsewhereError
from ..background import cancel_workers
from ..error_reports import notify_error, report_failure
from ..formatting import notify_plain
from ..keys import bindings_for, localize_bindings
from ..pane_messages import (
    ArticleShown,
    CaptureListed,
    LoadFailed,
    ReadStateChanged,
    WorkFailed,
)
from ..source_notice import SourceNotice
from ..startup import StartUp, count_unread_soon, status_flags
from ..widgets.article_list import ArticleList
from ..widgets.key_bar import KeyBar
from ..widgets.listing_pane import ListingPane
from ..widgets.reader_pane import ReaderPane
from ..widgets.section_list import SectionList
from ..widgets.status_bar import StatusBar
from . import article_actions as actions
from .pane_layout import PaneLayout, PaneName

if TYPE_CHECKING:
    from ...config import Config
    from ...library import Library, Route
    from ...model import Section
    from ..prefetch import StartPrefetch
    from ..sync_command import StoreSync

__all__ = ["MainScreen"]

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
    #: the panes and the status line (made by compose)
    section_list: SectionList
    article_list: ListingPane
    reader: ReaderPane
    status: StatusBar
    panes: PaneLayout
    start: StartUp
    #: the palette's sync, made (and its module imported) when first asked for
    store_sync: StoreSync | None = None

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
        self._reload_notice: Notification | None = None

    # -- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        library, config = self.library, self.config
        status = StatusBar(id="status")
        notices = SourceNotice(self.app, status, offline=config.offline)
        with Horizontal(id="panes"):
            sections = SectionList(id="sections")
            yield sections
            articles = ListingPane(library, config, status=status, notices=notices, id="articles")
            articles.add_class("-active")  # shown first on a narrow terminal
            yield articles
            reader = ReaderPane(
                library, config, notices=notices, neighbours=articles.neighbours, id="reader"
            )
            yield reader
        self.section_list, self.article_list = sections, articles
        self.reader, self.status = reader, status
        self.panes = PaneLayout(self, sections, articles, reader)
        self.start = StartUp(self, library, config, self._prefetch, sections, articles, notices)
        yield status
        yield KeyBar(id="keys")

    @property
    def active_pane(self) -> PaneName:
        """The pane the keys go to (see :class:`~.pane_layout.PaneLayout`)."""
        return self.panes.active

    def focus_pane(self, name: PaneName) -> None:
        """Show (narrow) and focus one pane."""
        self.panes.focus(name)

    def on_resize(self, event: Resize) -> None:
        self.panes.resized(event.size.width)

    @on(DescendantFocus)
    def _track_focus(self, event: DescendantFocus) -> None:
        self.panes.track(self.focused)

    def action_next_pane(self) -> None:
        self.panes.step(1, wrap=True)

    def action_prev_pane(self) -> None:
        self.panes.step(-1, wrap=True)

    def action_pane_left(self) -> None:
        self.panes.step(-1, wrap=False)

    def action_pane_right(self) -> None:
        self.panes.step(1, wrap=False)

    def on_mount(self) -> None:
        self.panes.resized(self.app.size.width)
        self.status.set_flags(status_flags(self.config, demo=self.demo))
        self.focus_pane("articles")
        self.start.begin()
        if self.start_url:  # a deep link: an article, or a section / the home page
            self.follow_link(self.start_url)

    # -- routing between the panes -------------------------------------------------------
    @on(SectionList.Chosen)
    def _section_chosen(self, event: SectionList.Chosen) -> None:
        self.open_section(event.section)

    def open_section(self, section: Section) -> None:
        """Show a section: stored pages at once, then the portal's page 1."""
        self.section_list.highlight_url(section.url)
        self.focus_pane("articles")
        self.article_list.enter(section)

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
            self.panes.focus_reader(shown_at_once=self.reader.is_cached(url))
        self.reader.visit(
            url, history_step=history_step, keep_shown=from_reader, highlight=highlight
        )

    @on(ArticleShown)
    def _article_shown(self, event: ArticleShown) -> None:
        self.article_list.article_shown(
            event.url, refresh=event.refresh, updated=event.loaded.updated
        )

    @on(LoadFailed)
    def _load_failed(self, event: LoadFailed) -> None:
        if isinstance(event.error, NotHTMLError):  # a file (PDF…) may open outside
            actions.confirm_external(self.app, event.url, t("ui.open_file_outside"))
        elif isinstance(event.error, PageElsewhereError):  # the page says it is a listing
            notify_plain(self.app, event.error.message)
            self.go(event.error.route)

    def action_open_listing_capture(self) -> None:
        """Enter under "Trang này không có trong kho lưu trữ": its listing's capture."""
        url = self.reader.offered_listing_url()
        if url is not None:
            self.article_list.open_capture(url, self.section_list.sections)

    @on(CaptureListed)
    def _capture_listed(self, event: CaptureListed) -> None:
        self.section_list.highlight_url(event.url)
        self.focus_pane("articles")

    @on(ReadStateChanged)
    def _read_state_changed(self, event: ReadStateChanged) -> None:
        count_unread_soon(self.section_list, self.library)

    def follow_link(self, url: str) -> None:
        """Go where ``url`` leads: :meth:`~phuly_tui.library.Library.route` decides
        (a document opens in the reader, another file is downloaded)."""
        self.go(self.library.route(url, self.section_list.sections))

    def go(self, route: Route) -> None:
        """The sections pane, a section's list, a download, the reader, the browser
        after asking — or nowhere, when the URL policy refuses it (the last guard)."""
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
        """A document → the reader pane; another file → downloaded, then a viewer."""
        actions.open_attachment(
            self, self.library, self.config, self.status, url, self.open_article
        )

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
        """``1``–``9``: a related article, or the document a document cites."""
        reader, read = self.reader, self.open_article
        actions.open_numbered(self, self.library, reader.shown, reader.links, number, read)

    def action_back(self) -> None:
        """The article read before this one; from the first, back to the list
        it was opened from (browser-style: Back leaves the page)."""
        target = self.reader.history.peek(-1)
        if target is None:
            self.focus_pane("articles")
        else:
            self.open_article(target.url, history_step=-1)

    def action_forward(self) -> None:
        target = self.reader.history.peek(1)
        if target is None:
            notify_plain(self.app, t("ui.history.end"))
        else:
            self.open_article(target.url, history_step=1)

    def action_next_article(self) -> None:
        self.step_article(1)

    def action_previous_article(self) -> None:
        self.step_article(-1)

    def step_article(self, step: int) -> None:
        """Open the next (1) or previous (-1) article of the list pane."""
        url = self.article_list.step_from(self.reader.open_url(), step)
        if url is not None:
            self.open_article(url)

    # -- reload, cancel, failures --------------------------------------------------------
    def reload(self) -> None:
        """``r``: reload what the focused pane shows (the article, or the listing)."""
        # one notice however often r is pressed: the new one replaces the last
        self._reload_notice = notify_plain(
            self.app, t("ui.reloading"), timeout=1.5, replaces=self._reload_notice
        )
        if self.active_pane == "reader" and self.reader.reload():
            return
        self.start.reload_listing()

    def cancel_loading(self) -> bool:
        """``Escape``: cancel every load in progress; True when something was cancelled."""
        cancelled = cancel_workers(self, LOAD_GROUPS)
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
        report_failure(self.app, event.error)

    # -- actions bound to keys (see ui/keys.py) -------------------------------------------------
    def action_toggle_read(self) -> None:
        self.article_list.toggle_read(self.current_url())

    def action_mark_section_read(self) -> None:
        self.article_list.mark_section_read()

    def action_toggle_bookmark(self) -> None:
        actions.toggle_bookmark(self, self.library, self.current_url())

    def action_copy_url(self) -> None:
        actions.copy_url(self.app, self.current_url())

    def action_copy_article_text(self) -> None:
        reader, base_url = self.reader, self.library.base_url
        actions.copy_text(self.app, reader.shown, base_url=base_url, archived=reader.archived())

    def action_open_browser(self) -> None:
        """``o``: the reader's document with the system's viewer, an article in the browser."""
        shown_file = self.reader.file_url if self.active_pane == "reader" else None
        library, config, status, url = self.library, self.config, self.status, self.current_url()
        actions.open_outside(self, library, config, status, url, file_url=shown_file)

    def action_export(self, kind: str = "md") -> None:
        reader, base_url = self.reader, self.library.base_url
        actions.export(self, reader.shown, kind, base_url=base_url, archived=reader.archived())

    async def action_find(self) -> None:
        await self.reader.find_in_article()

    def action_attachments(self) -> None:
        actions.pick_attachment(self.app, self.reader.article, self.open_attachment)

    def action_links(self) -> None:
        reader, open_number = self.reader, self.action_open_related
        actions.pick_link(self.app, reader.shown, reader.links, self.follow_link, open_number)

    def action_save_file(self) -> None:
        """``s``: the file open in the reader into the downloads folder."""
        from .document_actions import save_file  # imported on first use, like D's

        save_file(self, self.library, self.config, self.status, self.reader.file_url)

    def open_documents(self) -> None:
        """``D``: the "Văn bản" view; the chosen document opens in the reader."""
        from .document_actions import show_documents

        show_documents(self.app, self.library, self.open_article)

    def action_captures(self) -> None:
        from .captures import CaptureActions  # imported on first use: A is rare

        CaptureActions(self.reader).captures()

    def open_search(self) -> None:
        sections, open_article = self.section_list, self.open_article
        actions.show_search(
            self.app,
            self.library,
            lambda: sections.sections,
            sync=self.sync,
            chosen=lambda url, query: open_article(url, highlight=query),
        )

    def open_bookmarks(self) -> None:
        actions.show_bookmarks(self.app, self.library, self.open_article)

    def sync(self) -> None:
        """Command palette: ``phuly-tui sync`` with progress in the status bar."""
        from ..sync_command import StoreSync

        if self.store_sync is None:
            self.store_sync = StoreSync(self.library, self.status, self.section_list)
        self.store_sync.start(self)
