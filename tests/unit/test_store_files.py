"""Store files and stored rows that are not what we wrote (issue 9, item 11).

* A damaged or foreign file is set aside — and the CLI says so, like the app:
  one line on stderr naming where the old file went.  So is an empty file that
  nobody is creating (older than the grace period); a just-made one is a new store.
* A file with our tables but ``user_version`` 0 or negative is set aside like
  a foreign file (it used to fail every run with "table pages already exists").
* A stored row whose JSON has the wrong shape, or whose payload version is not
  this program's, counts as not stored: every read path returns nothing (no
  ``KeyError`` through the library) and the page is fetched again.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from phuly_tui.cli import EXIT_NOT_FOUND, EXIT_OK
from phuly_tui.config import Config
from phuly_tui.documents import Document
from phuly_tui.errors import CorruptStoreError
from phuly_tui.library import Library
from phuly_tui.store import DATABASE_NAME, Store, open_store
from phuly_tui.store.database import EMPTY_FILE_GRACE_SECONDS
from phuly_tui.store.documents import DOCUMENT_PAYLOAD_VERSION
from phuly_tui.store.store import PAYLOAD_VERSION
from tests.support.cli import run_cli
from tests.support.libraries import library_with_store
from tests.support.portal_server import PortalServer

SEED = "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"


def set_aside_files(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob(f"{DATABASE_NAME}.corrupt-*[0-9]"))


def a_real_store(data_dir: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]) -> Path:
    code, _out, err = run_cli(
        capsys, "--base-url", portal.url, "--data-dir", str(data_dir), "sections"
    )
    assert code == EXIT_OK, err
    return data_dir / DATABASE_NAME


def garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database\n" * 300)


def truncated(path: Path) -> None:
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 3])


def version(value: int) -> Any:
    def damage(path: Path) -> None:
        with sqlite3.connect(path) as connection:
            connection.execute(f"PRAGMA user_version = {value}")
        connection.close()

    return damage


DAMAGE = {
    "garbage": garbage,
    "truncated": truncated,
    "user-version-0": version(0),
    "user-version-negative": version(-7),
}


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_the_cli_says_where_a_bad_store_went(
    how: str, portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = a_real_store(tmp_path / "d", portal, capsys)
    DAMAGE[how](path)
    before = path.read_bytes()
    code, out, err = run_cli(
        capsys, "--base-url", portal.url, "--data-dir", str(tmp_path / "d"), "sections"
    )
    assert code == EXIT_OK, err
    assert "Tin tức - Sự kiện" in out
    moved = set_aside_files(tmp_path / "d")
    assert len(moved) == 1
    assert moved[0].read_bytes() == before  # nothing lost, nothing rewritten
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert str(moved[0]) in lines[0]
    # the next run has nothing to say
    code, _out, err = run_cli(
        capsys, "--base-url", portal.url, "--data-dir", str(tmp_path / "d"), "sections"
    )
    assert code == EXIT_OK
    assert err == ""


@pytest.mark.parametrize("value", [0, -1, -7])
def test_our_tables_without_a_version_are_set_aside(
    value: int, portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = a_real_store(tmp_path, portal, capsys)
    version(value)(path)
    with pytest.raises(CorruptStoreError) as caught:
        open_store(tmp_path)
    (moved,) = set_aside_files(tmp_path)
    assert str(moved) in caught.value.message
    assert f"user_version={value}" in caught.value.message
    with open_store(tmp_path) as store:  # and the next open starts afresh
        assert store.get_page(portal.url + "/") is None
        with sqlite3.connect(store.path) as raw:
            assert raw.execute("SELECT count(*) FROM pages").fetchone()[0] == 0
        raw.close()


def test_a_just_made_empty_file_is_a_new_store_not_a_damaged_one(
    portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A zero-byte file is what SQLite creates first (another process may be
    creating the store this very moment): a fresh one is used, never set aside."""
    (tmp_path / DATABASE_NAME).write_bytes(b"")
    code, _out, err = run_cli(
        capsys, "--base-url", portal.url, "--data-dir", str(tmp_path), "sections"
    )
    assert code == EXIT_OK, err
    assert err == ""
    assert set_aside_files(tmp_path) == []


def test_an_old_empty_file_is_set_aside_and_said(
    portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty store file nobody is creating (untouched for longer than the grace
    period) lost its pages: the CLI says so, like for a damaged one, and moves it."""
    path = a_real_store(tmp_path / "d", portal, capsys)
    path.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    old = time.time() - EMPTY_FILE_GRACE_SECONDS - 5
    os.utime(path, (old, old))
    code, out, err = run_cli(
        capsys, "--base-url", portal.url, "--data-dir", str(tmp_path / "d"), "sections"
    )
    assert code == EXIT_OK, err
    assert "Tin tức - Sự kiện" in out
    (moved,) = set_aside_files(tmp_path / "d")
    assert moved.read_bytes() == b""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert str(moved) in lines[0]
    path.write_bytes(b"")
    os.utime(path, (old, old))
    with pytest.raises(CorruptStoreError) as caught:  # the store layer names the cause
        open_store(tmp_path / "d")
    assert "0 bytes" in caught.value.message


# -- stored rows of the wrong shape ----------------------------------------------------------
WRONG_SHAPES: dict[str, str] = {
    "not-json": "{",
    "a-list": "[]",
    "a-string": '"article"',
    "empty": "{}",
    "no-url": '{"title": "x"}',
    "blocks-not-a-list": '{"url": "u", "title": "t", "blocks": 5}',
    "block-not-a-dict": '{"url": "u", "title": "t", "blocks": [5]}',
    "unknown-block": '{"url": "u", "title": "t", "blocks": [{"type": "nope"}]}',
    "related-not-dicts": '{"url": "u", "title": "t", "related": [5]}',
    "related-no-title": '{"url": "u", "title": "t", "related": [{"url": "v"}]}',
    "attachments-wrong": '{"url": "u", "title": "t", "attachments": [[1, 2]]}',
}


def stored_seed(
    portal: PortalServer, data_dir: Path, path: str = SEED, *, document: bool = False
) -> tuple[Library, Store, str]:
    """A library, and its store, holding the page (or the attachment) at ``path``."""
    library, store = library_with_store(Config(base_url=portal.url, data_dir=data_dir, timeout=5.0))
    url = library.absolute(path)
    run_closing(library, lambda: (library.document if document else library.article)(url))
    return library, store, url


def run_closing(library: Library, load: Callable[[], Awaitable[Any]]) -> Any:
    """``await load()`` in a fresh event loop, the library's HTTP client closed after."""

    async def go() -> Any:
        try:
            return await load()
        finally:
            await library.aclose()

    return asyncio.run(go())


def rewrite_row(store: Store, url: str, *, table: str = "pages", **columns: object) -> None:
    """Change a stored row behind the store's back."""
    with sqlite3.connect(store.path) as connection:
        for column, value in columns.items():
            connection.execute(f"UPDATE {table} SET {column} = ? WHERE url = ?", (value, url))
    connection.close()


@pytest.mark.parametrize("shape", sorted(WRONG_SHAPES))
def test_a_row_of_the_wrong_shape_is_not_stored(
    shape: str, fresh_portal: PortalServer, tmp_path: Path
) -> None:
    library, store, url = stored_seed(fresh_portal, tmp_path)
    rewrite_row(store, url, data=WRONG_SHAPES[shape])
    assert store.get_page(url) is None
    assert store.article(url) is None
    assert library.cached_article(url) is None
    # ... so it is fetched again, in full (not a conditional request answered 304)
    requests_before = len(fresh_portal.requests)
    loaded = run_closing(library, lambda: library.article(url))
    assert loaded.source == "network"
    assert loaded.value.url == url
    assert [status for _m, _t, status in fresh_portal.requests[requests_before:]] == [200]
    assert store.article(url) == loaded.value
    library.close()


@pytest.mark.parametrize("payload", [0, PAYLOAD_VERSION + 1, -1])
def test_a_row_of_another_payload_version_is_refetched(
    payload: int, fresh_portal: PortalServer, tmp_path: Path
) -> None:
    library, store, url = stored_seed(fresh_portal, tmp_path)
    good = store.article(url)
    assert good is not None
    rewrite_row(store, url, payload_version=payload)
    assert store.get_page(url) is None
    assert library.cached_article(url) is None
    loaded = run_closing(library, lambda: library.article(url))
    assert loaded.source == "network"
    assert loaded.value == good
    stored = store.get_page(url)
    assert stored is not None
    assert stored.value == good
    library.close()


@pytest.mark.parametrize("shape", ["not-json", "no-url", "block-not-a-dict"])
def test_offline_a_bad_row_is_not_found_not_a_crash(
    shape: str,
    portal: PortalServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    library, store, url = stored_seed(portal, tmp_path)
    rewrite_row(store, url, data=WRONG_SHAPES[shape])
    library.close()
    code, out, err = run_cli(
        capsys, "--offline", "--base-url", portal.url, "--data-dir", str(tmp_path), "read", SEED
    )
    assert code == EXIT_NOT_FOUND, err
    assert out == ""
    assert len(err.splitlines()) == 1, err


def test_bad_listing_and_home_rows_are_skipped(
    portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run_cli(
        capsys, "--base-url", portal.url, "--data-dir", str(tmp_path), "list", "--page", "2"
    )
    assert code == EXIT_OK, err
    library, store = library_with_store(Config(base_url=portal.url, data_dir=tmp_path, timeout=5.0))
    home = library.cached_home()
    assert home is not None
    section = home.value.sections[0].url
    pages = library.cached_section_pages(section)
    assert 2 in [p.page for p in pages]
    with sqlite3.connect(store.path) as connection:
        connection.execute("UPDATE pages SET data = '{\"items\": 3}' WHERE kind = 'listing'")
        connection.execute("UPDATE pages SET data = '{\"sections\": [1]}' WHERE kind = 'home'")
    connection.close()
    assert library.cached_section_pages(section) == []
    assert library.cached_home() is None
    assert store.home(portal.url + "/Pages/Default.aspx") is None
    library.close()


def test_what_is_written_carries_the_payload_version(portal: PortalServer, tmp_path: Path) -> None:
    library, store, url = stored_seed(portal, tmp_path)
    with sqlite3.connect(store.path) as connection:
        row = connection.execute(
            "SELECT payload_version, data FROM pages WHERE url = ?", (url,)
        ).fetchone()
    connection.close()
    assert row[0] == PAYLOAD_VERSION
    assert json.loads(row[1])["url"] == url
    library.close()


# -- stored documents: the same rule as the page cache --------------------------------------
KH_PDF = "/Documents/2024/01/KH-18-UBND.pdf"
DOCUMENT_SHAPES: dict[str, str] = {
    "not-json": "{",
    "a-list": "[]",
    "blocks-not-a-list": '{"url": "u", "title": "t", "blocks": 5}',
    "block-not-a-dict": '{"url": "u", "title": "t", "blocks": [5]}',
    "block-a-string": '{"url": "u", "title": "t", "blocks": ["text"]}',
    "rows-not-a-list": '{"url": "u", "blocks": [{"type": "table", "rows": 5}]}',
    "cites-not-a-list": '{"url": "u", "title": "t", "cites": 5}',
}


def assert_read_again(library: Library, store: Store, url: str, portal: PortalServer) -> None:
    """Nothing is handed out from the row, and the document is fetched in full
    (not a conditional request answered 304) and stored afresh."""
    assert store.get_document(url) is None
    assert library.cached_document(url) is None
    requests_before = len(portal.requests)
    loaded = run_closing(library, lambda: library.document(url))
    assert loaded.source == "network"
    assert "18/KH-UBND" in (loaded.value.info.number or "")
    assert [status for _m, _t, status in portal.requests[requests_before:]] == [200]
    stored = store.get_document(url)
    assert stored is not None
    assert stored.data == loaded.value.to_dict()
    library.close()


@pytest.mark.parametrize("shape", sorted(DOCUMENT_SHAPES))
def test_a_document_row_of_the_wrong_shape_is_not_stored(
    shape: str, fresh_portal: PortalServer, tmp_path: Path
) -> None:
    library, store, url = stored_seed(fresh_portal, tmp_path, KH_PDF, document=True)
    rewrite_row(store, url, table="documents", data=DOCUMENT_SHAPES[shape])
    assert_read_again(library, store, url, fresh_portal)


@pytest.mark.parametrize("payload", [0, DOCUMENT_PAYLOAD_VERSION + 1, -1])
def test_a_document_row_of_another_payload_version_is_read_again(
    payload: int, fresh_portal: PortalServer, tmp_path: Path
) -> None:
    library, store, url = stored_seed(fresh_portal, tmp_path, KH_PDF, document=True)
    rewrite_row(store, url, table="documents", payload_version=payload)
    assert_read_again(library, store, url, fresh_portal)


def test_a_stored_document_is_rebuilt_once_per_read(
    fresh_portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store rebuilds a row to tell it is readable and hands that rebuild out:
    the library does not rebuild the document again (a long PDF's text)."""
    library, _, url = stored_seed(fresh_portal, tmp_path, KH_PDF, document=True)
    real = Document.from_dict.__func__  # type: ignore[attr-defined]
    rebuilt: list[str] = []

    def counting(cls: type[Document], data: dict[str, Any]) -> Document:
        rebuilt.append(data["url"])
        document: Document = real(cls, data)
        return document

    monkeypatch.setattr(Document, "from_dict", classmethod(counting))
    loaded = library.cached_document(url)
    assert loaded is not None
    assert "18/KH-UBND" in (loaded.value.info.number or "")
    assert len(rebuilt) == 1
    library.close()


def test_documents_stored_before_the_payload_version_are_version_1(tmp_path: Path) -> None:
    """The upgrade marks the rows it finds as the version they were written in."""
    with open_store(tmp_path) as store:
        store.put_document("http://portal.test/a.pdf", {"url": "a", "title": "A", "blocks": []})
    with sqlite3.connect(tmp_path / DATABASE_NAME) as raw:
        raw.execute("ALTER TABLE documents DROP COLUMN payload_version")
        raw.execute("PRAGMA user_version = 6")
    raw.close()
    with open_store(tmp_path) as store:
        stored = store.get_document("http://portal.test/a.pdf")
        assert stored is not None
        assert stored.data["title"] == "A"
