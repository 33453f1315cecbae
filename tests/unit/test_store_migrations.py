"""Schema versioning: a store written by version 1 opens, upgrades and keeps its data."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from phuly_tui.errors import CorruptStoreError, StoreError
from phuly_tui.model import Article, Listing, ListingItem, Paragraph
from phuly_tui.store import DATABASE_NAME, SCHEMA_VERSION, open_store
from phuly_tui.store.schema import MIGRATIONS, index_article

BASE = "http://127.0.0.1:8765"

# The schema exactly as phuly-tui's store version 1 wrote it.  Never edit: this is
# the proof that a user's old store keeps working.
V1_DDL = """
CREATE TABLE pages (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('home', 'listing', 'article')),
    data TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    fetched_at REAL NOT NULL,
    checked_at REAL NOT NULL,
    content_hash TEXT NOT NULL,
    updated_at REAL NOT NULL,
    changed_at REAL,
    section_url TEXT,
    page_no INTEGER
);
CREATE INDEX pages_by_section ON pages (section_url, page_no);
CREATE INDEX pages_by_check ON pages (checked_at);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    published TEXT,
    section TEXT,
    summary TEXT,
    fetched INTEGER NOT NULL DEFAULT 0,
    seen_at REAL NOT NULL
);
CREATE TABLE listing_items (
    listing_url TEXT NOT NULL REFERENCES pages (url) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    article_url TEXT NOT NULL,
    PRIMARY KEY (listing_url, position)
) WITHOUT ROWID;
CREATE INDEX listing_items_by_article ON listing_items (article_url);
CREATE TABLE reads (url TEXT PRIMARY KEY, read_at REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE bookmarks (url TEXT PRIMARY KEY, created_at REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE history (
    url TEXT PRIMARY KEY,
    visited_at REAL NOT NULL,
    visits INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;
CREATE INDEX history_by_time ON history (visited_at);
PRAGMA application_id = 1346915417;
PRAGMA user_version = 1;
"""

ARTICLE = Article(
    url=f"{BASE}/Pages/dang-uy.aspx",
    title="Đảng ủy phường Lam Hạ học tập Nghị quyết",
    section="Chính trị",
    published="2024-07-01",
    lead="Sáng 1/7, Đảng ủy phường tổ chức hội nghị",
    blocks=(Paragraph("Các đảng viên đang tham gia đầy đủ."),),
)
LISTING_URL = f"{BASE}/Pages/chinh-tri.aspx"
STUB_URL = f"{BASE}/Pages/phu-van.aspx"


def build_v1_store(data_dir: Path) -> Path:
    """A version-1 store with an article, a listing with a stub, read state, a bookmark."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DATABASE_NAME
    connection = sqlite3.connect(path)
    connection.executescript(V1_DDL)
    listing = {
        "kind": "listing",
        "url": LISTING_URL,
        "section": "Chính trị",
        "page": 1,
        "items": [
            {"title": ARTICLE.title, "url": ARTICLE.url, "published": "2024-07-01"},
            {"title": "Xã Phù Vân ra quân làm thủy lợi", "url": STUB_URL, "published": None},
        ],
        "next": None,
        "prev": None,
        "last_page": 1,
    }
    for url, kind, data, section_url, page_no in (
        (ARTICLE.url, "article", ARTICLE.to_dict(), None, None),
        (LISTING_URL, "listing", listing, LISTING_URL, 1),
    ):
        connection.execute(
            "INSERT INTO pages VALUES (?, ?, ?, '\"etag\"', NULL, 100.0, 150.0, 'h1', 100.0,"
            " NULL, ?, ?)",
            (url, kind, json.dumps(data, ensure_ascii=False), section_url, page_no),
        )
    connection.executemany(
        "INSERT INTO articles (url, title, published, section, summary, fetched, seen_at)"
        " VALUES (?, ?, ?, 'Chính trị', ?, ?, 100.0)",
        [
            (ARTICLE.url, ARTICLE.title, "2024-07-01", ARTICLE.lead, 1),
            (STUB_URL, "Xã Phù Vân ra quân làm thủy lợi", None, "Tóm tắt", 0),
        ],
    )
    connection.executemany(
        "INSERT INTO listing_items VALUES (?, ?, ?)",
        [(LISTING_URL, 0, ARTICLE.url), (LISTING_URL, 1, STUB_URL)],
    )
    connection.execute("INSERT INTO reads VALUES (?, 120.0)", (ARTICLE.url,))
    connection.execute("INSERT INTO bookmarks VALUES (?, 130.0)", (STUB_URL,))
    connection.execute("INSERT INTO history VALUES (?, 140.0, 2)", (ARTICLE.url,))
    connection.commit()
    connection.close()
    return path


def test_the_literal_v1_schema_is_the_first_migration(tmp_path: Path) -> None:
    """The test's copy of v1 and migration 1 make the same tables."""

    def schema(connection: sqlite3.Connection) -> list[tuple[str, str]]:
        return connection.execute(
            "SELECT type, name FROM sqlite_master ORDER BY type, name"
        ).fetchall()

    literal = sqlite3.connect(build_v1_store(tmp_path / "literal"))
    migrated = sqlite3.connect(":memory:")
    MIGRATIONS[0].apply(migrated)
    assert schema(literal) == schema(migrated)
    literal.close()
    migrated.close()


def test_a_v1_store_upgrades_and_keeps_its_data(tmp_path: Path) -> None:
    path = build_v1_store(tmp_path)
    with open_store(tmp_path) as store:
        assert store.path == path
        assert store.schema_version == SCHEMA_VERSION > 1
        assert store.article(ARTICLE.url) == ARTICLE
        page = store.get_page(ARTICLE.url)
        assert page is not None
        assert (page.etag, page.fetched_at, page.checked_at) == ('"etag"', 100.0, 150.0)
        assert store.is_read(ARTICLE.url)
        assert store.is_bookmarked(STUB_URL)
        raw = sqlite3.connect(path)
        tables = {
            row[0]
            for row in raw.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'index')"
            )
        }
        raw.close()
        assert "history" not in tables  # v3: written, never read
        assert "history_by_time" not in tables
        assert store.unread_count(LISTING_URL) == 1
        # the v2 search index was built from the v1 rows, body and stubs included
        assert [r.url for r in store.search("dang vien")] == [ARTICLE.url]
        assert [r.url for r in store.search("Đảng ủy")] == [ARTICLE.url]
        assert [r.url for r in store.search("thuy loi")] == [STUB_URL]
        assert store.integrity_check() == "ok"
        # and the upgraded store keeps working
        changed = Article(ARTICLE.url, ARTICLE.title, blocks=(Paragraph("Bản mới"),))
        assert store.put_page(
            ARTICLE.url,
            "article",
            changed.to_dict(),
            etag=None,
            last_modified=None,
            fetched_at=200.0,
            content_hash="h2",
        )
        assert store.updated_since_read([ARTICLE.url]) == {ARTICLE.url}
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    raw.close()


def test_a_store_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        path = store.path
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match="mới hơn") as caught:
        open_store(tmp_path)
    assert not isinstance(caught.value, CorruptStoreError)
    assert path.exists()
    assert [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name] == []


def test_migrations_are_numbered_in_order() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert MIGRATIONS[-1].version == SCHEMA_VERSION


# -- version 8: one spelling per address ----------------------------------------------------
SPACED = f"{BASE}/Pages/tin tuc.aspx"  # as a page linked it (a Word paste)
ESCAPED = f"{BASE}/Pages/tin%20tuc.aspx"  # as a reader typed it
SECTION = f"{BASE}/Pages/chinh-tri.aspx"
PLAN_LOWER = f"{BASE}/Documents/k%e1%ba%bf hoach.pdf"
PLAN = f"{BASE}/Documents/k%E1%BA%BF%20hoach.pdf"


def build_v7_store(data_dir: Path) -> Path:
    """A version-7 store as phuly-tui wrote it before version 8: one article stored
    under two spellings (an old copy and a newer one), listed and read under the
    first, bookmarked under the second, attaching a document spelled a third way."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DATABASE_NAME
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN")
    for migration in MIGRATIONS[:7]:
        migration.apply(connection)
    connection.execute("PRAGMA user_version = 7")
    old = Article(SPACED, "Bản cũ: tin tức", blocks=(Paragraph("Bài cũ"),))
    new = Article(ESCAPED, "Bản mới: tin tức", blocks=(Paragraph("Bài mới"),))
    listing = Listing(
        SECTION, "Chính trị", 1, (ListingItem("Tin tức", SPACED, "2024-07-01"),)
    ).to_dict()
    rows = [
        (SPACED, "article", old.to_dict(), 100.0, None),
        (
            ESCAPED,
            "article",
            {**new.to_dict(), "attachments": [{"title": "KH", "url": PLAN_LOWER}]},
            200.0,
            None,
        ),
        (SECTION, "listing", listing, 100.0, SECTION),
    ]
    for url, kind, data, at, section_url in rows:
        connection.execute(
            "INSERT INTO pages (url, kind, data, fetched_at, checked_at, content_hash,"
            " updated_at, section_url, page_no, payload_version)"
            " VALUES (?, ?, ?, ?, ?, 'h', ?, ?, ?, 1)",
            (url, kind, json.dumps(data, ensure_ascii=False), at, at, at, section_url, 1),
        )
    for url, title, fetched in ((SPACED, old.title, 1), (ESCAPED, new.title, 1)):
        cursor = connection.execute(
            "INSERT INTO articles (url, title, published, section, fetched, seen_at)"
            " VALUES (?, ?, ?, 'Chính trị', ?, 100.0)",
            (url, title, "2024-07-01" if url == SPACED else None, fetched),
        )
        index_article(connection, int(cursor.lastrowid or 0), {"title": title})
    connection.execute("INSERT INTO listing_items VALUES (?, 0, ?)", (SECTION, SPACED))
    connection.execute("INSERT INTO reads VALUES (?, 120.0)", (SPACED,))
    connection.execute("INSERT INTO bookmarks VALUES (?, 130.0)", (ESCAPED,))
    connection.execute(
        "INSERT INTO doc_refs (source_url, source_kind, relation, target_url, title)"
        " VALUES (?, 'article', 'attaches', ?, 'KH')",
        (ESCAPED, PLAN_LOWER),
    )
    connection.execute("COMMIT")
    connection.close()
    return path


def test_a_v7_listing_page_stays_in_its_section(tmp_path: Path) -> None:
    """Version 7 filed a listing page under a section spelled through
    ``urlencode`` (``q=a%20b`` became ``q=a+b``); the upgrade files it under its
    own address's section, where the section's pages are looked up."""
    path = build_v7_store(tmp_path)
    page_2 = f"{BASE}/Pages/chinh-tri.aspx?q=a%20b&Page=2"
    listing = Listing(page_2, "Chính trị", 2, (ListingItem("Tin tức", SPACED, None),))
    raw = sqlite3.connect(path)
    raw.execute(
        "INSERT INTO pages (url, kind, data, fetched_at, checked_at, content_hash,"
        " updated_at, section_url, page_no, payload_version)"
        " VALUES (?, 'listing', ?, 1.0, 1.0, 'h', 1.0, ?, 2, 1)",
        (
            page_2,
            json.dumps(listing.to_dict(), ensure_ascii=False),
            f"{BASE}/Pages/chinh-tri.aspx?q=a+b",
        ),
    )
    raw.commit()
    raw.close()
    with open_store(tmp_path) as store:
        pages = store.listing_pages(f"{BASE}/Pages/chinh-tri.aspx?q=a%20b")
        assert [page.page for page in pages] == [2]


def test_a_v7_store_upgrades_to_one_row_per_address(tmp_path: Path) -> None:
    """Rows stored under two spellings of one address become one — the newer copy —
    and the read mark, the bookmark, the listing's item, the section's unread
    count and the attachment made under the old spellings show under both."""
    path = build_v7_store(tmp_path)
    with open_store(tmp_path) as store:
        assert store.schema_version == SCHEMA_VERSION == 8
        assert store.page_urls() == {ESCAPED, SECTION}
        for spelling in (SPACED, ESCAPED):
            page = store.get_page(spelling)
            assert page is not None
            assert store.article(spelling) == page.value
            assert page.data["title"] == "Bản mới: tin tức"
            assert store.is_read(spelling)
            assert store.is_bookmarked(spelling)
        assert store.read_urls([SPACED, ESCAPED]) == {SPACED, ESCAPED}
        assert store.unread_count(SECTION) == 0
        assert [item.url for item in (store.listing(SECTION) or pytest.fail("gone")).items] == [
            ESCAPED
        ]
        assert [(b.url, b.title) for b in store.bookmarks()] == [(ESCAPED, "Bản mới: tin tức")]
        # the fetched article keeps the date only the other row had
        known = store.known_article(SPACED)
        assert known is not None
        assert known.published == "2024-07-01"
        assert [hit.url for hit in store.search("tin tức")] == [ESCAPED]
        assert store.attachment_title(PLAN) == ("KH", ESCAPED)
        assert store.integrity_check() == "ok"
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert raw.execute("SELECT count(*) FROM article_search").fetchone()[0] == 1
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    raw.close()


def test_the_rekeying_is_idempotent_and_leaves_a_keyed_store_alone(tmp_path: Path) -> None:
    from phuly_tui.store.rekeying import rekey_addresses

    path = build_v7_store(tmp_path)
    open_store(tmp_path).close()
    raw = sqlite3.connect(path, isolation_level=None)

    def dump() -> list[tuple[object, ...]]:
        return [
            row
            for table in ("pages", "articles", "listing_items", "reads", "bookmarks", "doc_refs")
            for row in raw.execute(f"SELECT * FROM {table} ORDER BY 1")
        ]

    before = dump()
    raw.execute("BEGIN")
    rekey_addresses(raw)
    raw.execute("COMMIT")
    assert dump() == before
    raw.close()


def test_a_respelled_page_fetched_again_is_not_an_update(tmp_path: Path) -> None:
    """The stored JSON is respelled as the parser now writes it: the next fetch of
    the unchanged page finds the same content (no "đã cập nhật" for the reader)."""
    build_v7_store(tmp_path)
    with open_store(tmp_path) as store:
        item = ListingItem("Tin tức", ESCAPED, "2024-07-01")  # as the parser now spells it
        listing = Listing(SECTION, "Chính trị", 1, (item,)).to_dict()
        assert not store.put_page(
            SECTION, "listing", listing, etag=None, last_modified=None, fetched_at=300.0
        )
