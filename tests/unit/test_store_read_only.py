"""A store that cannot be written (issue 9, item 10): reading works, writes are refused.

The tests run as root, where ``chmod`` stops no write, so "cannot be written"
is made the ways SQLite and the OS report it: SQLite's own read-only open
(``mode=ro``), an injected "unable to open database file" (what a WAL store
in a read-only folder gives: its ``-shm`` cannot be created), an injected
``OSError`` (``EROFS``), and ``PRAGMA query_only`` for a connection that was
opened for writing but whose file refuses writes (SQLite's ``READONLY``).
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from phuly_tui.cli import EXIT_OK, EXIT_STORE
from phuly_tui.config import Config
from phuly_tui.errors import ReadOnlyStoreError, StoreError
from phuly_tui.library import Library
from phuly_tui.store import DATABASE_NAME, Store, open_store
from tests.support.app_harness import make_app, notifications, settle
from tests.support.cli import run_cli
from tests.support.portal_server import PortalServer
from tests.support.store_samples import article, gold_models, put

SEED = "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"
REAL_CONNECT = sqlite3.connect


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    """A data folder whose store holds every gold page, one read mark and one bookmark."""
    with open_store(tmp_path) as store:
        for model in gold_models():
            put(store, model)
        store.put_page(
            article("a", "Phủ Lý đô thị", "Nội dung").url,
            "article",
            article("a", "Phủ Lý đô thị", "Nội dung").to_dict(),
            etag=None,
            last_modified=None,
            fetched_at=1.0,
            content_hash="x",
        )
        store.mark_read(article("a", "x", "y").url)
        store.toggle_bookmark(article("a", "x", "y").url)
    return tmp_path


def sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    return error


def refuse(predicate: Callable[[str, dict[str, Any]], bool], error: Exception) -> Any:
    """A ``sqlite3.connect`` that raises ``error`` for the opens ``predicate`` picks."""

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if predicate(str(database), kwargs):
            raise error
        connection: sqlite3.Connection = REAL_CONNECT(database, *args, **kwargs)
        return connection

    return connect


def writable_open(database: str, kwargs: dict[str, Any]) -> bool:
    return not kwargs.get("uri")


#: how opening for writing fails when the store cannot be written
UNWRITABLE: dict[str, Exception] = {
    "cantopen": sqlite_error("unable to open database file", 14),
    "readonly": sqlite_error("attempt to write a readonly database", 8),
}


@pytest.fixture(params=sorted(UNWRITABLE))
def unwritable(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, filled: Path
) -> None:
    """Once ``filled`` is made, every open for writing fails the way a read-only
    folder or file makes it fail."""
    monkeypatch.setattr(sqlite3, "connect", refuse(writable_open, UNWRITABLE[request.param]))


# -- the store ---------------------------------------------------------------------------------
def assert_reads_work(store: Store) -> None:
    a = article("a", "x", "y")
    assert store.article(a.url) is not None
    assert store.is_read(a.url)
    assert store.read_urls([a.url]) == {a.url}
    assert [b.url for b in store.bookmarks()] == [a.url]
    assert store.search("phu ly")
    with REAL_CONNECT(store.path) as raw:
        assert raw.execute("SELECT count(*) FROM pages").fetchone()[0] > 40
    raw.close()
    listing = next(m for m in gold_models() if type(m).__name__ == "Listing")
    assert store.listing(listing.url) == listing


def assert_writes_refused(store: Store) -> None:
    a = article("b", "Bài mới", "Nội dung")
    writes: list[Callable[[], object]] = [
        lambda: store.put_page(
            a.url,
            "article",
            a.to_dict(),
            etag=None,
            last_modified=None,
            fetched_at=2.0,
            content_hash="y",
        ),
        lambda: store.mark_read(a.url),
        lambda: store.toggle_bookmark(a.url),
        lambda: store.touch_page(a.url, 3.0),
        lambda: store.mark_section_read(a.url),
        lambda: store.prune(1),
    ]
    for write in writes:
        with pytest.raises(ReadOnlyStoreError) as caught:
            write()
        assert str(store.path) in caught.value.message
        assert "chỉ mở được để đọc" in caught.value.message


def test_opened_read_only_reads_everything_and_refuses_every_write(filled: Path) -> None:
    before = digest(filled / DATABASE_NAME)
    with open_store(filled, read_only=True) as store:
        assert store.read_only
        assert_reads_work(store)
        assert_writes_refused(store)
    assert digest(filled / DATABASE_NAME) == before


@pytest.mark.usefixtures("unwritable")
def test_a_store_that_cannot_be_written_opens_read_only(filled: Path) -> None:
    with open_store(filled) as store:
        assert store.read_only
        assert_reads_work(store)
        assert_writes_refused(store)


def test_an_injected_read_only_file_system_opens_read_only(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only_fs(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only_fs)
    with open_store(filled) as store:
        assert store.read_only
        assert_reads_work(store)


def test_a_wal_store_whose_shared_memory_cannot_be_made_is_read_immutable(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``mode=ro`` on a WAL store needs its ``-shm``; in a read-only folder it
    cannot be made, and SQLite's ``immutable`` open reads the file instead."""
    with sqlite3.connect(filled / DATABASE_NAME) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()
    opens: list[str] = []

    def no_shared_memory(database: str, kwargs: dict[str, Any]) -> bool:
        opens.append(database)
        return not kwargs.get("uri") or "immutable=1" not in database

    monkeypatch.setattr(
        sqlite3,
        "connect",
        refuse(no_shared_memory, sqlite_error("unable to open database file", 14)),
    )
    with open_store(filled) as store:
        assert store.read_only
        assert_reads_work(store)
    assert opens[-1].endswith("?mode=ro&immutable=1")


def test_read_only_sees_what_a_writer_has_not_checkpointed_yet(filled: Path) -> None:
    """A real ``mode=ro`` open next to a writer: the WAL's newest commit is read."""
    writer = open_store(filled)
    writer._db._require().execute("PRAGMA wal_autocheckpoint = 0")
    late = article("late", "Bài mới nhất", "Nội dung")
    put(writer, late)
    assert (filled / f"{DATABASE_NAME}-wal").stat().st_size > 0
    with open_store(filled, read_only=True) as reader:
        assert reader.article(late.url) == late
    writer.close()


def test_a_connection_whose_file_refuses_writes_says_read_only(filled: Path) -> None:
    with open_store(filled) as store:
        store._db._require().execute("PRAGMA query_only = ON")  # SQLite answers READONLY
        with pytest.raises(ReadOnlyStoreError):
            store.mark_read(article("b", "x", "y").url)


@pytest.mark.usefixtures("unwritable")
def test_no_store_and_no_way_to_make_one_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path / "empty")
    assert not isinstance(caught.value, ReadOnlyStoreError)
    assert not (tmp_path / "empty" / DATABASE_NAME).exists()


@pytest.mark.usefixtures("unwritable")
def test_an_old_store_that_cannot_be_upgraded_says_so(filled: Path) -> None:
    with REAL_CONNECT(filled / DATABASE_NAME) as raw:
        raw.execute("PRAGMA user_version = 1")
    raw.close()
    with pytest.raises(StoreError) as caught:
        open_store(filled)
    assert "nâng cấp" in caught.value.message


# -- the library and the CLI --------------------------------------------------------------------
def stored_seed(portal: PortalServer, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run_cli(
        capsys, "--base-url", portal.url, "--data-dir", str(data_dir), "read", SEED, "--json"
    )
    assert code == EXIT_OK, err


@pytest.fixture
def read_only_seed(
    portal: PortalServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """A data folder holding the seed article, whose store cannot be written from now on."""
    stored_seed(portal, tmp_path, capsys)
    monkeypatch.setattr(sqlite3, "connect", refuse(writable_open, UNWRITABLE["cantopen"]))
    return tmp_path


@pytest.mark.parametrize("offline", [True, False], ids=["offline", "online"])
def test_cli_reads_from_a_read_only_store(
    offline: bool, portal: PortalServer, read_only_seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmp_path = read_only_seed
    before = digest(tmp_path / DATABASE_NAME)
    flags = ["--offline"] if offline else []
    code, out, err = run_cli(
        capsys, *flags, "--base-url", portal.url, "--data-dir", str(tmp_path), "read", SEED
    )
    assert code == EXIT_OK, err
    assert "Ban chỉ đạo 35" in out
    lines = err.splitlines()
    # the read-only line, then (offline) the stored copy's age; no error
    assert len(lines) == (2 if offline else 1), err
    assert "chỉ mở được để đọc" in lines[0]
    assert str(tmp_path / DATABASE_NAME) in lines[0]
    assert not any(line.startswith("phuly-tui:") for line in lines)
    assert digest(tmp_path / DATABASE_NAME) == before  # no read mark, no page stored


@pytest.mark.parametrize(
    "argv", [["sync", "--pages", "1"], ["prune", "--older-than", "1"]], ids=["sync", "prune"]
)
def test_cli_writes_to_a_read_only_store_are_refused(
    argv: list[str], portal: PortalServer, read_only_seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmp_path = read_only_seed
    requests_before = len(portal.requests)
    code, out, err = run_cli(capsys, "--base-url", portal.url, "--data-dir", str(tmp_path), *argv)
    assert code == EXIT_STORE, err
    assert out == ""
    assert err.splitlines()[-1].startswith("phuly-tui: ")
    assert "Không lưu được" in err.splitlines()[-1]
    assert len(portal.requests) == requests_before  # refused before any request


def test_library_reads_search_and_bookmarks_on_a_read_only_store(
    portal: PortalServer, read_only_seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmp_path = read_only_seed
    for argv in (["search", "phu ly"], ["bookmarks"]):
        code, _out, err = run_cli(
            capsys, "--base-url", portal.url, "--data-dir", str(tmp_path), *argv
        )
        assert code == EXIT_OK, (argv, err)
    library = Library(Config(base_url=portal.url, data_dir=tmp_path))
    url = library.absolute(SEED)
    library.record_reading(url)  # skipped, said once
    library.record_reading(url)
    with pytest.raises(ReadOnlyStoreError):
        library.mark_read(url)  # what the user asked for is refused
    with pytest.raises(ReadOnlyStoreError):
        library.toggle_bookmark(url)
    assert len(library.warnings) == 1
    loaded = asyncio.run(_article(library, url))  # fetched, shown, not stored
    assert loaded.source == "network"
    library.close()


async def _article(library: Library, url: str) -> Any:
    try:
        return await library.article(url)
    finally:
        await library.aclose()


# -- the app -------------------------------------------------------------------------------------
async def test_the_app_says_read_only_and_refuses_a_bookmark(
    portal: PortalServer, read_only_seed: Path
) -> None:
    tmp_path = read_only_seed
    before = digest(tmp_path / DATABASE_NAME)
    app = make_app(portal.url, tmp_path, url=portal.url + SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        said = [str(message) for _title, message in notifications(app)]
        assert any("chỉ mở được để đọc" in m for m in said), said
        await pilot.press("b")
        await settle(pilot)
        said = [str(message) for _title, message in notifications(app)]
        assert any(m.startswith("Không lưu được") for m in said), said
    assert digest(tmp_path / DATABASE_NAME) == before
