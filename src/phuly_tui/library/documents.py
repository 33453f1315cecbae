"""Attachments: read as text (PDF, DOCX), stored and indexed for search; downloaded.

A document is fetched with the attachment cap (``attachment_max_mb``) and a
conditional request when stored; a copy kept by ``sync --attachments`` is read
when the portal cannot be reached or offline.  A download never replaces a
file of the user's (:func:`phuly_tui.user_files.save_file`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import FetchError, OfflineMissError
from .core import LibraryCore
from .loaded import Loaded
from .search_filters import resolve_doc_type

if TYPE_CHECKING:
    from ..documents import Document
    from ..store import KnownDocument


__all__ = ["DocumentReads"]


class DocumentReads(LibraryCore):
    """Attachments read as text, stored and indexed; attachments downloaded."""

    def cached_document(self, url: str) -> Loaded[Document] | None:
        """The stored text of the document at ``url`` (no network), or None."""
        stored = self._store.get_document(url)
        if stored is None:
            return None
        return Loaded(stored.value, "cache", stored.fetched_at)

    async def document(
        self,
        url: str,
        *,
        title: str | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Loaded[Document]:
        """The attachment at ``url`` read as text, stored and indexed for search.

        Fetched (conditionally when stored) with the attachment cap
        (``attachment_max_mb``); a copy kept by ``sync --attachments`` is read
        when the portal cannot be reached or offline.  ``title`` is the link's
        text; by default the text of the first stored article's link to it.

        Raises:
            DocumentError: the file cannot be shown as text (too large,
                encrypted, damaged, another format, pypdfium2 missing).
            FetchError: it could not be fetched and nothing is stored.
        """
        from ..errors import DocumentTooLarge, ResponseTooLarge

        stored = await asyncio.to_thread(self._store.get_document, url)
        if title is None:
            title, _ = await asyncio.to_thread(self._store.attachment_title, url)
        if self.config.offline:
            if stored is not None:
                return Loaded(stored.value, "cache", stored.fetched_at)
            synced = await self._read_synced(url, title, cancelled)
            if synced is None:
                raise OfflineMissError(url=url)
            return Loaded(synced, "cache", None)
        try:
            result = await self._conditional_get(
                url,
                stored,
                expect_html=False,
                max_bytes=self.config.attachment_max_bytes,
            )
        except ResponseTooLarge as exc:
            from ..documents import file_name

            raise DocumentTooLarge(
                name=file_name(url), limit=f"{self.config.attachment_max_mb:g}"
            ) from exc
        except FetchError as exc:
            if stored is not None:
                return Loaded(stored.value, "stale", stored.fetched_at, error=exc)
            synced = await self._read_synced(url, title, cancelled)
            if synced is None:
                raise
            return Loaded(synced, "stale", None, error=exc)
        if result.not_modified and stored is not None:
            return Loaded(stored.value, "network", stored.fetched_at)
        document = await self._read_bytes(result.content, url, title, cancelled)
        await asyncio.to_thread(
            self._save,
            lambda: self._store.put_document(
                url,
                document.to_dict(),
                etag=result.etag,
                last_modified=result.last_modified,
                fetched_at=result.fetched_at,
            ),
            None,
        )
        return Loaded(document, "network", result.fetched_at)

    async def _read_bytes(
        self,
        data: bytes,
        url: str,
        title: str | None,
        cancelled: Callable[[], bool] | None,
    ) -> Document:
        from ..documents import read_document

        return await asyncio.to_thread(
            read_document,
            data,
            url,
            title=title,
            max_mb=self.config.attachment_max_mb,
            cancelled=cancelled,
        )

    async def _read_synced(
        self, url: str, title: str | None, cancelled: Callable[[], bool] | None
    ) -> Document | None:
        from ..attachments import attachment_path

        path = attachment_path(self.config.data_dir, url)
        if not path.is_file():
            return None
        data = await asyncio.to_thread(path.read_bytes)
        return await self._read_bytes(data, url, title, cancelled)

    async def store_document_file(self, url: str, path: Path) -> bool:
        """Read a downloaded attachment and store its text (``sync --attachments``).

        Returns False, storing nothing, for a file that is not a readable PDF or
        DOCX (other formats, damaged files: the file itself is kept).
        """
        from ..errors import DocumentError

        if await asyncio.to_thread(self._store.get_document, url) is not None:
            return True
        title, _ = await asyncio.to_thread(self._store.attachment_title, url)
        try:
            data = await asyncio.to_thread(path.read_bytes)
            document = await self._read_bytes(data, url, title, None)
        except (DocumentError, OSError):
            return False
        await asyncio.to_thread(self._store.put_document, url, document.to_dict())
        return True

    def known_documents(self, doc_type: str | None = None) -> list[KnownDocument]:
        """Every known document, newest first; ``doc_type`` filters by the decree's
        code (``KH``) or the type's name (``Kế hoạch``, diacritics optional).

        Raises:
            UsageError: ``doc_type`` names no known type.
        """
        documents = self._store.known_documents()
        if doc_type is None or not doc_type.strip():
            return documents
        code, name = resolve_doc_type(doc_type)
        return [d for d in documents if (code and d.doc_type_code == code) or d.doc_type == name]

    async def download_attachment(self, url: str, folder: Path, name: str) -> Path:
        """Download the file at ``url`` into ``folder`` as ``name`` — or ``name-2`` …
        when a different file has that name: a file of the user's is never replaced.

        The same file saved again reuses the identical one already there.  The
        bytes land in a private temporary folder first, then the one writer
        (:func:`phuly_tui.user_files.save_file`) claims the name.

        Raises:
            DocumentTooLarge: the file is over ``attachment_max_mb`` (nothing is kept).
            FetchError: the download failed.
            SaveError: the folder or the file cannot be written.
        """
        import shutil
        import tempfile

        from ..errors import DocumentTooLarge, ResponseTooLarge
        from ..fetch.client import save_error
        from ..user_files import save_file

        await self.network_ready()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            partial = Path(tempfile.mkdtemp(dir=folder, prefix=".phuly-tui-"))
        except OSError as exc:
            raise save_error(folder / name, exc) from exc
        try:
            downloaded = await self._fetcher.download(
                url, partial / name, max_bytes=self.config.attachment_max_bytes
            )
            return await asyncio.to_thread(
                save_file, downloaded, folder, name, reuse_identical=True
            )
        except ResponseTooLarge as exc:
            from ..documents import file_name

            raise DocumentTooLarge(
                name=file_name(url), limit=f"{self.config.attachment_max_mb:g}"
            ) from exc
        except OSError as exc:
            raise save_error(folder / name, exc) from exc
        finally:
            shutil.rmtree(partial, ignore_errors=True)
