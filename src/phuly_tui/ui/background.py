"""Work off the event loop that never takes the app down.

Textual's default for a failing worker is to exit the app.  Here a failure
reaches the node's ``on_worker_state_changed`` instead (the panes forward it
to the main screen as :class:`~phuly_tui.ui.pane_messages.WorkFailed`), which
logs it and says so.  Store work — marking read, bookmarks, an export — runs
in a thread and reports its expected failures (a
:class:`~phuly_tui.errors.PhulyError`, a file that cannot be written) as a
notification.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from textual.worker import WorkerState

from ..errors import PhulyError
from .error_reports import notify_error
from .formatting import notify_plain

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.worker import Worker

__all__ = ["cancel_workers", "in_thread", "spawn"]


def spawn(node: DOMNode, work: Any, **options: Any) -> Worker[Any]:
    """``node.run_worker`` that never takes the app down (see the module docstring)."""
    return node.run_worker(work, exit_on_error=False, **options)


def in_thread(
    node: DOMNode, work: Callable[[], Any], done: Callable[[Any], None] | None = None
) -> None:
    """Run store work in a thread, then ``done(result)`` on the UI thread."""
    app = node.app

    def run() -> None:
        try:
            result = work()
        except PhulyError as exc:
            app.call_from_thread(notify_error, app, exc)
            return
        except OSError as exc:
            message = f"{exc.strerror or exc}: {exc.filename or ''}".strip(": ")
            app.call_from_thread(notify_plain, app, message, severity="error")
            return
        if done is not None:
            app.call_from_thread(done, result)

    spawn(node, run, thread=True, group="store")


def cancel_workers(node: DOMNode, groups: Collection[str]) -> bool:
    """Cancel the app's pending or running workers of ``groups`` (whichever node
    runs them); True when there was one."""
    cancelled = False
    for worker in list(node.workers):
        if worker.group in groups and worker.state in (WorkerState.PENDING, WorkerState.RUNNING):
            worker.cancel()
            cancelled = True
    return cancelled
