"""A dialog whose rows are read in a worker thread, failures said in its status line.

The bookmarks and the "Văn bản" view read their rows from the library in a
thread when they open; a store that cannot be read must not take the dialog
(or the app) down, so what goes wrong becomes the one line the dialog shows.
:class:`RowsDialog` is what the two share (the loading, the status line,
Escape); :func:`read_rows` the reading.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.worker import Worker, WorkerState

from ...errors import PhulyError
from ...i18n import t
from ..formatting import screen_line

__all__ = ["RowsDialog", "read_rows"]

log = logging.getLogger(__name__)

Row = TypeVar("Row")
Result = TypeVar("Result")


def read_rows(source: Callable[[], Sequence[Row]], failed_key: str) -> list[Row] | str:
    """``source()`` as a list, or the message ``failed_key`` (with ``{error}``) when it
    fails: never raises.  An unexpected failure is logged with its traceback."""
    try:
        return list(source())
    except PhulyError as exc:
        error = exc.message
    except Exception as exc:
        log.exception("reading the rows of a dialog failed (%s)", failed_key)
        error = type(exc).__name__
    return t(failed_key, error=screen_line(error))


class RowsDialog(ModalScreen[Result | None], Generic[Row, Result]):
    """A dialog listing rows given, or read by a callable in a thread when it opens.

    A subclass names itself in :attr:`NAME` — its widgets are ``#NAME-list``
    (an ``OptionList``) and ``#NAME-status`` (a ``Static``), its messages
    ``NAME.loading`` and ``NAME.failed`` — shows the rows in :meth:`_fill`, and
    calls ``localize_bindings`` in its own ``__init__`` (its keys are its own).
    A worker of the dialog that returns a string has it said in the status line.
    """

    NAME: ClassVar[str]

    def __init__(self, source: Sequence[Row] | Callable[[], Sequence[Row]]) -> None:
        super().__init__()
        self._source = source

    def on_mount(self) -> None:
        self.query_one(f"#{self.NAME}-list", OptionList).focus()
        if callable(self._source):
            self._status(t(f"{self.NAME}.loading"))
            self.run_worker(self._load, name=self.NAME, thread=True, exit_on_error=False)
        else:
            self._fill(list(self._source))

    def _load(self) -> list[Row] | str:
        """The loading worker: the list, or a message for the status line (never raises)."""
        assert callable(self._source)
        return read_rows(self._source, f"{self.NAME}.failed")

    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.SUCCESS:
            return
        result = event.worker.result
        if isinstance(result, str):
            self._status(result)
        elif isinstance(result, list):
            self._fill(result)

    def _fill(self, rows: list[Row]) -> None:
        raise NotImplementedError

    def _status(self, message: str) -> None:
        status = self.query_one(f"#{self.NAME}-status", Static)
        status.update(Text(message, end=""))
        status.display = bool(message)

    def action_close(self) -> None:
        self.dismiss(None)
