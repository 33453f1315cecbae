"""The log file, and the one crash logger of the app and the CLI.

Tracebacks never reach the terminal (they hold page text, and a terminal is
not a place for them); they go to ``phuly-tui.log`` in the log folder of
:func:`phuly_tui.paths.log_file`, a rotating file (the standard library's
:class:`logging.handlers.RotatingFileHandler`: at most :data:`MAX_BYTES` per
file, :data:`BACKUPS` old files kept).

:func:`install` attaches the handler to the ``phuly_tui`` logger at start (the
CLI does it for its subcommands and the app alike); it costs nothing until a
record is written — the folder is created and the file opened on the first
record, so a start that logs nothing touches no file.  :func:`log_crash`
writes an unexpected error and :func:`crash_message` says, in one line,
where its details went — or that nothing was written, when the log folder
cannot be written (a read-only home, a full disk): the message never names a
file that does not hold the details.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final

from .i18n import add_messages, t

__all__ = ["BACKUPS", "MAX_BYTES", "LogFile", "crash_message", "install", "log_crash"]

#: size at which the log file is rotated (``phuly-tui.log`` → ``phuly-tui.log.1``)
MAX_BYTES: Final = 1024 * 1024
#: rotated files kept beside the current one
BACKUPS: Final = 3
#: the logger every phuly_tui module logs under
LOGGER: Final = "phuly_tui"

add_messages(
    {
        "log.unexpected": (
            "Đã xảy ra lỗi không mong muốn ({error}); chi tiết ghi trong {path}",
            "Something unexpected went wrong ({error}); details were written to {path}",
        ),
        "log.unexpected_unlogged": (
            "Đã xảy ra lỗi không mong muốn ({error}); không ghi được tệp nhật ký "
            "({path}: {reason}) nên không có chi tiết nào được ghi lại",
            "Something unexpected went wrong ({error}); the log file could not be written "
            "({path}: {reason}), so no details were saved",
        ),
    }
)


def _default_path() -> Path:
    from .paths import log_file

    return log_file()


class LogFile(logging.Handler):
    """A rotating log file opened on the first record, never raising to the caller.

    ``path_of`` gives the file's path; it is asked again at each record, so a
    test (or a process) that changes the state folder gets a new file.
    ``failure`` holds the error of the last write that failed (None after a
    write that succeeded); nothing is ever printed about it.
    """

    def __init__(self, path_of: Callable[[], Path] = _default_path) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        self._path_of = path_of
        self._file: logging.Handler | None = None
        self._path: Path | None = None
        #: why the last record could not be written (None: it was written)
        self.failure: BaseException | None = None

    @property
    def path(self) -> Path:
        """Where records go (resolved now)."""
        return self._path_of()

    def _open(self, path: Path) -> logging.Handler:
        from logging.handlers import RotatingFileHandler

        owner = self

        class Rotating(RotatingFileHandler):
            def handleError(self, record: logging.LogRecord) -> None:
                # the standard handler prints a traceback to stderr: not here
                owner.failure = sys.exc_info()[1] or OSError("write failed")

        path.parent.mkdir(parents=True, exist_ok=True)
        handler = Rotating(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        handler.setFormatter(self.formatter)
        return handler

    def emit(self, record: logging.LogRecord) -> None:
        self.failure = None
        try:
            path = self.path
            if self._file is None or path != self._path:
                self.close_file()
                self._file = self._open(path)
                self._path = path
            self._file.handle(record)
        except Exception as exc:  # an unwritable folder must not become a second crash
            self.failure = exc
            self.close_file()

    def close_file(self) -> None:
        if self._file is not None:
            # what it still held could not be written: already said
            with contextlib.suppress(OSError):
                self._file.close()
        self._file = None
        self._path = None

    def close(self) -> None:
        self.close_file()
        super().close()


def install(path_of: Callable[[], Path] | None = None) -> LogFile:
    """The ``phuly_tui`` logger's file handler, attached once (idempotent).

    Records from INFO up are written.  The records still propagate (pytest's
    ``caplog`` sees them); since a handler is found, Python's last-resort
    handler no longer prints them to stderr — inside the app that would be
    drawn over the screen.
    """
    logger = logging.getLogger(LOGGER)
    for handler in logger.handlers:
        if isinstance(handler, LogFile):
            if path_of is not None:
                handler._path_of = path_of
            return handler
    handler = LogFile(path_of or _default_path)
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return handler


def log_crash(error: BaseException) -> LogFile:
    """Write ``error``'s traceback to the log file; the handler says if it worked.

    The one crash logger: the CLI's last line of defence, the app's fatal
    error and a worker that failed unexpectedly all come here.
    """
    handler = install()
    logging.getLogger(LOGGER).error(
        "unexpected error", exc_info=(type(error), error, error.__traceback__)
    )
    return handler


def crash_message(error: BaseException, handler: LogFile) -> str:
    """One line for the user: what happened and where the details are (or are not)."""
    name = type(error).__name__
    if handler.failure is None:
        return t("log.unexpected", error=name, path=str(handler.path))
    failure = handler.failure
    reason = (
        failure.strerror
        if isinstance(failure, OSError) and failure.strerror
        else type(failure).__name__
    )
    return t("log.unexpected_unlogged", error=name, path=str(handler.path), reason=reason)
