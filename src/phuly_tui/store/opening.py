"""Opening the store: created and upgraded as needed, a damaged file set aside, read-only
when it cannot be written."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from ..errors import CorruptStoreError, StoreError
from .database import (
    APPLICATION_ID,
    Database,
    cannot_write,
    connect,
    connect_read_only,
    to_store_error,
)
from .schema import SCHEMA_VERSION, migrate
from .store import Store

__all__ = ["DATABASE_NAME", "open_store"]

log = logging.getLogger("phuly_tui.store.store")

DATABASE_NAME: Final = "phuly-tui.sqlite3"


def open_store(data_dir: Path, *, read_only: bool = False) -> Store:
    """Open (creating and upgrading as needed) the store in ``data_dir``.

    The folder is created; the file is ``data_dir / "phuly-tui.sqlite3"``.
    When the store exists but cannot be written (a read-only folder, file or
    file system), or with ``read_only``, it is opened for reading only: every
    read works, every write raises :class:`~phuly_tui.errors.ReadOnlyStoreError`
    (see :attr:`Store.read_only`).

    Raises:
        CorruptStoreError: the file was damaged or another application's; it has
            been renamed to ``<name>.corrupt-<timestamp>`` (the message names both
            paths) and calling ``open_store`` again gives a fresh store.
        StoreError: the store cannot be opened at all (permissions, disk full,
            made by a newer phuly-tui, read-only and in need of an upgrade).
    """
    path = Path(data_dir) / DATABASE_NAME
    if not read_only:
        try:
            return _open_writable(path)
        except CorruptStoreError:
            raise
        except StoreError as error:
            if not (cannot_write(error) and path.is_file()):
                raise
            log.info("the store %s cannot be written (%s): opened read-only", path, error)
    return _open_read_only(path)


@contextmanager
def _closed_on_failure(connection: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Close ``connection`` when the block fails; a raw SQLite error becomes a StoreError."""
    try:
        yield
    except sqlite3.Error as error:
        connection.close()
        raise to_store_error(error, path) from error
    except BaseException:
        connection.close()
        raise


def _open_writable(path: Path) -> Store:
    connection = connect(path)
    with _closed_on_failure(connection, path):
        version = migrate(connection, path)
    return Store(Database(connection, path), version)


def _open_read_only(path: Path) -> Store:
    """The store at ``path`` for reading: it must be a whole, current phuly-tui
    store, as nothing can be set aside, created or upgraded."""
    connection = connect_read_only(path)
    with _closed_on_failure(connection, path):
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID or version <= 0:
            detail = f"application_id={app_id}, user_version={version}"
            raise StoreError("store.read_only_unusable", path=path, detail=detail)
        if version > SCHEMA_VERSION:
            raise StoreError("store.newer", path=path, found=version, supported=SCHEMA_VERSION)
        if version < SCHEMA_VERSION:
            raise StoreError(
                "store.read_only_outdated", path=path, found=version, supported=SCHEMA_VERSION
            )
    return Store(Database(connection, path, read_only=True), version)
