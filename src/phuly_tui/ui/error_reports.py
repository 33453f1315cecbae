"""How the app tells people that something went wrong — the same way from every pane.

A :class:`~phuly_tui.errors.PhulyError` carries a title and a Vietnamese (or
English) message: it becomes a titled notification and, in the pane that
waited for it, the message with what to do ("… — thử lại: r").  Anything else
is a bug: it is logged with its traceback by the one crash logger
(:mod:`phuly_tui.logs`) and said in one line; no traceback reaches the screen.
Plain functions of the app, so a pane, an action and the screen report alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import t
from . import messages as _messages  # noqa: F401  (registers the labels)
from .formatting import notify_plain

if TYPE_CHECKING:
    from textual.app import App

    from ..errors import PhulyError

__all__ = ["error_text", "notify_error", "report_failure", "report_unexpected"]


def error_text(exc: PhulyError) -> str:
    """The message for a pane, with "thử lại: r" when retrying may help."""
    if getattr(exc, "transient", False):
        return t("ui.error.in_pane", message=exc.message, hint=t("error.retry_hint"))
    return exc.message


def notify_error(app: App[Any], exc: PhulyError) -> None:
    """``exc`` as a notification titled with the error's title (plain text)."""
    notify_plain(app, exc.message, title=exc.title, severity="error")


def report_unexpected(app: App[Any], exc: BaseException) -> str:
    """Log ``exc`` and say where its details are — or that none were written,
    when the log folder cannot be written.  Returns the message said, for a
    pane that waited for the work that failed."""
    from ..logs import crash_message, log_crash

    message = crash_message(exc, log_crash(exc))
    notify_plain(app, message, title=t("error.title.generic"), severity="error")
    return message


def report_failure(app: App[Any], exc: BaseException) -> None:
    """A failure no one caught: said when it is a :class:`PhulyError`, else a bug
    (:func:`report_unexpected`)."""
    from ..errors import PhulyError

    if isinstance(exc, PhulyError):
        notify_error(app, exc)
    else:
        report_unexpected(app, exc)
