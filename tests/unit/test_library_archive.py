"""The library's archive policy against the fake Wayback Machine on 127.0.0.1."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from phuly_tui.archive import Capture, shared_bucket
from phuly_tui.config import Config
from phuly_tui.errors import ArchiveBusyError, ArchiveDisabledError
from phuly_tui.library import Library, SyncProgress
from phuly_tui.model import Section
from phuly_tui.store import open_store
from tests.conftest import CLOSED_URL
from tests.support.fake_archive import CANONICAL, NEWEST, OLDER_MARK, SEED_PATH, FakeArchive
from tests.support.portal_server import PortalServer

SECTION = "/Pages/tin-tuc-su-kien.aspx"


def make_library(base: str, fake: FakeArchive, data: Path, **options: object) -> Library:
    config = Config(base_url=base, data_dir=data, timeout=3.0, archive_url=fake.url).with_overrides(
        **options
    )
    return Library(config)


def run(library: Library, coro: object) -> object:
    async def go() -> object:
        try:
            return await coro  # type: ignore[misc]
        finally:
            await library.aclose()

    return asyncio.run(go())


def test_a_capture_that_is_not_exact_redirects_to_the_nearest_and_says_which(
    fake_archive: FakeArchive, tmp_path: Path
) -> None:
    library = make_library(CLOSED_URL, fake_archive, tmp_path)
    url = CLOSED_URL + SEED_PATH
    wanted = Capture("20240301000000", CANONICAL + SEED_PATH)  # not a capture
    loaded = run(library, library.read_archived(url, "article", wanted))
    assert loaded.archived is not None  # type: ignore[attr-defined]
    assert loaded.archived.captured_iso == "2024-01-15T08:30:00Z"  # type: ignore[attr-defined]
    assert loaded.value.title.endswith(f"{OLDER_MARK} 2024")  # type: ignore[attr-defined]
    # the 302 and the capture: two requests, both through the bucket (the guard saw both)
    assert [r.status for r in fake_archive.requests] == [302, 200]


def test_an_archived_copy_never_replaces_a_newer_live_one(
    portal: PortalServer, fake_archive: FakeArchive, tmp_path: Path
) -> None:
    library = make_library(portal.url, fake_archive, tmp_path)
    url = portal.url + SEED_PATH
    live = run(library, library.article(url))
    assert live.archived is None  # type: ignore[attr-defined]
    old = run(library, library.read_archived(url, "article"))  # captured 2025, fetched now
    assert old.archived is not None  # type: ignore[attr-defined]
    with open_store(tmp_path) as store:
        stored = store.get_page(url)
        assert stored is not None
        assert stored.captured_at is None
        # a capture newer than the stored live copy does replace it
        store.put_page(
            url,
            "article",
            stored.data,
            etag=None,
            last_modified=None,
            fetched_at=time.time(),
            content_hash="x",
            captured_at=stored.fetched_at + 10,
            capture_url="http://a/web/1id_/x",
        )
        assert store.get_page(url).captured_at == stored.fetched_at + 10  # type: ignore[union-attr]
        # and a live copy always replaces an archived one
        store.put_page(
            url,
            "article",
            stored.data,
            etag=None,
            last_modified=None,
            fetched_at=time.time(),
            content_hash="y",
        )
        assert store.get_page(url).captured_at is None  # type: ignore[union-attr]


def test_always_reads_the_archive_even_with_the_portal_up(
    portal: PortalServer, fake_archive: FakeArchive, tmp_path: Path
) -> None:
    library = make_library(portal.url, fake_archive, tmp_path, archive="always")
    before = portal.count()
    loaded = run(library, library.article(portal.url + SEED_PATH))
    assert loaded.source == "archive"  # type: ignore[attr-defined]
    assert portal.count() == before
    assert loaded.notice == "Bản lưu trữ ngày 28/06/2025 (Internet Archive)"  # type: ignore[attr-defined]
    # the stored capture is what a second read shows, without asking again
    asked = len(fake_archive.requests)
    again = run(library, library.article(portal.url + SEED_PATH))
    assert again.archived == loaded.archived  # type: ignore[attr-defined]
    assert len(fake_archive.requests) == asked


def test_never_refuses_an_explicit_archive_request(
    fake_archive: FakeArchive, tmp_path: Path
) -> None:
    fake_archive.forbid()
    library = make_library(CLOSED_URL, fake_archive, tmp_path, archive="never")
    with pytest.raises(ArchiveDisabledError):
        run(library, library.captures(CLOSED_URL + SEED_PATH))


def test_a_429_without_retry_after_holds_a_minute(
    fake_archive: FakeArchive, tmp_path: Path
) -> None:
    fake_archive.throttle(None)
    library = make_library(CLOSED_URL, fake_archive, tmp_path)
    library.archive.page_max_wait = 30  # under the minute: the page gives up at once
    waits: list[float] = []
    library.archive_listeners.append(lambda wait: waits.append(wait.seconds))
    with pytest.raises(ArchiveBusyError):
        run(library, library.article(CLOSED_URL + SEED_PATH))
    assert shared_bucket(15).held_for > 55
    assert len(fake_archive.requests) == 1
    assert waits == []  # no wait started: it gave up before


def test_sync_reports_the_archive_wait_as_progress(
    fake_archive: FakeArchive, tmp_path: Path
) -> None:
    shared_bucket(3).configure(3, window=0.3)
    fake_archive.window, fake_archive.limit = 0.3, 3
    library = make_library(CLOSED_URL, fake_archive, tmp_path, archive_rate=3)
    steps: list[SyncProgress] = []
    section = Section(name="Tin tức - Sự kiện", url=CLOSED_URL + SECTION)
    report = run(
        library, library.sync([section], pages=1, from_archive=True, on_progress=steps.append)
    )
    assert report.new == 10  # type: ignore[attr-defined]
    waiting = [s for s in steps if s.outcome == "waiting"]
    assert waiting
    assert all(0 < s.wait <= 0.3 for s in waiting)
    assert fake_archive.max_in_window() <= 3
    assert fake_archive.count(f"/web/{NEWEST}id_/") == 11


def test_a_capture_list_older_than_a_day_is_asked_again(
    fake_archive: FakeArchive, tmp_path: Path
) -> None:
    """Capture lists are cached, but not for ever: the archive keeps capturing."""
    from phuly_tui.library import CAPTURES_MAX_AGE

    page = CANONICAL + SEED_PATH
    stale = [("20200101000000", page)]  # what the archive said long ago
    with open_store(tmp_path) as store:
        store.put_captures(page, stale, at=time.time() - CAPTURES_MAX_AGE - 60)
    library = make_library(CLOSED_URL, fake_archive, tmp_path)
    found = run(library, library.captures(CLOSED_URL + SEED_PATH))
    assert [c.timestamp for c in found] == [NEWEST, "20241103220000", "20240115083000"]  # type: ignore[attr-defined]
    assert [r.path.split("?")[0] for r in fake_archive.requests] == ["/cdx/search/cdx"]
    with open_store(tmp_path) as store:  # kept, with the new lookup time
        kept = store.get_captures(page)
        assert kept is not None
        assert kept.captures[0][0] == NEWEST
        assert time.time() - kept.looked_up_at < 60
    # now fresh: used as it is, the archive not asked
    library = make_library(CLOSED_URL, fake_archive, tmp_path)
    again = run(library, library.captures(CLOSED_URL + SEED_PATH))
    assert [c.timestamp for c in again] == [c.timestamp for c in found]  # type: ignore[attr-defined]
    assert len(fake_archive.requests) == 1


def test_an_old_capture_list_is_kept_when_the_archive_cannot_answer(
    fake_archive: FakeArchive, tmp_path: Path
) -> None:
    from phuly_tui.library import CAPTURES_MAX_AGE

    page = CANONICAL + SEED_PATH
    with open_store(tmp_path) as store:
        store.put_captures(page, [(NEWEST, page)], at=time.time() - 2 * CAPTURES_MAX_AGE)
    library = make_library(CLOSED_URL, fake_archive, tmp_path, archive_url=CLOSED_URL)
    found = run(library, library.captures(CLOSED_URL + SEED_PATH))
    assert [c.timestamp for c in found] == [NEWEST]  # type: ignore[attr-defined]
    # offline: the old list as it is, nothing asked
    library = make_library(CLOSED_URL, fake_archive, tmp_path, offline=True)
    found = run(library, library.captures(CLOSED_URL + SEED_PATH))
    assert [c.timestamp for c in found] == [NEWEST]  # type: ignore[attr-defined]
    assert fake_archive.requests == []
