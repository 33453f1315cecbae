"""The portal snapshot bundled for ``phuly-tui --demo``, and how to look pages up in it.

The snapshot is one xz-compressed tar archive, ``data/portal.tar.xz``, laid out
like the portal copy it was built from (``urls.tsv`` plus ``site/…``), so
``tar xJf portal.tar.xz`` gives a folder any portal server can serve.  Next to
it, ``data/manifest.json`` records what went in (see :mod:`.build`).

Nothing here runs at import time: :func:`load_snapshot` decompresses the
archive (about 2 MB of pages, a few tens of milliseconds) only when the demo
server starts, because the app's start time is measured.

Lookup behaves like the portal's SharePoint front end: the exact request target
first, then the path case-insensitive and percent-decoded.
"""

from __future__ import annotations

import email.utils
import hashlib
import io
import json
import lzma
import tarfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final
from urllib.parse import unquote

from ..errors import PhulyError
from ..i18n import add_messages

__all__ = [
    "ARCHIVE_NAME",
    "MANIFEST_NAME",
    "DemoError",
    "Entry",
    "Snapshot",
    "load_snapshot",
    "read_archive",
]

#: file names inside the package folder ``phuly_tui/demo/data``
ARCHIVE_NAME: Final = "portal.tar.xz"
MANIFEST_NAME: Final = "manifest.json"
#: archive members: the URL table and the folder of files it points into
URLS_MEMBER: Final = "urls.tsv"
SITE_PREFIX: Final = "site/"

add_messages(
    {
        "demo.title": ("Chế độ thử", "Demo mode"),
        "demo.missing": (
            "Không tìm thấy bản sao cổng thông tin đi kèm ({name}). Hãy cài lại phuly-tui.",
            "The bundled portal snapshot ({name}) is missing. Reinstall phuly-tui.",
        ),
        "demo.corrupt": (
            "Bản sao cổng thông tin đi kèm bị hỏng ({reason}). Hãy cài lại phuly-tui.",
            "The bundled portal snapshot is damaged ({reason}). Reinstall phuly-tui.",
        ),
        "demo.cannot_listen": (
            "Không mở được máy chủ thử trên 127.0.0.1: {reason}",
            "Cannot start the demo server on 127.0.0.1: {reason}",
        ),
    }
)


class DemoError(PhulyError):
    """The demo cannot run: the snapshot is missing or damaged, or no port is free."""

    title_key = "demo.title"
    message_key = "demo.corrupt"


@dataclass(frozen=True, slots=True)
class Entry:
    """One answer of the snapshot, ready to send.

    ``etag`` is a quoted SharePoint-style tag (``"{GUID},N"``, commas included)
    derived from the body, so it changes exactly when the content does;
    ``last_modified`` is an HTTP date.
    """

    body: bytes
    content_type: str
    status: int
    etag: str
    last_modified: str

    @property
    def modified_at(self) -> float:
        """``last_modified`` as a POSIX timestamp (for If-Modified-Since)."""
        return email.utils.parsedate_to_datetime(self.last_modified).timestamp()

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


def fold_target(target: str) -> str:
    """The key of SharePoint's lenient lookup: path lower-cased and percent-decoded.

    The query is percent-decoded but keeps its case (``?Page=2``).
    """
    path, sep, query = target.partition("?")
    return unquote(path).lower() + sep + unquote(query)


def sharepoint_etag(body: bytes) -> str:
    """A SharePoint-looking strong ETag for ``body``: ``"{8-4-4-4-12},N"``."""
    digest = hashlib.blake2b(body, digest_size=16).hexdigest().upper()
    version = 1 + int(digest[:2], 16) % 9
    guid = f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    return f'"{{{guid}}},{version}"'


class Snapshot:
    """The pages of the bundled portal copy, by request target.

    Several targets may share one :class:`Entry` (``/`` and
    ``/Pages/Default.aspx``; ``?Page=1`` and the bare listing URL).
    """

    def __init__(self, entries: Mapping[str, Entry], manifest: Mapping[str, Any]) -> None:
        self._exact = dict(entries)
        self._folded: dict[str, Entry] = {}
        for target, entry in self._exact.items():
            self._folded.setdefault(fold_target(target), entry)
        self.manifest: Mapping[str, Any] = manifest

    def lookup(self, target: str) -> Entry | None:
        """The entry for a request target (path + query), or None for a 404."""
        return self._exact.get(target) or self._folded.get(fold_target(target))

    def targets(self) -> list[str]:
        """Every request target, in the order of the snapshot's ``urls.tsv``."""
        return list(self._exact)

    def __len__(self) -> int:
        return len(self._exact)

    def __iter__(self) -> Iterator[str]:
        return iter(self._exact)


def read_archive(archive: bytes, manifest: Mapping[str, Any] | None = None) -> Snapshot:
    """Build a :class:`Snapshot` from the bytes of a ``portal.tar.xz``.

    Raises:
        DemoError: the archive cannot be decompressed or is not laid out as expected.
    """
    try:
        raw = lzma.decompress(archive)
        files: dict[str, tuple[bytes, float]] = {}
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as tar:
            for member in tar:
                if not member.isfile():
                    continue
                handle = tar.extractfile(member)
                if handle is None:  # pragma: no cover - isfile() members always have data
                    continue
                files[member.name] = (handle.read(), float(member.mtime))
        table = files.pop(URLS_MEMBER)[0].decode("utf-8")
        entries: dict[str, Entry] = {}
        shared: dict[str, Entry] = {}
        for line in table.splitlines():
            if not line.strip():
                continue
            target, name, content_type, status = line.split("\t")
            key = f"{name}\t{content_type}\t{status}"
            if key not in shared:
                body, mtime = files[SITE_PREFIX + name]
                shared[key] = Entry(
                    body=body,
                    content_type=content_type,
                    status=int(status),
                    etag=sharepoint_etag(body),
                    last_modified=email.utils.formatdate(mtime, usegmt=True),
                )
            entries[target] = shared[key]
    except (lzma.LZMAError, tarfile.TarError, KeyError, ValueError, UnicodeDecodeError) as exc:
        raise DemoError("demo.corrupt", reason=f"{type(exc).__name__}: {exc}") from exc
    return Snapshot(entries, manifest or {})


def load_snapshot() -> Snapshot:
    """The snapshot bundled in the package (``phuly_tui/demo/data``).

    Raises:
        DemoError: the data files are missing or damaged.
    """
    data = resources.files("phuly_tui.demo").joinpath("data")
    try:
        archive = data.joinpath(ARCHIVE_NAME).read_bytes()
    except OSError as exc:
        raise DemoError("demo.missing", name=ARCHIVE_NAME) from exc
    try:
        manifest: dict[str, Any] = json.loads(data.joinpath(MANIFEST_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        manifest = {}  # the manifest documents the build; serving works without it
    return read_archive(archive, manifest)
