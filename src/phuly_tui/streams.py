"""The standard streams, made safe for what phuly-tui prints to them.

Two kinds of machine break plain ``print``:

* **An output encoding that is not UTF-8** (``LC_ALL=C PYTHONUTF8=0``,
  ``PYTHONIOENCODING=ascii``, a Latin-1 locale).  Vietnamese text cannot be
  encoded and Python raises ``UnicodeEncodeError`` — in ``--help``, in every
  listing.  :func:`prepare_standard_streams` gives such streams the
  ``phuly-unaccent`` error handler: what the encoding cannot hold is written
  without its marks (:func:`phuly_tui.text.unaccent`: ``Phủ Lý`` → ``Phu Ly``,
  ``đ`` → ``d``), typographic punctuation as its ASCII look-alike (``—`` →
  ``-``), anything else as ``?``.  Output degrades; it never fails.  JSON is
  printed with ``\\u`` escapes there instead (:func:`writes_unicode`), so it
  stays exact.
* **A missing stdout** (``phuly-tui list >&-``): Python then sets
  ``sys.stdout`` to None.  It is replaced by :class:`ClosedOutput`, whose
  writes raise ``OSError(EBADF)`` — the CLI reports that like any failed write
  (a full disk), instead of an ``AttributeError`` deep inside Rich.  After a
  failed write :func:`discard` keeps the exit quiet.

Everything the CLI prints goes through two functions here: :func:`write_out`
(stdout, ``--help`` and ``--version`` included: a failure raises ``OSError``
at once, which the CLI reports as exit 5 — argparse's own printing would
swallow it and exit 0) and :func:`tell` (one line on stderr; when stderr is
closed or full the line is dropped and the exit code still says what
happened — stderr is where a failure would be reported, so its own failure
has nowhere to go).

The Textual app draws box characters and cannot degrade; it refuses to start
on a stream :func:`writes_unicode` rejects (the CLI says so in one line).
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import sys
import unicodedata
from typing import Final, TextIO

from .text import unaccent

__all__ = [
    "UNACCENT_ERRORS",
    "ClosedOutput",
    "degrade",
    "discard",
    "prepare_standard_streams",
    "tell",
    "write_out",
    "writes_unicode",
]

#: the codec error handler registered by this module (usable in ``str.encode``)
UNACCENT_ERRORS: Final = "phuly-unaccent"

#: punctuation phuly-tui itself prints (and pages use) that has a plain look-alike
_LOOK_ALIKES: Final = str.maketrans(
    {
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2212": "-",  # minus sign
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2026": "...",
        "\u00a0": " ",
        "\u2022": "*",
    }
)


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True


def _replacement(char: str, encoding: str) -> str:
    """What one character the encoding cannot hold is written as."""
    if unicodedata.combining(char):
        return ""  # a mark of decomposed text: its base letter was written already
    plain = unaccent(char).translate(_LOOK_ALIKES)
    return plain if plain != char and _encodes(plain, encoding) else "?"


def _unaccent_errors(error: UnicodeError) -> tuple[str, int]:
    """The ``phuly-unaccent`` codec error handler (encoding only)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    piece = error.object[error.start : error.end]
    return "".join(_replacement(c, error.encoding) for c in piece), error.end


codecs.register_error(UNACCENT_ERRORS, _unaccent_errors)


def degrade(text: str, encoding: str) -> str:
    """``text`` as a stream in ``encoding`` with the ``phuly-unaccent`` handler
    writes it: ``degrade("Phủ Lý — Đảng", "ascii") == "Phu Ly - Dang"``."""
    return text.encode(encoding, UNACCENT_ERRORS).decode(encoding)


def writes_unicode(stream: TextIO | None) -> bool:
    """True when ``stream`` can encode every character (a UTF encoding)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith("utf") and name != "utf-7"


class ClosedOutput(io.TextIOBase):
    """Stands in for a standard stream whose file descriptor was closed at start.

    Every write raises ``OSError(EBADF)`` — the same error writing to a closed
    descriptor gives — so the caller reports it as a failed write.
    """

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def prepare_standard_streams() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` safe to print to (see the module doc).

    Idempotent; streams that already encode Unicode are left as they are.
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, ClosedOutput())
            continue
        if isinstance(stream, io.TextIOWrapper) and not writes_unicode(stream):
            stream.reconfigure(errors=UNACCENT_ERRORS)


def discard(stream: TextIO) -> None:
    """Point ``stream``'s file descriptor at the null device.

    After a write failed (the reader of a pipe went away, the disk is full),
    whatever is still buffered would fail again when Python flushes at exit —
    an "Exception ignored" message and exit code 120.  Python's documentation
    recommends this for ``SIGPIPE``; a stream without a descriptor (a test's
    capture, :class:`ClosedOutput`) is left alone.
    """
    with contextlib.suppress(AttributeError, OSError, ValueError):
        descriptor = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, descriptor)
        finally:
            os.close(devnull)


def write_out(text: str) -> None:
    """Write ``text`` to stdout and flush it now.

    A closed stdout, a full disk or a pipe whose reader went away raise here
    (``OSError``, ``BrokenPipeError``), inside the command, where the CLI turns
    them into one line and exit 5 (0 for the pipe) — not at exit, and never
    swallowed as argparse's own ``--help`` printing does.
    """
    sys.stdout.write(text)
    sys.stdout.flush()


def tell(text: str) -> None:
    """Write one line to stderr; a line that cannot be written is dropped.

    stderr is where phuly-tui reports failures, so its own failure (closed
    with ``2>&-``, a full disk) has nowhere to be reported: the line is lost,
    the descriptor is pointed at the null device so the exit stays quiet, and
    the exit code still says what happened.
    """
    stream = sys.stderr
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):  # ValueError: a stream closed under us
        discard(stream)
