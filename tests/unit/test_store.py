"""The store: page cache round-trips, change detection, read state, bookmarks, history, prune."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from phuly_tui.errors import StoreError
from phuly_tui.model import Article, Home, Listing, ListingItem
from phuly_tui.store import (
    DATABASE_NAME,
    SCHEMA_VERSION,
    ArticleSummary,
    Store,
    StoredPage,
    open_store,
    section_url_of,
)
from tests.support.store_samples import BASE, article, digest, gold_models, put, rich_article

DAY = 86_400.0
SECTION = f"{BASE}/Pages/tin-tuc-su-kien.aspx"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def gold_store(store: Store) -> Store:
    for model in gold_models():
        put(store, model, fetched_at=1_000.0)
    return store


def listing(page: int, *slugs: str, section: str = "Tin tức - Sự kiện") -> Listing:
    url = SECTION if page == 1 else f"{SECTION}?Page={page}"
    items = tuple(
        ListingItem(f"Tin {slug}", f"{BASE}/Pages/{slug}.aspx", f"2024-10-0{1 + i % 9}")
        for i, slug in enumerate(slugs)
    )
    return Listing(url=url, section=section, page=page, items=items)


def test_open_creates_the_file_in_wal_mode(tmp_path: Path) -> None:
    with open_store(tmp_path / "new" / "dir") as store:
        assert store.path == tmp_path / "new" / "dir" / DATABASE_NAME
        assert store.path.exists()
        assert store.schema_version == SCHEMA_VERSION
    connection = sqlite3.connect(store.path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    connection.close()


def test_every_gold_page_round_trips(gold_store: Store) -> None:
    models = gold_models()
    assert {type(m) for m in models} == {Article, Listing, Home}
    for model in models:
        page = gold_store.get_page(model.url)
        assert page is not None
        assert page.data == model.to_dict()
        if isinstance(model, Article):
            assert gold_store.article(model.url) == model
            assert gold_store.listing(model.url) is None  # wrong kind is a miss
        elif isinstance(model, Listing):
            assert gold_store.listing(model.url) == model
        else:
            assert gold_store.home(model.url) == model


def test_rich_article_round_trips(store: Store) -> None:
    model = rich_article()
    put(store, model)
    assert store.article(model.url) == model


def test_home_is_found_by_origin(store: Store) -> None:
    home = Home(url=f"{BASE}/Pages/Default.aspx")
    put(store, home)
    assert store.home(BASE) == home
    assert store.home(BASE + "/") == home
    assert store.home("http://elsewhere.test/") is None
    assert store.home("not a url") is None


def test_get_page_returns_the_fetch_metadata(store: Store) -> None:
    model = article("a", "Tiêu đề", "Nội dung")
    put(
        store,
        model,
        fetched_at=500.0,
        etag='"abc,1"',
        last_modified="Tue, 01 Oct 2024 00:00:00 GMT",
    )
    page = store.get_page(model.url)
    assert page == StoredPage(
        url=model.url,
        kind="article",
        data=model.to_dict(),
        etag='"abc,1"',
        last_modified="Tue, 01 Oct 2024 00:00:00 GMT",
        fetched_at=500.0,
        checked_at=500.0,
        content_hash=digest(model.to_dict()),
        updated_at=500.0,
        value=model,
    )
    assert store.get_page(f"{BASE}/Pages/missing.aspx") is None


def test_put_page_reports_changes_and_keeps_updated_at_when_unchanged(store: Store) -> None:
    model = article("a", "Tiêu đề", "Nội dung")
    assert put(store, model, fetched_at=100.0) is True  # first store is a change
    assert put(store, model, fetched_at=200.0, etag='"v2"') is False
    page = store.get_page(model.url)
    assert page is not None
    assert (page.fetched_at, page.checked_at, page.updated_at, page.etag) == (
        200.0,
        200.0,
        100.0,
        '"v2"',
    )
    changed = article("a", "Tiêu đề mới", "Nội dung khác")
    assert put(store, changed, fetched_at=300.0) is True
    page = store.get_page(model.url)
    assert page is not None
    assert page.updated_at == 300.0
    assert store.article(model.url) == changed


def test_put_page_rejects_an_unknown_kind(store: Store) -> None:
    with pytest.raises(ValueError, match="kind"):
        store.put_page(
            "x", "video", {}, etag=None, last_modified=None, fetched_at=1, content_hash="h"
        )


def test_touch_page_refreshes_only_checked_at(store: Store) -> None:
    model = article("a", "Tiêu đề", "Nội dung")
    put(store, model, fetched_at=100.0, etag='"e"')
    store.touch_page(model.url, 900.0)
    page = store.get_page(model.url)
    assert page is not None
    assert (page.fetched_at, page.checked_at, page.updated_at, page.etag) == (
        100.0,
        900.0,
        100.0,
        '"e"',
    )
    store.touch_page(f"{BASE}/Pages/unknown.aspx", 900.0)  # nothing to touch: no error
    assert store.get_page(f"{BASE}/Pages/unknown.aspx") is None


def test_section_url_of_drops_only_the_pager() -> None:
    assert section_url_of(f"{SECTION}?Page=3") == SECTION
    assert section_url_of(f"{SECTION}?page=2#top") == SECTION
    assert section_url_of(f"{BASE}/list.aspx?cat=5&Page=2") == f"{BASE}/list.aspx?cat=5"
    assert section_url_of(SECTION) == SECTION


def test_listing_pages_come_in_page_order_one_per_page(store: Store) -> None:
    page2, page1, page3 = listing(2, "b1", "b2"), listing(1, "a1", "a2"), listing(3, "c1")
    for model in (page2, page1, page3):
        put(store, model, fetched_at=10.0)
    # page 1 stored again under its explicit URL, later: the newest wins, no duplicate
    again = Listing(f"{SECTION}?Page=1", "Tin tức - Sự kiện", 1, (ListingItem("Mới", f"{BASE}/n"),))
    put(store, again, fetched_at=20.0)
    pages = store.listing_pages(SECTION)
    assert [p.page for p in pages] == [1, 2, 3]
    assert pages[0] == again
    assert pages[1:] == [page2, page3]
    assert store.listing_pages(f"{SECTION}?Page=2") == pages  # any page URL names the section
    assert store.listing_pages(f"{BASE}/Pages/other.aspx") == []


def test_gold_listings_fill_sections(gold_store: Store) -> None:
    pages = gold_store.listing_pages(SECTION)
    assert [p.page for p in pages] == [1, 2, 3]
    assert all(p.section == "Tin tức - Sự kiện" for p in pages)


def test_listing_items_become_searchable_stubs(store: Store) -> None:
    stub = Listing(
        SECTION,
        "Tin tức - Sự kiện",
        1,
        (
            ListingItem(
                "Khánh thành cầu Châu Giang", f"{BASE}/Pages/cau.aspx", "2024-09-01", "Sáng nay"
            ),
        ),
    )
    put(store, stub)
    assert store.unread_count(SECTION) == 1
    [hit] = store.search("chau giang")
    assert (hit.url, hit.title, hit.section, hit.published) == (
        f"{BASE}/Pages/cau.aspx",
        "Khánh thành cầu Châu Giang",
        "Tin tức - Sự kiện",
        "2024-09-01",
    )
    assert store.article(f"{BASE}/Pages/cau.aspx") is None  # a stub is not a stored article
    # the fetched article replaces the stub in the index; the listing does not overwrite it
    full = Article(
        f"{BASE}/Pages/cau.aspx", "Khánh thành cầu Châu Giang mới", "Kinh tế", "2024-09-01T07:00"
    )
    put(store, full)
    put(store, Listing(SECTION, "Tin tức - Sự kiện", 1, stub.items), fetched_at=time.time() + 5)
    [hit] = store.search("chau giang")
    assert hit.title == "Khánh thành cầu Châu Giang mới"
    assert hit.published == "2024-09-01T07:00"


def test_read_state(store: Store) -> None:
    urls = [f"{BASE}/Pages/{n}.aspx" for n in range(3)]
    assert not store.is_read(urls[0])
    store.mark_read(urls[0])
    store.mark_read(urls[1])
    store.mark_read(urls[1])  # twice is fine
    assert store.is_read(urls[0])
    assert store.read_urls([*urls, urls[0]]) == {urls[0], urls[1]}
    store.mark_read(urls[0], False)
    assert not store.is_read(urls[0])
    store.mark_read(urls[0], False)  # unread twice is fine
    assert store.read_urls(urls) == {urls[1]}
    assert store.read_urls([]) == set()


def test_read_urls_handles_more_urls_than_one_statement_takes(store: Store) -> None:
    urls = [f"{BASE}/Pages/{n}.aspx" for n in range(1_200)]
    for url in urls[::7]:
        store.mark_read(url)
    assert store.read_urls(urls) == set(urls[::7])


def test_unread_counts_and_mark_section_read(store: Store) -> None:
    put(store, listing(1, "a", "b", "c"))
    put(store, listing(2, "c", "d"))  # "c" moved to page 2 as well: counted once
    put(store, Listing(f"{BASE}/Pages/kinh-te.aspx", "Kinh tế", 1, listing(1, "x").items))
    assert store.unread_count(SECTION) == 4
    assert store.unread_count(f"{SECTION}?Page=2") == 4
    store.mark_read(f"{BASE}/Pages/a.aspx")
    assert store.unread_count(SECTION) == 3
    assert store.mark_section_read(SECTION) == 3
    assert store.unread_count(SECTION) == 0
    assert store.read_urls(f"{BASE}/Pages/{s}.aspx" for s in "abcd") == {
        f"{BASE}/Pages/{s}.aspx" for s in "abcd"
    }
    assert store.unread_count(f"{BASE}/Pages/kinh-te.aspx") == 1  # other sections untouched
    assert store.mark_section_read(SECTION) == 0
    assert store.unread_count(f"{BASE}/Pages/unknown.aspx") == 0


def test_unread_count_follows_the_newest_listing(store: Store) -> None:
    put(store, listing(1, "a", "b"))
    put(store, listing(1, "c"))
    assert store.unread_count(SECTION) == 1


def test_updated_since_read(store: Store) -> None:
    first = article("a", "Tiêu đề", "Bản đầu")
    other = article("b", "Khác", "Nội dung")
    now = time.time()
    put(store, first, fetched_at=now - 100)
    put(store, other, fetched_at=now - 100)
    store.mark_read(first.url, at=now - 50)
    store.mark_read(other.url, at=now - 50)
    assert store.updated_since_read([first.url, other.url]) == set()
    put(store, first, fetched_at=now - 40)  # same content refetched: not an update
    assert store.updated_since_read([first.url]) == set()
    put(store, article("a", "Tiêu đề", "Bản sửa"), fetched_at=now - 30)
    assert store.updated_since_read([first.url, other.url]) == {first.url}
    store.mark_read(first.url, at=now - 10)  # reading it again clears the mark
    assert store.updated_since_read([first.url]) == set()


def test_first_fetch_after_reading_is_not_an_update(store: Store) -> None:
    model = article("a", "Tiêu đề", "Nội dung")
    store.mark_read(model.url, at=10.0)
    put(store, model, fetched_at=20.0)
    assert store.updated_since_read([model.url]) == set()


def test_updated_since_read_ignores_unread_articles(store: Store) -> None:
    put(store, article("a", "T", "v1"), fetched_at=1.0)
    put(store, article("a", "T", "v2"), fetched_at=2.0)
    assert store.updated_since_read([f"{BASE}/Pages/a.aspx"]) == set()


def test_bookmarks(gold_store: Store) -> None:
    first, second = [m for m in gold_models() if isinstance(m, Article)][:2]
    assert gold_store.toggle_bookmark(first.url) is True
    time.sleep(0.01)
    assert gold_store.toggle_bookmark(second.url) is True
    unknown = f"{BASE}/Pages/not-stored.aspx"
    time.sleep(0.01)
    assert gold_store.toggle_bookmark(unknown) is True
    assert gold_store.is_bookmarked(first.url)
    assert gold_store.bookmarks() == [
        ArticleSummary(unknown, unknown, None, None),
        ArticleSummary(second.url, second.title, second.published, second.section),
        ArticleSummary(first.url, first.title, first.published, first.section),
    ]
    assert gold_store.toggle_bookmark(unknown) is False
    assert not gold_store.is_bookmarked(unknown)
    assert [b.url for b in gold_store.bookmarks()] == [second.url, first.url]
    assert gold_store.bookmarks()[0].to_dict() == {
        "title": second.title,
        "url": second.url,
        "published": second.published,
        "section": second.section,
    }


def test_prune_forgets_old_pages_but_keeps_bookmarks_and_home(store: Store) -> None:
    now = 1_000 * DAY
    old, kept, fresh = (
        article("old", "Cũ", "x"),
        article("kept", "Giữ", "y"),
        article("new", "Mới", "z"),
    )
    home = Home(url=f"{BASE}/")
    for model in (old, kept, home):
        put(store, model, fetched_at=now - 60 * DAY)
    put(store, fresh, fetched_at=now - 1 * DAY)
    put(store, listing(1, "stub"), fetched_at=now - 60 * DAY)
    store.toggle_bookmark(kept.url)
    store.mark_read(old.url)
    assert store.prune(30, now=now) == 3  # old article, old listing, its stub
    assert store.get_page(old.url) is None
    assert store.article(kept.url) == kept
    assert store.article(fresh.url) == fresh
    assert store.home(BASE) == home
    assert store.listing_pages(SECTION) == []
    assert store.search("cu") == []
    assert [r.url for r in store.search("giu")] == [kept.url]
    assert not store.is_read(old.url)
    assert store.prune(30, now=now) == 0
    assert store.integrity_check() == "ok"


def test_prune_keeps_articles_a_fresh_listing_still_shows(store: Store) -> None:
    now = 1_000 * DAY
    put(store, article("a", "Bài", "x"), fetched_at=now - 90 * DAY)
    put(store, listing(1, "a"), fetched_at=now)
    assert store.prune(30, now=now) == 1  # the page goes ...
    assert [r.url for r in store.search("bai")] == [f"{BASE}/Pages/a.aspx"]  # ... the entry stays
    assert store.unread_count(SECTION) == 1


def test_a_touched_page_is_not_pruned(store: Store) -> None:
    now = 1_000 * DAY
    model = article("a", "Bài", "x")
    put(store, model, fetched_at=now - 90 * DAY)
    store.touch_page(model.url, now - DAY)
    assert store.prune(30, now=now) == 0


def test_integrity(gold_store: Store) -> None:
    gold_store.mark_read(f"{BASE}/Pages/a.aspx")
    assert gold_store.integrity_check() == "ok"


def test_a_closed_store_raises_store_error(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="đã đóng"):
        store.is_read("x")
    with pytest.raises(StoreError):
        store.mark_read("x")


def test_data_survives_reopening(tmp_path: Path) -> None:
    model = rich_article()
    with open_store(tmp_path) as store:
        put(store, model)
        store.mark_read(model.url)
        store.toggle_bookmark(model.url)
    with open_store(tmp_path) as store:
        assert store.article(model.url) == model
        assert store.is_read(model.url)
        assert store.is_bookmarked(model.url)
        assert [r.url for r in store.search("ngan sach")] == [model.url]


def test_a_damaged_json_row_reads_as_a_miss(store: Store) -> None:
    model = article("a", "T", "x")
    put(store, model)
    raw = sqlite3.connect(store.path)
    raw.execute("UPDATE pages SET data = '{not json' WHERE url = ?", (model.url,))
    raw.commit()
    raw.close()
    assert store.get_page(model.url) is None
    assert store.article(model.url) is None


def test_threads_share_one_store(store: Store) -> None:
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for n in range(40):
                model = article(f"t{worker}-{n}", f"Luồng {worker} bài {n}", "Nội dung chung")
                put(store, model)
                store.mark_read(model.url)
                assert store.article(model.url) == model
                store.search("noi dung")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    raw = sqlite3.connect(store.path)
    assert raw.execute("SELECT count(*) FROM articles").fetchone()[0] == 160
    raw.close()
    assert len(store.search("noi dung", limit=500)) == 160


def test_a_new_hash_with_the_same_parsed_content_is_not_an_update(store: Store) -> None:
    model = article("a", "Tiêu đề", "Nội dung")
    data = model.to_dict()
    common = {"etag": None, "last_modified": None}
    assert store.put_page(model.url, "article", data, fetched_at=1.0, content_hash="raw1", **common)
    store.mark_read(model.url, at=2.0)
    # the raw page changed (today's date in the header) but not the article
    assert store.put_page(model.url, "article", data, fetched_at=3.0, content_hash="raw2", **common)
    assert store.updated_since_read([model.url]) == set()
    changed = article("a", "Tiêu đề", "Nội dung đã sửa").to_dict()
    assert store.put_page(
        model.url, "article", changed, fetched_at=4.0, content_hash="raw3", **common
    )
    assert store.updated_since_read([model.url]) == {model.url}


def test_the_store_imports_neither_textual_nor_httpx() -> None:
    code = (
        "import sys, phuly_tui.store; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'httpx')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
