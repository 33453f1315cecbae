"""The exit codes of ``phuly-tui`` (the README's table) and which error gives which.

0 success (also when a stored copy or an Internet Archive capture was shown
because the portal failed, and when a pipe's reader went away), 1 unexpected
error, 2 bad usage (a bad setting too), 3 network or server error, 4 not
found, 5 store or I/O error (a store or an output that cannot be written),
130 Ctrl+C.
"""

from __future__ import annotations

from typing import Final

from ..errors import (
    ConfigError,
    DocumentError,
    FetchError,
    NoSuchPageError,
    NotAnArticleError,
    NotFoundError,
    OfflineMissError,
    ParseError,
    PhulyError,
    StoreError,
    UnknownSectionError,
    UsageError,
)

__all__ = [
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_NETWORK",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_STORE",
    "EXIT_USAGE",
    "exit_code",
]

EXIT_OK: Final = 0
EXIT_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_NETWORK: Final = 3
EXIT_NOT_FOUND: Final = 4
EXIT_STORE: Final = 5
EXIT_INTERRUPTED: Final = 130

_NOT_FOUND: Final = (
    NotFoundError,
    UnknownSectionError,
    OfflineMissError,
    NoSuchPageError,
    NotAnArticleError,
    ParseError,
    DocumentError,
)


def exit_code(error: PhulyError) -> int:
    """The exit code a known error ends the command with."""
    if isinstance(error, _NOT_FOUND):
        return EXIT_NOT_FOUND
    if isinstance(error, FetchError):
        return EXIT_NETWORK
    if isinstance(error, StoreError):
        return EXIT_STORE
    if isinstance(error, UsageError | ConfigError):
        return EXIT_USAGE
    return EXIT_ERROR
