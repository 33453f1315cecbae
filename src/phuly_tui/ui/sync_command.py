"""The command palette's "Đồng bộ": ``phuly-tui sync`` inside the app.

Two listing pages of every section and their articles, fetched for offline
reading, with the progress in the status line and the outcome in a
notification; the sections' unread counts are recounted afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import PhulyError
from ..i18n import t
from .error_reports import notify_error
from .formatting import notify_plain
from .startup import count_unread_soon

if TYPE_CHECKING:
    from ..library import Library, SyncProgress
    from .widgets.section_list import SectionList
    from .widgets.status_bar import StatusBar

__all__ = ["sync_store"]


async def sync_store(library: Library, status: StatusBar, sections: SectionList) -> None:
    """Sync the store (see the module docstring); run it in a worker."""
    app = status.app

    def progress(step: SyncProgress) -> None:
        status.set_activity(t("ui.sync.progress", done=step.done, total=step.total))

    try:
        report = await library.sync(on_progress=progress)
    except PhulyError as exc:
        notify_error(app, exc)
        return
    finally:
        status.set_activity(None)
    notify_plain(
        app,
        t(
            "ui.sync.done",
            new=report.new,
            updated=report.updated,
            unchanged=report.unchanged,
            failed=report.failed,
        ),
        title=t("ui.sync.title"),
        severity="warning" if report.failed else "information",
    )
    count_unread_soon(sections, library)
