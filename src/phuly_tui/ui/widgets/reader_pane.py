"""The reader pane: what it shows, where that comes from, and the way back.

:class:`ReaderPane` is the :class:`~.reader.Reader` the main screen shows,
plus what frogmouth's ``Viewer`` owns: the browser-style
:class:`~phuly_tui.ui.history.History`, an LRU cache of what was loaded, and
the loads themselves, each in an exclusive worker:

* :meth:`visit` shows a cached copy at once and refreshes it in the
  background (repainted in place only when it changed); a miss waits for
  the library with the loading indicator (shown only when the load takes a
  moment);
* the reading policy (stored copy then refresh, the plain-text stand-in
  for a page that is no article) is the library's
  (:meth:`~phuly_tui.library.Library.read_article`): the pane shows what it
  yields;
* :meth:`read_ahead` reads the highlighted article from the store before
  Enter; :meth:`reload` asks the portal again;
* an attachment (:func:`~phuly_tui.documents.is_document_url`: a PDF, a
  DOCX, or a format named in one line) is a document: read by
  :meth:`~phuly_tui.library.Library.document` in the same exclusive
  ``"article"`` worker — ``Esc`` cancels the download and the extraction,
  which stops between pages — and shown as text with its card
  (:mod:`.document_view`), or as one line saying why it cannot be (a scan,
  another format, a file over ``attachment_max_mb``, a damaged one) and
  what ``o``/``s`` do.  It takes its place in the history like an article:
  Backspace goes back to the article it was opened from.  A PDF or Word
  file behind a page's address is read as a document too.

It never calls back into the screen: it posts
:class:`~phuly_tui.ui.pane_messages.ArticleShown` and
:class:`~phuly_tui.ui.pane_messages.LoadFailed` (a failed link keeps the
article the user was reading, and Backspace still goes back), and the screen
routes them to the other panes.  What it shows is a
:class:`~phuly_tui.library.Loaded` value: an article today; :meth:`_show`
is the one place that turns one into pieces on screen.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.worker import Worker, WorkerState, get_current_worker

from ...errors import NotArchivedError, NotHTMLError, PhulyError
from ...i18n import t
from ...library import PageElsewhereError
from ..archive_actions import offer_text, offered_listing
from ..background import spawn
from ..error_reports import error_text, notify_error
from ..formatting import notify_plain
from ..history import History
from ..pane_messages import ArticleShown, LoadFailed, WorkFailed
from .reader import Reader

if TYPE_CHECKING:
    from textual.timer import Timer

    from ...config import Config
    from ...library import ArchivedCopy, Library, Loaded
    from ...model import ListingItem
    from ..source_notice import SourceNotice

    #: the items before and after an address in the list (shown under the article)
    Neighbours = Callable[[str], tuple[ListingItem | None, ListingItem | None]]

__all__ = ["ARTICLE_CACHE_SIZE", "LOADING_DELAY", "ReaderPane"]

log = logging.getLogger(__name__)

ARTICLE_CACHE_SIZE = 64
#: a load shorter than this shows no loading indicator (seconds)
LOADING_DELAY = 0.12


def _is_document_type(content_type: object) -> bool:
    """True for a PDF's or a Word file's media type (read as text, like an attachment)."""
    return isinstance(content_type, str) and (
        content_type.endswith("/pdf") or "wordprocessingml" in content_type
    )


class ReaderPane(Reader):
    """The reader with its history, cache and loads (see the module docstring)."""

    def __init__(
        self,
        library: Library,
        config: Config,
        *,
        notices: SourceNotice,
        neighbours: Neighbours,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.border_title = t("ui.pane.reader")
        self.add_class("pane")
        self.library = library
        self.config = config
        self.notices = notices
        #: the items before and after an address in the list (shown under the article)
        self.neighbours = neighbours
        self.history = History()
        self._loaded: OrderedDict[str, Loaded[Any]] = OrderedDict()
        #: the address being loaded, until it is shown or fails
        self._loading_url: str | None = None
        #: the search query to highlight in the next article shown
        self._highlight_after_open = ""
        self._loading_timer: Timer | None = None
        #: the article shown when the load now under way started (see _failed)
        self._failure_keeps: str | None = None
        #: a page never captured whose listing's capture the reader offers (Enter)
        self._listing_offer: NotArchivedError | None = None

    # -- what is loaded --------------------------------------------------------------
    def is_cached(self, url: str) -> bool:
        """True when :meth:`visit` can show ``url`` at once (in this frame)."""
        return url in self._loaded

    def open_url(self) -> str | None:
        """The address of the article (or the file) open in the reader, if any."""
        return self.article.url if self.article is not None else self.file_url

    def offered_listing_url(self) -> str | None:
        """The listing whose capture Enter opens, while the reader offers it."""
        offer = self._listing_offer
        return offer.listing_url if offer is not None and self.article is None else None

    def archived(self) -> ArchivedCopy | None:
        """The capture what is shown was read from, when it is an archived copy."""
        shown = self.shown
        loaded = self._loaded.get(shown.url) if shown is not None else None
        return loaded.archived if loaded is not None else None

    def spawn(self, work: Coroutine[Any, Any, None], **options: Any) -> Worker[Any]:
        """A worker of this pane (its failures reach the screen as WorkFailed)."""
        return spawn(self, work, **options)

    def _remember(self, url: str, loaded: Loaded[Any]) -> None:
        self._loaded[url] = loaded
        self._loaded.move_to_end(url)
        while len(self._loaded) > ARTICLE_CACHE_SIZE:
            self._loaded.popitem(last=False)

    async def find_in_article(self) -> None:
        """``f``: the find bar, when an article (or a document) is open."""
        if self.article is None and self.document is None:
            notify_plain(self.app, t("ui.no_article"))
            return
        await self.open_find()

    # -- loads ---------------------------------------------------------------------------
    def visit(
        self,
        url: str,
        *,
        history_step: int | None = None,
        keep_shown: bool = False,
        highlight: str = "",
    ) -> None:
        """Show ``url`` (``history_step``: -1 back, 1 forward, None a new entry).

        ``keep_shown``: the link was followed from the article shown, which
        stays if the load fails.  ``highlight``: a search query to light up.
        """
        from ...documents import is_document_url

        if highlight:
            self._highlight_after_open = highlight
        cached = self._loaded.get(url)
        if cached is not None and is_document_url(url):
            self._loaded.move_to_end(url)
            self._show(cached, history_step, url=url)  # a file read once is not refreshed
            return
        if cached is not None:
            self._loaded.move_to_end(url)
            self._show(cached, history_step, url=url)
            # the refresh (conditional request) waits until the article is on screen
            self.call_after_refresh(
                lambda: spawn(self, self._refresh(url), group="article-refresh", exclusive=True)
            )
            return
        self._loading_url = url
        self.show_loading(True)
        # a link followed from the open article: if it fails, that article stays
        shown = self.article
        self._failure_keeps = shown.url if keep_shown and shown is not None else None
        if is_document_url(url):
            self._read_document(url, history_step)
            return
        spawn(self, self._load(url, history_step), group="article", exclusive=True)

    # -- documents -----------------------------------------------------------------------
    def _read_document(self, url: str, history_step: int | None, *, reload: bool = False) -> None:
        """Read the attachment at ``url`` (see the module docstring)."""
        from ...documents import file_name, unsupported_kind
        from ...errors import UnsupportedDocument

        kind = unsupported_kind(url)  # a .zip, .doc …: not even downloaded to say so
        if kind is not None:
            self._load_ended()
            message = UnsupportedDocument(kind=kind).message
            self._show_file_notice(url, file_name(url), message, history_step)
            return
        self._loading_url = url
        self.show_loading(True)
        work = self._load_document(url, history_step, reload=reload)
        spawn(self, work, group="article", exclusive=True)

    async def _load_document(self, url: str, history_step: int | None, *, reload: bool) -> None:
        from ...documents import file_name

        worker = get_current_worker()
        try:
            await self.library.network_ready()
            loaded = await self.library.document(url, cancelled=lambda: worker.is_cancelled)
        except PhulyError as exc:
            if worker.is_cancelled:
                return
            self._load_ended()
            notify_error(self.app, exc)
            step = 0 if reload and self.open_url() == url else history_step
            self._show_file_notice(url, file_name(url), error_text(exc), step)
            return
        if worker.is_cancelled:  # Esc while the last page was read
            return
        self._load_ended()
        self._remember(url, loaded)
        self._show(loaded, history_step, refresh=reload and self.open_url() == url, url=url)

    def _show_file_notice(
        self, url: str, title: str, message: str, history_step: int | None
    ) -> None:
        """One line on a file the reader cannot show, in the history like a document."""
        from .document_view import render_file_notice

        self._step_history(url, history_step)
        self.show_file_notice(url, render_file_notice(title, message))

    async def _load(self, url: str, history_step: int | None, *, reload: bool = False) -> None:
        """Load ``url`` and show it: the library yields the stored copy at once (when
        there is one), then the portal's answer — or the page's plain text when it
        is no article; the first one shown ends the loading.  A reload asks the
        portal only and repaints in place when ``url`` is on screen."""
        shown = False
        try:
            async for loaded in self.library.read_article(url, mode="reload" if reload else "open"):
                if shown:
                    self._refreshed(url, loaded)
                    continue
                shown = True
                self._load_ended()
                if not loaded.plain_text:  # a one-off: never kept
                    self._remember(url, loaded)
                refresh = reload and self.open_url() == url
                self._show(loaded, history_step, refresh=refresh, url=url)
        except PageElsewhereError as exc:  # a listing or the home page: the screen routes it
            self._load_ended()
            self._listing_offer = None
            self.post_message(LoadFailed(url, exc, kept=True))
        except PhulyError as exc:
            if shown:  # the refresh of a copy on screen: it stays
                log.info("refresh of %s failed: %s", url, exc)
                return
            self._load_ended()
            self._failed(exc, url)

    async def _refresh(self, url: str) -> None:
        """Background refresh of the open article; repaint in place when it changed."""
        try:
            async for loaded in self.library.read_article(url, mode="refresh"):
                self._refreshed(url, loaded)
        except PhulyError as exc:
            log.info("refresh of %s failed: %s", url, exc)

    def _refreshed(self, url: str, loaded: Loaded[Any]) -> None:
        """The portal's answer for an article already shown: repaint only what changed."""
        before = self._loaded.get(url)
        self._remember(url, loaded)
        if self.open_url() != url:
            return
        notice = self.notices.text_for
        if (
            before is not None
            and before.value == loaded.value
            and before.updated == loaded.updated
            and notice(before) == notice(loaded)
        ):
            self.notices.show(loaded)
            return
        self._show(loaded, None, refresh=True, url=url)

    def reload(self) -> bool:
        """``r`` in the reader: the open (or loading) article from the portal again.

        False when there is nothing to reload.
        """
        from ...documents import is_document_url

        url = self.open_url() or self._loading_url
        if url is None:
            return False
        self._loaded.pop(url, None)
        if is_document_url(url):
            self._read_document(url, 0, reload=True)
            return True
        self.show_loading(True)
        self._loading_url = url
        spawn(self, self._load(url, None, reload=True), group="article", exclusive=True)
        return True

    def read_ahead(self, url: str) -> None:
        """Read ``url`` from the store ahead of Enter (in a thread), if not cached."""
        if url in self._loaded:
            return

        def read() -> None:
            try:
                stored = self.library.cached_article(url)
            except PhulyError:
                return
            if stored is not None:
                self.app.call_from_thread(self._remember_ahead, url, stored)

        spawn(self, read, thread=True, group="read-ahead", exclusive=True)

    def _remember_ahead(self, url: str, stored: Loaded[Any]) -> None:
        if url not in self._loaded:  # a fresher copy may have arrived meanwhile
            self._remember(url, stored)

    def show_loaded(self, url: str, loaded: Loaded[Any]) -> None:
        """Show a copy loaded elsewhere (a capture picked with ``A``)."""
        self._remember(url, loaded)
        self._show(loaded, None, url=url)

    def load_cancelled(self) -> None:
        """``Escape`` cancelled the load: no indicator, nothing pending."""
        self.show_loading(False)
        self._loading_url = None

    def _load_ended(self) -> None:
        self.show_loading(False)
        self._loading_url = None

    # -- the loading indicator -----------------------------------------------------------
    def show_loading(self, loading: bool) -> None:
        """The loading indicator, shown only if a load takes a moment.

        A store read takes a few milliseconds: an indicator flashed for that
        long would cost two re-layouts and look like flicker.
        """
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None
        if loading:
            timer: Timer = self.set_timer(LOADING_DELAY, lambda: self._loading_due(timer))
            self._loading_timer = timer
        else:
            self.body.loading = False

    def _loading_due(self, timer: Timer) -> None:
        # Textual queues a fired timer's callback: a load that ended after the
        # timer fired but before the callback ran has cleared or replaced it
        if timer is self._loading_timer:
            self.body.loading = True

    # -- showing ---------------------------------------------------------------------------
    def _show(
        self,
        loaded: Loaded[Any],
        history_step: int | None,
        *,
        refresh: bool = False,
        url: str | None = None,
    ) -> None:
        """Show what was loaded; ``url`` is the address it was opened by (the list's).

        A page may call itself by another spelling of its address (case, a
        redirect); the app keeps the one it asked for, so the list, the
        history and the read marks all agree.
        """
        from ...model import Article  # loaded with the first page shown, not at start

        article = loaded.value
        if not isinstance(article, Article):
            self._show_document(loaded, history_step, refresh=refresh)
            return
        if url and article.url != url:
            article = replace(article, url=url)
        scroll_y = None if refresh else self._step_history(article.url, history_step)
        previous, following = self.neighbours(article.url)
        self.show_article(
            article,
            previous=previous,
            following=following,
            notice=self.notices.text_for(loaded),
            updated=loaded.updated,
            scroll_y=scroll_y,
        )
        self.notices.show(loaded)
        if self._highlight_after_open and not refresh:
            self.find(self._highlight_after_open)
            self._highlight_after_open = ""
        self.post_message(ArticleShown(article.url, loaded, refresh))

    def _step_history(self, url: str, history_step: int | None) -> float:
        """Move through the history to ``url`` (a new entry, back or forward) and
        return the scroll position to show it at."""
        if history_step == 0:  # in place (a reload)
            return self.scroll_y
        self.history.remember_scroll(self.scroll_y)
        if history_step is None:
            self.history.visit(url)
            return 0.0
        entry = self.history.back() if history_step < 0 else self.history.forward()
        return entry.scroll_y if entry else 0.0

    def _show_document(
        self, loaded: Loaded[Any], history_step: int | None, *, refresh: bool
    ) -> None:
        """A document: its text and card, or the line saying why it cannot be shown."""
        from ...documents import Document, document_notice
        from .document_view import render_document, render_file_notice

        document = loaded.value
        if not isinstance(document, Document):
            raise TypeError(f"the reader cannot show {type(document).__name__}")
        stored = self.notices.text_for(loaded)
        scroll_y = None if refresh else self._step_history(document.url, history_step)
        if not document.text_layer or not document.blocks:  # a scan, or no text at all
            message = document_notice(document) or ""
            rendered = render_file_notice(document.title, message, notice=stored)
            self.show_file_notice(document.url, rendered)
        else:
            notice = " · ".join(n for n in (stored, document_notice(document)) if n) or None
            rendered = render_document(document, notice=notice)
            self.show_document(document, rendered, scroll_y=scroll_y)
        self.notices.show(loaded)

    def _failed(self, exc: PhulyError, url: str) -> None:
        """``url`` could not be shown: say why.

        When the reader shows an article (a related or in-text link failed),
        that article stays where the user was reading — Backspace still goes
        back through the history — and the error is a notification only.
        """
        if isinstance(exc, NotHTMLError) and _is_document_type(exc.params.get("content_type")):
            self._read_document(url, None)  # a PDF or Word file behind a page's address
            return
        shown = self.open_url()
        kept = shown is not None and shown == self._failure_keeps and shown != url
        notify_error(self.app, exc)
        self._listing_offer = None
        if not kept:
            text = error_text(exc)
            self._listing_offer = offered_listing(exc)  # never captured: its listing's capture
            if self._listing_offer is not None:
                text = f"{text}\n\n{offer_text(self._listing_offer)}"
            self.show_message(text, title=exc.title)
        self.post_message(LoadFailed(url, exc, kept))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of this pane raised something unexpected: the screen reports it."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.post_message(WorkFailed(event.worker.error))
