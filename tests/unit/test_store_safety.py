"""Store safety (issue 5 item 4): other processes, kill -9, corrupt and foreign files.

The concurrency tests use real second processes (``python -c`` with the
installed package) writing the same file, the way ``phuly-tui sync`` runs
next to the app.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from phuly_tui.errors import CorruptStoreError, StoreError
from phuly_tui.store import DATABASE_NAME, Store, open_store
from tests.support.store_samples import article, put

# A writer like a sync: each article is one put_page transaction (plus its read
# mark), and its URL is printed only after the commit returned.
WRITER = r"""
import sys, time
from pathlib import Path
from phuly_tui.model import Article, Paragraph
from phuly_tui.store import open_store

data_dir, prefix, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
pause = float(sys.argv[4])
store = open_store(data_dir)
print("ready", flush=True)
body = tuple(Paragraph(f"Đoạn {i}: thành phố Phủ Lý đang triển khai " * 8) for i in range(12))
n = 0
while count < 0 or n < count:
    url = f"http://127.0.0.1:8765/Pages/{prefix}-{n}.aspx"
    model = Article(url=url, title=f"Tiến trình {prefix} bài {n}", blocks=body)
    store.put_page(url, "article", model.to_dict(), etag=None, last_modified=None,
                   fetched_at=time.time(), content_hash=str(n))
    store.mark_read(url)
    print(url, flush=True)
    n += 1
    time.sleep(pause)  # a sync waits for the network between pages
store.close()
"""


def start_writer(
    data_dir: Path, prefix: str, count: int, *, pause: float = 0.0
) -> subprocess.Popen[str]:
    """Start WRITER and wait until it has opened the store.

    stderr goes to a file next to the store (a pipe nobody reads could block
    the child); read the output with :func:`finish`.
    """
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), prefix, str(count), str(pause)],
        stdout=subprocess.PIPE,
        stderr=(data_dir.parent / f"{data_dir.name}-{prefix}.err").open("w"),
        text=True,
        encoding="utf-8",
    )
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    if first != "ready":
        process.kill()
        pytest.fail(f"writer did not start: {first!r} {finish(process, data_dir, prefix)[1]}")
    return process


def finish(process: subprocess.Popen[str], data_dir: Path, prefix: str) -> tuple[str, str]:
    """The rest of the child's stdout (after what was read line by line) and its stderr.

    ``communicate()`` would skip lines already buffered by ``readline()``.
    """
    assert process.stdout is not None
    out = process.stdout.read()
    process.wait(timeout=60)
    process.stdout.close()
    err = (data_dir.parent / f"{data_dir.name}-{prefix}.err").read_text()
    return out, err


def count_rows(store: Store, table: str) -> int:
    """Rows of ``table``, read through a connection of our own."""
    raw = sqlite3.connect(store.path)
    try:
        return int(raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        raw.close()


def test_a_second_process_writes_while_we_read_and_write(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        writer = start_writer(tmp_path, "sync", 300, pause=0.002)
        ours: list[str] = []
        overlapped = 0
        while writer.poll() is None or len(ours) < 100:
            model = article(f"app-{len(ours)}", f"Ứng dụng bài {len(ours)}", "Nội dung đang đọc")
            put(store, model)
            store.mark_read(model.url)
            store.toggle_bookmark(model.url)
            if len(ours) % 4 == 0:
                store.search("phu ly dang")
                store.bookmarks()
            ours.append(model.url)
            overlapped += writer.poll() is None
        out, err = finish(writer, tmp_path, "sync")
        assert writer.returncode == 0, err
        assert "locked" not in err
        theirs = out.split()
        assert len(theirs) == 300
        assert overlapped >= 10, "the two processes did not run at the same time"
        assert store.read_urls(theirs) == set(theirs)
        assert store.read_urls(ours) == set(ours)
        assert all(store.get_page(url) is not None for url in theirs[::25])
        assert len(store.search("tien trinh", limit=500)) == 300
        assert store.integrity_check() == "ok"


def test_two_processes_creating_the_store_at_once(tmp_path: Path) -> None:
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), f"p{n}", "20", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
    with open_store(tmp_path) as store:
        assert count_rows(store, "articles") == 60
        assert store.integrity_check() == "ok"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX kill -9")
def test_kill_9_during_heavy_writes_loses_nothing_committed(tmp_path: Path) -> None:
    committed: list[str] = []
    rng = random.Random(4)
    for round_ in range(3):
        writer = start_writer(tmp_path, f"r{round_}", -1)
        assert writer.stdout is not None
        target = rng.randrange(40, 120)
        seen = 0
        while seen < target:
            line = writer.stdout.readline().strip()
            assert line, finish(writer, tmp_path, f"r{round_}")[1]
            committed.append(line)
            seen += 1
        time.sleep(rng.random() * 0.05)  # land the kill at a random point of a transaction
        os.kill(writer.pid, signal.SIGKILL)
        rest, _ = finish(writer, tmp_path, f"r{round_}")
        committed.extend(rest.split())  # printed before the kill: committed too
        assert writer.returncode == -signal.SIGKILL

        with open_store(tmp_path) as store:
            assert store.integrity_check() == "ok"
            missing = [url for url in committed if store.get_page(url) is None]
            assert missing == []
            assert store.read_urls(committed) == set(committed)
    # and the next run (a "sync") completes on the recovered file
    writer = start_writer(tmp_path, "after", 30)
    out, err = finish(writer, tmp_path, "after")
    assert writer.returncode == 0, err
    with open_store(tmp_path) as store:
        assert store.read_urls(out.split()) == set(out.split())
        # each kill may land between a commit and its print: at most one unreported each
        assert 0 <= count_rows(store, "articles") - (len(committed) + 30) <= 3
        assert store.integrity_check() == "ok"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _set_aside_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.iterdir() if ".corrupt-" in p.name)


def _assert_set_aside(data_dir: Path, error: CorruptStoreError, original_digest: str) -> Path:
    path = data_dir / DATABASE_NAME
    [moved] = [p for p in _set_aside_files(data_dir) if not p.name.endswith(("-wal", "-shm"))]
    assert moved.name.startswith(f"{DATABASE_NAME}.corrupt-")
    assert _digest(moved) == original_digest  # kept byte for byte, not deleted
    assert not path.exists()
    assert str(path) in error.message
    assert str(moved) in error.message
    with open_store(data_dir) as fresh:  # the caller may simply open again
        assert count_rows(fresh, "pages") == 0
        put(fresh, article("a", "Mới", "x"))
        assert fresh.integrity_check() == "ok"
    return moved


def test_random_bytes_are_set_aside_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    path.write_bytes(random.Random(1).randbytes(64 * 1024))
    original = _digest(path)
    with pytest.raises(CorruptStoreError) as caught:
        open_store(tmp_path)
    assert "hỏng" in caught.value.message
    assert caught.value.title == "Kho dữ liệu bị hỏng"
    _assert_set_aside(tmp_path, caught.value, original)


def test_a_damaged_sqlite_file_is_set_aside(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        for n in range(30):
            put(store, article(f"a{n}", f"Bài {n}", "Nội dung " * 200))
    path = tmp_path / DATABASE_NAME
    data = bytearray(path.read_bytes())
    data[100:4096] = random.Random(2).randbytes(4096 - 100)  # the schema page, header kept
    path.write_bytes(bytes(data))
    original = _digest(path)
    with pytest.raises(CorruptStoreError) as caught:
        open_store(tmp_path)
    _assert_set_aside(tmp_path, caught.value, original)


def test_another_applications_database_is_set_aside_untouched(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    foreign = sqlite3.connect(path)
    foreign.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    foreign.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    foreign.commit()
    foreign.close()
    original = _digest(path)
    with pytest.raises(CorruptStoreError) as caught:
        open_store(tmp_path)
    assert "ứng dụng khác" in caught.value.message
    moved = _assert_set_aside(tmp_path, caught.value, original)
    check = sqlite3.connect(moved)
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not switched to WAL
    assert check.execute("SELECT url FROM moz_places").fetchall() == [("https://example.org",)]
    check.close()


def test_the_wal_companion_moves_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    path.write_bytes(b"garbage that is not sqlite" * 10)
    (tmp_path / f"{DATABASE_NAME}-wal").write_bytes(b"wal bytes")
    with pytest.raises(CorruptStoreError):
        open_store(tmp_path)
    names = [p.name for p in _set_aside_files(tmp_path)]
    assert len(names) == 2
    assert any(name.endswith("-wal") for name in names)
    assert not (tmp_path / f"{DATABASE_NAME}-wal").exists()


def test_setting_aside_twice_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    for n in range(3):
        path.write_bytes(f"not a database {n}".encode())
        with pytest.raises(CorruptStoreError):
            open_store(tmp_path)
    kept = sorted(p.read_bytes() for p in _set_aside_files(tmp_path))
    assert kept == [f"not a database {n}".encode() for n in range(3)]


def test_an_empty_file_becomes_a_fresh_store(tmp_path: Path) -> None:
    (tmp_path / DATABASE_NAME).write_bytes(b"")
    with open_store(tmp_path) as store:
        assert store.integrity_check() == "ok"
    assert _set_aside_files(tmp_path) == []


def test_a_data_dir_that_cannot_be_made_is_a_store_error_not_a_set_aside(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StoreError) as caught:
        open_store(blocker / "data")
    assert not isinstance(caught.value, CorruptStoreError)
    assert str(blocker / "data" / DATABASE_NAME) in caught.value.message
    assert blocker.read_text() == "a file where the data folder should be"


def _hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    """Another connection holding the write lock for ``seconds`` (started before return)."""
    locked = threading.Event()

    def hold() -> None:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        locked.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert locked.wait(10)
    return thread


def test_a_write_outwaits_a_lock_longer_than_one_busy_timeout(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        with store._db.read() as connection:  # shorten the timeout for the test
            connection.execute("PRAGMA busy_timeout = 200")
        holder = _hold_write_lock(store.path, 0.35)  # longer than one timeout, less than three
        started = time.monotonic()
        store.mark_read("http://127.0.0.1:8765/Pages/a.aspx")
        assert time.monotonic() - started >= 0.2
        holder.join()
        assert store.is_read("http://127.0.0.1:8765/Pages/a.aspx")


def test_a_lock_held_too_long_is_a_clear_store_error(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        with store._db.read() as connection:
            connection.execute("PRAGMA busy_timeout = 50")
        holder = _hold_write_lock(store.path, 1.0)
        with pytest.raises(StoreError) as caught:
            store.mark_read("http://127.0.0.1:8765/Pages/a.aspx")
        holder.join()
        assert "khóa" in caught.value.message
        assert str(store.path) in caught.value.message
        assert store.read_urls(["http://127.0.0.1:8765/Pages/a.aspx"]) == set()
        store.mark_read("http://127.0.0.1:8765/Pages/a.aspx")  # works again afterwards


def test_damage_found_after_opening_is_a_corrupt_store_error(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        for n in range(40):
            put(store, article(f"a{n}", f"Bài {n}", "Nội dung dài " * 300))
    path = tmp_path / DATABASE_NAME
    data = bytearray(path.read_bytes())
    half = len(data) // 2
    data[half:] = random.Random(3).randbytes(len(data) - half)  # schema page intact
    path.write_bytes(bytes(data))
    with open_store(tmp_path) as store:
        report = store.integrity_check()
        assert report != "ok"
        assert "malformed" in report

        def read_everything() -> None:
            for n in range(40):
                store.get_page(f"http://127.0.0.1:8765/Pages/a{n}.aspx")
            store.search("noi dung")

        with pytest.raises(CorruptStoreError) as caught:
            read_everything()
    assert str(path) in caught.value.message
    assert "hỏng" in caught.value.message
