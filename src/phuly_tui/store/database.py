"""The SQLite connection: opening safely, transactions, and errors for people.

Concurrency model (why it is safe to call the store from anywhere):

* **Threads.** One connection per :class:`Database`, opened with
  ``check_same_thread=False`` and guarded by a re-entrant lock: the app's thread
  workers take turns, each statement or transaction runs whole.  Store calls are
  short (milliseconds), so serialising them costs nothing noticeable and avoids
  a connection pool.
* **Processes.** The file is in WAL mode, so readers never wait for a writer
  and a writer never waits for readers.  Every write is one short
  ``BEGIN IMMEDIATE`` transaction — the write lock is taken up front, so two
  writers queue on the busy handler (``busy_timeout`` = 5 s, up to three
  rounds) instead of failing with "database is locked" when a read would have
  to turn into a write.
* **Crashes.** ``synchronous=NORMAL`` in WAL mode: a committed transaction
  survives the process being killed (``kill -9``); only a power cut may lose the
  last commits, never consistency.

Opening checks the file before touching it: a file that is not SQLite, an
SQLite file of another application (its ``application_id`` is not ours and it
has tables), or one with tables but no schema version (``user_version`` 0 or
negative) is *set aside* — renamed to ``<name>.corrupt-<timestamp>`` with
its ``-wal``/``-shm`` companions, never deleted or overwritten — and
:class:`~phuly_tui.errors.CorruptStoreError` says where it went.

An empty (zero-byte) file is what SQLite creates first: another process may be
creating the store this very moment (its first write, the switch to WAL, comes
milliseconds later), and moving that file would send its writes into the moved
file.  So an empty file touched within the last :data:`EMPTY_FILE_GRACE_SECONDS`
is taken as a new store; an older empty file is a store that lost its content
(a full disk, a crash while copying, a truncation) and is set aside and reported
like a damaged one, so the user learns the stored pages are gone.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from ..errors import CorruptStoreError, ReadOnlyStoreError, StoreError
from ..i18n import add_messages

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_SECONDS",
    "EMPTY_FILE_GRACE_SECONDS",
    "Database",
    "cannot_write",
    "connect",
    "connect_read_only",
    "set_aside",
]

#: ``PRAGMA application_id`` of a phuly-tui store ("PHLY"): tells our file from others
APPLICATION_ID: Final = 0x50484C59
BUSY_TIMEOUT_SECONDS: Final = 5.0
#: an empty store file younger than this may be being created by another process
#: (see the module doc); creating one takes milliseconds, a minute is generous
EMPTY_FILE_GRACE_SECONDS: Final = 60.0
_SQLITE_MAGIC: Final = b"SQLite format 3\x00"
_WAL_SIZE_LIMIT: Final = 8 * 1024 * 1024
#: busy timeouts a write waits for the lock before giving up (see Database.write)
_BEGIN_ATTEMPTS: Final = 3
# primary result codes (sqlite3 exceptions carry the extended code)
_SQLITE_PERM: Final = 3
_SQLITE_BUSY: Final = 5
_SQLITE_LOCKED: Final = 6
_SQLITE_READONLY: Final = 8
_SQLITE_CANTOPEN: Final = 14
_SQLITE_CORRUPT: Final = 11
_SQLITE_NOTADB: Final = 26

add_messages(
    {
        "store.corrupt_set_aside": (
            "Tệp dữ liệu {path} bị hỏng ({detail}). Tệp không bị xóa: đã đổi tên thành {moved}."
            " Lần mở tiếp theo sẽ tạo kho dữ liệu mới.",
            "The data file {path} is damaged ({detail}). It was not deleted: it was renamed to"
            " {moved}. The next start creates a new store.",
        ),
        "store.foreign_set_aside": (
            "Tệp {path} là cơ sở dữ liệu của một ứng dụng khác, không phải của phuly-tui."
            " Tệp không bị xóa: đã đổi tên thành {moved}. Lần mở tiếp theo sẽ tạo kho dữ liệu mới.",
            "The file {path} is another application's database, not phuly-tui's. It was not"
            " deleted: it was renamed to {moved}. The next start creates a new store.",
        ),
        "store.damaged": (
            "Kho dữ liệu {path} bị hỏng ({detail}). Hãy đóng phuly-tui rồi đổi tên tệp này;"
            " lần mở sau sẽ tạo kho mới.",
            "The store {path} is damaged ({detail}). Close phuly-tui and rename that file;"
            " the next start creates a new store.",
        ),
        "store.newer": (
            "Kho dữ liệu {path} do một phiên bản phuly-tui mới hơn tạo ra (lược đồ {found},"
            " phiên bản này chỉ đọc tới {supported}). Hãy cập nhật phuly-tui.",
            "The store {path} was made by a newer phuly-tui (schema {found}; this version"
            " reads up to {supported}). Please update phuly-tui.",
        ),
        "store.cannot_open": (
            "Không mở được kho dữ liệu {path}: {detail}",
            "Could not open the store {path}: {detail}",
        ),
        "store.busy": (
            "Kho dữ liệu {path} đang bị một tiến trình khác khóa quá lâu. Hãy thử lại.",
            "The store {path} is held by another process for too long. Please try again.",
        ),
        "store.failed": ("Lỗi kho dữ liệu {path}: {detail}", "Store error in {path}: {detail}"),
        "store.closed": ("Kho dữ liệu {path} đã đóng.", "The store {path} is closed."),
        "store.read_only": (
            "Không lưu được: kho dữ liệu {path} chỉ mở được để đọc (thư mục hoặc tệp"
            " không ghi được).",
            "Not saved: the store {path} could only be opened for reading (its folder or"
            " file cannot be written).",
        ),
        "store.read_only_outdated": (
            "Kho dữ liệu {path} cần được nâng cấp (lược đồ {found} → {supported}) nhưng"
            " không ghi được. Hãy chạy phuly-tui một lần với quyền ghi thư mục đó.",
            "The store {path} needs an upgrade (schema {found} → {supported}) but cannot be"
            " written. Run phuly-tui once with write access to its folder.",
        ),
        "store.read_only_unusable": (
            "Không ghi được vào kho dữ liệu {path}, và bản chỉ đọc không dùng được ({detail}).",
            "The store {path} cannot be written, and reading it is no use either ({detail}).",
        ),
        "store.no_fts5": (
            "SQLite của Python này không có FTS5 nên không tìm kiếm được ({detail}).",
            "This Python's SQLite lacks FTS5, so search cannot work ({detail}).",
        ),
    }
)


def _primary_code(error: sqlite3.Error) -> int:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else 0


def is_corruption(error: sqlite3.Error) -> bool:
    """True for "database disk image is malformed" and "file is not a database"."""
    return _primary_code(error) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def to_store_error(error: sqlite3.Error, path: Path) -> StoreError:
    """The :class:`StoreError` a person should see for a raw ``sqlite3`` error."""
    if isinstance(error, sqlite3.ProgrammingError) and "closed" in str(error):
        return StoreError("store.closed", path=path)
    if is_corruption(error):
        return CorruptStoreError("store.damaged", path=path, detail=str(error))
    if _primary_code(error) == _SQLITE_READONLY:
        return ReadOnlyStoreError("store.read_only", path=path)
    if _primary_code(error) in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StoreError("store.busy", path=path)
    return StoreError("store.failed", path=path, detail=str(error))


def set_aside(path: Path) -> Path:
    """Rename ``path`` (and its ``-wal``/``-shm``/``-journal``) out of the way.

    The new name is ``<name>.corrupt-<YYYYmmdd-HHMMSS>`` (with ``-2``, ``-3``…
    when taken); nothing is deleted or overwritten.  Returns the new path.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while any(target.with_name(target.name + suffix).exists() for suffix in ("", "-wal", "-shm")):
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    try:
        path.rename(target)
        for suffix in ("-wal", "-shm", "-journal"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.rename(target.with_name(target.name + suffix))
    except OSError as error:
        raise StoreError("store.cannot_open", path=path, detail=str(error)) from error
    return target


def _damage_in_head(path: Path) -> str | None:
    """Why ``path`` cannot be an SQLite store from its first bytes, or None.

    A missing file, or an empty one touched within the last
    :data:`EMPTY_FILE_GRACE_SECONDS`, is a new store (see the module doc).
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
            if not head:
                age = time.time() - os.fstat(handle.fileno()).st_mtime
                return "empty file (0 bytes)" if age > EMPTY_FILE_GRACE_SECONDS else None
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError("store.cannot_open", path=path, detail=str(error)) from error
    return None if head == _SQLITE_MAGIC else "not an SQLite file"


def _reject(connection: sqlite3.Connection | None, path: Path, key: str, detail: str) -> None:
    """Close, set the file aside and raise :class:`CorruptStoreError`."""
    if connection is not None:
        connection.close()
    moved = set_aside(path)
    raise CorruptStoreError(key, path=path, moved=moved, detail=detail)


def connect(path: Path) -> sqlite3.Connection:
    """Open (or create) the store file at ``path`` and return a tuned connection.

    The file is inspected read-only first; a damaged or foreign file is set
    aside (see the module doc).  The schema is *not* migrated here.

    Raises:
        CorruptStoreError: the file was damaged or foreign and has been set aside.
        StoreError: the file cannot be opened at all (permissions, disk).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError("store.cannot_open", path=path, detail=str(error)) from error
    damage = _damage_in_head(path)
    if damage is not None:
        _reject(None, path, "store.corrupt_set_aside", damage)
    connection: sqlite3.Connection | None = None
    try:
        connection = sqlite3.connect(
            str(path),
            timeout=BUSY_TIMEOUT_SECONDS,
            isolation_level=None,  # autocommit: transactions are explicit BEGIN IMMEDIATE
            check_same_thread=False,  # shared by thread workers behind Database's lock
        )
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        # one read transaction: another process creating the store meanwhile must not
        # make us see its tables without its application_id (and call it foreign)
        connection.execute("BEGIN")
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        objects = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        if is_corruption(error):
            _reject(connection, path, "store.corrupt_set_aside", str(error))
        if connection is not None:
            connection.close()
        raise StoreError("store.cannot_open", path=path, detail=str(error)) from error
    if app_id != APPLICATION_ID and (app_id != 0 or objects):
        _reject(connection, path, "store.foreign_set_aside", f"application_id={app_id}")
    if objects and version <= 0:
        # Our migrations set the tables, the application_id and user_version in one
        # transaction: tables without a version were not written by phuly-tui as
        # they are (migrating would fail on every run: "table pages already exists").
        _reject(connection, path, "store.corrupt_set_aside", f"user_version={version}")
    try:
        _switch_to_wal(connection)
        connection.execute("PRAGMA synchronous = NORMAL")
        # after a big sync the WAL is truncated back to this size at checkpoints
        connection.execute(f"PRAGMA journal_size_limit = {_WAL_SIZE_LIMIT}")
        connection.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as error:
        connection.close()
        raise to_store_error(error, path) from error
    return connection


def _switch_to_wal(connection: sqlite3.Connection) -> None:
    """``PRAGMA journal_mode = WAL``, retried while another process holds a lock.

    Changing the journal mode needs the database to itself for a moment and
    SQLite answers "database is locked" at once — without waiting for the busy
    timeout — when another process is creating the store at the same time.
    The mode may stay "delete" on file systems without shared memory.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    delay = 0.005
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            locked = "locked" in str(error) or "busy" in str(error)
            if not locked or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


def cannot_write(error: StoreError) -> bool:
    """True when opening for writing failed only because nothing may be written
    there (a read-only folder, file or file system): reading may still work."""
    cause = error.__cause__
    if isinstance(error, ReadOnlyStoreError):
        return True
    if isinstance(cause, sqlite3.Error):
        return _primary_code(cause) in (_SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_PERM)
    if isinstance(cause, OSError):
        return cause.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
    return False


def _open_uri(uri: str) -> sqlite3.Connection:
    """One read-only connection, checked with a query (a WAL store may fail only
    at its first read, when its shared-memory file cannot be made)."""
    connection = sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        connection.execute("PRAGMA query_only = ON")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        connection.close()
        raise
    return connection


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open the existing store at ``path`` for reading only (``mode=ro``).

    A WAL store needs its ``-shm`` file to be read, and SQLite cannot create
    it in a read-only folder; then the file is opened ``immutable``: SQLite
    reads the main file as it is, without locks.  That is exact for a store
    closed cleanly (the last connection folds the WAL into the main file and
    removes it) and reads the last checkpoint otherwise.  Nothing is set aside
    or migrated here: nothing can be written.

    Raises:
        StoreError: neither way of opening works.
    """
    base = path.resolve().as_uri()
    error: sqlite3.Error | None = None
    for uri in (f"{base}?mode=ro", f"{base}?mode=ro&immutable=1"):
        try:
            return _open_uri(uri)
        except sqlite3.Error as failure:
            error = failure
    raise StoreError("store.cannot_open", path=path, detail=str(error)) from error


class Database:
    """One connection shared by threads: ``write()`` transactions, ``read()`` access.

    Every ``sqlite3.Error`` escaping a block becomes a :class:`StoreError` (or
    :class:`CorruptStoreError`) with a message for people.  A database opened
    ``read_only`` refuses every ``write()`` with :class:`ReadOnlyStoreError`
    before touching SQLite.
    """

    def __init__(
        self, connection: sqlite3.Connection, path: Path, *, read_only: bool = False
    ) -> None:
        self.path = path
        self.read_only = read_only
        self._connection: sqlite3.Connection | None = connection
        self._lock = threading.RLock()

    def _require(self) -> sqlite3.Connection:
        if self._connection is None:
            raise StoreError("store.closed", path=self.path)
        return self._connection

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A ``BEGIN IMMEDIATE`` transaction: committed on success, rolled back on error.

        Nested use joins the outer transaction (the lock is re-entrant).

        Raises:
            ReadOnlyStoreError: the store was opened for reading only.
        """
        if self.read_only:
            raise ReadOnlyStoreError("store.read_only", path=self.path)
        with self._lock:
            connection = self._require()
            if connection.in_transaction:
                yield connection
                return
            try:
                self._begin_immediate(connection)
                try:
                    yield connection
                except BaseException:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
            except sqlite3.Error as error:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise to_store_error(error, self.path) from error

    @staticmethod
    def _begin_immediate(connection: sqlite3.Connection) -> None:
        """Take the write lock, waiting up to ``_BEGIN_ATTEMPTS`` busy timeouts.

        SQLite's busy handler polls with growing sleeps, so a writer in a tight
        loop in another process can outrun it for a while; a few more rounds
        turn that rare starvation into a delay instead of an error.
        """
        for attempt in range(1, _BEGIN_ATTEMPTS + 1):
            try:
                connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if attempt == _BEGIN_ATTEMPTS or _primary_code(error) != _SQLITE_BUSY:
                    raise

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection for reads (each statement sees one consistent snapshot)."""
        with self._lock:
            connection = self._require()
            try:
                yield connection
            except sqlite3.Error as error:
                raise to_store_error(error, self.path) from error

    def close(self) -> None:
        """Close the connection; later calls raise :class:`StoreError`. Idempotent."""
        with self._lock:
            if self._connection is not None:
                try:
                    self._connection.close()
                finally:
                    self._connection = None


#: ``IN (…)`` lists are sent in chunks of this many parameters
CHUNK: Final = 500


def chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    """``values`` in slices of :data:`CHUNK` (SQLite limits the parameters of a query)."""
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def placeholders(count: int) -> str:
    """``?,?,?`` for an ``IN (…)`` of ``count`` values."""
    return ",".join("?" * count)
