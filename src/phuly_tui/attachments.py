"""Where downloaded attachments live, named safely from their URLs.

``sync --attachments`` keeps copies under ``<data dir>/attachments/`` (so they
can be opened offline); the app saves a file the user asks for into the
downloads folder.  Names come from the URL's last path segment, percent-decoded,
with anything that could climb out of the folder or upset a file system
replaced.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Final

from .urls import decoded_file_name

__all__ = ["attachment_path", "safe_file_name"]

_UNSAFE: Final = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def safe_file_name(url: str, *, max_length: int = 120) -> str:
    """A file name for ``url``: its last segment, decoded and cleaned
    (:func:`~phuly_tui.urls.decoded_file_name`: no control or bidi character),
    without characters that are unsafe in a path."""
    name = decoded_file_name(url).strip(".")
    name = _UNSAFE.sub("_", name)
    if not name:
        name = "tep-dinh-kem"
    if len(name) > max_length:
        stem, dot, ext = name.rpartition(".")
        if dot and len(ext) <= 8:
            name = stem[: max_length - len(ext) - 1] + "." + ext
        else:
            name = name[:max_length]
    return name


def attachment_path(data_dir: Path, url: str) -> Path:
    """Stable location of an attachment in the store's folder.

    A short hash of the full URL keeps two files of the same name apart.
    """
    digest = hashlib.sha1(url.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
    return data_dir / "attachments" / digest / safe_file_name(url)
