"""The reader and listing panes on their own: what they load and the messages they post.

The main screen only routes: these panes must work in any app that composes
them, and tell what happened through messages (``ArticleShown``,
``LoadFailed``, ``ReadStateChanged``, ``ArticleList.Chosen``) rather than by
calling back into a screen.  A bare app records the messages here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.message import Message

from phuly_tui.config import Config
from phuly_tui.library import Library, fetch_settings
from phuly_tui.ui.pane_messages import ArticleShown, LoadFailed, ReadStateChanged
from phuly_tui.ui.source_notice import SourceNotice
from phuly_tui.ui.widgets.article_list import ArticleList
from phuly_tui.ui.widgets.listing_pane import ListingPane
from phuly_tui.ui.widgets.reader_pane import ReaderPane
from phuly_tui.ui.widgets.status_bar import StatusBar
from tests.support import faults
from tests.support.app_harness import SEED_PATH, SEED_TITLE, settle
from tests.support.portal_server import PortalServer

FAILING = "/Pages/hoi-nghi-hoc-tap-quan-triet-nghi-quyet-hoi-nghi-trung-uong-9-khoa-xiii.aspx"


def make_library(base_url: str, data_dir: Path) -> Library:
    from phuly_tui.fetch import Fetcher

    config = Config(base_url=base_url, data_dir=data_dir, timeout=5.0, archive="never")
    return Library(config, fetcher=Fetcher(replace(fetch_settings(config), retries=0)))


class PanesApp(App[None]):
    """The two panes and a status line, nothing of the main screen."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        status = StatusBar(id="status")
        notices = SourceNotice(self, status, offline=False)
        config = self.library.config
        listing = ListingPane(self.library, config, status=status, notices=notices)
        yield listing
        yield ReaderPane(self.library, config, notices=notices, neighbours=listing.neighbours)
        yield status

    @on(ArticleShown)
    @on(LoadFailed)
    @on(ReadStateChanged)
    @on(ArticleList.Chosen)
    def record(self, event: Message) -> None:
        self.posted.append(event)

    def of(self, kind: type[Message]) -> list[Any]:
        return [m for m in self.posted if isinstance(m, kind)]

    async def on_unmount(self) -> None:
        await self.library.aclose()


async def test_a_failing_link_posts_load_failed_and_keeps_the_article_read(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    fresh_portal.routes[FAILING] = faults.sharepoint_error(404, "Không tìm thấy trang.")
    library = make_library(fresh_portal.url, tmp_path / "data")
    app = PanesApp(library)
    seed, failing = fresh_portal.url + SEED_PATH, fresh_portal.url + FAILING
    async with app.run_test(size=(120, 36)) as pilot:
        reader = app.query_one(ReaderPane)
        reader.visit(seed)
        await settle(pilot)
        [shown] = app.of(ArticleShown)
        assert (shown.url, shown.refresh) == (seed, False)
        assert shown.loaded.value.title.startswith(SEED_TITLE)

        reader.visit(failing, keep_shown=True)  # a link followed from the article
        await settle(pilot)
        [failed] = app.of(LoadFailed)
        assert (failed.url, failed.kept) == (failing, True)
        assert failed.error.title
        assert reader.open_url() == seed  # the article being read stays
        assert reader.history.peek(-1) is None  # and the failure is no history entry

        reader.visit(failing)  # opened from the list: the reader says why
        await settle(pilot)
        assert app.of(LoadFailed)[-1].kept is False
        assert reader.article is None
        assert "404" in reader.text


async def test_back_shows_the_cached_article_at_once_and_refreshes_it_quietly(
    portal: PortalServer, tmp_path: Path
) -> None:
    library = make_library(portal.url, tmp_path / "data")
    app = PanesApp(library)
    seed = portal.url + SEED_PATH
    async with app.run_test(size=(120, 36)) as pilot:
        reader = app.query_one(ReaderPane)
        reader.visit(seed)
        await settle(pilot)
        related = reader.article.related[0].url if reader.article else ""
        reader.visit(related)
        await settle(pilot)
        assert reader.open_url() == related
        assert reader.is_cached(seed)
        reader.visit(seed, history_step=-1)
        assert reader.open_url() == seed  # from the cache: in the same turn, no worker
        await settle(pilot)
        assert reader.history.peek(1) is not None  # forward leads to the related one
        # the refresh found the same article: no second, in-place showing
        assert [(m.url, m.refresh) for m in app.of(ArticleShown)] == [
            (seed, False),
            (related, False),
            (seed, False),
        ]


async def test_the_listing_pane_pages_on_and_asks_to_open_the_article_after_the_last(
    portal: PortalServer, tmp_path: Path
) -> None:
    library = make_library(portal.url, tmp_path / "data")
    app = PanesApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        home = await library.home()
        section = home.value.sections[0]
        listing = app.query_one(ListingPane)
        listing.enter(section)
        await settle(pilot)
        assert len(listing.pages) == 1
        page_one = len(listing.items)
        assert page_one > 0
        assert app.of(ReadStateChanged)  # the unread counts may have moved
        last = listing.items[-1].url
        assert listing.step_from(last, 1) is None  # not there yet: the next page loads
        await settle(pilot)
        assert len(listing.pages) == 2
        [chosen] = app.of(ArticleList.Chosen)
        assert chosen.index == page_one  # the first item of page 2, to be opened
        assert listing.highlighted == page_one
        assert listing.step_from(listing.items[page_one].url, -1) == last
