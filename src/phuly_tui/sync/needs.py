"""What a sync needs of :class:`phuly_tui.library.Library`, as protocols.

Protocols rather than an import: the library calls
:func:`~phuly_tui.sync.run_sync`, and the sync stays below it in the layers (no
import cycle).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ..errors import PhulyError
from ..model import Home

if TYPE_CHECKING:
    from ..archive import ArchiveWait
    from ..fetch import FetchResult
    from ..store import StoredPage

__all__ = ["HomeLoaded", "PageKind", "SyncLibrary", "SyncResources"]


class _Absorbed(Protocol):
    @property
    def outcome(self) -> Literal["new", "updated", "unchanged"]: ...


class HomeLoaded(Protocol):
    @property
    def value(self) -> Home: ...

    @property
    def source(self) -> str: ...

    @property
    def error(self) -> PhulyError | None: ...


class _Loaded(Protocol):
    @property
    def value(self) -> Any: ...


class _Config(Protocol):
    @property
    def data_dir(self) -> Path: ...


class SyncResources(Protocol):
    """What a sync does with the library's store and fetcher
    (:class:`phuly_tui.library.core.SyncAccess`): the library hands it over and
    keeps the store and the fetcher themselves private."""

    def require_writable(self) -> None: ...

    def stored_urls(self) -> frozenset[str]: ...

    def warm(self) -> None: ...

    def after_next_send(self, callback: Callable[[], None]) -> Callable[[], None]: ...

    async def get(self, url: str, stored: StoredPage | None) -> FetchResult: ...

    async def download(self, url: str, dest: Path) -> None: ...


class SyncLibrary(Protocol):
    """What a sync needs of :class:`phuly_tui.library.Library`.

    A protocol rather than an import: the library calls :func:`run_sync`, and
    this module stays below it in the layers (no import cycle).
    """

    @property
    def config(self) -> _Config: ...

    def home_url(self) -> str: ...

    def sync_reads_archive(self, home_error: PhulyError | None) -> bool: ...

    def stored_page(self, url: str) -> StoredPage | None: ...

    async def store_document_file(self, url: str, path: Path) -> bool: ...

    @property
    def archive_listeners(self) -> list[Callable[[ArchiveWait], None]]: ...

    async def read_archived(
        self, url: str, kind: PageKind, *, unlimited: bool = False
    ) -> _Loaded: ...

    async def home(self, *, on_parsed: Callable[[Home], None] | None = None) -> HomeLoaded: ...

    async def absorb(
        self,
        url: str,
        kind: Literal["listing", "article"],
        stored: StoredPage | None,
        result: FetchResult,
        *,
        on_parsed: Callable[[Any], None] | None = None,
    ) -> _Absorbed: ...


PageKind = Literal["home", "listing", "article"]
