"""Reading a dialog's rows in a worker thread, failures said in its status line.

The bookmarks and the "Văn bản" view read their rows from the library in a
thread when they open; a store that cannot be read must not take the dialog
(or the app) down, so what goes wrong becomes the one line the dialog shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from ...errors import PhulyError
from ...i18n import t
from ..formatting import screen_line

__all__ = ["read_rows"]

log = logging.getLogger(__name__)

Row = TypeVar("Row")


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
