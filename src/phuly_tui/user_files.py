"""The one writer of files the user owns: exports and saved attachments.

A file the user owns is never overwritten.  Every file phuly-tui writes for
the user (``phuly-tui export``, ``e``/``E`` in the app, an attachment saved
from the app) goes through this module:

* :func:`save_bytes` and :func:`save_file` put a file into a folder under the
  name asked for or, when that is taken, the first free ``name-2.ext``,
  ``name-3.ext`` …  A name is claimed atomically — created with ``O_EXCL``
  (``open(…, "x")``) or hard-linked into place, both of which fail when the
  name exists — so a file appearing between a check and the write (another
  phuly-tui, a browser download, an attacker's symlink) is never clobbered.
* :func:`write_to` writes an exact path the user named (``export -o FILE``):
  refused with :class:`FileExistsError` when something is there, unless the
  caller passes ``overwrite=True`` because the user asked for it explicitly
  (``--overwrite``); then the new content replaces the file in one rename.

Files the program owns (the store, ``sync --attachments`` copies under the data
folder, the log) are not written here.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final

__all__ = ["MAX_TRIES", "candidate_names", "save_bytes", "save_file", "write_to"]

#: how many numbered names are tried before giving up (``name-2`` … ``name-999``)
MAX_TRIES: Final = 999


def candidate_names(name: str) -> Iterator[str]:
    """``report.md``, ``report-2.md``, ``report-3.md`` … (the extension kept last).

    The ``-N`` suffix (not `` (N)``) keeps export names free of spaces, as the
    slugged titles are, so they stay easy to type in a shell.
    """
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:  # no extension, or a dot-file such as ".bashrc"
        stem, dot, ext = name, "", ""
    yield name
    for n in range(2, MAX_TRIES + 1):
        yield f"{stem}-{n}{dot}{ext}"


def _claim(folder: Path, name: str, create: Callable[[Path], None]) -> Path:
    """The path ``create`` managed to claim in ``folder``, trying free names in turn.

    ``create(path)`` must raise :class:`FileExistsError` when ``path`` exists
    and must never replace it; returning means ``path`` is the answer.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for candidate in candidate_names(name):
        path = folder / candidate
        try:
            create(path)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free file name for {name} in {folder}")


def _write_exclusive(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``; FileExistsError if anything is there."""
    with path.open("xb") as handle:  # O_CREAT | O_EXCL: a dangling symlink counts too
        try:
            handle.write(data)
        except BaseException:
            handle.close()
            path.unlink(missing_ok=True)  # ours: created a moment ago
            raise


def save_bytes(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` as a new file in ``folder``: ``name``, else a free ``name-N``."""
    return _claim(folder, name, lambda path: _write_exclusive(path, data))


def _same_content(a: Path, b: Path) -> bool:
    import filecmp

    try:
        return b.is_file() and not b.is_symlink() and filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def save_file(source: Path, folder: Path, name: str, *, reuse_identical: bool = False) -> Path:
    """Move the finished file ``source`` into ``folder`` under a free name.

    The file is hard-linked into place (atomic, and it fails on an existing
    name); where links are not supported it is copied into a file created
    with ``O_EXCL``.  ``source`` is removed afterwards.  With
    ``reuse_identical`` an existing file holding exactly the same bytes is
    returned instead of a new ``name-N`` copy (the same attachment saved
    twice).
    """

    def place(path: Path) -> None:
        if reuse_identical and _same_content(source, path):
            return
        try:
            os.link(source, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (FAT, some network shares): copy
            with source.open("rb") as data, path.open("xb") as handle:
                try:
                    shutil.copyfileobj(data, handle)
                except BaseException:
                    handle.close()
                    path.unlink(missing_ok=True)
                    raise

    try:
        return _claim(folder, name, place)
    finally:
        source.unlink(missing_ok=True)


def write_to(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to exactly ``path`` (a file the user named).

    Raises :class:`FileExistsError` when ``path`` exists, unless
    ``overwrite``: then the content is written beside it and renamed over it
    in one step (a reader never sees half a file; a symlink at ``path`` is
    replaced, not followed).  Only a regular file or a symlink is ever
    replaced — :class:`IsADirectoryError` / :class:`FileExistsError` for
    anything else.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if not overwrite:
        _write_exclusive(path, data)
        return path
    if path.is_dir():
        raise IsADirectoryError(str(path))
    if path.exists() and not path.is_symlink() and not path.is_file():
        raise FileExistsError(f"{path} is not a regular file")
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return path
